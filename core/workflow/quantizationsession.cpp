#include "workflow/quantizationsession.h"

#include "data/batchloader.h"
#include "workflow/datainput.h"
#include "workflow/simulation.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <tuple>

namespace qs {

namespace {

using SchemeKey = std::tuple<int, int, int, int, int>;

SchemeKey keyOf(const QuantScheme& scheme) {
    return {int(scheme.kind), scheme.bits, int(scheme.granularity), int(scheme.rangeMode),
            int(scheme.signedness)};
}

/// Runs `work`, which reads the images through a BatchLoader: a preprocessing that does not fit one of them
/// is a problem of the config, so its message names the config.
template <typename Work> auto readingImages(const QuantConfig& config, Work&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const PreprocessMismatch& mismatch) {
        throw Error(configErrorMessage(config, mismatch.what()));
    }
}

bool samePlan(const LayerPlan& a, const LayerPlan& b) {
    const bool activationsQuantized = a.activations.kind != SchemeKind::Float;
    return keyOf(a.weights) == keyOf(b.weights) && keyOf(a.activations) == keyOf(b.activations) &&
           a.inputActivations == b.inputActivations && a.outputActivation == b.outputActivation &&
           a.quantizeBias == b.quantizeBias && (!activationsQuantized || a.range == b.range);
}

} // namespace

struct QuantizationSession::WeightEntry {
    SchemeKey scheme;
    CodebookInit init = CodebookInit::Density;
    bool operator==(const WeightEntry& other) const { return scheme == other.scheme && init == other.init; }
};

struct QuantizationSession::ActivationEntry {
    SchemeKey scheme;
    std::string method;
    double percentile = 0.0;
    bool operator==(const ActivationEntry& other) const {
        return scheme == other.scheme && method == other.method && percentile == other.percentile;
    }
};

QuantizationSession::QuantizationSession(std::shared_ptr<const Model> model, const SessionOptions& options)
    : model_(std::move(model)), options_(options), cancel_(std::make_shared<std::atomic_bool>(false)) {
    if (!model_)
        throw Error("no model to quantize");
    ExecutorOptions executorOptions;
    executorOptions.threadCount = options.threadCount;
    executor_ = std::make_unique<Executor>(*model_, executorOptions);
    executor_->setCancelFlag(cancel_);
    candidates_ = candidateActivationTensors(model_->graph);
    plan_ = buildQuantPlan(model_->graph, config_);
}

QuantizationSession::~QuantizationSession() = default;

void QuantizationSession::setCancelFlag(std::shared_ptr<std::atomic_bool> flag) {
    cancel_ = flag ? std::move(flag) : std::make_shared<std::atomic_bool>(false);
    executor_->setCancelFlag(cancel_);
}

std::vector<std::string> QuantizationSession::setConfig(const QuantConfig& config) {
    QuantPlan plan = buildQuantPlan(model_->graph, config);
    const bool initChanged = plan.codebookInit != plan_.codebookInit;
    std::vector<std::string> changed;
    for (const LayerPlan& layer : plan.layers) {
        const LayerPlan* before = plan_.findLayer(layer.layer.nodeName);
        const bool codebookChanged = initChanged && layer.weights.kind == SchemeKind::Codebook;
        if (!before || !samePlan(*before, layer) || codebookChanged)
            changed.push_back(layer.layer.nodeName);
    }
    config_ = config;
    plan_ = std::move(plan);
    if (!changed.empty())
        planDirty_ = true;
    return changed;
}

ProgressCallback QuantizationSession::cancellable(const ProgressCallback& progress) const {
    return [progress, cancel = cancel_](double fraction, const std::string& stage) {
        if (cancel->load())
            return false;
        return !progress || progress(fraction, stage);
    };
}

ImageFolderScan QuantizationSession::scan(const std::string& folder, bool calibration,
                                          size_t maxImages) const {
    if (folder.empty())
        throw Error(calibration ? "no calibration folder given" : "no evaluation folder given");
    if (!calibration)
        checkLabelsFile(config_, folder);
    ImageFolderOptions scanOptions = scanOptionsFor(config_, calibration);
    if (maxImages > 0)
        scanOptions.maxImages = maxImages;
    return scanImageFolder(folder, scanOptions);
}

