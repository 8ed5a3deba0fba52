#pragma once
// `quantscope-cli evaluate FLOAT.onnx QUANT.onnx --images DIR --config CFG.json [--threads N] [--json]`:
// compares any two models with the same input and output on an image folder (accuracy, agreement, cosine, KL,
// per-layer SQNR of tensors both models share by name).

#include <string>
#include <vector>

namespace qs::cli {

int runEvaluate(const std::vector<std::string>& args);

} // namespace qs::cli
