#include "texttable.h"

#include <algorithm>

namespace qs::cli {

void TextTable::setHeader(std::vector<std::string> header) {
    m_header = std::move(header);
}

void TextTable::setAlign(size_t column, Align align) {
    if (m_align.size() <= column)
        m_align.resize(column + 1, Align::Left);
    m_align[column] = align;
}

void TextTable::addRow(std::vector<std::string> row) {
    m_rows.push_back(std::move(row));
}

std::vector<size_t> TextTable::columnWidths() const {
    std::vector<size_t> widths(m_header.size(), 0);
    auto widen = [&widths](const std::vector<std::string>& row) {
        if (widths.size() < row.size())
            widths.resize(row.size(), 0);
        for (size_t column = 0; column < row.size(); ++column)
            widths[column] = std::max(widths[column], row[column].size());
    };
    widen(m_header);
    for (const auto& row : m_rows)
        widen(row);
    return widths;
}

void TextTable::printRow(std::ostream& out, const std::vector<std::string>& row,
                         const std::vector<size_t>& widths, const std::string& indent) const {
    std::string line = indent;
    for (size_t column = 0; column < row.size(); ++column) {
        const std::string padding(widths[column] - row[column].size(), ' ');
        const bool right = column < m_align.size() && m_align[column] == Align::Right;
        const bool last = column + 1 == row.size();
        line += right ? padding + row[column] : row[column] + (last ? "" : padding);
        if (!last)
            line += "  ";
    }
    out << line << '\n';
}

void TextTable::print(std::ostream& out, const std::string& indent) const {
    const std::vector<size_t> widths = columnWidths();
    if (!m_header.empty())
        printRow(out, m_header, widths, indent);
    for (const auto& row : m_rows)
        printRow(out, row, widths, indent);
}

} // namespace qs::cli
