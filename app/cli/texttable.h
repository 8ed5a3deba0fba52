#pragma once
// Columns of text aligned for a terminal: left-aligned by default, numbers right-aligned on request.

#include <ostream>
#include <string>
#include <vector>

namespace qs::cli {

class TextTable {
public:
    enum class Align { Left, Right };

    /// Column headers; an empty list prints no header row.
    void setHeader(std::vector<std::string> header);
    void setAlign(size_t column, Align align);
    void addRow(std::vector<std::string> row);
    bool empty() const { return m_rows.empty(); }
    /// Writes the rows, each prefixed by `indent` and columns separated by two spaces.
    void print(std::ostream& out, const std::string& indent = "  ") const;

private:
    std::vector<size_t> columnWidths() const;
    void printRow(std::ostream& out, const std::vector<std::string>& row, const std::vector<size_t>& widths,
                  const std::string& indent) const;

    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
    std::vector<Align> m_align;
};

} // namespace qs::cli
