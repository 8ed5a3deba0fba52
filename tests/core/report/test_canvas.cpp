// The drawing layer: Helvetica metrics, WinAnsi conversion, text fitting and the two backends' output.

#include "report/canvas.h"
#include "report/pdfdocument.h"

#include <catch2/catch.hpp>

using namespace qs;

TEST_CASE("Text is measured with the Helvetica AFM widths", "[report]") {
    // H 722, e 556, l 222, l 222, o 556 = 2278 units.
    CHECK(textWidth("Hello", 10.0) == Approx(22.78));
    CHECK(textWidth("", 10.0) == 0.0);
    // W 944, i 222 at 1000 pt: the units themselves.
    CHECK(textWidth("Wi", 1000.0) == Approx(1166.0));
    // Bold: H 722, e 556, l 278, l 278, o 611.
    CHECK(textWidth("Hello", 10.0, FontWeight::Bold) == Approx(24.45));
    // e-acute (U+00E9) is 556 like e; a character WinAnsi lacks is measured as '?' (556).
    CHECK(textWidth("\xC3\xA9", 1.0) == Approx(0.556));
    CHECK(textWidth("\xE4\xB8\xAD", 1.0) == Approx(0.556));
}

TEST_CASE("UTF-8 becomes WinAnsi with '?' for what it cannot show", "[report]") {
    CHECK(toWinAnsi("abc") == "abc");
    CHECK(toWinAnsi("caf\xC3\xA9") == "caf\xE9");
    CHECK(toWinAnsi("\xE2\x82\xAC 5") == "\x80 5"); // euro sign
    CHECK(toWinAnsi("a\xE2\x80\x94"
                    "b") == "a\x97"
                            "b");            // em dash
    CHECK(toWinAnsi("\xE4\xB8\xAD") == "?"); // a CJK character
    CHECK(toWinAnsi("x\xFFy") == "x?y");     // not UTF-8
    CHECK(toWinAnsi("\xC0\x80") == "??");    // overlong encoding
}

TEST_CASE("fitText cuts at a character boundary to fit the width", "[report]") {
    const std::string name = "/features/features.0/features.0.0/Conv";
    CHECK(fitText(name, 1000.0, 8.0) == name);
    const std::string cut = fitText(name, 60.0, 8.0);
    CHECK(cut.size() < name.size());
    CHECK(cut.substr(cut.size() - 3) == "...");
    CHECK(textWidth(cut, 8.0) <= 60.0);
    CHECK(name.compare(0, cut.size() - 3, cut, 0, cut.size() - 3) == 0);
    const std::string accents = fitText("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 12.0, 8.0);
    CHECK(accents.size() % 2 == 1); // two-byte characters plus "..."
}

TEST_CASE("The SVG backend escapes text and writes the geometry it is given", "[report]") {
    SvgCanvas canvas(100, 50);
    canvas.beginGroup("g1");
    canvas.fillRect(1, 2, 30.5, 4, 0x0072B2);
    canvas.endGroup();
    canvas.text(5, 10, "<a & \"b\">", TextStyle{});
    canvas.line(0, 0, 10, 0, 0x000000, 1.0, LineStyle::Dashed);
    const std::string svg = canvas.svg("t<itle");
    CHECK(
        svg.find("<g class=\"g1\">\n<rect x=\"1\" y=\"2\" width=\"30.5\" height=\"4\" fill=\"#0072b2\"/>") !=
        std::string::npos);
    CHECK(svg.find("&lt;a &amp; &quot;b&quot;&gt;") != std::string::npos);
    CHECK(svg.find("<a & ") == std::string::npos);
    CHECK(svg.find("<title>t&lt;itle</title>") != std::string::npos);
    CHECK(svg.find("stroke-dasharray") != std::string::npos);
}

TEST_CASE("The PDF backend flips y and right-aligns text by its measured width", "[report][pdf]") {
    PdfDocument pdf;
    const size_t page = pdf.addPage();
    PdfCanvas canvas(pdf, page, 10.0, 20.0);
    canvas.fillRect(0, 0, 50, 10, 0xFF0000);
    TextStyle right;
    right.sizePt = 10.0;
    right.anchor = TextAnchor::End;
    canvas.text(100, 30, "Hello", right);
    const std::string& content = pdf.pageContent(page);
    // The rectangle's bottom-left corner: x 10, y = 841.89 - (20 + 10).
    CHECK(content.find("1 0 0 rg\n10 811.89 50 10 re f") != std::string::npos);
    // "Hello" is 22.78 pt wide at 10 pt: it starts at 10 + 100 - 22.78.
    CHECK(content.find("1 0 0 1 87.22 791.89 Tm") != std::string::npos);
    CHECK(content.find("(Hello) Tj") != std::string::npos);
    canvas.text(0, 0, "a(b)\\c", TextStyle{});
    CHECK(content.find("(a\\(b\\)\\\\c) Tj") != std::string::npos);
}
