#pragma once
// `quantscope-cli report-diff BEFORE.json AFTER.json [--json]`: compares two quantization runs (the JSON
// written beside `quantize --report OUT.html`, or the `quantize --json` summary): per-layer strategy and
// error changes, largest error change first, and the accuracy and size deltas.

#include <string>
#include <vector>

namespace qs::cli {

int runReportDiff(const std::vector<std::string>& args);

} // namespace qs::cli