size_t QuantizationSession::batchSizeFor(const ImageFolderScan& scan, const std::string& folder) const {
    // Every problem found here is the config meeting the model or the images: its message names the config.
    return checkAgainstConfig(config_, [&] {
        const ValueInfo& input = resolveImageInput(*model_, config_);
        validatePreprocess(config_.preprocess, inputChannels(input, config_.preprocess));
        const std::vector<int64_t> sampleDims = firstSampleDims(scan, config_.preprocess);
        checkSampleShape(input, sampleDims, config_, folder);
        return resolveBatchSize(input, config_, sampleDims, options_.inputShapes);
    });
}

DataSetSummary QuantizationSession::checkDataFolder(const std::string& folder, bool calibration) const {
    const ImageFolderScan found = scan(folder, calibration);
    batchSizeFor(found, folder);
    if (!calibration)
        checkEvaluableOutput(model_->graph, comparedOutput(model_->graph));
    return DataSetSummary{folder, found.items.size(), found.skipped, found.classNames};
}

const CalibrationResult& QuantizationSession::calibrate(const std::string& folder, CalibrationScope scope,
                                                        const ProgressCallback& progress) {
    const ProgressCallback report = cancellable(progress);
    reportProgress(report, 0.0, "Scanning calibration images");
    const ImageFolderScan found = scan(folder, true);
    const size_t batchSize = batchSizeFor(found, folder);
    std::vector<std::string> tensors;
    if (scope == CalibrationScope::EveryCandidate)
        tensors = candidates_;
    for (const ActivationPlan& activation : plan_.activations)
        if (std::find(tensors.begin(), tensors.end(), activation.tensor) == tensors.end())
            tensors.push_back(activation.tensor);

    const std::string inputName = resolveImageInput(*model_, config_).name;
    BatchLoader loader(found, config_.preprocess, batchSize, report);
    auto result = std::make_shared<CalibrationResult>(readingImages(
        config_, [&] { return qs::calibrate(*executor_, inputName, loader, tensors, report); }));
    calibration_ = std::move(result);
    calibrationFolder_ = folder;
    calibrationSet_ = DataSetSummary{folder, found.items.size(), found.skipped, found.classNames};
    batchSize_ = batchSize;
    activationCache_.clear();
    tensors_.activations.clear();
    quantized_ = false;
    biasesCorrected_ = false;
    planDirty_ = true;
    return *calibration_;
}

void QuantizationSession::setCalibration(std::shared_ptr<const CalibrationResult> calibration,
                                         const std::string& folder) {
    calibration_ = std::move(calibration);
    calibrationFolder_ = folder;
    calibrationSet_ = DataSetSummary{folder, calibration_ ? calibration_->imageCount : 0, {}, {}};
    activationCache_.clear();
    tensors_.activations.clear();
    quantized_ = false;
    biasesCorrected_ = false;
    planDirty_ = true;
}

