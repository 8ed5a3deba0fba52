#include "workflow/modelsizes.h"

#include "export/weightencoding.h"

#include <algorithm>

namespace qs {

namespace {

uint64_t initializerBytes(const Tensor& tensor) {
    if (tensor.type == DataType::String) {
        uint64_t bytes = 0;
        for (const std::string& text : tensor.strings)
            bytes += text.size();
        return bytes;
    }
    const uint64_t count = uint64_t(std::max<int64_t>(tensor.elementCount(), 0));
    if (tensor.type == DataType::Int4 || tensor.type == DataType::UInt4)
        return (count + 1) / 2;
    return count * dataTypeSize(tensor.type);
}

/// As encodeBias stores it: int32 codes, float scales and, in the DequantizeLinear form, int32 zero points.
uint64_t storedBiasBytes(const BiasQuantization& bias, int64_t opset) {
    constexpr int64_t firstQuantizeLinearOpset = 10;
    constexpr int64_t firstPerAxisOpset = 13;
    const bool perChannel = bias.scales.size() > 1;
    const bool dequantizeLinear =
        opset >= firstQuantizeLinearOpset && (!perChannel || opset >= firstPerAxisOpset);
    const uint64_t scales = bias.scales.size();
    return bias.codes.size() * sizeof(int32_t) + scales * sizeof(float) +
           (dequantizeLinear ? scales * sizeof(int32_t) : 0);
}

void checkPlanHasTensors(const Graph& graph, const QuantPlan& plan, const QuantizedTensors& tensors) {
    for (const LayerPlan& layer : plan.layers)
        if (layer.weights.kind != SchemeKind::Float && !tensors.weights.count(layer.layer.weightName))
            throw Error("layer '" + layer.layer.nodeName + "': weight '" + layer.layer.weightName +
                        "' has not been quantized; quantize the tensors with this plan");
    for (const auto& entry : tensors.weights)
        if (!graph.initializer(entry.first))
            throw Error("quantized weight '" + entry.first + "' is not an initializer of graph '" +
                        graph.name + "'");
    for (const auto& entry : tensors.biases)
        if (!graph.initializer(entry.first))
            throw Error("quantized bias '" + entry.first + "' is not an initializer of graph '" + graph.name +
                        "'");
}

} // namespace

ModelSizes modelSizes(const Graph& graph, const QuantPlan& plan, const QuantizedTensors& tensors,
                      int64_t opset) {
    checkPlanHasTensors(graph, plan, tensors);
    ModelSizes sizes;
    for (const auto& [name, tensor] : graph.initializers) {
        const uint64_t floatBytes = initializerBytes(tensor);
        sizes.floatWeightBytes += floatBytes;
        auto weight = tensors.weights.find(name);
        auto bias = tensors.biases.find(name);
        if (weight != tensors.weights.end()) {
            const uint64_t stored = storedWeightBytes(weight->second, opset);
            sizes.floatQuantizableBytes += floatBytes;
            sizes.quantizedQuantizableBytes += stored;
            sizes.quantizedWeightBytes += stored;
        } else if (bias != tensors.biases.end()) {
            sizes.quantizedWeightBytes += storedBiasBytes(bias->second, opset);
        } else {
            sizes.quantizedWeightBytes += floatBytes;
        }
    }
    return sizes;
}

} // namespace qs
