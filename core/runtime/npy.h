#pragma once
// NumPy .npy files (format versions 1-3, C order, little-endian) for float32, float64, int64, int32, int8, uint8
// and bool tensors: inputs and outputs of the command line `run`.

#include "runtime/runtimetensor.h"

#include <string>

namespace qs {

/// Reads `path`. Throws qs::Error naming the file for anything malformed or of an unsupported dtype.
RuntimeTensor readNpy(const std::string& path);
/// Parses .npy bytes; `displayName` is used in messages.
RuntimeTensor parseNpy(const std::string& bytes, const std::string& displayName);

/// Writes `tensor` to `path` (format version 1.0). Throws qs::Error naming the file on failure.
void writeNpy(const std::string& path, const RuntimeTensor& tensor);
/// The .npy bytes of `tensor`.
std::string serializeNpy(const RuntimeTensor& tensor);

} // namespace qs
