#pragma once
// The facts `quantscope-cli inspect` reports about a model, as one JSON document. The text view is rendered
// from the same document so that both modes always agree.

#include "model/onnxloader.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace qs::cli {

/// Op type -> node count as stored in the file: the loaded graph's counts plus the Constant and Identity
/// nodes the loader folded into initializers. Ops outside the default domain are keyed "domain.OpType".
std::map<std::string, int64_t> storedOpCounts(const Model& model);

/// A value's shape: integers for fixed sizes, strings for symbolic dimensions, null for unknown ones; null
/// when even the rank is unknown.
nlohmann::ordered_json shapeToJson(const ValueInfo& value);

/// The whole report: opset, ir_version, producer, stored node/initializer counts, parameters, op_counts,
/// inputs, outputs, quantizable layers with weight statistics, metadata and loader warnings.
nlohmann::ordered_json makeInspectReport(const LoadResult& result, int64_t fileSizeBytes);

} // namespace qs::cli
