#include "benchcommand.h"

#include "argparser.h"
#include "modelcommandargs.h"
#include "progressline.h"
#include "runcommand.h"
#include "usageerror.h"

#include "model/onnxloader.h"
#include "runtime/executor.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

namespace qs::cli {

namespace {

const char* const kUsage =
    "usage: quantscope-cli bench MODEL [--threads N] [--iterations K] [--input-shape NAME=d0,d1,...] "
    "[--json]\n"
    "\n"
    "Runs the model K times (after one warm-up run) on generated inputs and prints the median and minimum\n"
    "latency. Inputs with symbolic dims need --input-shape.\n"
    "\n"
    "options:\n"
    "  --threads N                  threads to use (default: all hardware threads)\n"
    "  --iterations K               timed runs (default 20)\n"
    "  --input-shape NAME=d0,d1,..  shape of input NAME (repeatable)\n"
    "  --json                       print {\"median_ms\": .., \"min_ms\": ..} and details as JSON\n"
    "  -h, --help                   show this help\n";

RuntimeTensor generatedInput(const ValueInfo& input,
                             const std::map<std::string, std::vector<int64_t>>& shapes,
                             std::mt19937& random) {
    std::vector<int64_t> dims;
    auto given = shapes.find(input.name);
    if (given != shapes.end()) {
        dims = given->second;
    } else {
        if (!input.hasShape)
            throw Error("input '" + input.name + "' has no declared shape; give --input-shape " + input.name +
                        "=...");
        for (const Dim& dim : input.shape) {
            if (!dim.isStatic())
                throw Error("input '" + input.name + "' has symbolic dim '" + dim.toString() +
                            "'; give --input-shape " + input.name + "=...");
            dims.push_back(dim.value);
        }
    }
    RuntimeTensor tensor(input.type == DataType::Undefined ? DataType::Float : input.type, dims);
    if (tensor.type() == DataType::Float) {
        std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
        for (int64_t i = 0; i < tensor.elementCount(); ++i)
            tensor.data<float>()[i] = uniform(random);
    } else {
        std::memset(tensor.raw(), 0, tensor.sizeBytes());
    }
    return tensor;
}

} // namespace

int runBench(const std::vector<std::string>& args) {
    std::vector<std::string> remaining = args;
    std::vector<std::string> shapeSpecs = takeRepeatedOption(remaining, "--input-shape");
    ArgParser parser("bench");
    parser.addOption("--iterations");
    parser.addFlag("--json");
    if (!parseModelCommand(parser, remaining, kUsage))
        return 0;
    ExecutorOptions options = executorOptionsFrom(parser);
    int iterations = 20;
    if (std::optional<std::string> count = parser.option("--iterations"))
        iterations = parsePositiveCount(*count, "--iterations");
    std::map<std::string, std::vector<int64_t>> shapes = parseInputShapes(shapeSpecs);

    const std::string path = parser.positionals().front();
    ProgressLine progress("loading " + std::filesystem::path(path).filename().string());
    LoadResult loaded = loadOnnxModel(path, LoadOptions{}, progress.callback());
    progress.finish();
    Executor executor(loaded.model, options);
    for (const auto& entry : shapes) {
        bool known = std::any_of(executor.inputs().begin(), executor.inputs().end(),
                                 [&](const ValueInfo& input) { return input.name == entry.first; });
        if (!known)
            throw UsageError("--input-shape names '" + entry.first + "', which is not an input of the model");
    }
    std::mt19937 random(42);
    TensorMap inputs;
    for (const ValueInfo& input : executor.inputs())
        inputs[input.name] = generatedInput(input, shapes, random);
    checkRunMemory(parser, path, loaded.model, inputs,
                   "give smaller shapes with --input-shape or raise --max-memory");

    executor.run(inputs);
    std::vector<double> latenciesMs;
    for (int i = 0; i < iterations; ++i) {
        auto start = std::chrono::steady_clock::now();
        executor.run(inputs);
        auto end = std::chrono::steady_clock::now();
        latenciesMs.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(latenciesMs.begin(), latenciesMs.end());
    size_t middle = latenciesMs.size() / 2;
    double medianMs =
        latenciesMs.size() % 2 ? latenciesMs[middle] : (latenciesMs[middle - 1] + latenciesMs[middle]) / 2;
    double minMs = latenciesMs.front();
    if (parser.flag("--json")) {
        nlohmann::ordered_json report;
        report["model"] = path;
        report["threads"] = executor.threadCount();
        report["iterations"] = iterations;
        report["median_ms"] = medianMs;
        report["min_ms"] = minMs;
        std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        std::cout << "median " << medianMs << " ms, min " << minMs << " ms (" << iterations << " runs, "
                  << executor.threadCount() << " threads)\n";
    }
    return 0;
}

} // namespace qs::cli
