#include "model/layers.h"

namespace qs {

namespace {

const Tensor* floatInitializer(const Graph& graph, const Node& node, size_t inputIndex) {
    if (inputIndex >= node.inputs.size() || node.inputs[inputIndex].empty())
        return nullptr;
    const Tensor* tensor = graph.initializer(node.inputs[inputIndex]);
    return tensor && isFloatingPoint(tensor->type) ? tensor : nullptr;
}

QuantizableLayer makeLayer(const Node& node, const Tensor& weight, int axis, const Tensor* bias) {
    QuantizableLayer layer;
    layer.nodeName = node.name;
    layer.opType = node.opType;
    layer.weightName = weight.name;
    layer.weightShape = weight.dims;
    layer.outputChannelAxis = axis;
    layer.parameters = weight.elementCount();
    if (bias) {
        layer.biasName = bias->name;
        layer.parameters += bias->elementCount();
    }
    return layer;
}

/// A following `Add` of a 1-D constant with one value per output column is the bias of a MatMul (Linear layers).
const Tensor* matMulBias(const Graph& graph, const Node& node, int64_t columns) {
    const std::vector<int> consumers = graph.consumerIndices(node.outputs.empty() ? std::string() : node.outputs[0]);
    if (consumers.size() != 1)
        return nullptr;
    const Node& add = graph.nodes[size_t(consumers[0])];
    if (add.opType != "Add" || !add.domain.empty() || add.inputs.size() != 2)
        return nullptr;
    const size_t otherIndex = add.inputs[0] == node.outputs[0] ? 1 : 0;
    const Tensor* bias = floatInitializer(graph, add, otherIndex);
    return bias && bias->dims.size() == 1 && bias->dims[0] == columns ? bias : nullptr;
}

bool findConvLayer(const Graph& graph, const Node& node, QuantizableLayer& layer) {
    const Tensor* weight = floatInitializer(graph, node, 1);
    if (!weight || weight->dims.size() < 3)
        return false;
    const int axis = node.opType == "ConvTranspose" ? 1 : 0;
    layer = makeLayer(node, *weight, axis, floatInitializer(graph, node, 2));
    layer.groups = node.intAttr("group", 1);
    return true;
}

bool findGemmLayer(const Graph& graph, const Node& node, QuantizableLayer& layer) {
    if (const Tensor* weight = floatInitializer(graph, node, 1); weight && weight->dims.size() == 2) {
        const int axis = node.intAttr("transB", 0) != 0 ? 0 : 1;
        layer = makeLayer(node, *weight, axis, floatInitializer(graph, node, 2));
        return true;
    }
    if (const Tensor* weight = floatInitializer(graph, node, 0); weight && weight->dims.size() == 2) {
        const int axis = node.intAttr("transA", 0) != 0 ? 1 : 0;
        layer = makeLayer(node, *weight, axis, nullptr);
        return true;
    }
    return false;
}

bool findMatMulLayer(const Graph& graph, const Node& node, QuantizableLayer& layer) {
    if (const Tensor* weight = floatInitializer(graph, node, 1); weight && weight->dims.size() >= 2) {
        const int axis = int(weight->dims.size()) - 1;
        layer = makeLayer(node, *weight, axis, matMulBias(graph, node, weight->dims.back()));
        return true;
    }
    if (const Tensor* weight = floatInitializer(graph, node, 0); weight && weight->dims.size() >= 2) {
        layer = makeLayer(node, *weight, int(weight->dims.size()) - 2, nullptr);
        return true;
    }
    return false;
}

/// Embedding lookup: the table rows (the gathered axis) are the channels, one scale per looked-up vector.
bool findGatherLayer(const Graph& graph, const Node& node, QuantizableLayer& layer) {
    const Tensor* table = floatInitializer(graph, node, 0);
    if (!table || table->dims.size() < 2 || graph.initializer(node.inputs.size() > 1 ? node.inputs[1] : ""))
        return false;
    int64_t axis = node.intAttr("axis", 0);
    if (axis < 0)
        axis += int64_t(table->dims.size());
    if (axis < 0 || axis >= int64_t(table->dims.size()))
        return false;
    layer = makeLayer(node, *table, int(axis), nullptr);
    return true;
}

} // namespace

std::vector<QuantizableLayer> findQuantizableLayers(const Graph& graph) {
    std::vector<QuantizableLayer> layers;
    for (const Node& node : graph.nodes) {
        if (!node.domain.empty())
            continue;
        QuantizableLayer layer;
        bool found = false;
        if (node.opType == "Conv" || node.opType == "ConvTranspose")
            found = findConvLayer(graph, node, layer);
        else if (node.opType == "Gemm")
            found = findGemmLayer(graph, node, layer);
        else if (node.opType == "MatMul")
            found = findMatMulLayer(graph, node, layer);
        else if (node.opType == "Gather")
            found = findGatherLayer(graph, node, layer);
        if (found)
            layers.push_back(std::move(layer));
    }
    return layers;
}

} // namespace qs
