#pragma once
// Reads .onnx files into the graph IR: parses the protobuf (any size up to protobuf's limit), resolves external
// data confined to the model's folder, runs libonnx's checker and shape inference, folds Constant nodes and
// Identity-on-initializer nodes so that every weight is an initializer, and sorts nodes topologically.

#include "model/graph.h"
#include "util/error.h"

#include <string>
#include <vector>

namespace qs {

struct LoadOptions {
    bool runChecker = true;         ///< libonnx checker; its complaints become warnings
    bool inferShapes = true;        ///< libonnx shape inference; fills Graph::valueInfos
    bool normalizeWeights = true;   ///< fold Constant nodes and Identity-on-initializer nodes
};

struct LoadResult {
    Model model;
    std::vector<std::string> warnings;  ///< each names the node or tensor concerned
};

/// Loads `path`. Throws qs::Error with a one-line message naming the file and the problem for anything malformed
/// (unreadable, truncated, not ONNX, unsupported IR version, missing or escaping external data, cycles).
LoadResult loadOnnxModel(const std::string& path, const LoadOptions& options = {},
                         const ProgressCallback& progress = {});

/// Same as loadOnnxModel but from bytes in memory; `displayName` is used in messages and external data is refused
/// unless `baseDirectory` is given.
LoadResult loadOnnxModelFromBytes(const std::string& bytes, const std::string& displayName,
                                  const std::string& baseDirectory = {}, const LoadOptions& options = {},
                                  const ProgressCallback& progress = {});

} // namespace qs
