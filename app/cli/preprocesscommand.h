#pragma once
// `quantscope-cli preprocess --images DIR --config CFG.json --output-dir OUT [--max-images N]`: turns an
// image folder into the exact tensors that calibration and evaluation feed the model, so that other runtimes
// can be given identical inputs:
//
//     OUT/inputs.npy   float32 [N, ...]  the preprocessed samples, in scan order
//     OUT/labels.npy   int64 [N]         class index of each sample, -1 when unlabelled
//     OUT/files.txt    N lines           each sample's path relative to DIR
//
// Files that cannot be read are left out and listed on stderr.

#include <string>
#include <vector>

namespace qs::cli {

/// Exit status 0 on success; throws UsageError or qs::Error otherwise.
int runPreprocess(const std::vector<std::string>& args);

} // namespace qs::cli
