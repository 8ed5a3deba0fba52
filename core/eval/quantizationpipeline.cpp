#include "eval/quantizationpipeline.h"

#include "data/batchloader.h"
#include "data/imagefolder.h"
#include "eval/simulation.h"
#include "quant/calibration.h"
#include "runtime/npy.h"

#include <chrono>
#include <memory>

namespace qs {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Maps a stage's own 0..1 progress into [begin, end] of the whole run.
ProgressCallback stageProgress(const ProgressCallback& progress, double begin, double end) {
    if (!progress)
        return {};
    return [progress, begin, end](double fraction, const std::string& stage) {
        return progress(begin + (end - begin) * fraction, stage);
    };
}

std::string joinNames(const std::vector<ValueInfo>& infos) {
    std::string text;
    for (const ValueInfo& info : infos)
        text += (text.empty() ? "'" : ", '") + info.name + "'";
    return text.empty() ? "none" : text;
}

bool isInitializer(const Graph& graph, const std::string& name) {
    return graph.initializers.count(name) != 0;
}

/// The first float graph output: what classification metrics compare.
std::string resolveOutput(const Graph& graph) {
    for (const ValueInfo& output : graph.outputs)
        if (output.type == DataType::Float || output.type == DataType::Undefined)
            return output.name;
    throw Error("model graph '" + graph.name + "' has no float output to compare (outputs: " +
                joinNames(graph.outputs) + ")");
}

/// Checks one preprocessed sample's dims against the input's static dims (all but the batch dim).
void checkSampleShape(const ValueInfo& input, const std::vector<int64_t>& sampleDims, const QuantConfig& config,
                      const std::string& folder) {
    if (!input.hasShape || sampleDims.empty())
        return;
    std::vector<int64_t> dims = sampleDims;
    dims.insert(dims.begin(), 1);
    bool mismatch = dims.size() != input.shape.size();
    for (size_t d = 1; !mismatch && d < dims.size(); ++d)
        mismatch = input.shape[d].isStatic() && input.shape[d].value != dims[d];
    if (!mismatch)
        return;
    std::string expected;
    for (const Dim& dim : input.shape)
        expected += (expected.empty() ? "" : ",") + dim.toString();
    throw Error("images of '" + folder + "' preprocess to " + dimsToString(sampleDims) + " per sample but model input '" +
                input.name + "' is [" + expected + "]; adjust preprocess.resize / preprocess.center_crop / "
                "preprocess.color / preprocess.layout (now " + toString(config.preprocess.color) + ", " +
                toString(config.preprocess.layout) + ")");
}

/// The per-sample dims of the first item of `scan` that can be read (decode errors are left to the loader).
std::vector<int64_t> firstSampleDims(const ImageFolderScan& scan, const PreprocessConfig& preprocess) {
    for (size_t i = 0; i < scan.items.size() && i < 16; ++i) {
        const DatasetItem& item = scan.items[i];
        try {
            if (item.kind == SampleKind::Npy) {
                RuntimeTensor tensor = readNpy(item.path);
                return tensor.dims();
            }
            return preprocessImageFile(item.path, preprocess).dims();
        } catch (const Cancelled&) {
            throw;
        } catch (const Error&) {
        }
    }
    return {};
}

} // namespace

size_t PipelineResult::skippedImageCount() const {
    size_t count = calibration.skipped.size() + calibrationScanSkipped + evaluationScanSkipped;
    if (evaluation)
        count += evaluation->skipped.size();
    return count;
}

const ValueInfo& resolveImageInput(const Model& model, const QuantConfig& config) {
    const Graph& graph = model.graph;
    std::vector<const ValueInfo*> candidates;
    for (const ValueInfo& input : graph.inputs) {
        if (isInitializer(graph, input.name))
            continue;
        if (!config.input.name.empty()) {
            if (input.name == config.input.name)
                return input;
        } else if (input.type == DataType::Float) {
            candidates.push_back(&input);
        }
    }
    if (!config.input.name.empty())
        throw Error("input.name: the model has no input '" + config.input.name + "' (inputs: " +
                    joinNames(graph.inputs) + ")");
    if (candidates.size() != 1)
        throw Error("the model has " + std::to_string(candidates.size()) +
                    " float inputs; name the one the images feed with input.name in the config (inputs: " +
                    joinNames(graph.inputs) + ")");
    return *candidates.front();
}

size_t resolveBatchSize(const ValueInfo& input, const QuantConfig& config, const std::vector<int64_t>& sampleDims,
                        const std::map<std::string, std::vector<int64_t>>& inputShapes) {
    std::vector<int64_t> shape;
    auto given = inputShapes.find(input.name);
    if (given != inputShapes.end())
        shape = given->second;
    else if (!config.input.shape.empty())
        shape = config.input.shape;
    if (!shape.empty()) {
        if (input.hasShape && shape.size() != input.shape.size())
            throw Error("input.shape for '" + input.name + "' has " + std::to_string(shape.size()) +
                        " dims but the model input has " + std::to_string(input.shape.size()));
        for (size_t d = 0; input.hasShape && d < shape.size(); ++d)
            if (input.shape[d].isStatic() && input.shape[d].value != shape[d])
                throw Error("input.shape for '" + input.name + "': dim " + std::to_string(d) + " is " +
                            std::to_string(shape[d]) + " but the model fixes it to " +
                            std::to_string(input.shape[d].value));
    }
    if (!sampleDims.empty() && !shape.empty()) {
        std::vector<int64_t> expected(shape.begin() + 1, shape.end());
        if (expected != sampleDims)
            throw Error("images preprocess to " + dimsToString(sampleDims) + " per sample but input.shape of '" +
                        input.name + "' asks for " + dimsToString(expected) +
                        "; adjust preprocess.resize / preprocess.center_crop / preprocess.layout");
    }
    if (!shape.empty())
        return static_cast<size_t>(shape.front());
    if (input.hasShape && !input.shape.empty() && input.shape.front().isStatic())
        return static_cast<size_t>(input.shape.front().value);
    return config.calibration.batchSize;
}

