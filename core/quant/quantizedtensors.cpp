#include "quant/quantizedtensors.h"

#include "quant/linearquantization.h"
#include "quant/rangeestimatorfactory.h"
#include "quant/weightquantizerfactory.h"

#include <cmath>
#include <limits>

namespace qs {

namespace {

const Tensor& floatInitializer(const Graph& graph, const std::string& name, const std::string& layerName) {
    const Tensor* tensor = graph.initializer(name);
    if (!tensor)
        throw Error("layer '" + layerName + "': tensor '" + name + "' is not an initializer of the graph");
    if (tensor->type != DataType::Float)
        throw Error("layer '" + layerName + "': tensor '" + name +
                    "' is not float32, it cannot be quantized");
    return *tensor;
}

} // namespace

ActivationRange activationRange(const TensorHistogram& histogram, const QuantScheme& scheme,
                                const CalibrationSettings& settings, const std::string& tensorName) {
    const std::unique_ptr<RangeEstimator> estimator =
        makeRangeEstimator(settings.method, RangeOptions{scheme.bits, scheme.rangeMode}, settings.percentile);
    return estimator->estimate(histogram, tensorName);
}

QuantParams activationParams(const TensorHistogram& histogram, const QuantScheme& scheme,
                             const CalibrationSettings& settings, const std::string& tensorName) {
    const ActivationRange range = activationRange(histogram, scheme, settings, tensorName);
    return uniformParamsFromRange(range.min, range.max, scheme.bits, scheme.signedness, scheme.rangeMode);
}

QuantParams activationParams(const ActivationPlan& activation, const CalibrationSettings& settings,
                             const CalibrationResult& calibration) {
    auto found = calibration.histograms.find(activation.tensor);
    if (found == calibration.histograms.end())
        throw Error("activation tensor '" + activation.tensor +
                    "' was not observed during calibration; calibrate with the plan's activation tensors");
    return activationParams(found->second, activation.scheme, settings, activation.tensor);
}

WeightQuantization quantizeLayerWeight(const Graph& graph, const QuantizableLayer& layer,
                                       const QuantScheme& scheme, CodebookInit codebookInit) {
    const Tensor& weight = floatInitializer(graph, layer.weightName, layer.nodeName);
    CodebookOptions codebook;
    codebook.init = codebookInit;
    const std::unique_ptr<WeightQuantizer> quantizer = makeWeightQuantizer(scheme, layer.nodeName, codebook);
    return quantizer->quantize(
        WeightView{layer.weightName, weight.as<float>(), weight.dims, layer.outputChannelAxis});
}

BiasQuantization quantizeBias(const std::string& biasName, const float* bias, size_t count, float inputScale,
                              const QuantParams& weightParams) {
    if (weightParams.scales.size() != 1 && weightParams.scales.size() != count)
        throw Error("bias '" + biasName + "' has " + std::to_string(count) + " values but its weight has " +
                    std::to_string(weightParams.scales.size()) + " channel scales");
    BiasQuantization result;
    result.scales.resize(weightParams.scales.size());
    for (size_t channel = 0; channel < result.scales.size(); ++channel)
        result.scales[channel] = inputScale * weightParams.scales[channel];
    result.codes.resize(count);
    result.dequantized.resize(count);
    constexpr int32_t lowest = std::numeric_limits<int32_t>::min();
    constexpr int32_t highest = std::numeric_limits<int32_t>::max();
    for (size_t i = 0; i < count; ++i) {
        if (!std::isfinite(bias[i]))
            throw Error("bias '" + biasName + "' holds a non-finite value at index " + std::to_string(i));
        const float scale = result.scales.size() == 1 ? result.scales[0] : result.scales[i];
        result.codes[i] = quantizeLinearValue(bias[i], scale, 0, lowest, highest);
        result.dequantized[i] = static_cast<float>(result.codes[i]) * scale;
    }
    return result;
}

BiasQuantization quantizeLayerBias(const LayerPlan& layer, const QuantizedTensors& tensors,
                                   const std::vector<float>& bias) {
    const std::string& nodeName = layer.layer.nodeName;
    if (layer.inputActivations.size() != 1)
        throw Error("layer '" + nodeName +
                    "': an int32 bias needs exactly one quantized data input, the plan has " +
                    std::to_string(layer.inputActivations.size()));
    auto input = tensors.activations.find(layer.inputActivations[0]);
    if (input == tensors.activations.end())
        throw Error("layer '" + nodeName + "': input '" + layer.inputActivations[0] +
                    "' has no quantization parameters, its bias cannot be quantized");
    auto weight = tensors.weights.find(layer.layer.weightName);
    if (weight == tensors.weights.end() || weight->second.scheme != SchemeKind::Uniform)
        throw Error("layer '" + nodeName + "': an int32 bias needs the uniformly quantized weight '" +
                    layer.layer.weightName + "'");
    return quantizeBias(layer.layer.biasName, bias.data(), bias.size(), input->second.scale(0),
                        weight->second.uniform);
}

QuantizedTensors quantizeTensors(const Graph& graph, const QuantPlan& plan,
                                 const CalibrationResult& calibration, const ProgressCallback& progress) {
    QuantizedTensors tensors;
    const double stepCount = static_cast<double>(plan.activations.size() + plan.layers.size()) + 1.0;
    double done = 0.0;
    for (const ActivationPlan& activation : plan.activations) {
        reportProgress(progress, done++ / stepCount, "Computing activation ranges");
        tensors.activations[activation.tensor] =
            activationParams(activation, plan.rangeSettings(activation), calibration);
    }
    for (const LayerPlan& layer : plan.layers) {
        reportProgress(progress, done++ / stepCount, "Quantizing weights");
        if (layer.weights.kind == SchemeKind::Float || tensors.weights.count(layer.layer.weightName))
            continue;
        tensors.weights[layer.layer.weightName] =
            quantizeLayerWeight(graph, layer.layer, layer.weights, plan.codebookInit);
    }
    for (const LayerPlan& layer : plan.layers) {
        if (!layer.quantizeBias || layer.layer.biasName.empty())
            continue;
        const Tensor& bias = floatInitializer(graph, layer.layer.biasName, layer.layer.nodeName);
        const float* values = bias.as<float>();
        const std::vector<float> floatBias(values, values + bias.elementCount());
        tensors.biases[layer.layer.biasName] = quantizeLayerBias(layer, tensors, floatBias);
    }
    reportProgress(progress, 1.0, "Quantizing weights");
    return tensors;
}

} // namespace qs
