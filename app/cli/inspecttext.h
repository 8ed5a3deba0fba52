#pragma once
// The human-readable view of an inspect report: header, inputs and outputs, operator histogram, and the table
// of quantizable layers with their weight ranges.

#include <nlohmann/json.hpp>

#include <ostream>

namespace qs::cli {

/// Renders the document built by makeInspectReport().
void printInspectText(const nlohmann::ordered_json& report, std::ostream& out);

} // namespace qs::cli
