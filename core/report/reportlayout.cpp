#include "report/reportlayout.h"

#include "report/pdfdocument.h"

#include <algorithm>
#include <sstream>

namespace qs::detail {

void ReportDocument::heading(const std::string& text) {
    blocks.push_back({ReportBlock::Kind::Heading, text, {}, {}, 0.0, {}});
}

void ReportDocument::subheading(const std::string& text) {
    blocks.push_back({ReportBlock::Kind::Subheading, text, {}, {}, 0.0, {}});
}

void ReportDocument::paragraph(const std::string& text) {
    blocks.push_back({ReportBlock::Kind::Paragraph, text, {}, {}, 0.0, {}});
}

void ReportDocument::keyValues(const std::vector<std::pair<std::string, std::string>>& rows) {
    ReportBlock block{ReportBlock::Kind::KeyValues, "", {{"", false, 1.0}, {"", false, 3.0}}, {}, 0.0, {}};
    for (const auto& [key, value] : rows)
        block.rows.push_back({ReportCell{key}, ReportCell{value}});
    blocks.push_back(std::move(block));
}

void ReportDocument::table(std::vector<ReportColumn> columns, std::vector<std::vector<ReportCell>> rows) {
    blocks.push_back({ReportBlock::Kind::Table, "", std::move(columns), std::move(rows), 0.0, {}});
}

void ReportDocument::chart(const std::string& title, double heightPt,
                           std::function<void(Canvas&, double)> draw) {
    blocks.push_back({ReportBlock::Kind::Chart, title, {}, {}, heightPt, std::move(draw)});
}

// ---- HTML ----

namespace {

const char* const kCss =
    "body{font-family:Helvetica,Arial,sans-serif;font-size:13px;color:#222;margin:2em auto;max-width:60em;"
    "padding:0 1em}h1{font-size:1.6em;margin-bottom:.3em}h2{font-size:1.25em;margin-top:1.6em;"
    "border-bottom:1px solid #ccc;padding-bottom:.2em}h3{font-size:1.05em;margin-top:1.2em}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 7px;"
    "vertical-align:middle}th{background:#f0f0f0;text-align:left}td.r,th.r{text-align:right}"
    "table.kv th{font-weight:normal;color:#555;background:#fafafa}"
    ".sw{display:inline-block;width:.8em;height:.8em;margin-right:.35em;vertical-align:-.05em;"
    "border:1px solid #0003}figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}"
    "svg{max-width:100%;height:auto}td img{display:block}"
    "@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}}";

std::string htmlCell(const ReportCell& cell) {
    if (!cell.jpeg.empty())
        return "<img src=\"" + jpegDataUri(cell.jpeg) + "\" alt=\"\" width=\"48\">";
    std::string out;
    if (cell.swatch != kNoColor)
        out += "<span class=\"sw\" style=\"background:" + cssColor(cell.swatch) + "\"></span>";
    return out + escapeXml(cell.text);
}

} // namespace

std::string renderHtml(const ReportDocument& document) {
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>"
         << escapeXml(document.title) << "</title>\n<style>" << kCss << "</style></head><body>\n";
    bool first = true;
    for (const ReportBlock& block : document.blocks) {
        switch (block.kind) {
        case ReportBlock::Kind::Heading:
            html << (first ? "<h1>" : "<h2>") << escapeXml(block.text) << (first ? "</h1>\n" : "</h2>\n");
            first = false;
            break;
        case ReportBlock::Kind::Subheading:
            html << "<h3>" << escapeXml(block.text) << "</h3>\n";
            break;
        case ReportBlock::Kind::Paragraph:
            html << "<p>" << escapeXml(block.text) << "</p>\n";
            break;
        case ReportBlock::Kind::KeyValues:
            html << "<table class=\"kv\">\n";
            for (const auto& row : block.rows)
                html << "<tr><th>" << htmlCell(row[0]) << "</th><td>" << htmlCell(row[1]) << "</td></tr>\n";
            html << "</table>\n";
            break;
        case ReportBlock::Kind::Table:
            html << "<table>\n<tr>";
            for (const ReportColumn& column : block.columns)
                html << (column.rightAligned ? "<th class=\"r\">" : "<th>") << escapeXml(column.title)
                     << "</th>";
            html << "</tr>\n";
            for (const auto& row : block.rows) {
                html << "<tr>";
                for (size_t i = 0; i < row.size() && i < block.columns.size(); ++i)
                    html << (block.columns[i].rightAligned ? "<td class=\"r\">" : "<td>") << htmlCell(row[i])
                         << "</td>";
                html << "</tr>\n";
            }
            html << "</table>\n";
            break;
        case ReportBlock::Kind::Chart: {
            SvgCanvas canvas(kChartWidthPt, block.chartHeightPt);
            block.draw(canvas, kChartWidthPt);
            html << "<figure>\n<figcaption>" << escapeXml(block.text) << "</figcaption>\n"
                 << canvas.svg(block.text) << "</figure>\n";
            break;
        }
        }
    }
    html << "</body></html>\n";
    return html.str();
}

// ---- PDF ----

namespace {

constexpr double kMarginPt = 40.0;
constexpr double kFooterPt = 24.0;
constexpr double kBodyPt = 8.5;
constexpr double kTablePt = 7.0;
constexpr double kRowPt = 11.0;
constexpr double kImageRowPt = 40.0;

class PdfFlow {
public:
    explicit PdfFlow(PdfDocument& pdf) : pdf_(pdf) { newPage(); }

