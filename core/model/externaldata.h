#pragma once
// Reads tensor bytes stored outside the .onnx file ("external data"). Locations are confined to the model's
// folder: absolute paths, `..` components and symlinks whose target leaves the folder are refused, so a model
// file cannot make Quantscope read arbitrary files.

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// The external_data entries of one tensor.
struct ExternalDataReference {
    std::string location;  ///< path relative to the model's folder
    int64_t offset = 0;    ///< byte offset in the file
    int64_t length = -1;   ///< byte count, -1 when not given
};

/// Path of the data file for `location`, checked to stay inside `baseDirectory`. Throws Error naming the tensor.
std::string resolveExternalDataPath(const std::string& baseDirectory, const std::string& location,
                                    const std::string& tensorName);

/// Reads the bytes of `reference`. When the length is not given, `expectedBytes` are read (or the rest of the
/// file if `expectedBytes` < 0). Throws Error naming the tensor and the data file when the file is missing or the
/// range lies beyond its end. An empty `baseDirectory` means the model came from memory: external data is refused.
std::vector<uint8_t> readExternalData(const ExternalDataReference& reference, const std::string& baseDirectory,
                                      const std::string& tensorName, int64_t expectedBytes);

} // namespace qs
