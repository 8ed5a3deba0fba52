#include "evaluatecommand.h"

#include "argparser.h"
#include "modelcommandargs.h"
#include "report/quantizereport.h"
#include "runcommand.h"
#include "stagelog.h"
#include "usageerror.h"

#include "data/batchloader.h"
#include "data/imagefolder.h"
#include "eval/evaluation.h"
#include "model/layers.h"
#include "model/onnxloader.h"
#include "quant/quantconfig.h"
#include "util/printablename.h"
#include "workflow/datainput.h"
#include "workflow/memorybudget.h"
#include "workflow/quantizationpipeline.h"

#include <filesystem>
#include <iostream>
#include <set>

namespace qs::cli {

namespace {

const char* const kUsage =
    "usage: quantscope-cli evaluate FLOAT.onnx QUANT.onnx --images DIR --config CFG.json [--threads N] "
    "[--json]\n"
    "\n"
    "Runs both models on the images of DIR (preprocessed as the config says) and compares them: top-1/top-5\n"
    "accuracy when DIR is labelled by sub-folder, top-1 agreement, output cosine and KL divergence, and the "
    "SQNR\n"
    "of every layer output both models share by tensor name. Works for models quantized by any tool.\n"
    "\n"
    "options:\n"
    "  --images DIR                 evaluation images\n"
    "  --config CFG.json            config giving input and preprocess (other keys are ignored)\n"
    "  --threads N                  threads to use (default: all hardware threads)\n"
    "  --json                       print the metrics as JSON\n"
    "  -h, --help                   show this help\n";

/// Output tensors of the float model's layers that the other graph also produces.
std::vector<std::pair<std::string, std::string>> sharedLayerOutputs(const Graph& reference,
                                                                    const Graph& candidate) {
    std::set<std::string> produced;
    for (const Node& node : candidate.nodes)
        produced.insert(node.outputs.begin(), node.outputs.end());
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const QuantizableLayer& layer : findQuantizableLayers(reference)) {
        for (const Node& node : reference.nodes) {
            if (node.name == layer.nodeName && !node.outputs.empty() && produced.count(node.outputs.front()))
                pairs.emplace_back(layer.nodeName, node.outputs.front());
        }
    }
    return pairs;
}

/// Refuses the comparison before any image is run when its estimated memory is above the limit. When the
/// config or the folder cannot tell the sample shape, the evaluation reports that problem itself.
void checkComparisonMemory(const Model& reference, const Model& candidate, const std::string& floatPath,
                           const std::string& quantPath, const QuantConfig& config, const std::string& images,
                           uint64_t limitBytes) {
    WorkflowMemoryEstimate estimate;
    try {
        const ValueInfo& input = resolveImageInput(reference, config);
        std::vector<int64_t> dims = configuredSampleDims(input, config);
        if (dims.empty())
            dims = firstSampleDims(scanImageFolder(images, scanOptionsFor(config, false)), config.preprocess);
        if (dims.empty())
            return;
        dims.insert(dims.begin(), int64_t(resolveBatchSize(input, config, {}, {})));
        std::vector<std::string> compared;
        for (const auto& entry : sharedLayerOutputs(reference.graph, candidate.graph))
            compared.push_back(entry.second);
        estimate = estimateComparisonMemory(reference, candidate, input.name, dims, compared);
        if (estimate.totalBytes() > limitBytes && !estimate.inference.guessedTensors.empty())
            estimate = estimateComparisonMemory(reference, candidate, input.name, dims, compared, true);
    } catch (const Cancelled&) {
        throw;
    } catch (const Error&) {
        return;
    }
    checkMemoryLimit(floatPath + " and " + quantPath, estimate, limitBytes,
                     "lower calibration.batch_size in the config or raise --max-memory");
}

} // namespace