    double width() const { return pdf_.pageWidth() - 2 * kMarginPt; }
    double bottom() const { return pdf_.pageHeight() - kMarginPt - kFooterPt; }
    bool atPageTop() const { return y_ <= kMarginPt + 0.01; }

    void newPage() {
        page_ = pdf_.addPage();
        y_ = kMarginPt;
    }
    /// Starts a new page unless `height` fits below the cursor.
    void ensure(double height) {
        if (y_ + height > bottom() && !atPageTop())
            newPage();
    }
    PdfCanvas canvas() { return PdfCanvas(pdf_, page_, kMarginPt, 0.0); }
    double& y() { return y_; }

private:
    PdfDocument& pdf_;
    size_t page_ = 0;
    double y_ = 0.0;
};

TextStyle textStyle(double sizePt, FontWeight weight = FontWeight::Regular, unsigned color = 0x222222) {
    TextStyle style;
    style.sizePt = sizePt;
    style.weight = weight;
    style.color = color;
    return style;
}

/// Words of `text` broken into lines of at most `width`; a word longer than a line is cut to fit.
std::vector<std::string> wrap(const std::string& text, double width, double sizePt) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word;
    std::string line;
    while (words >> word) {
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (textWidth(candidate, sizePt) <= width) {
            line = candidate;
            continue;
        }
        if (!line.empty())
            lines.push_back(line);
        line = fitText(word, width, sizePt);
    }
    if (!line.empty())
        lines.push_back(line);
    return lines;
}

void drawCell(PdfCanvas& canvas, const ReportCell& cell, const ReportColumn& column, double x, double y,
              double width, double height, FontWeight weight) {
    if (!cell.jpeg.empty()) {
        const std::optional<JpegInfo> info = readJpegInfo(cell.jpeg);
        if (!info)
            return;
        const double side = height - 4.0;
        const double scale = side / std::max(info->width, info->height);
        canvas.jpegImage(x + 3, y + 2, info->width * scale, info->height * scale, cell.jpeg);
        return;
    }
    double textX = x + 3.0;
    double available = width - 6.0;
    if (cell.swatch != kNoColor) {
        canvas.fillRect(textX, y + height / 2.0 - 3.0, 6.0, 6.0, cell.swatch);
        textX += 9.0;
        available -= 9.0;
    }
    TextStyle style = textStyle(kTablePt, weight);
    const std::string text = fitText(cell.text, available, kTablePt, weight);
    const double baseline = y + height / 2.0 + 2.5;
    if (column.rightAligned) {
        style.anchor = TextAnchor::End;
        canvas.text(x + width - 3.0, baseline, text, style);
    } else {
        canvas.text(textX, baseline, text, style);
    }
}

void drawTable(PdfFlow& flow, const ReportBlock& block, bool header) {
    double totalWeight = 0.0;
    for (const ReportColumn& column : block.columns)
        totalWeight += column.weight;
    std::vector<double> widths;
    for (const ReportColumn& column : block.columns)
        widths.push_back(flow.width() * column.weight / totalWeight);

    const auto drawHeader = [&]() {
        PdfCanvas canvas = flow.canvas();
        double x = 0.0;
        canvas.fillRect(0, flow.y(), flow.width(), kRowPt + 1, 0xEEEEEE);
        for (size_t i = 0; i < block.columns.size(); ++i) {
            drawCell(canvas, ReportCell{block.columns[i].title}, block.columns[i], x, flow.y(), widths[i],
                     kRowPt + 1, FontWeight::Bold);
            x += widths[i];
        }
        flow.y() += kRowPt + 1;
        canvas.line(0, flow.y(), flow.width(), flow.y(), 0x999999, 0.5);
    };
    flow.ensure((header ? 2 : 1) * kRowPt + 2);
    if (header)
        drawHeader();
    for (const auto& row : block.rows) {
        bool image = false;
        for (const ReportCell& cell : row)
            image = image || !cell.jpeg.empty();
        const double height = image ? kImageRowPt : kRowPt;
        if (flow.y() + height > flow.bottom()) {
            flow.newPage();
            if (header)
                drawHeader();
        }
        PdfCanvas canvas = flow.canvas();
        double x = 0.0;
        for (size_t i = 0; i < row.size() && i < block.columns.size(); ++i) {
            const bool key = block.kind == ReportBlock::Kind::KeyValues && i == 0;
            drawCell(canvas, row[i], block.columns[i], x, flow.y(), widths[i], height,
                     key ? FontWeight::Bold : FontWeight::Regular);
            x += widths[i];
        }
        flow.y() += height;
        canvas.line(0, flow.y(), flow.width(), flow.y(), 0xDDDDDD, 0.4);
    }
    flow.y() += 8.0;
}

} // namespace

