#pragma once
// `quantscope-cli run MODEL --input NAME=FILE.npy [--input ...] --output-dir DIR [--threads N]`: runs one
// inference on the engine and writes every graph output to DIR/<sanitized output name>.npy.

#include <string>
#include <vector>

namespace qs::cli {

/// Exit status 0 on success; throws UsageError or qs::Error otherwise.
int runRun(const std::vector<std::string>& args);

/// `name` with every character outside [A-Za-z0-9._-] replaced by '_' (file names of written outputs).
std::string sanitizedFileName(const std::string& name);

/// Removes every "--NAME VALUE" / "--NAME=VALUE" occurrence of a repeatable option from `args` and returns
/// the values in order. Throws UsageError when a value is missing.
std::vector<std::string> takeRepeatedOption(std::vector<std::string>& args, const std::string& name);

/// Parses a positive thread or iteration count given to `option`; throws UsageError otherwise.
int parsePositiveCount(const std::string& text, const std::string& option);

} // namespace qs::cli
