#include "report/pdfdocument.h"

#include "report/canvas.h"

#include <cstdio>

namespace qs {

namespace {

std::string pdfText(const std::string& utf8) {
    std::string out = "(";
    for (char c : toWinAnsi(utf8)) {
        if (c == '(' || c == ')' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + ")";
}

std::string stream(const std::string& dictionary, const std::string& data) {
    return "<< " + dictionary + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
           "\nendstream";
}

} // namespace

std::optional<JpegInfo> readJpegInfo(const std::string& bytes) {
    const auto at = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
    if (bytes.size() < 4 || at(0) != 0xFF || at(1) != 0xD8)
        return std::nullopt;
    size_t position = 2;
    while (position + 4 <= bytes.size()) {
        if (at(position) != 0xFF)
            return std::nullopt;
        const unsigned char marker = at(position + 1);
        if (marker == 0xFF) {
            ++position;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            position += 2;
            continue;
        }
        const size_t length = (size_t(at(position + 2)) << 8) | at(position + 3);
        const bool frameHeader =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frameHeader) {
            if (position + 10 > bytes.size() || length < 8)
                return std::nullopt;
            JpegInfo info;
            info.height = (int(at(position + 5)) << 8) | at(position + 6);
            info.width = (int(at(position + 7)) << 8) | at(position + 8);
            info.components = at(position + 9);
            if (info.width <= 0 || info.height <= 0 ||
                (info.components != 1 && info.components != 3 && info.components != 4))
                return std::nullopt;
            return info;
        }
        if (marker == 0xD9 || length < 2)
            return std::nullopt;
        position += 2 + length;
    }
    return std::nullopt;
}

size_t PdfDocument::addPage() {
    pages_.emplace_back();
    return pages_.size() - 1;
}

std::string PdfDocument::addJpegImage(const std::string& jpegBytes) {
    for (size_t i = 0; i < images_.size(); ++i)
        if (images_[i].bytes == jpegBytes)
            return "Im" + std::to_string(i + 1);
    const std::optional<JpegInfo> info = readJpegInfo(jpegBytes);
    if (!info)
        return "";
    images_.push_back({jpegBytes, *info});
    return "Im" + std::to_string(images_.size());
}

void PdfDocument::setInfo(const std::string& title, const std::string& producer) {
    title_ = title;
    producer_ = producer;
}

std::string PdfDocument::bytes() const {
    // Objects: 1 catalog, 2 page tree, 3-4 fonts, 5 shared resources, 6 info, then the images, then each
    // page followed by its content stream.
    const size_t firstImage = 7;
    const size_t firstPage = firstImage + images_.size();
    std::vector<std::string> objects;
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    std::string kids;
    for (size_t i = 0; i < pages_.size(); ++i)
        kids += (i ? " " : "") + std::to_string(firstPage + 2 * i) + " 0 R";
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages_.size()) + " >>");
    objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    objects.push_back(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
    std::string xobjects;
    for (size_t i = 0; i < images_.size(); ++i)
        xobjects += " /Im" + std::to_string(i + 1) + " " + std::to_string(firstImage + i) + " 0 R";
    objects.push_back("<< /Font << /F1 3 0 R /F2 4 0 R >> /XObject <<" + xobjects +
                      " >> /ProcSet [/PDF /Text /ImageB /ImageC] >>");
    objects.push_back("<< /Title " + pdfText(title_) + " /Producer " + pdfText(producer_) + " >>");
    for (const Image& image : images_) {
        const char* space = image.info.components == 1   ? "/DeviceGray"
                            : image.info.components == 4 ? "/DeviceCMYK"
                                                         : "/DeviceRGB";
        std::string dictionary = "/Type /XObject /Subtype /Image /Width " + std::to_string(image.info.width) +
                                 " /Height " + std::to_string(image.info.height) + " /ColorSpace " + space +
                                 " /BitsPerComponent 8 /Filter /DCTDecode";
        if (image.info.components == 4)
            dictionary += " /Decode [1 0 1 0 1 0 1 0]";
        objects.push_back(stream(dictionary, image.bytes));
    }
    char mediaBox[64];
    std::snprintf(mediaBox, sizeof mediaBox, "[0 0 %.2f %.2f]", kA4WidthPt, kA4HeightPt);
    for (size_t i = 0; i < pages_.size(); ++i) {
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(mediaBox) +
                          " /Resources 5 0 R /Contents " + std::to_string(firstPage + 2 * i + 1) + " 0 R >>");
        objects.push_back(stream("", pages_[i]));
    }

    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t offset : offsets) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
        out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

} // namespace qs
