#pragma once
// Number formatting shared by the commands' text output.

#include <cstdint>
#include <string>

namespace qs::cli {

/// "11,684,712"
std::string formatCount(int64_t count);
/// "512 B", "4.7 KiB", "44.6 MiB", "1.2 GiB"
std::string formatBytes(int64_t sizeBytes);
/// Fixed-width-friendly short number: "0.0123", "-1.53", "1.2e-07"
std::string formatReal(double value);

} // namespace qs::cli