std::string renderPdf(const ReportDocument& document) {
    PdfDocument pdf;
    pdf.setInfo(document.title, document.footer);
    PdfFlow flow(pdf);
    bool first = true;
    for (size_t index = 0; index < document.blocks.size(); ++index) {
        const ReportBlock& block = document.blocks[index];
        switch (block.kind) {
        case ReportBlock::Kind::Heading:
        case ReportBlock::Kind::Subheading: {
            const double size = block.kind == ReportBlock::Kind::Heading ? (first ? 16.0 : 13.0) : 10.5;
            // Keep a heading with the start of what follows it (a whole chart, or a few table rows).
            double following = 40.0;
            for (size_t next = index + 1; next < document.blocks.size(); ++next) {
                const ReportBlock& after = document.blocks[next];
                if (after.kind == ReportBlock::Kind::Chart) {
                    following += after.chartHeightPt - 20.0;
                    break;
                }
                if (after.kind != ReportBlock::Kind::Paragraph)
                    break;
                following += 12.0 * wrap(after.text, flow.width(), kBodyPt).size();
            }
            flow.ensure(size * 2.0 + following);
            if (!flow.atPageTop())
                flow.y() += size * 0.6;
            PdfCanvas canvas = flow.canvas();
            for (const std::string& line : wrap(block.text, flow.width(), size)) {
                flow.y() += size * 1.15;
                canvas.text(0, flow.y(), line, textStyle(size, FontWeight::Bold));
            }
            if (block.kind == ReportBlock::Kind::Heading && !first)
                canvas.line(0, flow.y() + 3, flow.width(), flow.y() + 3, 0xBBBBBB, 0.6);
            flow.y() += 7.0;
            first = first && block.kind != ReportBlock::Kind::Heading;
            break;
        }
        case ReportBlock::Kind::Paragraph:
            for (const std::string& line : wrap(block.text, flow.width(), kBodyPt)) {
                flow.ensure(kBodyPt * 1.4);
                flow.y() += kBodyPt * 1.35;
                flow.canvas().text(0, flow.y() - 2, line, textStyle(kBodyPt));
            }
            flow.y() += 5.0;
            break;
        case ReportBlock::Kind::KeyValues:
            drawTable(flow, block, false);
            break;
        case ReportBlock::Kind::Table:
            drawTable(flow, block, true);
            break;
        case ReportBlock::Kind::Chart: {
            flow.ensure(block.chartHeightPt + 16);
            flow.y() += 10.0;
            PdfCanvas canvas = flow.canvas();
            canvas.text(0, flow.y(), block.text, textStyle(8.5, FontWeight::Bold));
            flow.y() += 6.0;
            PdfCanvas chart(pdf, pdf.pageCount() - 1, kMarginPt + (flow.width() - kChartWidthPt) / 2.0,
                            flow.y());
            block.draw(chart, kChartWidthPt);
            flow.y() += block.chartHeightPt + 10.0;
            break;
        }
        }
    }
    for (size_t page = 0; page < pdf.pageCount(); ++page) {
        PdfCanvas canvas(pdf, page, kMarginPt, 0.0);
        const double y = pdf.pageHeight() - kMarginPt + 8.0;
        const double width = pdf.pageWidth() - 2 * kMarginPt;
        canvas.line(0, y - 10, width, y - 10, 0xCCCCCC, 0.5);
        const std::string number =
            "page " + std::to_string(page + 1) + " of " + std::to_string(pdf.pageCount());
        canvas.text(0, y, fitText(document.footer, width - 80, 7.0),
                    textStyle(7.0, FontWeight::Regular, 0x666666));
        TextStyle right = textStyle(7.0, FontWeight::Regular, 0x666666);
        right.anchor = TextAnchor::End;
        canvas.text(width, y, number, right);
    }
    return pdf.bytes();
}

} // namespace qs::detail