QuantizeReport QuantizationSession::quantize(const ProgressCallback& progress) {
    if (!calibration_)
        throw Error("quantizing needs a calibration: calibrate on a folder of images first");
    const ProgressCallback report = cancellable(progress);
    const Graph& graph = model_->graph;
    QuantizeReport changes;
    const double steps = double(plan_.activations.size() + plan_.layers.size()) + 1.0;
    double done = 0.0;

    std::map<std::string, QuantParams> newActivations;
    std::map<std::string, ActivationEntry> newActivationKeys;
    for (const ActivationPlan& activation : plan_.activations) {
        reportProgress(report, done++ / steps, "Computing activation ranges");
        const CalibrationSettings range = plan_.rangeSettings(activation);
        const ActivationEntry key{keyOf(activation.scheme), range.method, range.percentile};
        auto cached = activationCache_.find(activation.tensor);
        auto params = tensors_.activations.find(activation.tensor);
        if (cached != activationCache_.end() && cached->second == key &&
            params != tensors_.activations.end()) {
            newActivations[activation.tensor] = params->second;
        } else {
            newActivations[activation.tensor] = activationParams(activation, range, *calibration_);
            changes.recomputedActivations.push_back(activation.tensor);
        }
        newActivationKeys.emplace(activation.tensor, key);
    }

    std::map<std::string, WeightQuantization> computed;
    std::map<std::string, WeightEntry> newWeightKeys;
    std::vector<std::string> reused;
    for (const LayerPlan& layer : plan_.layers) {
        reportProgress(report, done++ / steps, "Quantizing weights");
        const std::string& weightName = layer.layer.weightName;
        if (layer.weights.kind == SchemeKind::Float || newWeightKeys.count(weightName))
            continue;
        const WeightEntry key{keyOf(layer.weights), plan_.codebookInit};
        newWeightKeys.emplace(weightName, key);
        auto cached = weightCache_.find(weightName);
        if (cached != weightCache_.end() && cached->second == key && tensors_.weights.count(weightName)) {
            reused.push_back(weightName);
            continue;
        }
        computed[weightName] = quantizeLayerWeight(graph, layer.layer, layer.weights, plan_.codebookInit);
        changes.requantizedLayers.push_back(layer.layer.nodeName);
    }

    if (quantized_ && !planDirty_ && computed.empty() && changes.recomputedActivations.empty()) {
        reportProgress(report, 1.0, "Quantizing weights");
        return changes; // nothing changed: the tensors (and their corrected biases) stay
    }
    QuantizedTensors next;
    next.activations = std::move(newActivations);
    for (const std::string& weightName : reused)
        next.weights[weightName] = std::move(tensors_.weights[weightName]);
    for (auto& [weightName, quantization] : computed)
        next.weights[weightName] = std::move(quantization);
    tensors_ = std::move(next);
    weightCache_ = std::move(newWeightKeys);
    activationCache_ = std::move(newActivationKeys);
    quantized_ = false;
    biasesCorrected_ = false;

    for (const LayerPlan& layer : plan_.layers) {
        if (!layer.quantizeBias || layer.layer.biasName.empty())
            continue;
        const Tensor* bias = graph.initializer(layer.layer.biasName);
        if (!bias || bias->type != DataType::Float)
            throw Error("layer '" + layer.layer.nodeName + "': bias '" + layer.layer.biasName +
                        "' is not a float32 initializer");
        const float* values = bias->as<float>();
        tensors_.biases[layer.layer.biasName] =
            quantizeLayerBias(layer, tensors_, std::vector<float>(values, values + bias->elementCount()));
    }
    quantized_ = true;
    planDirty_ = false;
    reportProgress(report, 1.0, "Quantizing weights");
    return changes;
}

void QuantizationSession::requireQuantized(const std::string& step) const {
    if (!quantized_)
        throw Error(step + " needs quantized tensors: calibrate and quantize first");
}

BiasCorrectionReport QuantizationSession::correctBiases(const ProgressCallback& progress) {
    requireQuantized("bias correction");
    const ProgressCallback report = cancellable(progress);
    const ImageFolderScan found = scan(calibrationFolder_, true);
    const size_t batchSize = batchSizeFor(found, calibrationFolder_);
    const std::string inputName = resolveImageInput(*model_, config_).name;
    BatchLoader loader(found, config_.preprocess, batchSize);
    BiasCorrectionReport result = readingImages(config_, [&] {
        return qs::correctBiases(*executor_, model_->graph, plan_, inputName, loader, tensors_, report);
    });
    biasesCorrected_ = true;
    return result;
}

