#pragma once
// Shared by the report tests: a filled review report, SVG element parsing and PDF structure checks.

#include "report/reviewreport.h"

#include <map>
#include <string>
#include <vector>

namespace qs::test {

/// A report with every section filled: 3 layers (one with a hostile name), a flip with a thumbnail, a
/// diagnosis and two strategy points.
ReviewReport sampleReviewReport();

/// A JPEG thumbnail of one demo image.
std::string demoThumbnail();

/// The attributes of every element named `tag` inside <g class="group">...</g> of `svg`, in order.
std::vector<std::map<std::string, std::string>> svgElements(const std::string& svg, const std::string& group,
                                                            const std::string& tag);

/// The text contents of the <text> elements inside <g class="group">.
std::vector<std::string> svgTexts(const std::string& svg, const std::string& group);

/// Checks the cross-reference table: every entry points at "N 0 obj", startxref points at "xref", the
/// trailer names /Root. Returns the number of objects (0 when anything is wrong, with the reason in
/// `problem`).
size_t checkPdfStructure(const std::string& pdf, std::string& problem);

/// True when `program` is found on PATH.
bool programAvailable(const std::string& program);

/// Renders page `page` of the PDF file with pdftoppm as an 8-bit gray PGM at `dpi`; returns its pixels
/// (empty when it failed) and the size.
std::vector<unsigned char> renderPdfPageGray(const std::string& pdfPath, int page, int dpi, int& width,
                                             int& height);

} // namespace qs::test
