#pragma once
// Internal to core/report: a report as a list of blocks (headings, paragraphs, tables, charts) and its two
// renderings, HTML and PDF, so that both files of a review report hold the same contents by construction.

#include "report/canvas.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace qs::detail {

constexpr unsigned kNoColor = 0xFFFFFFFFu;

struct ReportCell {
    ReportCell() = default;
    ReportCell(std::string cellText, unsigned swatchColor = kNoColor)
        : text(std::move(cellText)), swatch(swatchColor) {}

    std::string text;
    unsigned swatch = kNoColor; ///< a small square of this colour before the text (bands)
    std::string jpeg;           ///< an image instead of text (thumbnails)
};

struct ReportColumn {
    std::string title;
    bool rightAligned = false;
    double weight = 1.0; ///< share of the table's width in the PDF
};

struct ReportBlock {
    enum class Kind { Heading, Subheading, Paragraph, KeyValues, Table, Chart };
    Kind kind = Kind::Paragraph;
    std::string text; ///< heading or paragraph text; the chart's title
    std::vector<ReportColumn> columns;
    std::vector<std::vector<ReportCell>> rows; ///< KeyValues: {key, value} rows
    double chartHeightPt = 0.0;
    std::function<void(Canvas&, double widthPt)> draw;
};

struct ReportDocument {
    std::string title;
    std::string footer; ///< printed at the foot of each PDF page with its number
    std::vector<ReportBlock> blocks;

    void heading(const std::string& text);
    void subheading(const std::string& text);
    void paragraph(const std::string& text);
    void keyValues(const std::vector<std::pair<std::string, std::string>>& rows);
    void table(std::vector<ReportColumn> columns, std::vector<std::vector<ReportCell>> rows);
    void chart(const std::string& title, double heightPt, std::function<void(Canvas&, double)> draw);
};

/// The chart width both renderings use (points).
constexpr double kChartWidthPt = 515.0;

std::string renderHtml(const ReportDocument& document);
std::string renderPdf(const ReportDocument& document);

} // namespace qs::detail
