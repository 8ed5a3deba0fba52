// planToJson (declared in qdqexport.h): the plan and the numbers it turned into, for people and scripts
// reading what an exported model contains.

#include "export/qdqexport.h"
#include "export/weightencoding.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>

namespace qs {

namespace {

using Json = nlohmann::ordered_json;

template <typename Values> Json summary(const Values& values) {
    if (values.empty())
        return Json();
    double sum = 0.0;
    double low = std::numeric_limits<double>::max();
    double high = std::numeric_limits<double>::lowest();
    for (const auto value : values) {
        sum += double(value);
        low = std::min(low, double(value));
        high = std::max(high, double(value));
    }
    return Json{{"count", values.size()}, {"min", low}, {"max", high}, {"mean", sum / double(values.size())}};
}

Json schemeJson(const QuantScheme& scheme) {
    Json json{{"scheme", schemeKindName(scheme.kind)}};
    if (scheme.kind == SchemeKind::Float)
        return json;
    json["bits"] = scheme.bits;
    json["granularity"] = scheme.granularity == Granularity::PerChannel ? "per_channel" : "per_tensor";
    json["symmetric"] = scheme.rangeMode == RangeMode::Symmetric;
    json["signed"] = scheme.signedness == Signedness::Signed;
    return json;
}

Json weightJson(const WeightQuantization& weight, int64_t opset) {
    Json json;
    json["storage"] = weightStorageName(weightStorageFor(weight, opset));
    json["float_bytes"] = weight.codes.size() * sizeof(float);
    json["stored_bytes"] = storedWeightBytes(weight, opset);
    if (weight.scheme == SchemeKind::Uniform) {
        json["scales"] = summary(weight.uniform.scales);
        json["zero_points"] = summary(weight.uniform.zeroPoints);
    } else {
        std::vector<float> entries;
        size_t perGroup = 0;
        for (const std::vector<float>& table : weight.tables) {
            entries.insert(entries.end(), table.begin(), table.end());
            perGroup = std::max(perGroup, table.size());
        }
        Json table = summary(entries);
        if (!table.is_null()) {
            table["groups"] = weight.tables.size();
            table["entries"] = perGroup;
        }
        json["table"] = table;
    }
    json["mse"] = weight.meanSquaredError;
    return json;
}

} // namespace

std::string planToJson(const Model& model, const QuantPlan& plan, const QuantizedTensors& tensors) {
    const int64_t opset = model.info.opset();
    Json json;
    json["model"] = model.info.path.empty() ? model.graph.name
                                            : std::filesystem::path(model.info.path).filename().string();
    Json opsets = Json::object();
    for (const auto& [domain, version] : model.info.opsetImports)
        opsets[domain.empty() ? "ai.onnx" : domain] = version;
    json["source_opsets"] = opsets;
    json["calibration"] = {{"method", plan.calibration.method}};
    if (plan.calibration.method == "percentile")
        json["calibration"]["percentile"] = plan.calibration.percentile;
    json["codebook_init"] = codebookInitName(plan.codebookInit);
    json["bias_correction"] = plan.biasCorrection;

    uint64_t floatBytes = 0;
    uint64_t storedBytes = 0;
    Json layers = Json::array();
    for (const LayerPlan& layerPlan : plan.layers) {
        const QuantizableLayer& layer = layerPlan.layer;
        Json entry{{"name", layer.nodeName}, {"op_type", layer.opType}, {"weight_name", layer.weightName}};
        entry["weights"] = schemeJson(layerPlan.weights);
        entry["activations"] = schemeJson(layerPlan.activations);
        entry["input_activations"] = layerPlan.inputActivations;
        entry["output_activation"] = layerPlan.outputActivation;
        entry["quantize_bias"] = layerPlan.quantizeBias;
        const auto weight = tensors.weights.find(layer.weightName);
        if (weight != tensors.weights.end()) {
            entry["weight"] = weightJson(weight->second, opset);
            floatBytes += weight->second.codes.size() * sizeof(float);
            storedBytes += storedWeightBytes(weight->second, opset);
        }
        layers.push_back(entry);
    }
    json["layers"] = layers;

    Json activations = Json::array();
    for (const ActivationPlan& activation : plan.activations) {
        const CalibrationSettings range = plan.rangeSettings(activation);
        Json entry{
            {"tensor", activation.tensor}, {"layers", activation.layers}, {"range_method", range.method}};
        if (range.method == "percentile")
            entry["percentile"] = range.percentile;
        const auto params = tensors.activations.find(activation.tensor);
        if (params != tensors.activations.end() && !params->second.scales.empty()) {
            entry["scale"] = params->second.scales[0];
            entry["zero_point"] = params->second.zeroPoints.empty() ? 0 : params->second.zeroPoints[0];
            entry["bits"] = params->second.bits;
            entry["signed"] = params->second.signedness == Signedness::Signed;
        }
        activations.push_back(entry);
    }
    json["activations"] = activations;
    json["sizes"] = {{"quantized_weights_float_bytes", floatBytes},
                     {"quantized_weights_stored_bytes", storedBytes},
                     {"float_parameters", countParameters(model.graph)}};
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace qs
