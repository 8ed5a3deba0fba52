#include "modelcommandargs.h"

#include "runcommand.h"
#include "usageerror.h"

#include "runtime/memoryestimate.h"
#include "runtime/runtimetensor.h"

#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace qs::cli {

const char* const kMaxMemoryHelp =
    "  --max-memory SIZE            refuse to start when the estimated memory is above SIZE, e.g. 2G\n"
    "                               (default: 80% of the machine's memory)\n";

const char* const kMaxImagePixelsHelp =
    "  --max-image-pixels N         refuse images of more than N pixels before decoding them, 1 to 2^30\n"
    "                               (default: the config's preprocess.max_image_pixels, else 2^27)\n";

void applyImagePixelLimit(const ArgParser& parser, QuantConfig& config) {
    const std::optional<std::string> text = parser.option("--max-image-pixels");
    if (!text)
        return;
    const bool digits = !text->empty() && text->size() <= 10 &&
                        std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
    const uint64_t pixels = digits ? std::stoull(*text) : 0;
    if (pixels == 0 || pixels > kMaxImagePixelsCeiling)
        throw UsageError("--max-image-pixels expects a pixel count from 1 to " +
                         std::to_string(kMaxImagePixelsCeiling) + ", got '" + *text + "'");
    config.preprocess.maxImagePixels = pixels;
}

bool parseModelCommand(ArgParser& parser, const std::vector<std::string>& args, const char* usage,
                       size_t minModels) {
    parser.addOption("--threads");
    parser.addOption("--max-tensor-bytes");
    parser.addOption("--max-memory");
    parser.addFlag("--help");
    parser.addFlag("-h");
    parser.parse(args);
    if (parser.flag("--help") || parser.flag("-h")) {
        std::cout << usage;
        std::cout << "  --max-tensor-bytes SIZE      largest tensor the engine may allocate, e.g. 512M or 8G "
                     "(default: the machine's memory)\n";
        std::cout << kMaxMemoryHelp;
        return false;
    }
    if (std::optional<std::string> limit = parser.option("--max-tensor-bytes"))
        setTensorByteLimit(parseByteSize(*limit, "--max-tensor-bytes"));
    memoryLimitFrom(parser);
    parser.requirePositionals(minModels, 1, "MODEL argument");
    return true;
}

uint64_t parseByteSize(const std::string& text, const std::string& option) {
    size_t used = 0;
    unsigned long long value = 0;
    try {
        value = std::stoull(text, &used);
    } catch (const std::logic_error&) {
        used = 0;
    }
    const std::string suffix = used > 0 ? text.substr(used) : std::string();
    int shift = -1;
    if (suffix.empty() || suffix == "B")
        shift = 0;
    else if (suffix == "K" || suffix == "KiB")
        shift = 10;
    else if (suffix == "M" || suffix == "MiB")
        shift = 20;
    else if (suffix == "G" || suffix == "GiB")
        shift = 30;
    if (used == 0 || shift < 0 || value == 0 || value > (~0ull >> shift))
        throw UsageError(option + " expects a size such as 512M or 8G, got '" + text + "'");
    return uint64_t(value) << shift;
}

ExecutorOptions executorOptionsFrom(const ArgParser& parser) {
    ExecutorOptions options;
    if (std::optional<std::string> threads = parser.option("--threads"))
        options.threadCount = parsePositiveCount(*threads, "--threads");
    return options;
}

std::map<std::string, std::vector<int64_t>> parseInputShapes(const std::vector<std::string>& specs) {
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const std::string& spec : specs) {
        size_t equals = spec.find('=');
        if (equals == std::string::npos || equals == 0)
            throw UsageError("--input-shape expects NAME=d0,d1,..., got '" + spec + "'");
        std::vector<int64_t> dims;
        std::stringstream stream(spec.substr(equals + 1));
        std::string item;
        while (std::getline(stream, item, ','))
            dims.push_back(parsePositiveCount(item, "--input-shape " + spec.substr(0, equals)));
        shapes[spec.substr(0, equals)] = dims;
    }
    return shapes;
}

uint64_t memoryLimitFrom(const ArgParser& parser) {
    if (std::optional<std::string> limit = parser.option("--max-memory"))
        return parseByteSize(*limit, "--max-memory");
    return defaultMemoryLimitBytes();
}

void checkMemoryLimit(const std::string& modelPath, const WorkflowMemoryEstimate& estimate,
                      uint64_t limitBytes, const std::string& advice) {
    if (estimate.totalBytes() <= limitBytes)
        return;
    // A tensor above the per-tensor limit: the engine refuses it before allocating, naming its node.
    if (estimate.inference.largestTensorBytes > tensorByteLimit())
        return;
    throw UsageError(modelPath + ": estimated memory " + estimate.summary() + " is more than the limit of " +
                     formatByteSize(limitBytes) + "; " + advice);
}

void checkRunMemory(const ArgParser& parser, const std::string& modelPath, const Model& model,
                    const TensorMap& inputs, const std::string& advice) {
    std::map<std::string, std::vector<int64_t>> inputDims;
    for (const auto& entry : inputs)
        inputDims[entry.first] = entry.second.dims();
    const uint64_t memoryLimit = memoryLimitFrom(parser);
    WorkflowMemoryEstimate memory = estimateRunMemory(model, inputDims);
    if (memory.totalBytes() > memoryLimit && !memory.inference.guessedTensors.empty())
        memory = estimateRunMemory(model, inputDims, true); // measure what shape inference left open
    checkMemoryLimit(modelPath, memory, memoryLimit, advice);
}

} // namespace qs::cli