EvaluationResult QuantizationSession::evaluate(const std::string& folder, const ProgressCallback& progress) {
    requireQuantized("evaluation");
    const ProgressCallback report = cancellable(progress);
    reportProgress(report, 0.0, "Scanning evaluation images");
    const ImageFolderScan found = scan(folder, false);
    const size_t batchSize = batchSizeFor(found, folder);
    const std::string inputName = resolveImageInput(*model_, config_).name;
    const std::string outputName = comparedOutput(model_->graph);
    const QuantSimulation simulation(model_->graph, plan_, tensors_);
    ModelSide reference{executor_.get(), {}, inputName, outputName};
    ModelSide candidate{executor_.get(), simulation.runOptions(), inputName, outputName};
    EvaluationOptions options;
    options.sqnrTensors = quantizedLayerOutputs(model_->graph, plan_);
    BatchLoader loader(found, config_.preprocess, batchSize);
    EvaluationResult result =
        readingImages(config_, [&] { return evaluatePair(reference, candidate, loader, options, report); });
    evaluationSet_ = DataSetSummary{folder, found.items.size(), found.skipped, found.classNames};
    return result;
}

namespace {

/// A data set of the one file `path`, unlabelled.
ImageFolderScan singleFileScan(const std::string& path) {
    if (path.empty())
        throw Error("no image given to compare");
    const std::filesystem::path file(path);
    if (!isDatasetFileName(file.filename().string()))
        throw Error(path + ": not an image or .npy file (expected one of the image extensions or .npy)");
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    ImageFolderScan scan;
    scan.root = file.parent_path().string();
    DatasetItem item;
    item.path = path;
    item.relativePath = file.filename().string();
    item.kind = extension == ".npy" ? SampleKind::Npy : SampleKind::Image;
    scan.items.push_back(item);
    scan.foundCount = 1;
    return scan;
}

} // namespace

QuantizationSession::ImageComparison QuantizationSession::compareImage(const std::string& imagePath,
                                                                       const ProgressCallback& progress) {
    requireQuantized("comparing an image");
    const ProgressCallback report = cancellable(progress);
    const ImageFolderScan single = singleFileScan(imagePath);
    const std::string inputName = resolveImageInput(*model_, config_).name;
    const std::string outputName = comparedOutput(model_->graph);
    const QuantSimulation simulation(model_->graph, plan_, tensors_);
    ModelSide reference{executor_.get(), {}, inputName, outputName};
    ModelSide candidate{executor_.get(), simulation.runOptions(), inputName, outputName};
    EvaluationOptions options;
    options.sqnrTensors = quantizedLayerOutputs(model_->graph, plan_);
    BatchLoader loader(single, config_.preprocess, 1);
    EvaluationResult result;
    try {
        result = readingImages(config_, [&] {
            batchSizeFor(single, imagePath);
            return evaluatePair(reference, candidate, loader, options, report);
        });
    } catch (const Cancelled&) {
        throw;
    } catch (const Error&) {
        const std::vector<SkippedFile> skipped = loader.skipped();
        if (!skipped.empty())
            throw Error(imagePath + ": cannot be read (" + skipped.front().reason + ")");
        throw;
    }
    if (result.images.size() != 1)
        throw Error(imagePath + ": cannot be read");
    return ImageComparison{result.images.front(), result.layers};
}

std::vector<LayerSensitivity> QuantizationSession::sensitivity(const std::string& folder, size_t maxImages,
                                                               const ProgressCallback& progress) {
    requireQuantized("sensitivity");
    const ProgressCallback report = cancellable(progress);
    const ImageFolderScan found = scan(folder, false, maxImages);
    const size_t batchSize = batchSizeFor(found, folder);
    const std::string inputName = resolveImageInput(*model_, config_).name;
    BatchLoader loader(found, config_.preprocess, batchSize);
    const std::string outputName = comparedOutput(model_->graph);
    return readingImages(config_, [&] {
        return layerSensitivity(*executor_, model_->graph, plan_, tensors_, inputName, outputName, loader,
                                report);
    });
}

ModelSizes QuantizationSession::sizes() const {
    requireQuantized("model sizes");
    return modelSizes(model_->graph, plan_, tensors_, model_->info.opset());
}

ExportResult QuantizationSession::exportModel(const std::string& path, const ExportOptions& options,
                                              const ProgressCallback& progress) {
    requireQuantized("export");
    return exportQuantizedModel(*model_, plan_, tensors_, path, options, cancellable(progress));
}

} // namespace qs
