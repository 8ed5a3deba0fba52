#include "report/canvas.h"

#include "report/pdfdocument.h"
#include "util/printablename.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <utility>

namespace qs {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Helvetica widths (1/1000 em) of WinAnsi codes 32 to 255, from the font's AFM file; 0 for unused codes.
const short kHelveticaWidths[224] = {
    278,  278, 355, 556, 556, 889,  667,  191,  333, 333,  389, 584, 278,  333, 278, 278, // 0x20
    556,  556, 556, 556, 556, 556,  556,  556,  556, 556,  278, 278, 584,  584, 584, 556, // 0x30
    1015, 667, 667, 722, 722, 667,  611,  778,  722, 278,  500, 667, 556,  833, 722, 778, // 0x40
    667,  778, 722, 667, 611, 722,  667,  944,  667, 667,  611, 278, 278,  278, 469, 556, // 0x50
    333,  556, 556, 500, 556, 556,  278,  556,  556, 222,  222, 500, 222,  833, 556, 556, // 0x60
    556,  556, 333, 500, 278, 556,  500,  722,  500, 500,  500, 334, 260,  334, 584, 0,   // 0x70
    556,  0,   222, 556, 333, 1000, 556,  556,  333, 1000, 667, 333, 1000, 0,   611, 0,   // 0x80
    0,    222, 222, 333, 333, 350,  556,  1000, 333, 1000, 500, 333, 944,  0,   500, 667, // 0x90
    278,  333, 556, 556, 556, 556,  260,  556,  333, 737,  370, 556, 584,  333, 737, 333, // 0xA0
    400,  584, 333, 333, 333, 556,  537,  278,  333, 333,  365, 556, 834,  834, 834, 611, // 0xB0
    667,  667, 667, 667, 667, 667,  1000, 722,  667, 667,  667, 667, 278,  278, 278, 278, // 0xC0
    722,  722, 778, 778, 778, 778,  778,  584,  778, 722,  722, 722, 722,  667, 667, 611, // 0xD0
    556,  556, 556, 556, 556, 556,  889,  500,  556, 556,  556, 556, 278,  278, 278, 278, // 0xE0
    556,  556, 556, 556, 556, 556,  556,  584,  611, 556,  556, 556, 556,  500, 556, 500, // 0xF0
};

/// Helvetica-Bold widths of the printable ASCII codes 32 to 126, from the font's AFM file.
const short kHelveticaBoldAsciiWidths[95] = {
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0x30
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 0x50
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 0x60
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,      // 0x70
};

/// The characters outside Latin-1 that CP1252 places in 0x80-0x9F, with their codes.
const std::pair<uint32_t, unsigned char> kWinAnsiPunctuation[] = {
    {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
    {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
    {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95},
    {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
    {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F},
};

/// The CP1252 code of `codePoint` among kWinAnsiPunctuation; 0 when none.
unsigned char winAnsiPunctuation(uint32_t codePoint) {
    for (const auto& [character, code] : kWinAnsiPunctuation)
        if (character == codePoint)
            return code;
    return 0;
}

/// Decodes the UTF-8 sequence at `text[index]`; returns its length, or 0 when it is not valid UTF-8.
size_t decodeUtf8(const std::string& text, size_t index, uint32_t& codePoint) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(index);
    size_t length = 0;
    uint32_t minimum = 0;
    if (lead < 0x80) {
        codePoint = lead;
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2;
        codePoint = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        codePoint = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        codePoint = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (index + length > text.size())
        return 0;
    for (size_t i = 1; i < length; ++i) {
        if ((byte(index + i) & 0xC0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (byte(index + i) & 0x3F);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return 0;
    return length;
}

double glyphWidth(unsigned char code, FontWeight weight) {
    if (code < 32)
        code = '?';
    if (weight == FontWeight::Bold && code <= 126)
        return kHelveticaBoldAsciiWidths[code - 32];
    const short width = kHelveticaWidths[code - 32];
    return width > 0 ? width : kHelveticaWidths['?' - 32];
}

std::string number(double value) {
    if (!std::isfinite(value))
        value = 0.0;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    std::string text = buffer;
    while (!text.empty() && text.back() == '0')
        text.pop_back();
    if (!text.empty() && text.back() == '.')
        text.pop_back();
    return text == "-0" ? "0" : text;
}

std::string pdfColor(unsigned color, const char* op) {
    return number(((color >> 16) & 0xFF) / 255.0) + " " + number(((color >> 8) & 0xFF) / 255.0) + " " +
           number((color & 0xFF) / 255.0) + " " + op + "\n";
}

std::string pdfString(const std::string& winAnsi) {
    std::string out = "(";
    for (char c : winAnsi) {
        if (c == '(' || c == ')' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + ")";
}

std::string base64(const std::string& bytes) {
    static const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t chunk = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size())
            chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size())
            chunk |= static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(chunk >> 18) & 63];
        out += kAlphabet[(chunk >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=';
    }
    return out;
}

} // namespace

std::string toWinAnsi(const std::string& utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size();) {
        uint32_t codePoint = 0;
        const size_t length = decodeUtf8(utf8, i, codePoint);
        if (length == 0) {
            out += '?';
            ++i;
            continue;
        }
        i += length;
        if ((codePoint >= 0x20 && codePoint <= 0x7E) || (codePoint >= 0xA0 && codePoint <= 0xFF))
            out += static_cast<char>(codePoint);
        else if (unsigned char code = winAnsiPunctuation(codePoint))
            out += static_cast<char>(code);
        else
            out += '?';
    }
    return out;
}

double textWidth(const std::string& utf8, double sizePt, FontWeight weight) {
    double units = 0.0;
    for (char c : toWinAnsi(utf8))
        units += glyphWidth(static_cast<unsigned char>(c), weight);
    return units * sizePt / 1000.0;
}

std::string fitText(const std::string& utf8, double maxWidthPt, double sizePt, FontWeight weight) {
    if (textWidth(utf8, sizePt, weight) <= maxWidthPt)
        return utf8;
    const std::string ellipsis = "...";
    const double available = maxWidthPt - textWidth(ellipsis, sizePt, weight);
    std::string kept;
    double width = 0.0;
    for (size_t i = 0; i < utf8.size();) {
        uint32_t codePoint = 0;
        size_t length = decodeUtf8(utf8, i, codePoint);
        if (length == 0)
            length = 1;
        const std::string character = utf8.substr(i, length);
        const double characterWidth = textWidth(character, sizePt, weight);
        if (width + characterWidth > available)
            break;
        width += characterWidth;
        kept += character;
        i += length;
    }
    return kept + ellipsis;
}

std::string escapeXml(const std::string& text) {
    std::string out;
    for (char c : printableName(text)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string cssColor(unsigned color) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%06x", color & 0xFFFFFFu);
    return buffer;
}

// ---- SVG ----

SvgCanvas::SvgCanvas(double width, double height) : width_(width), height_(height) {}

void SvgCanvas::line(double x1, double y1, double x2, double y2, unsigned color, double widthPt,
                     LineStyle style) {
    body_ += "<line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) + "\" y2=\"" +
             number(y2) + "\" stroke=\"" + cssColor(color) + "\" stroke-width=\"" + number(widthPt) + "\"" +
             (style == LineStyle::Dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>\n";
}

void SvgCanvas::polyline(const std::vector<CanvasPoint>& points, unsigned color, double widthPt) {
    std::string list;
    for (const CanvasPoint& point : points)
        list += (list.empty() ? "" : " ") + number(point.x) + "," + number(point.y);
    body_ += "<polyline points=\"" + list + "\" fill=\"none\" stroke=\"" + cssColor(color) +
             "\" stroke-width=\"" + number(widthPt) + "\"/>\n";
}

void SvgCanvas::fillRect(double x, double y, double width, double height, unsigned color) {
    body_ += "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(width) +
             "\" height=\"" + number(height) + "\" fill=\"" + cssColor(color) + "\"/>\n";
}

void SvgCanvas::strokeRect(double x, double y, double width, double height, unsigned color, double widthPt) {
    body_ += "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(width) +
             "\" height=\"" + number(height) + "\" fill=\"none\" stroke=\"" + cssColor(color) +
             "\" stroke-width=\"" + number(widthPt) + "\"/>\n";
}

void SvgCanvas::circle(double cx, double cy, double radius, unsigned fill, unsigned stroke,
                       double strokeWidthPt) {
    body_ += "<circle cx=\"" + number(cx) + "\" cy=\"" + number(cy) + "\" r=\"" + number(radius) +
             "\" fill=\"" + cssColor(fill) + "\" stroke=\"" + cssColor(stroke) + "\" stroke-width=\"" +
             number(strokeWidthPt) + "\"/>\n";
}

void SvgCanvas::text(double x, double y, const std::string& utf8, const TextStyle& style) {
    const char* anchor = style.anchor == TextAnchor::Middle ? "middle"
                         : style.anchor == TextAnchor::End  ? "end"
                                                            : "start";
    body_ += "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" font-size=\"" + number(style.sizePt) +
             "\" fill=\"" + cssColor(style.color) + "\" text-anchor=\"" + anchor + "\"";
    if (style.weight == FontWeight::Bold)
        body_ += " font-weight=\"bold\"";
    if (style.rotationDeg != 0.0)
        body_ +=
            " transform=\"rotate(" + number(-style.rotationDeg) + " " + number(x) + " " + number(y) + ")\"";
    body_ += ">" + escapeXml(utf8) + "</text>\n";
}

void SvgCanvas::jpegImage(double x, double y, double width, double height, const std::string& jpegBytes) {
    body_ += "<image x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(width) +
             "\" height=\"" + number(height) + "\" href=\"" + jpegDataUri(jpegBytes) + "\"/>\n";
}

void SvgCanvas::pushClip(double x, double y, double width, double height) {
    const std::string id = "clip" + std::to_string(++clipCount_);
    body_ += "<clipPath id=\"" + id + "\"><rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" +
             number(width) + "\" height=\"" + number(height) + "\"/></clipPath>\n<g clip-path=\"url(#" + id +
             ")\">\n";
}

void SvgCanvas::popClip() {
    body_ += "</g>\n";
}

void SvgCanvas::beginGroup(const std::string& name) {
    body_ += "<g class=\"" + escapeXml(name) + "\">\n";
}

void SvgCanvas::endGroup() {
    body_ += "</g>\n";
}

std::string SvgCanvas::svg(const std::string& title) const {
    std::string out = "<svg width=\"" + number(width_) + "\" height=\"" + number(height_) +
                      "\" viewBox=\"0 0 " + number(width_) + " " + number(height_) +
                      "\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n";
    if (!title.empty())
        out += "<title>" + escapeXml(title) + "</title>\n";
    return out + body_ + "</svg>\n";
}

std::string jpegDataUri(const std::string& jpegBytes) {
    return "data:image/jpeg;base64," + base64(jpegBytes);
}

// ---- PDF ----

PdfCanvas::PdfCanvas(PdfDocument& document, size_t pageIndex, double originX, double originY)
    : document_(document), pageIndex_(pageIndex), originX_(originX), originY_(originY) {}

double PdfCanvas::pageY(double y) const {
    return document_.pageHeight() - (originY_ + y);
}

std::string& PdfCanvas::content() {
    return document_.pageContent(pageIndex_);
}

void PdfCanvas::line(double x1, double y1, double x2, double y2, unsigned color, double widthPt,
                     LineStyle style) {
    std::string& out = content();
    out += pdfColor(color, "RG") + number(widthPt) + " w\n";
    if (style == LineStyle::Dashed)
        out += "[4 3] 0 d\n";
    out += number(pageX(x1)) + " " + number(pageY(y1)) + " m " + number(pageX(x2)) + " " + number(pageY(y2)) +
           " l S\n";
    if (style == LineStyle::Dashed)
        out += "[] 0 d\n";
}

void PdfCanvas::polyline(const std::vector<CanvasPoint>& points, unsigned color, double widthPt) {
    if (points.size() < 2)
        return;
    std::string& out = content();
    out += pdfColor(color, "RG") + number(widthPt) + " w\n";
    for (size_t i = 0; i < points.size(); ++i)
        out += number(pageX(points[i].x)) + " " + number(pageY(points[i].y)) + (i == 0 ? " m\n" : " l\n");
    out += "S\n";
}

void PdfCanvas::fillRect(double x, double y, double width, double height, unsigned color) {
    content() += pdfColor(color, "rg") + number(pageX(x)) + " " + number(pageY(y + height)) + " " +
                 number(width) + " " + number(height) + " re f\n";
}

void PdfCanvas::strokeRect(double x, double y, double width, double height, unsigned color, double widthPt) {
    content() += pdfColor(color, "RG") + number(widthPt) + " w\n" + number(pageX(x)) + " " +
                 number(pageY(y + height)) + " " + number(width) + " " + number(height) + " re S\n";
}

void PdfCanvas::circle(double cx, double cy, double radius, unsigned fill, unsigned stroke,
                       double strokeWidthPt) {
    // Four cubic Bezier arcs; 0.5523 is the control-point distance that best approximates a quarter circle.
    const double k = 0.5523 * radius;
    const double x = pageX(cx);
    const double y = pageY(cy);
    std::string& out = content();
    out += pdfColor(fill, "rg") + pdfColor(stroke, "RG") + number(strokeWidthPt) + " w\n";
    out += number(x + radius) + " " + number(y) + " m\n";
    out += number(x + radius) + " " + number(y + k) + " " + number(x + k) + " " + number(y + radius) + " " +
           number(x) + " " + number(y + radius) + " c\n";
    out += number(x - k) + " " + number(y + radius) + " " + number(x - radius) + " " + number(y + k) + " " +
           number(x - radius) + " " + number(y) + " c\n";
    out += number(x - radius) + " " + number(y - k) + " " + number(x - k) + " " + number(y - radius) + " " +
           number(x) + " " + number(y - radius) + " c\n";
    out += number(x + k) + " " + number(y - radius) + " " + number(x + radius) + " " + number(y - k) + " " +
           number(x + radius) + " " + number(y) + " c\nB\n";
}

void PdfCanvas::text(double x, double y, const std::string& utf8, const TextStyle& style) {
    const double width = textWidth(utf8, style.sizePt, style.weight);
    const double shift = style.anchor == TextAnchor::Middle ? width / 2.0
                         : style.anchor == TextAnchor::End  ? width
                                                            : 0.0;
    const double angle = style.rotationDeg * kPi / 180.0;
    const double c = std::cos(angle);
    const double s = std::sin(angle);
    const double startX = pageX(x) - shift * c;
    const double startY = pageY(y) - shift * s;
    content() += "BT\n" + pdfColor(style.color, "rg") + (style.weight == FontWeight::Bold ? "/F2 " : "/F1 ") +
                 number(style.sizePt) + " Tf\n" + number(c) + " " + number(s) + " " + number(-s) + " " +
                 number(c) + " " + number(startX) + " " + number(startY) + " Tm\n" +
                 pdfString(toWinAnsi(utf8)) + " Tj\nET\n";
}

void PdfCanvas::jpegImage(double x, double y, double width, double height, const std::string& jpegBytes) {
    const std::string name = document_.addJpegImage(jpegBytes);
    if (name.empty())
        return;
    content() += "q\n" + number(width) + " 0 0 " + number(height) + " " + number(pageX(x)) + " " +
                 number(pageY(y + height)) + " cm\n/" + name + " Do\nQ\n";
}

void PdfCanvas::pushClip(double x, double y, double width, double height) {
    content() += "q\n" + number(pageX(x)) + " " + number(pageY(y + height)) + " " + number(width) + " " +
                 number(height) + " re W n\n";
}

void PdfCanvas::popClip() {
    content() += "Q\n";
}

} // namespace qs
