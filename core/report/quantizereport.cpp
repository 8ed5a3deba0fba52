#include "report/quantizereport.h"

#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

namespace qs {

namespace {

using Json = nlohmann::ordered_json;

/// JSON has no infinity: an SQNR of identical tensors is written as null.
Json finiteOrNull(double value) {
    return std::isfinite(value) ? Json(value) : Json(nullptr);
}

std::string percent(const Json& value) {
    if (!value.is_number())
        return "-";
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << value.get<double>() * 100.0 << " %";
    return out.str();
}

std::string number(const Json& value, int precision) {
    if (!value.is_number())
        return "-";
    std::ostringstream out;
    out << std::fixed << std::setprecision(precision) << value.get<double>();
    return out.str();
}

std::string bytes(const Json& value) {
    if (!value.is_number())
        return "-";
    double size = value.get<double>();
    std::ostringstream out;
    out << std::fixed << std::setprecision(size >= 1024 * 1024 ? 2 : 1);
    if (size >= 1024.0 * 1024.0)
        out << size / (1024.0 * 1024.0) << " MiB";
    else if (size >= 1024.0)
        out << size / 1024.0 << " KiB";
    else
        out << std::setprecision(0) << size << " B";
    return out.str();
}

std::string schemeText(const QuantScheme& scheme) {
    return scheme.kind == SchemeKind::Float ? "float" : scheme.describe();
}

} // namespace

Json evaluationJson(const EvaluationResult& evaluation, bool layerSqnr) {
    Json json;
    json["images"] = evaluation.imageCount;
    if (evaluation.referenceTop1 && evaluation.candidateTop1)
        json["accuracy"] = {{"float", *evaluation.referenceTop1}, {"quant", *evaluation.candidateTop1}};
    else
        json["accuracy"] = nullptr;
    if (evaluation.referenceTop5 && evaluation.candidateTop5)
        json["accuracy_top5"] = {{"float", *evaluation.referenceTop5}, {"quant", *evaluation.candidateTop5}};
    json["agreement_top1"] = evaluation.agreementTop1;
    json["cosine"] = evaluation.meanCosine;
    json["kl_divergence"] = evaluation.meanKl;
    json["seconds"] = evaluation.seconds;
    if (layerSqnr) {
        Json layers = Json::array();
        for (const LayerSqnr& layer : evaluation.layers)
            layers.push_back(
                {{"name", layer.layer}, {"tensor", layer.tensor}, {"sqnr_db", finiteOrNull(layer.sqnrDb)}});
        json["layer_sqnr"] = layers;
    }
    return json;
}

Json quantizeSummaryJson(const PipelineResult& result, const std::string& modelPath,
                         const std::string& outputPath, const std::string& planPath, uint64_t floatFileBytes,
                         uint64_t quantFileBytes) {
    Json json;
    json["model"] = modelPath;
    json["output"] = outputPath;
    json["plan"] = planPath.empty() ? Json(nullptr) : Json(planPath);
    json["float_size_bytes"] = floatFileBytes;
    json["quant_size_bytes"] = quantFileBytes;
    json["weights"] = {{"float_bytes", result.sizes.floatWeightBytes},
                       {"quant_bytes", result.sizes.quantizedWeightBytes},
                       {"quantized_layers_float_bytes", result.sizes.floatQuantizableBytes},
                       {"quantized_layers_quant_bytes", result.sizes.quantizedQuantizableBytes}};
    std::map<std::string, double> sqnr;
    std::map<std::string, double> sensitivity;
    if (result.evaluation) {
        const EvaluationResult& evaluation = *result.evaluation;
        Json metrics = evaluationJson(evaluation, false);
        json["accuracy"] = metrics["accuracy"];
        if (metrics.contains("accuracy_top5"))
            json["accuracy_top5"] = metrics["accuracy_top5"];
        json["agreement_top1"] = evaluation.agreementTop1;
        json["cosine"] = evaluation.meanCosine;
        json["kl_divergence"] = evaluation.meanKl;
        json["evaluation_images"] = evaluation.imageCount;
        for (const LayerSqnr& layer : evaluation.layers)
            sqnr[layer.layer] = layer.sqnrDb;
    } else {
        json["accuracy"] = nullptr;
        json["agreement_top1"] = nullptr;
    }
    for (const LayerSensitivity& layer : result.sensitivity)
        sensitivity[layer.layer] = layer.metric;
    json["skipped_images"] = result.skippedImageCount();
    json["calibration"] = {{"method", result.plan.calibration.method},
                           {"images", result.calibration.imageCount},
                           {"images_per_second", result.calibration.imagesPerSecond()},
                           {"batch_size", result.batchSize}};
    json["bias_correction"] = {{"layers", result.biasCorrection.layerCount},
                               {"mean_abs_shift", result.biasCorrection.meanAbsShift}};
    Json layers = Json::array();
    for (const LayerPlan& layer : result.plan.layers) {
        Json entry;
        entry["name"] = layer.layer.nodeName;
        entry["op_type"] = layer.layer.opType;
        entry["scheme"] = schemeKindName(layer.weights.kind);
        entry["bits"] = layer.weights.kind == SchemeKind::Float ? 32 : layer.weights.bits;
        entry["granularity"] =
            layer.weights.granularity == Granularity::PerChannel ? "per_channel" : "per_tensor";
        entry["weights"] = schemeText(layer.weights);
        entry["activations"] = schemeText(layer.activations);
        auto found = sqnr.find(layer.layer.nodeName);
        entry["sqnr_db"] = found == sqnr.end() ? Json(nullptr) : finiteOrNull(found->second);
        auto sensitive = sensitivity.find(layer.layer.nodeName);
        if (sensitive != sensitivity.end())
            entry["sensitivity"] = sensitive->second;
        layers.push_back(entry);
    }
    json["layers"] = layers;
    Json skipped = Json::array();
    for (const SkippedFile& file : result.calibration.skipped)
        skipped.push_back({{"path", file.path}, {"reason", file.reason}});
    if (result.evaluation)
        for (const SkippedFile& file : result.evaluation->skipped)
            skipped.push_back({{"path", file.path}, {"reason", file.reason}});
    json["skipped"] = skipped;
    json["warnings"] = result.warnings;
    json["timing"] = {
        {"calibration_s", result.timings.calibration},        {"quantization_s", result.timings.quantization},
        {"bias_correction_s", result.timings.biasCorrection}, {"evaluation_s", result.timings.evaluation},
        {"sensitivity_s", result.timings.sensitivity},        {"total_s", result.timings.total}};
    return json;
}

std::string quantizeSummaryText(const Json& summary) {
    std::ostringstream out;
    out << "wrote " << summary["output"].get<std::string>() << " (" << bytes(summary["quant_size_bytes"])
        << ", float model " << bytes(summary["float_size_bytes"]) << ")\n";
    out << "weights: " << bytes(summary["weights"]["float_bytes"]) << " -> "
        << bytes(summary["weights"]["quant_bytes"]) << "\n";
    if (summary["accuracy"].is_object())
        out << "top-1 accuracy: float " << percent(summary["accuracy"]["float"]) << ", quantized "
            << percent(summary["accuracy"]["quant"]) << "\n";
    if (summary["agreement_top1"].is_number())
        out << "top-1 agreement with float: " << percent(summary["agreement_top1"]) << ", output cosine "
            << number(summary["cosine"], 5) << "\n";
    out << "calibration: " << summary["calibration"]["images"].get<size_t>() << " images, "
        << number(summary["calibration"]["images_per_second"], 1) << " images/s ("
        << summary["calibration"]["method"].get<std::string>() << ")\n";
    if (summary["skipped_images"].get<size_t>() > 0)
        out << "skipped " << summary["skipped_images"].get<size_t>() << " unreadable files\n";
    return out.str();
}

} // namespace qs
