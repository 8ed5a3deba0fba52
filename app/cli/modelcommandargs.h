#pragma once
// Command-line handling shared by the commands that run a model (run, bench, quantize): one MODEL argument,
// --threads N, --max-tensor-bytes SIZE, --max-memory SIZE and --help / -h.

#include "argparser.h"

#include "quant/quantconfig.h"
#include "runtime/executor.h"
#include "workflow/memorybudget.h"

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

/// Help lines of --max-memory (parseModelCommand prints them; other commands that run models too).
extern const char* const kMaxMemoryHelp;

/// The memory limit from --max-memory (a UsageError on bad syntax); without it 80 % of the machine's memory.
/// parseModelCommand declares the option and checks its syntax.
uint64_t memoryLimitFrom(const ArgParser& parser);

/// Throws UsageError in one line naming `modelPath`, the estimate, the limit and `advice` (what to do) when
/// the estimate is above `limitBytes`. When one tensor of the estimate is above the per-tensor limit
/// (tensorByteLimit()), nothing is thrown: the engine refuses that tensor itself, naming its node.
void checkMemoryLimit(const std::string& modelPath, const WorkflowMemoryEstimate& estimate,
                      uint64_t limitBytes, const std::string& advice);

/// The memory check of run and bench: estimates one inference of `model` on inputs of `inputs`' dims
/// (measuring by trial runs what shape inference left open when the guess is above the limit) and calls
/// checkMemoryLimit.
void checkRunMemory(const ArgParser& parser, const std::string& modelPath, const Model& model,
                    const TensorMap& inputs, const std::string& advice);

/// Help lines of --max-image-pixels (the commands that read images: quantize, evaluate, preprocess).
extern const char* const kMaxImagePixelsHelp;

/// Puts --max-image-pixels N, when given, into `config` (preprocess.max_image_pixels, which it replaces);
/// a UsageError unless N is an integer from 1 to 2^30. The command declares the option.
void applyImagePixelLimit(const ArgParser& parser, QuantConfig& config);

/// Engine options from the parsed --threads (a UsageError unless it is a positive integer).
ExecutorOptions executorOptionsFrom(const ArgParser& parser);

/// Parses --input-shape values "NAME=d0,d1,..." into shapes by input name; throws UsageError on bad syntax.
std::map<std::string, std::vector<int64_t>> parseInputShapes(const std::vector<std::string>& specs);

} // namespace qs::cli