ImageFolderOptions scanOptionsFor(const QuantConfig& config, bool calibration) {
    ImageFolderOptions options;
    if (calibration) {
        options.maxImages = config.calibration.maxImages;
    } else {
        options.labelsFile = config.labelsFile;
    }
    return options;
}

PipelineResult runQuantizationPipeline(const PipelineRequest& request, const ProgressCallback& progress) {
    if (!request.model)
        throw Error("no model to quantize");
    const Clock::time_point start = Clock::now();
    const Model& model = *request.model;
    const Graph& graph = model.graph;
    const QuantConfig& config = request.config;
    PipelineResult result;
    const bool evaluate = !request.evaluationFolder.empty();
    const double calibrationEnd = evaluate ? 0.4 : 0.7;
    const double quantizeEnd = calibrationEnd + 0.05;
    const double biasEnd = evaluate ? 0.6 : 1.0;

    result.plan = buildQuantPlan(graph, config);
    const ValueInfo& input = resolveImageInput(model, config);
    result.inputName = input.name;
    result.outputName = resolveOutput(graph);
    int64_t channels = -1;
    if (input.hasShape && input.shape.size() == 4) {
        const Dim& channelDim = config.preprocess.layout == TensorLayout::NCHW ? input.shape[1] : input.shape[3];
        channels = channelDim.isStatic() ? channelDim.value : -1;
    }
    validatePreprocess(config.preprocess, channels);

    ExecutorOptions executorOptions;
    executorOptions.threadCount = request.threadCount;
    Executor executor(model, executorOptions);

    // Calibration.
    Clock::time_point stageStart = Clock::now();
    reportProgress(progress, 0.0, "scanning calibration images");
    ImageFolderScan calibrationScan = scanImageFolder(request.calibrationFolder, scanOptionsFor(config, true));
    result.calibrationScanSkipped = calibrationScan.skipped.size();
    std::vector<int64_t> sampleDims = firstSampleDims(calibrationScan, config.preprocess);
    checkSampleShape(input, sampleDims, config, request.calibrationFolder);
    result.batchSize = resolveBatchSize(input, config, sampleDims, request.inputShapes);
    std::vector<std::string> tensors;
    for (const ActivationPlan& activation : result.plan.activations)
        tensors.push_back(activation.tensor);
    {
        BatchLoader loader(calibrationScan, config.preprocess, result.batchSize,
                           stageProgress(progress, 0.0, calibrationEnd));
        result.calibration = calibrate(executor, input.name, loader, tensors,
                                       stageProgress(progress, 0.0, calibrationEnd));
    }
    result.timings.calibration = secondsSince(stageStart);

    stageStart = Clock::now();
    result.tensors = quantizeTensors(graph, result.plan, result.calibration,
                                     stageProgress(progress, calibrationEnd, quantizeEnd));
    result.timings.quantization = secondsSince(stageStart);

    if (config.biasCorrection) {
        stageStart = Clock::now();
        BatchLoader loader(calibrationScan, config.preprocess, result.batchSize);
        result.biasCorrection = correctBiases(executor, graph, result.plan, input.name, loader, result.tensors,
                                              stageProgress(progress, quantizeEnd, biasEnd));
        result.timings.biasCorrection = secondsSince(stageStart);
    }
    result.sizes = modelSizes(graph, result.plan, result.tensors);

    if (evaluate) {
        stageStart = Clock::now();
        reportProgress(progress, biasEnd, "scanning evaluation images");
        ImageFolderScan evaluationScan = scanImageFolder(request.evaluationFolder, scanOptionsFor(config, false));
        result.evaluationScanSkipped = evaluationScan.skipped.size();
        result.classNames = evaluationScan.classNames;
        QuantSimulation simulation(graph, result.plan, result.tensors);
        ModelSide reference{&executor, {}, input.name, result.outputName};
        ModelSide candidate{&executor, simulation.runOptions(), input.name, result.outputName};
        EvaluationOptions options;
        options.sqnrTensors = quantizedLayerOutputs(graph, result.plan);
        const double evaluationEnd = request.sensitivityImages > 0 ? 0.9 : 1.0;
        BatchLoader loader(evaluationScan, config.preprocess, result.batchSize);
        result.evaluation = evaluatePair(reference, candidate, loader, options,
                                         stageProgress(progress, biasEnd, evaluationEnd));
        result.timings.evaluation = secondsSince(stageStart);

        if (request.sensitivityImages > 0) {
            stageStart = Clock::now();
            ImageFolderOptions subsetOptions = scanOptionsFor(config, false);
            subsetOptions.maxImages = request.sensitivityImages;
            ImageFolderScan subset = scanImageFolder(request.evaluationFolder, subsetOptions);
            BatchLoader subsetLoader(subset, config.preprocess, result.batchSize);
            result.sensitivity = layerSensitivity(executor, graph, result.plan, result.tensors, input.name,
                                                  result.outputName, subsetLoader,
                                                  stageProgress(progress, evaluationEnd, 1.0));
            result.timings.sensitivity = secondsSince(stageStart);
        }
    }
    reportProgress(progress, 1.0, "done");
    result.timings.total = secondsSince(start);
    return result;
}

} // namespace qs
