#include "exporttesting.h"

#include "model/layers.h"
#include "quant/quantparams.h"
#include "quant/weightquantizerfactory.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <set>

namespace qs::test {

namespace {

bool isFloatActivation(const Graph& graph, const std::string& name) {
    if (name.empty() || graph.initializers.count(name))
        return false;
    const ValueInfo* info = graph.valueInfo(name);
    return !info || info->type == DataType::Float;
}

bool isGraphOutput(const Graph& graph, const std::string& name) {
    return std::any_of(graph.outputs.begin(), graph.outputs.end(),
                       [&](const ValueInfo& output) { return output.name == name; });
}

/// The layer's output, moved past a Relu that is its only consumer; empty for graph outputs.
std::string outputActivation(const Graph& graph, const Node& node) {
    std::string output = node.outputs.at(0);
    const std::vector<int> consumers = graph.consumerIndices(output);
    if (consumers.size() == 1 && graph.nodes[size_t(consumers[0])].opType == "Relu")
        output = graph.nodes[size_t(consumers[0])].outputs[0];
    return isGraphOutput(graph, output) ? std::string() : output;
}

BiasQuantization quantizeBias(const Tensor& bias, float inputScale, const QuantParams& weightParams) {
    BiasQuantization result;
    const float* values = bias.as<float>();
    const size_t count = size_t(bias.elementCount());
    for (size_t c = 0; c < weightParams.scales.size(); ++c)
        result.scales.push_back(inputScale * weightParams.scales[c]);
    for (size_t c = 0; c < count; ++c) {
        const float scale = result.scales.size() == 1 ? result.scales[0] : result.scales[c];
        const double code = std::nearbyint(double(values[c] / scale));
        result.codes.push_back(int32_t(std::clamp(code, -2147483648.0, 2147483647.0)));
        result.dequantized.push_back(float(result.codes.back()) * scale);
    }
    return result;
}

} // namespace

HandQuantization quantizeByHand(const Model& model, const QuantScheme& weights,
                                const std::optional<QuantScheme>& activations, const TensorMap& inputs,
                                bool quantizeBiases) {
    const Graph& graph = model.graph;
    HandQuantization result;
    std::map<std::string, QuantScheme> activationSchemes;
    for (const QuantizableLayer& layer : findQuantizableLayers(graph)) {
        LayerPlan layerPlan;
        layerPlan.layer = layer;
        layerPlan.weights = weights;
        layerPlan.activations = activations ? *activations : QuantScheme{SchemeKind::Float};
        const Node& node = graph.nodes[size_t(graph.nodeIndex(layer.nodeName))];
        if (activations) {
            for (const std::string& input : node.inputs)
                if (isFloatActivation(graph, input))
                    layerPlan.inputActivations.push_back(input);
            layerPlan.outputActivation = outputActivation(graph, node);
            for (const std::string& name : layerPlan.inputActivations)
                activationSchemes[name] = *activations;
            if (!layerPlan.outputActivation.empty())
                activationSchemes[layerPlan.outputActivation] = *activations;
        }
        if (!result.tensors.weights.count(layer.weightName)) {
            const Tensor& weight = *graph.initializer(layer.weightName);
            const WeightView view{layer.weightName, weight.as<float>(), weight.dims, layer.outputChannelAxis};
            result.tensors.weights[layer.weightName] =
                makeWeightQuantizer(weights, layer.nodeName)->quantize(view);
        }
        layerPlan.quantizeBias = quantizeBiases && weights.kind == SchemeKind::Uniform &&
                                 !layer.biasName.empty() && layerPlan.inputActivations.size() == 1;
        result.plan.layers.push_back(layerPlan);
    }
    std::map<std::string, std::pair<float, float>> ranges;
    RunOptions observe;
    observe.observer = [&](const std::string& name, const RuntimeTensor& tensor) {
        if (!activationSchemes.count(name) || tensor.type() != DataType::Float)
            return;
        auto& range = ranges.try_emplace(name, 0.0f, 0.0f).first->second;
        for (int64_t i = 0; i < tensor.elementCount(); ++i) {
            range.first = std::min(range.first, tensor.data<float>()[i]);
            range.second = std::max(range.second, tensor.data<float>()[i]);
        }
    };
    runModel(model, inputs, observe);
    for (const auto& [name, scheme] : activationSchemes) {
        const auto& range = ranges.at(name);
        result.tensors.activations[name] = uniformParamsFromRange(range.first, range.second, scheme.bits,
                                                                  scheme.signedness, scheme.rangeMode);
        result.plan.activations.push_back(ActivationPlan{name, scheme, {}});
    }
    for (const LayerPlan& layerPlan : result.plan.layers)
        if (layerPlan.quantizeBias) {
            const float inputScale = result.tensors.activations.at(layerPlan.inputActivations[0]).scales[0];
            result.tensors.biases[layerPlan.layer.biasName] =
                quantizeBias(*graph.initializer(layerPlan.layer.biasName), inputScale,
                             result.tensors.weights.at(layerPlan.layer.weightName).uniform);
        }
    return result;
}

TensorMap randomInputs(const Model& model, int64_t batch, uint32_t seed) {
    TensorMap inputs;
    std::mt19937 random(seed);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    for (const ValueInfo& input : model.graph.inputs) {
        std::vector<int64_t> dims;
        for (const Dim& dim : input.shape)
            dims.push_back(dim.isStatic() ? dim.value : batch);
        int64_t count = 1;
        for (int64_t dim : dims)
            count *= dim;
        std::vector<float> values(size_t(count), 0.0f);
        for (float& value : values)
            value = uniform(random);
        inputs[input.name] = RuntimeTensor::fromFloats(dims, values);
    }
    return inputs;
}

TensorMap runModel(const Model& model, const TensorMap& inputs, const RunOptions& options) {
    ExecutorOptions executorOptions;
    executorOptions.threadCount = 1;
    Executor executor(model, executorOptions);
    return executor.run(inputs, options);
}

double maxAbsDifference(const TensorMap& a, const TensorMap& b) {
    if (a.size() != b.size())
        return std::numeric_limits<double>::infinity();
    double worst = 0.0;
    for (const auto& [name, tensor] : a) {
        const auto other = b.find(name);
        if (other == b.end() || other->second.dims() != tensor.dims() ||
            other->second.type() != tensor.type() || tensor.type() != DataType::Float)
            return std::numeric_limits<double>::infinity();
        for (int64_t i = 0; i < tensor.elementCount(); ++i) {
            const double x = tensor.data<float>()[i];
            const double y = other->second.data<float>()[i];
            if (std::isnan(x) != std::isnan(y))
                return std::numeric_limits<double>::infinity();
            if (!std::isnan(x))
                worst = std::max(worst, std::fabs(x - y));
        }
    }
    return worst;
}

namespace {

std::string describeValue(const ValueInfo& info) {
    std::string text = info.name + ":" + dataTypeName(info.type) + "[";
    for (const Dim& dim : info.shape)
        text += dim.toString() + ",";
    return text + "]";
}

std::string attributeDifference(const Attribute& a, const Attribute& b) {
    if (a.name != b.name || a.kind != b.kind || a.i != b.i || a.s != b.s || a.ints != b.ints ||
        a.strings != b.strings)
        return "attribute " + a.name;
    if (std::memcmp(&a.f, &b.f, sizeof(float)) != 0 || a.floats.size() != b.floats.size())
        return "attribute " + a.name + " (float)";
    if (bool(a.tensor) != bool(b.tensor) ||
        (a.tensor && (a.tensor->data != b.tensor->data || a.tensor->dims != b.tensor->dims)))
        return "attribute " + a.name + " (tensor)";
    if (bool(a.graph) != bool(b.graph))
        return "attribute " + a.name + " (graph)";
    if (a.graph) {
        const std::string inner = graphDifference(*a.graph, *b.graph);
        if (!inner.empty())
            return "subgraph " + a.name + ": " + inner;
    }
    if (a.graphs.size() != b.graphs.size())
        return "attribute " + a.name + " (graphs)";
    for (size_t i = 0; i < a.graphs.size(); ++i) {
        const std::string inner = graphDifference(*a.graphs[i], *b.graphs[i]);
        if (!inner.empty())
            return "subgraph " + a.name + ": " + inner;
    }
    return {};
}

} // namespace

std::string graphDifference(const Graph& a, const Graph& b) {
    if (a.nodes.size() != b.nodes.size())
        return "node count " + std::to_string(a.nodes.size()) + " vs " + std::to_string(b.nodes.size());
    for (size_t i = 0; i < a.nodes.size(); ++i) {
        const Node& x = a.nodes[i];
        const Node& y = b.nodes[i];
        if (x.name != y.name || x.opType != y.opType || x.domain != y.domain || x.inputs != y.inputs ||
            x.outputs != y.outputs || x.attributes.size() != y.attributes.size())
            return "node " + x.name + " vs " + y.name;
        for (size_t k = 0; k < x.attributes.size(); ++k) {
            const std::string difference = attributeDifference(x.attributes[k], y.attributes[k]);
            if (!difference.empty())
                return "node " + x.name + " " + difference;
        }
    }
    if (a.initializers.size() != b.initializers.size())
        return "initializer count";
    for (const auto& [name, tensor] : a.initializers) {
        const Tensor* other = b.initializer(name);
        if (!other || other->type != tensor.type || other->dims != tensor.dims ||
            other->data != tensor.data || other->strings != tensor.strings)
            return "initializer " + name;
    }
    if (a.inputs.size() != b.inputs.size() || a.outputs.size() != b.outputs.size())
        return "input/output count";
    for (size_t i = 0; i < a.inputs.size(); ++i)
        if (describeValue(a.inputs[i]) != describeValue(b.inputs[i]))
            return "input " + describeValue(a.inputs[i]) + " vs " + describeValue(b.inputs[i]);
    for (size_t i = 0; i < a.outputs.size(); ++i)
        if (describeValue(a.outputs[i]) != describeValue(b.outputs[i]))
            return "output " + describeValue(a.outputs[i]) + " vs " + describeValue(b.outputs[i]);
    return {};
}

} // namespace qs::test