int runEvaluate(const std::vector<std::string>& args) {
    ArgParser parser("evaluate");
    parser.addOption("--images");
    parser.addOption("--config");
    parser.addOption("--threads");
    parser.addOption("--max-memory");
    parser.addOption("--max-image-pixels");
    parser.addFlag("--json");
    parser.addFlag("--help");
    parser.addFlag("-h");
    parser.parse(args);
    if (parser.flag("--help") || parser.flag("-h")) {
        std::cout << kUsage << kMaxMemoryHelp << kMaxImagePixelsHelp;
        return 0;
    }
    const uint64_t memoryLimit = memoryLimitFrom(parser);
    parser.requirePositionals(2, 2, "FLOAT.onnx and QUANT.onnx arguments");
    std::optional<std::string> images = parser.option("--images");
    std::optional<std::string> configPath = parser.option("--config");
    if (!images || !configPath)
        throw UsageError("evaluate needs --images and --config (see quantscope-cli evaluate --help)");
    ExecutorOptions executorOptions = executorOptionsFrom(parser);
    QuantConfig config = loadQuantConfig(*configPath);
    applyImagePixelLimit(parser, config);

    StageLog log("evaluating", false);
    ProgressCallback progress = log.callback();
    const std::string floatPath = parser.positionals()[0];
    const std::string quantPath = parser.positionals()[1];
    LoadResult reference = loadOnnxModel(floatPath, LoadOptions{}, {});
    LoadResult candidate = loadOnnxModel(quantPath, LoadOptions{}, {});
    const ValueInfo& input = resolveImageInput(reference.model, config);
    checkAgainstConfig(
        config, [&] { validatePreprocess(config.preprocess, inputChannels(input, config.preprocess)); });
    bool candidateHasInput = false;
    for (const ValueInfo& other : candidate.model.graph.inputs)
        candidateHasInput = candidateHasInput || other.name == input.name;
    if (!candidateHasInput)
        throw Error("'" + quantPath + "' has no input '" + input.name + "' like '" + floatPath + "'");
    std::string outputName =
        reference.model.graph.outputs.empty() ? "" : reference.model.graph.outputs.front().name;

    checkComparisonMemory(reference.model, candidate.model, floatPath, quantPath, config, *images,
                          memoryLimit);

    Executor referenceExecutor(reference.model, executorOptions);
    Executor candidateExecutor(candidate.model, executorOptions);
    checkLabelsFile(config, *images);
    ImageFolderScan scan = scanImageFolder(*images, scanOptionsFor(config, false));
    for (const SkippedFile& file : scan.skipped)
        std::cerr << "quantscope-cli: skipped " << printableName(file.path) << ": "
                  << printableName(file.reason) << '\n';
    size_t batchSize = resolveBatchSize(input, config, {}, {});
    BatchLoader loader(scan, config.preprocess, batchSize);
    EvaluationOptions options;
    options.sqnrTensors = sharedLayerOutputs(reference.model.graph, candidate.model.graph);
    EvaluationResult result;
    try {
        result = evaluatePair({&referenceExecutor, {}, input.name, outputName},
                              {&candidateExecutor, {}, input.name, outputName}, loader, options, progress);
    } catch (const PreprocessMismatch& mismatch) {
        throw Error(configErrorMessage(config, mismatch.what()));
    }
    log.finish();
    nlohmann::ordered_json json = evaluationJson(result, true);
    json["reference"] = floatPath;
    json["candidate"] = quantPath;
    json["skipped_images"] = result.skipped.size() + scan.skipped.size();
    if (parser.flag("--json")) {
        std::cout << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return 0;
    }
    if (json["accuracy"].is_object())
        std::cout << "top-1 accuracy: " << floatPath << " " << json["accuracy"]["float"].get<double>() * 100.0
                  << " %, " << quantPath << " " << json["accuracy"]["quant"].get<double>() * 100.0 << " %\n";
    std::cout << "top-1 agreement: " << result.agreementTop1 * 100.0 << " %, output cosine "
              << result.meanCosine << ", KL " << result.meanKl << " (" << result.imageCount << " images)\n";
    for (const LayerSqnr& layer : result.layers)
        std::cout << "  " << layer.layer << ": SQNR " << layer.sqnrDb << " dB\n";
    return 0;
}

} // namespace qs::cli
