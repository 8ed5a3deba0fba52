#pragma once
// A minimal PDF 1.4 writer for the review report: A4 pages whose content streams PdfCanvas fills, the base-14
// fonts Helvetica (/F1) and Helvetica-Bold (/F2) in the WinAnsi encoding, and JPEG images embedded as they
// are (/DCTDecode image XObjects). bytes() lays out the objects, the cross-reference table and the trailer.
//
//     PdfDocument pdf;
//     PdfCanvas canvas(pdf, pdf.addPage());
//     canvas.text(72, 72, "Hello", TextStyle{});
//     writeFileAtomically("out.pdf", pdf.bytes());

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace qs {

/// Width, height and colour components of a baseline or progressive JPEG, read from its frame header.
struct JpegInfo {
    int width = 0;
    int height = 0;
    int components = 0; ///< 1 gray, 3 YCbCr (RGB), 4 CMYK
};

/// The frame header of `bytes`; nullopt when it is not a JPEG or its header is cut short.
std::optional<JpegInfo> readJpegInfo(const std::string& bytes);

class PdfDocument {
public:
    static constexpr double kA4WidthPt = 595.28;
    static constexpr double kA4HeightPt = 841.89;

    double pageWidth() const { return kA4WidthPt; }
    double pageHeight() const { return kA4HeightPt; }

    /// Appends an empty page and returns its index.
    size_t addPage();
    size_t pageCount() const { return pages_.size(); }
    /// The content stream of page `index` (PDF operators, appended to by PdfCanvas).
    std::string& pageContent(size_t index) { return pages_.at(index); }

    /// Registers a JPEG image and returns its resource name ("Im1", ...) for the Do operator; the same bytes
    /// registered twice share one object. An empty name when `jpegBytes` is not a JPEG readJpegInfo reads.
    std::string addJpegImage(const std::string& jpegBytes);

    /// The document information dictionary's /Title and /Producer (any text; written as WinAnsi).
    void setInfo(const std::string& title, const std::string& producer);

    /// The whole file.
    std::string bytes() const;

private:
    struct Image {
        std::string bytes;
        JpegInfo info;
    };
    std::vector<std::string> pages_;
    std::vector<Image> images_;
    std::string title_;
    std::string producer_;
};

} // namespace qs
