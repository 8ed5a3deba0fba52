#include "workflow/biascorrection.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_map>

namespace qs {

namespace {

/// A layer whose bias is corrected: where its output channels are, the per-channel sums of its float output
/// over the current batch, and the per-channel sum of (quantized - float) output over every image so far.
struct CorrectedLayer {
    const LayerPlan* plan = nullptr;
    std::string output;
    bool channelsLast = false; ///< Gemm/MatMul outputs; Conv/ConvTranspose outputs have channels on axis 1
    std::vector<float> bias;
    std::vector<double> batchFloatSums;
    std::vector<double> batchQuantizedSums;
    double batchValuesPerChannel = 0.0;
    std::vector<double> shiftSums;
    double valuesPerChannel = 0.0;
};

bool hasPerChannelBias(const Graph& graph, const LayerPlan& layer, const QuantizedTensors& tensors) {
    const QuantizableLayer& info = layer.layer;
    if (layer.weights.kind == SchemeKind::Float || info.biasName.empty() ||
        !tensors.weights.count(info.weightName))
        return false;
    const Tensor* bias = graph.initializer(info.biasName);
    if (!bias || bias->type != DataType::Float || graph.consumerIndices(info.biasName).size() != 1)
        return false;
    const auto axis = static_cast<size_t>(info.outputChannelAxis);
    return axis < info.weightShape.size() && bias->elementCount() == info.weightShape[axis];
}

std::vector<CorrectedLayer> correctedLayers(const Graph& graph, const QuantPlan& plan,
                                            const QuantizedTensors& tensors) {
    std::vector<CorrectedLayer> layers;
    for (const LayerPlan& layer : plan.layers) {
        if (!hasPerChannelBias(graph, layer, tensors))
            continue;
        const int nodeIndex = graph.nodeIndex(layer.layer.nodeName);
        if (nodeIndex < 0 || graph.nodes[nodeIndex].outputs.empty())
            throw Error("bias correction: layer '" + layer.layer.nodeName + "' is not a node of the graph");
        CorrectedLayer corrected;
        corrected.plan = &layer;
        corrected.output = graph.nodes[nodeIndex].outputs[0];
        corrected.channelsLast = layer.layer.opType == "Gemm" || layer.layer.opType == "MatMul";
        const Tensor& bias = *graph.initializer(layer.layer.biasName);
        corrected.bias.assign(bias.as<float>(), bias.as<float>() + bias.elementCount());
        corrected.batchFloatSums.assign(corrected.bias.size(), 0.0);
        corrected.batchQuantizedSums.assign(corrected.bias.size(), 0.0);
        corrected.shiftSums.assign(corrected.bias.size(), 0.0);
        layers.push_back(std::move(corrected));
    }
    return layers;
}

/// Outer and inner extents around the channel axis of a layer's output, checked against the bias size.
void channelExtents(const CorrectedLayer& layer, const RuntimeTensor& tensor, size_t& outer, size_t& inner) {
    const std::vector<int64_t>& dims = tensor.dims();
    const size_t axis = layer.channelsLast ? dims.size() - 1 : 1;
    const size_t channels = layer.bias.size();
    if (tensor.type() != DataType::Float || dims.size() <= axis ||
        static_cast<size_t>(dims[axis]) != channels)
        throw Error("bias correction: output '" + layer.output + "' of layer '" + layer.plan->layer.nodeName +
                    "' is " + tensor.describe() + ", expected " + std::to_string(channels) +
                    " channels on axis " + std::to_string(axis));
    outer = 1;
    for (size_t d = 0; d < axis; ++d)
        outer *= static_cast<size_t>(dims[d]);
    inner = 1;
    for (size_t d = axis + 1; d < dims.size(); ++d)
        inner *= static_cast<size_t>(dims[d]);
}

/// Sets `sums` to the per-channel sums of `tensor`; returns the number of values per channel.
double sumChannels(const CorrectedLayer& layer, const RuntimeTensor& tensor, std::vector<double>& sums) {
    size_t outer = 0;
    size_t inner = 0;
    channelExtents(layer, tensor, outer, inner);
    const size_t channels = sums.size();
    std::fill(sums.begin(), sums.end(), 0.0);
    const float* values = tensor.data<float>();
    for (size_t o = 0; o < outer; ++o) {
        for (size_t c = 0; c < channels; ++c) {
            const float* block = values + (o * channels + c) * inner;
            double sum = 0.0;
            for (size_t i = 0; i < inner; ++i)
                sum += static_cast<double>(block[i]);
            sums[c] += sum;
        }
    }
    return static_cast<double>(outer * inner);
}

/// `tensor` minus `shift[c]` in every channel c.
RuntimeTensor subtractPerChannel(const CorrectedLayer& layer, const RuntimeTensor& tensor,
                                 const std::vector<float>& shift) {
    size_t outer = 0;
    size_t inner = 0;
    channelExtents(layer, tensor, outer, inner);
    RuntimeTensor result(DataType::Float, tensor.dims());
    const float* in = tensor.data<float>();
    float* out = result.data<float>();
    const size_t channels = shift.size();
    for (size_t o = 0; o < outer; ++o)
        for (size_t c = 0; c < channels; ++c) {
            const size_t begin = (o * channels + c) * inner;
            for (size_t i = 0; i < inner; ++i)
                out[begin + i] = in[begin + i] - shift[c];
        }
    return result;
}

TensorMap quantizedWeights(const Graph& graph, const QuantizedTensors& tensors) {
    TensorMap overrides;
    for (const auto& entry : tensors.weights) {
        const Tensor* original = graph.initializer(entry.first);
        if (!original || static_cast<int64_t>(entry.second.dequantized.size()) != original->elementCount())
            throw Error("bias correction: quantized weight '" + entry.first +
                        "' does not match the graph's tensor");
        overrides[entry.first] = RuntimeTensor::fromFloats(original->dims, entry.second.dequantized);
    }
    return overrides;
}

} // namespace

BiasCorrectionReport correctBiases(Executor& executor, const Graph& graph, const QuantPlan& plan,
                                   const std::string& inputName, BatchLoader& loader,
                                   QuantizedTensors& tensors, const ProgressCallback& progress) {
    BiasCorrectionReport report;
    std::vector<CorrectedLayer> layers = correctedLayers(graph, plan, tensors);
    if (layers.empty())
        return report;
    std::unordered_map<std::string, CorrectedLayer*> byOutput;
    for (CorrectedLayer& layer : layers)
        byOutput[layer.output] = &layer;
    const TensorMap overrides = quantizedWeights(graph, tensors);

    // The float run records each layer's per-channel output sums for the batch. The quantized run measures
    // the per-channel mean shift of each layer on the same batch and removes it from the layer's output
    // before later layers see it, so every layer's shift is measured with the layers before it already
    // corrected, as a layer-by-layer correction would, in one pass.
    auto hooked = std::make_shared<std::set<std::string>>();
    for (const CorrectedLayer& layer : layers)
        hooked->insert(layer.output);
    RunOptions floatRun;
    floatRun.hookedTensors = hooked;
    floatRun.observer = [&byOutput](const std::string& name, const RuntimeTensor& tensor) {
        auto found = byOutput.find(name);
        if (found != byOutput.end())
            found->second->batchValuesPerChannel =
                sumChannels(*found->second, tensor, found->second->batchFloatSums);
    };
    RunOptions quantizedRun;
    quantizedRun.hookedTensors = hooked;
    quantizedRun.weightOverrides = &overrides;
    quantizedRun.transform = [&byOutput](const std::string& name,
                                         const RuntimeTensor& tensor) -> std::optional<RuntimeTensor> {
        auto found = byOutput.find(name);
        if (found == byOutput.end())
            return std::nullopt;
        CorrectedLayer& layer = *found->second;
        const double count = sumChannels(layer, tensor, layer.batchQuantizedSums);
        if (count != layer.batchValuesPerChannel)
            throw Error("bias correction: output '" + name +
                        "' changed shape between the float and quantized runs");
        std::vector<float> shift(layer.bias.size());
        for (size_t c = 0; c < shift.size(); ++c) {
            const double difference = layer.batchQuantizedSums[c] - layer.batchFloatSums[c];
            layer.shiftSums[c] += difference;
            shift[c] = static_cast<float>(difference / count);
        }
        layer.valuesPerChannel += count;
        return subtractPerChannel(layer, tensor, shift);
    };

    const double itemCount = static_cast<double>(std::max<size_t>(loader.itemCount(), 1));
    reportProgress(progress, 0.0, "Correcting biases");
    Batch batch;
    TensorMap inputs;
    while (loader.next(batch)) {
        inputs[inputName] = batch.tensor;
        for (CorrectedLayer& layer : layers)
            layer.batchValuesPerChannel = -1.0;
        executor.run(inputs, floatRun);
        executor.run(inputs, quantizedRun);
        report.imageCount += batch.size();
        reportProgress(progress, static_cast<double>(loader.deliveredCount()) / itemCount,
                       "Correcting biases");
    }

    if (report.imageCount == 0)
        throw Error("bias correction: the data set delivered no image");
    double shiftSum = 0.0;
    size_t channelCount = 0;
    for (CorrectedLayer& layer : layers) {
        if (layer.valuesPerChannel == 0.0)
            throw Error("bias correction: the model never produced output '" + layer.output + "' of layer '" +
                        layer.plan->layer.nodeName + "'");
        std::vector<float> corrected(layer.bias.size());
        for (size_t c = 0; c < layer.bias.size(); ++c) {
            const double shift = layer.shiftSums[c] / layer.valuesPerChannel;
            corrected[c] = static_cast<float>(static_cast<double>(layer.bias[c]) - shift);
            shiftSum += std::fabs(shift);
        }
        channelCount += corrected.size();
        const std::string& biasName = layer.plan->layer.biasName;
        if (layer.plan->quantizeBias) {
            tensors.biases[biasName] = quantizeLayerBias(*layer.plan, tensors, corrected);
            tensors.floatBiases.erase(biasName);
        } else {
            tensors.floatBiases[biasName] = std::move(corrected);
            tensors.biases.erase(biasName);
        }
        ++report.layerCount;
    }
    report.meanAbsShift = channelCount > 0 ? shiftSum / static_cast<double>(channelCount) : 0.0;
    reportProgress(progress, 1.0, "Correcting biases");
    return report;
}

} // namespace qs
