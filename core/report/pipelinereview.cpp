#include "report/pipelinereview.h"

#include "export/weightencoding.h"
#include "util/sha256.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

namespace qs {

namespace {

std::string format(const char* pattern, double value) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

std::string rangeText(const std::string& method, double percentile) {
    return method == "percentile" ? method + " " + format("%g", percentile) : method;
}

std::string schemeText(const QuantScheme& scheme) {
    return scheme.kind == SchemeKind::Float ? "float" : scheme.describe();
}

std::string valuesText(const std::vector<float>& values) {
    std::string out;
    for (float value : values)
        out += (out.empty() ? "" : " ") + format("%g", value);
    return "[" + out + "]";
}

std::string preprocessingText(const PreprocessConfig& config) {
    std::string out = config.color == ColorOrder::Gray  ? "gray"
                      : config.color == ColorOrder::BGR ? "BGR"
                                                        : "RGB";
    if (config.resize.size() == 2)
        out += ", resize to " + std::to_string(config.resize[0]) + "x" + std::to_string(config.resize[1]);
    if (config.resizeShorter > 0)
        out += ", shorter side to " + std::to_string(config.resizeShorter);
    if (!config.resize.empty() || config.resizeShorter > 0) {
        const char* names[] = {"nearest", "linear", "cubic", "area"};
        out += std::string(" (") + names[int(config.interpolation)] + ")";
    }
    if (config.centerCrop.size() == 2)
        out += ", centre crop " + std::to_string(config.centerCrop[0]) + "x" +
               std::to_string(config.centerCrop[1]);
    out += ", scale " + format("%g", config.scale);
    if (!config.mean.empty())
        out += ", mean " + valuesText(config.mean);
    if (!config.std.empty())
        out += ", std " + valuesText(config.std);
    out += config.layout == TensorLayout::NCHW ? ", NCHW" : ", NHWC";
    return out;
}

std::vector<ReviewSkippedFile> skippedFiles(const std::vector<SkippedFile>& scan,
                                            const std::vector<SkippedFile>& decoded) {
    std::vector<ReviewSkippedFile> out;
    for (const std::vector<SkippedFile>* list : {&scan, &decoded})
        for (const SkippedFile& file : *list)
            out.push_back({file.path, file.reason});
    return out;
}

ReviewStrategy strategyOf(const QuantConfig& config) {
    ReviewStrategy strategy;
    strategy.weights = schemeText(config.weights);
    strategy.activations = schemeText(config.activations);
    strategy.calibration = rangeText(config.calibration.method, config.calibration.percentile);
    strategy.biasCorrection = config.biasCorrection;
    for (const LayerOverride& entry : config.layers)
        strategy.overrides.push_back(
            {entry.nodeName, entry.weights ? schemeText(*entry.weights) : "",
             entry.activations ? schemeText(*entry.activations) : "",
             entry.range ? rangeText(entry.range->method, entry.range->percentile) : ""});
    strategy.floatLayers = config.floatLayers;
    strategy.floatOpTypes = config.floatOpTypes;
    strategy.preprocessing = preprocessingText(config.preprocess);
    return strategy;
}

} // namespace

std::string strategyLabel(const QuantStrategy& strategy) {
    std::string label = strategy.weights.kind == SchemeKind::Float
                            ? "w float"
                            : "w " + schemeKindName(strategy.weights.kind) + " " +
                                  std::to_string(strategy.weights.bits) + "-bit";
    label += strategy.activations.kind == SchemeKind::Float
                 ? ", a float"
                 : ", a " + std::to_string(strategy.activations.bits) + "-bit";
    if (!strategy.layers.empty())
        label += ", " + std::to_string(strategy.layers.size()) + " override" +
                 (strategy.layers.size() > 1 ? "s" : "");
    const size_t kept = strategy.floatLayers.size() + strategy.floatOpTypes.size();
    if (kept > 0)
        label += ", " + std::to_string(kept) + " kept float";
    return label;
}

ReviewReport reviewReportFromPipeline(const PipelineReviewInputs& inputs) {
    if (!inputs.model || !inputs.config || !inputs.result)
        throw Error("the review report needs the model, the config and the pipeline result");
    const Model& model = *inputs.model;
    const QuantConfig& config = *inputs.config;
    const PipelineResult& result = *inputs.result;

    ReviewReport report;
    report.model.path = inputs.modelPath;
    report.model.name = std::filesystem::path(inputs.modelPath).filename().string();
    if (report.model.name.empty())
        report.model.name = model.graph.name;
    report.model.sha256 = inputs.modelSha256.empty() && !inputs.modelPath.empty()
                              ? sha256OfFile(inputs.modelPath)
                              : inputs.modelSha256;
    report.model.producerName = model.info.producerName;
    report.model.producerVersion = model.info.producerVersion;
    report.model.opset = model.info.opset();
    report.toolVersion = inputs.toolVersion;
    report.createdUtc = utcTimestamp();
    report.outputPath = inputs.outputPath;
    report.strategy = strategyOf(config);
    report.calibration = {inputs.calibrationFolder, result.calibration.imageCount,
                          skippedFiles(inputs.calibrationScanSkipped, result.calibration.skipped)};
    report.sizes = {inputs.floatFileBytes, inputs.quantFileBytes, result.sizes.floatWeightBytes,
                    result.sizes.quantizedWeightBytes};
    report.classNames = result.classNames;
    report.warnings = result.warnings;

    std::map<std::string, double> cumulative;
    if (result.evaluation) {
        const EvaluationResult& evaluation = *result.evaluation;
        report.evaluation = ReviewDataSet{inputs.evaluationFolder, evaluation.imageCount,
                                          skippedFiles(inputs.evaluationScanSkipped, evaluation.skipped)};
        ReviewAccuracy accuracy;
        accuracy.imageCount = evaluation.imageCount;
        accuracy.floatTop1 = evaluation.referenceTop1;
        accuracy.quantTop1 = evaluation.candidateTop1;
        accuracy.floatTop5 = evaluation.referenceTop5;
        accuracy.quantTop5 = evaluation.candidateTop5;
        accuracy.agreementTop1 = evaluation.agreementTop1;
        accuracy.meanCosine = evaluation.meanCosine;
        accuracy.meanKl = evaluation.meanKl;
        report.accuracy = accuracy;
        for (const LayerSqnr& layer : evaluation.layers)
            cumulative[layer.layer] = layer.sqnrDb;
    }
    std::map<std::string, const LayerSensitivity*> sensitivity;
    for (const LayerSensitivity& layer : result.sensitivity)
        sensitivity[layer.layer] = &layer;

    const int64_t opset = model.info.opset();
    for (const LayerPlan& plan : result.plan.layers) {
        ReviewLayer layer;
        layer.name = plan.layer.nodeName;
        layer.opType = plan.layer.opType;
        layer.scheme = schemeKindName(plan.weights.kind);
        layer.weights = schemeText(plan.weights);
        layer.activations = schemeText(plan.activations);
        layer.weightBits = plan.weights.kind == SchemeKind::Float ? 32 : plan.weights.bits;
        layer.granularity =
            plan.weights.granularity == Granularity::PerChannel ? "per_channel" : "per_tensor";
        layer.rangeMethod = plan.activations.kind == SchemeKind::Float
                                ? ""
                                : rangeText(plan.range.method, plan.range.percentile);
        layer.keptFloat = plan.keptFloat();
        if (auto found = cumulative.find(layer.name); found != cumulative.end())
            layer.cumulativeSqnrDb = found->second;
        if (auto found = sensitivity.find(layer.name); found != sensitivity.end()) {
            layer.isolatedSqnrDb = found->second->outputSqnrDb;
            layer.sensitivity = found->second->metric;
        }
        const auto weight = result.tensors.weights.find(plan.layer.weightName);
        if (weight != result.tensors.weights.end())
            layer.weightBytes = storedWeightBytes(weight->second, opset);
        report.layers.push_back(layer);
    }

    if (report.accuracy) {
        const ReviewAccuracy& accuracy = *report.accuracy;
        const bool labelled = accuracy.floatTop1 && accuracy.quantTop1;
        report.strategies.push_back(
            {"float model", inputs.floatFileBytes, labelled ? *accuracy.floatTop1 : 1.0});
        report.strategies.push_back({"this run: " + strategyLabel(config), inputs.quantFileBytes,
                                     labelled ? *accuracy.quantTop1 : accuracy.agreementTop1.value_or(0.0)});
    }
    return report;
}

void fillReviewFlips(ReviewReport& report, const EvaluationResult& evaluation, size_t maxFlips,
                     int thumbnailPx) {
    for (const ImageOutcome& image : imagesForReview(evaluation.images)) {
        if (!image.flipped() || report.flips.size() >= maxFlips)
            break;
        ReviewFlip flip;
        flip.file = image.file;
        flip.label = image.label;
        flip.floatClass = int(image.referenceClass);
        flip.floatConfidence = image.referenceConfidence;
        flip.quantClass = int(image.candidateClass);
        flip.quantConfidence = image.candidateConfidence;
        flip.outputSqnrDb = image.outputSqnrDb;
        flip.thumbnailJpeg = imageThumbnailJpeg(image.file, thumbnailPx);
        report.flips.push_back(flip);
    }
}

void fillReviewDiagnoses(ReviewReport& report, const std::vector<LayerDiagnosis>& diagnoses) {
    for (const LayerDiagnosis& diagnosis : diagnoses) {
        ReviewDiagnosis entry;
        entry.layer = diagnosis.layer;
        entry.sqnrDb = diagnosis.sqnrDb;
        entry.kind = diagnosisKindName(diagnosis.kind);
        entry.reason = diagnosis.reason;
        for (const DiagnosisFix& fix : diagnosis.fixes)
            entry.fixes.push_back(fix.label);
        report.diagnoses.push_back(entry);
    }
}

} // namespace qs
