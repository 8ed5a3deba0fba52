#pragma once
// Shared by the fuzz targets: the function every target defines, and a scratch folder private to the process
// for the APIs that read files by path.

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace qs::fuzz {

/// A folder of this process under the system temporary folder (created on first use, removed at exit).
const std::string& scratchDirectory();

/// Writes the bytes to `name` inside scratchDirectory(), replacing what an earlier call wrote, and returns
/// the file's path. Aborts when the file cannot be written (the harness itself is broken then).
std::string writeScratchFile(const std::string& name, const void* data, size_t size);

/// Prints `what` and aborts: a property the target checks does not hold.
[[noreturn]] void fail(const std::string& what);

} // namespace qs::fuzz
