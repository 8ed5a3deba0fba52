#pragma once
// `quantscope-cli bench MODEL [--threads N] [--iterations K] [--input-shape NAME=d0,d1,...] [--json]`: times
// inference on generated inputs and prints the median and minimum latency.

#include <string>
#include <vector>

namespace qs::cli {

/// Exit status 0 on success; throws UsageError or qs::Error otherwise.
int runBench(const std::vector<std::string>& args);

} // namespace qs::cli
