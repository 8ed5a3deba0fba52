// The PDF writer: a well-formed file (cross-reference offsets, trailer), JPEG images embedded as they are,
// and pages that a PDF renderer draws.

#include "report/canvas.h"
#include "report/pdfdocument.h"
#include "report/reviewreport.h"

#include "fixtures/modelbuilder.h"
#include "reportfixtures.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace qs;

TEST_CASE("The PDF writer lays out objects, xref and trailer that point at each other", "[pdf]") {
    PdfDocument pdf;
    PdfCanvas first(pdf, pdf.addPage());
    first.text(72, 72, "first page", TextStyle{});
    PdfCanvas second(pdf, pdf.addPage());
    second.line(0, 0, 100, 100, 0x000000, 1.0);
    pdf.setInfo("A (title)", "Quantscope");
    const std::string bytes = pdf.bytes();
    std::string problem;
    // catalog, pages, 2 fonts, resources, info, 2 x (page + contents)
    CHECK(qs::test::checkPdfStructure(bytes, problem) == 10);
    INFO(problem);
    CHECK(problem.empty());
    CHECK(bytes.find("/Count 2") != std::string::npos);
    CHECK(bytes.find("/BaseFont /Helvetica /Encoding /WinAnsiEncoding") != std::string::npos);
    CHECK(bytes.find("/Title (A \\(title\\))") != std::string::npos);
    CHECK(bytes.find("/MediaBox [0 0 595.28 841.89]") != std::string::npos);
}

TEST_CASE("JPEG images are embedded unchanged as DCTDecode XObjects", "[pdf]") {
    const std::string jpeg = qs::test::demoThumbnail();
    REQUIRE(!jpeg.empty());
    const std::optional<JpegInfo> info = readJpegInfo(jpeg);
    REQUIRE(info);
    CHECK(info->width == 96); // demo images are 28x28, scaled to 96 px
    CHECK(info->height == 96);
    CHECK(info->components == 1);
    CHECK(!readJpegInfo("not a jpeg"));
    CHECK(!readJpegInfo(jpeg.substr(0, 20)));

    PdfDocument pdf;
    PdfCanvas canvas(pdf, pdf.addPage());
    canvas.jpegImage(10, 10, 48, 48, jpeg);
    canvas.jpegImage(70, 10, 48, 48, jpeg); // the same bytes share one object
    CHECK(pdf.addJpegImage("garbage").empty());
    const std::string bytes = pdf.bytes();
    std::string problem;
    CHECK(qs::test::checkPdfStructure(bytes, problem) == 9);
    CHECK(bytes.find("/Subtype /Image /Width 96 /Height 96 /ColorSpace /DeviceGray /BitsPerComponent 8 "
                     "/Filter /DCTDecode /Length " +
                     std::to_string(jpeg.size())) != std::string::npos);
    CHECK(bytes.find(jpeg) != std::string::npos);
    CHECK(bytes.find("/Im2") == std::string::npos);
}

TEST_CASE("The review report PDF is well formed and renders with visible content", "[pdf][report]") {
    const ReviewReport report = qs::test::sampleReviewReport();
    const std::string bytes = reviewReportPdf(report);
    std::string problem;
    const size_t objects = qs::test::checkPdfStructure(bytes, problem);
    INFO(problem);
    CHECK(objects > 8);
    CHECK(bytes.find("/Filter /DCTDecode") != std::string::npos);
    // The hostile layer name is in a PDF string with its parentheses escaped.
    CHECK(bytes.find("(<script>alert\\(\"x\"\\)") != std::string::npos);

    qs::test::TempDir dir;
    const std::string path = dir.file("report.pdf");
    std::ofstream(path, std::ios::binary) << bytes;
    if (!qs::test::programAvailable("pdftoppm")) {
        WARN("pdftoppm (poppler-utils) is not installed: the PDF was checked for structure only");
        return;
    }
    int width = 0;
    int height = 0;
    const std::vector<unsigned char> pixels = qs::test::renderPdfPageGray(path, 1, 40, width, height);
    REQUIRE(!pixels.empty());
    CHECK(width == Approx(595.28 * 40 / 72).margin(1));
    CHECK(height == Approx(841.89 * 40 / 72).margin(1));
    size_t dark = 0;
    size_t darkTopQuarter = 0;
    for (size_t i = 0; i < pixels.size(); ++i) {
        if (pixels[i] < 160) {
            ++dark;
            if (i / size_t(width) < size_t(height) / 4)
                ++darkTopQuarter;
        }
    }
    // Text and charts: far from blank, far from black.
    CHECK(dark > pixels.size() / 200);
    CHECK(dark < pixels.size() / 2);
    CHECK(darkTopQuarter > 0);
}
