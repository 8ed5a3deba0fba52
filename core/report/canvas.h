#pragma once
// A small drawing surface for the review report's charts, with one backend per output format: SvgCanvas
// writes an inline <svg> element for the HTML page, PdfCanvas writes PDF content-stream operators for a page
// of a PdfDocument. Charts draw once on a Canvas and look the same in both files.
//
// Coordinates are points (1/72 inch) with the origin at the top left and y growing downwards, as on screen;
// the PDF backend flips them. Colours are 0xRRGGBB. Text is UTF-8 and is drawn in Helvetica: the PDF backend
// uses the base-14 font with the WinAnsi encoding (characters it cannot show become '?'), and both backends
// measure text with the same Helvetica widths, so a label right-aligned or cut to fit in one looks the same
// in the other.

#include <cstddef>
#include <string>
#include <vector>

namespace qs {

class PdfDocument;

struct CanvasPoint {
    double x = 0.0;
    double y = 0.0;
};

enum class LineStyle { Solid, Dashed };

/// Where the text's anchor point is along its baseline.
enum class TextAnchor { Start, Middle, End };

enum class FontWeight { Regular, Bold };

struct TextStyle {
    double sizePt = 8.0;
    unsigned color = 0x222222;
    TextAnchor anchor = TextAnchor::Start;
    FontWeight weight = FontWeight::Regular;
    double rotationDeg = 0.0; ///< counter-clockwise, about the anchor point (-90: reads bottom to top)
};

class Canvas {
public:
    virtual ~Canvas() = default;

    virtual void line(double x1, double y1, double x2, double y2, unsigned color, double widthPt,
                      LineStyle style = LineStyle::Solid) = 0;
    virtual void polyline(const std::vector<CanvasPoint>& points, unsigned color, double widthPt) = 0;
    virtual void fillRect(double x, double y, double width, double height, unsigned color) = 0;
    virtual void strokeRect(double x, double y, double width, double height, unsigned color,
                            double widthPt) = 0;
    /// A filled circle with an outline.
    virtual void circle(double cx, double cy, double radius, unsigned fill, unsigned stroke,
                        double strokeWidthPt) = 0;
    /// Text whose baseline passes through (x, y).
    virtual void text(double x, double y, const std::string& utf8, const TextStyle& style) = 0;
    /// A JPEG image scaled into the rectangle.
    virtual void jpegImage(double x, double y, double width, double height, const std::string& jpegBytes) = 0;
    /// Restricts drawing to the rectangle until the matching popClip().
    virtual void pushClip(double x, double y, double width, double height) = 0;
    virtual void popClip() = 0;
    /// Names what follows until endGroup() (SVG: <g class="name">, for styling and tests; PDF: nothing).
    virtual void beginGroup(const std::string& name) = 0;
    virtual void endGroup() = 0;
};

/// Width of `utf8` in Helvetica (or Helvetica-Bold) at `sizePt`, from the fonts' published AFM widths, for
/// the characters as the PDF backend shows them ('?' for those WinAnsi lacks).
double textWidth(const std::string& utf8, double sizePt, FontWeight weight = FontWeight::Regular);

/// `utf8` cut at a character boundary and ended with "..." so that it fits in `maxWidthPt`; unchanged when
/// it fits already.
std::string fitText(const std::string& utf8, double maxWidthPt, double sizePt,
                    FontWeight weight = FontWeight::Regular);

/// `utf8` as WinAnsi (CP1252) bytes: Latin-1 and the CP1252 punctuation, '?' for every other character and
/// for bytes that are not valid UTF-8.
std::string toWinAnsi(const std::string& utf8);

/// `text` safe inside XML/HTML text and attribute values: &, <, >, " and ' escaped; control characters and
/// bytes that are not valid UTF-8 written as \xNN (printableName), so the document stays valid UTF-8.
std::string escapeXml(const std::string& text);

/// "#rrggbb".
std::string cssColor(unsigned color);

/// "data:image/jpeg;base64,..." for an <img> or <image> of the JPEG bytes.
std::string jpegDataUri(const std::string& jpegBytes);

/// Collects SVG elements; svg() wraps them in an <svg> element of the given size.
class SvgCanvas : public Canvas {
public:
    SvgCanvas(double width, double height);

    void line(double x1, double y1, double x2, double y2, unsigned color, double widthPt,
              LineStyle style = LineStyle::Solid) override;
    void polyline(const std::vector<CanvasPoint>& points, unsigned color, double widthPt) override;
    void fillRect(double x, double y, double width, double height, unsigned color) override;
    void strokeRect(double x, double y, double width, double height, unsigned color, double widthPt) override;
    void circle(double cx, double cy, double radius, unsigned fill, unsigned stroke,
                double strokeWidthPt) override;
    void text(double x, double y, const std::string& utf8, const TextStyle& style) override;
    void jpegImage(double x, double y, double width, double height, const std::string& jpegBytes) override;
    void pushClip(double x, double y, double width, double height) override;
    void popClip() override;
    void beginGroup(const std::string& name) override;
    void endGroup() override;

    /// The complete <svg> element (with a <title> when `title` is not empty).
    std::string svg(const std::string& title = "") const;

private:
    double width_ = 0.0;
    double height_ = 0.0;
    std::string body_;
    size_t clipCount_ = 0;
};

/// Draws on one page of a PdfDocument, with the canvas origin at (originX, originY) of the page (points from
/// the page's top left).
class PdfCanvas : public Canvas {
public:
    PdfCanvas(PdfDocument& document, size_t pageIndex, double originX = 0.0, double originY = 0.0);

    void line(double x1, double y1, double x2, double y2, unsigned color, double widthPt,
              LineStyle style = LineStyle::Solid) override;
    void polyline(const std::vector<CanvasPoint>& points, unsigned color, double widthPt) override;
    void fillRect(double x, double y, double width, double height, unsigned color) override;
    void strokeRect(double x, double y, double width, double height, unsigned color, double widthPt) override;
    void circle(double cx, double cy, double radius, unsigned fill, unsigned stroke,
                double strokeWidthPt) override;
    void text(double x, double y, const std::string& utf8, const TextStyle& style) override;
    void jpegImage(double x, double y, double width, double height, const std::string& jpegBytes) override;
    void pushClip(double x, double y, double width, double height) override;
    void popClip() override;
    void beginGroup(const std::string&) override {}
    void endGroup() override {}

private:
    double pageX(double x) const { return originX_ + x; }
    double pageY(double y) const;
    std::string& content();

    PdfDocument& document_;
    size_t pageIndex_ = 0;
    double originX_ = 0.0;
    double originY_ = 0.0;
};

} // namespace qs
