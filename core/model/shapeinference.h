#pragma once
// Runs libonnx shape inference on a model proto. libonnx's inference functions trust the shapes declared in the
// file and can crash on inconsistent ones (seen with corrupted files), so on POSIX systems inference runs in a
// forked child process: a crash there becomes a warning instead of taking the application down. Only the main
// graph's inferred value infos and output types come back.

#include "util/error.h"

#include <string>
#include <vector>

namespace onnx {
class ModelProto;
} // namespace onnx

namespace qs {

/// Adds inferred types and shapes to `model`'s main graph (value_info and outputs). Inference errors become
/// warnings naming the node; a crash or a time-out becomes one warning. `progress` is polled while waiting
/// (returning false kills the child and throws Cancelled); `fraction` is what it is reported with.
void inferShapes(onnx::ModelProto& model, std::vector<std::string>& warnings, const ProgressCallback& progress,
                 double fraction);

} // namespace qs
