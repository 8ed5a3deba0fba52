#pragma once
// Command-line handling shared by the commands that run a model (run, bench): one MODEL argument,
// --threads N and --help / -h.

#include "argparser.h"

#include "runtime/executor.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace qs::cli {

/// Declares --threads, --help and -h on `parser` (besides the command's own options) and parses `args`.
/// Prints `usage` and returns false when help was asked for; otherwise requires exactly one MODEL argument
/// and returns true.
/// `minModels` 0: the MODEL argument is optional (it may come from a project file).
bool parseModelCommand(ArgParser& parser, const std::vector<std::string>& args, const char* usage,
                       size_t minModels = 1);

/// "512M", "8G", "4096" (bytes) -> bytes; throws UsageError naming `option` otherwise.
uint64_t parseByteSize(const std::string& text, const std::string& option);

/// Engine options from the parsed --threads (a UsageError unless it is a positive integer).
ExecutorOptions executorOptionsFrom(const ArgParser& parser);

/// Parses --input-shape values "NAME=d0,d1,..." into shapes by input name; throws UsageError on bad syntax.
std::map<std::string, std::vector<int64_t>> parseInputShapes(const std::vector<std::string>& specs);

} // namespace qs::cli
