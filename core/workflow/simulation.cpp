#include "workflow/simulation.h"

#include "quant/linearquantization.h"

#include <vector>

namespace qs {

namespace {

/// Codes of a quantized activation are stored in the full integer type (QuantizeLinear saturates to the type,
/// not to a narrow range), so the simulation clamps to the same limits.
void storageLimits(const QuantParams& params, int32_t& low, int32_t& high) {
    low = integerMin(params.bits, params.signedness);
    high = integerMax(params.bits, params.signedness);
}

RuntimeTensor floatTensor(const Graph& graph, const std::string& name, const std::vector<float>& values) {
    auto found = graph.initializers.find(name);
    if (found == graph.initializers.end())
        throw Error("quantized tensor '" + name + "' is not an initializer of graph '" + graph.name + "'");
    const Tensor& original = found->second;
    if (original.type != DataType::Float)
        throw Error("quantized tensor '" + name + "' is not float in graph '" + graph.name + "'");
    if (static_cast<int64_t>(values.size()) != original.elementCount())
        throw Error("quantized tensor '" + name + "' has " + std::to_string(values.size()) +
                    " values, the model's " + std::to_string(original.elementCount()));
    return RuntimeTensor::fromFloats(original.dims, values);
}

} // namespace

RuntimeTensor fakeQuantize(const RuntimeTensor& x, const QuantParams& params) {
    if (x.type() != DataType::Float)
        throw Error("fake quantization needs a float tensor, got " + x.describe());
    if (params.scales.size() != 1 || params.zeroPoints.size() != 1)
        throw Error("fake quantization of activations is per tensor");
    int32_t low = 0;
    int32_t high = 0;
    storageLimits(params, low, high);
    RuntimeTensor out(DataType::Float, x.dims());
    const size_t count = static_cast<size_t>(x.elementCount());
    const float* in = x.data<float>();
    float* result = out.data<float>();
    // Blocks keep the integer codes in cache between the two passes.
    constexpr size_t block = 4096;
    std::vector<int32_t> codes(std::min(block, count));
    for (size_t begin = 0; begin < count; begin += block) {
        size_t n = std::min(block, count - begin);
        quantizeLinear(in + begin, n, params.scales[0], params.zeroPoints[0], low, high, codes.data());
        dequantizeLinear(codes.data(), n, params.scales[0], params.zeroPoints[0], result + begin);
    }
    return out;
}

QuantSimulation::QuantSimulation(const Graph& graph, const QuantPlan& plan, const QuantizedTensors& tensors) {
    for (const auto& entry : tensors.weights)
        overrides_[entry.first] = floatTensor(graph, entry.first, entry.second.dequantized);
    for (const auto& entry : tensors.floatBiases)
        overrides_[entry.first] = floatTensor(graph, entry.first, entry.second);
    for (const auto& entry : tensors.biases)
        overrides_[entry.first] = floatTensor(graph, entry.first, entry.second.dequantized);
    for (const ActivationPlan& activation : plan.activations) {
        auto found = tensors.activations.find(activation.tensor);
        if (found == tensors.activations.end())
            throw Error("activation '" + activation.tensor + "' of the plan has no quantization parameters");
        activations_[activation.tensor] = found->second;
    }
}

QuantSimulation::QuantSimulation(const Graph& graph, const QuantPlan& plan, const QuantizedTensors& tensors,
                                 const std::set<std::string>& layerNames) {
    for (const LayerPlan& layer : plan.layers) {
        if (!layerNames.count(layer.layer.nodeName))
            continue;
        const std::string& weight = layer.layer.weightName;
        auto quantized = tensors.weights.find(weight);
        if (layer.weights.kind != SchemeKind::Float && quantized != tensors.weights.end())
            overrides_[weight] = floatTensor(graph, weight, quantized->second.dequantized);
        const std::string& bias = layer.layer.biasName;
        if (!bias.empty()) {
            auto floatBias = tensors.floatBiases.find(bias);
            auto intBias = tensors.biases.find(bias);
            if (intBias != tensors.biases.end())
                overrides_[bias] = floatTensor(graph, bias, intBias->second.dequantized);
            else if (floatBias != tensors.floatBiases.end())
                overrides_[bias] = floatTensor(graph, bias, floatBias->second);
        }
        std::vector<std::string> names = layer.inputActivations;
        if (!layer.outputActivation.empty())
            names.push_back(layer.outputActivation);
        for (const std::string& name : names) {
            auto found = tensors.activations.find(name);
            if (found == tensors.activations.end())
                throw Error("activation '" + name + "' of layer '" + layer.layer.nodeName +
                            "' has no quantization parameters");
            activations_[name] = found->second;
        }
    }
}

RunOptions QuantSimulation::runOptions(TensorObserver observer) const {
    RunOptions options;
    options.observer = std::move(observer);
    options.weightOverrides = &overrides_;
    if (!activations_.empty()) {
        // Only the planned tensors are hooked unless an observer wants to see everything.
        if (!options.observer) {
            auto hooked = std::make_shared<std::set<std::string>>();
            for (const auto& entry : activations_)
                hooked->insert(entry.first);
            options.hookedTensors = std::move(hooked);
        }
        const std::map<std::string, QuantParams>* activations = &activations_;
        options.transform = [activations](const std::string& name,
                                          const RuntimeTensor& tensor) -> std::optional<RuntimeTensor> {
            auto found = activations->find(name);
            if (found == activations->end() || tensor.type() != DataType::Float)
                return std::nullopt;
            return fakeQuantize(tensor, found->second);
        };
    }
    return options;
}

} // namespace qs
