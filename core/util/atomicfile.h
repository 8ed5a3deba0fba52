#pragma once
// Atomic file writes: readers of a path see the old file or the complete new one, never a partial write.

#include <string>

namespace qs {

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk, then renamed
/// over `path`. Throws qs::Error naming `path` (the temporary file is removed).
void writeFileAtomically(const std::string& path, const std::string& bytes);

/// Removes the temporary files of writes in progress when the process gets SIGINT, SIGTERM or SIGHUP, then
/// ends it as the signal would have (call once at start; signals the process ignores stay ignored).
void removeTemporaryFilesOnSignals();

} // namespace qs
