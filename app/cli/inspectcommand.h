#pragma once
// `quantscope-cli inspect MODEL [--json]`: loads an ONNX model and reports what it contains (opsets,
// producer, node and parameter counts, operator histogram, inputs and outputs, quantizable layers with weight
// ranges).

#include <string>
#include <vector>

namespace qs::cli {

/// Exit status 0 on success; throws UsageError or qs::Error otherwise.
int runInspect(const std::vector<std::string>& args);

} // namespace qs::cli
