#pragma once
// Outputs that can never clobber inputs or each other: every output path a command writes is compared with
// every input it reads and with the other outputs before any work starts. Two paths are the same file when
// they name it through different spellings, a symbolic link or a hard link.

#include <string>
#include <vector>

namespace qs {

/// A path with what it is to the user, e.g. {"--report", "m.html"} or {"the input model", "m.onnx"}.
struct LabelledPath {
    std::string label;
    std::string path;
};

/// True when `a` and `b` are the same file: the same inode when both exist, else the same normalized absolute
/// path (symbolic links of existing parents resolved).
bool sameFile(const std::string& a, const std::string& b);

/// Throws qs::Error when an output is an input or another output, naming both, e.g.
/// "--report 'm.onnx' is the input model 'm.onnx'; choose another file". Empty paths are ignored.
void checkOutputsDistinct(const std::vector<LabelledPath>& outputs, const std::vector<LabelledPath>& inputs);

/// `names` with collisions made unique by a suffix ("a_b", "a_b_2", ...), compared case-insensitively so that
/// the files also stay apart on case-insensitive file systems. Order and non-colliding names are kept.
std::vector<std::string> uniqueFileNames(const std::vector<std::string>& names);

} // namespace qs
