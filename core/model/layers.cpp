#include "model/layers.h"

#include <algorithm>

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

/// A following `Add` of a 1-D constant with one value per output column is the bias of a MatMul (Linear
/// layers).
const Tensor* matMulBias(const Graph& graph, const Node& node, int64_t columns) {
    const std::vector<int> consumers =
        graph.consumerIndices(node.outputs.empty() ? std::string() : node.outputs[0]);
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

/// W [directions, gates * hidden, input] of a recurrent layer: one channel per gate row.
bool findRecurrentLayer(const Graph& graph, const Node& node, QuantizableLayer& layer) {
    const Tensor* weight = floatInitializer(graph, node, 1);
    if (!weight || weight->dims.size() != 3)
        return false;
    layer = makeLayer(node, *weight, 1, nullptr);
    for (size_t input : {size_t(2), size_t(3)})
        if (const Tensor* other = floatInitializer(graph, node, input)) {
            layer.otherWeights.push_back(other->name);
            layer.parameters += other->elementCount();
        }
    return true;
}

bool isRecurrent(const std::string& opType) {
    return opType == "LSTM" || opType == "GRU" || opType == "RNN";
}

/// True when `tensor` is computed from initializers only (no graph input upstream), at most `depth` nodes
/// deep.
bool isConstantExpression(const Graph& graph, const std::string& tensor, int depth = 12) {
    if (graph.initializer(tensor))
        return true;
    const int producer = graph.producerIndex(tensor);
    if (producer < 0 || depth == 0)
        return false;
    const Node& node = graph.nodes[size_t(producer)];
    if (node.opType == "Constant")
        return true;
    for (const std::string& input : node.inputs)
        if (!input.empty() && !isConstantExpression(graph, input, depth - 1))
            return false;
    return true;
}

/// The first initializer upstream of `tensor` that is not float (the stored codes), for the description.
const Tensor* storedCodes(const Graph& graph, const std::string& tensor, int depth = 12) {
    if (const Tensor* initializer = graph.initializer(tensor))
        return isFloatingPoint(initializer->type) ? nullptr : initializer;
    const int producer = graph.producerIndex(tensor);
    if (producer < 0 || depth == 0)
        return nullptr;
    for (const std::string& input : graph.nodes[size_t(producer)].inputs)
        if (const Tensor* codes = input.empty() ? nullptr : storedCodes(graph, input, depth - 1))
            return codes;
    return nullptr;
}

std::string storedDescription(const Graph& graph, const std::string& tensor) {
    const int producer = graph.producerIndex(tensor);
    const std::string op = producer >= 0 ? graph.nodes[size_t(producer)].opType : std::string("constant");
    const Tensor* codes = storedCodes(graph, tensor);
    return (codes ? dataTypeName(codes->type) + " + " : std::string()) + op;
}

/// A layer whose weight input `weightIndex` is decoded by constant nodes (or is an integer initializer of an
/// integer layer). `axis` is the output-channel axis of the weight.
bool findStoredLayer(const Graph& graph, const Node& node, size_t weightIndex, int axis,
                     QuantizableLayer& layer) {
    if (weightIndex >= node.inputs.size() || node.inputs[weightIndex].empty())
        return false;
    const std::string& weightName = node.inputs[weightIndex];
    if (graph.initializer(weightName) && isFloatingPoint(graph.initializer(weightName)->type))
        return false; // a plain float weight: a quantizable layer
    if (!isConstantExpression(graph, weightName))
        return false;
    layer = QuantizableLayer{};
    layer.nodeName = node.name;
    layer.opType = node.opType;
    layer.weightName = weightName;
    layer.outputChannelAxis = axis;
    if (const Tensor* initializer = graph.initializer(weightName)) {
        layer.weightShape = initializer->dims;
        layer.storedAs = dataTypeName(initializer->type);
    } else {
        if (const ValueInfo* info = graph.valueInfo(weightName); info && info->hasShape)
            for (const Dim& dim : info->shape)
                layer.weightShape.push_back(dim.value);
        layer.storedAs = storedDescription(graph, weightName);
    }
    int64_t count = layer.weightShape.empty() ? 0 : 1;
    for (int64_t dim : layer.weightShape)
        count = dim > 0 ? count * dim : 0;
    layer.parameters = count;
    if (node.opType == "Conv" || node.opType == "ConvTranspose" || node.opType == "QLinearConv" ||
        node.opType == "ConvInteger")
        layer.groups = node.intAttr("group", 1);
    return true;
}

bool findStoredWeightLayer(const Graph& graph, const Node& node, QuantizableLayer& layer) {
    const std::string& op = node.opType;
    if (op == "Conv" || op == "ConvInteger")
        return findStoredLayer(graph, node, 1, 0, layer);
    if (op == "ConvTranspose")
        return findStoredLayer(graph, node, 1, 1, layer);
    if (op == "QLinearConv")
        return findStoredLayer(graph, node, 3, 0, layer);
    if (op == "Gemm")
        return findStoredLayer(graph, node, 1, node.intAttr("transB", 0) != 0 ? 0 : 1, layer);
    if (op == "MatMul" || op == "MatMulInteger")
        return findStoredLayer(graph, node, 1, -1, layer);
    if (op == "QLinearMatMul")
        return findStoredLayer(graph, node, 3, -1, layer);
    if (isRecurrent(op))
        return findStoredLayer(graph, node, 1, 1, layer);
    return false;
}

} // namespace

std::vector<QuantizableLayer> findModelLayers(const Graph& graph) {
    std::vector<QuantizableLayer> layers;
    const std::vector<QuantizableLayer> quantizable = findQuantizableLayers(graph);
    size_t next = 0;
    for (const Node& node : graph.nodes) {
        if (next < quantizable.size() && quantizable[next].nodeName == node.name) {
            layers.push_back(quantizable[next++]);
            continue;
        }
        if (!node.domain.empty() && node.domain != "com.microsoft")
            continue;
        QuantizableLayer layer;
        if (findStoredWeightLayer(graph, node, layer)) {
            if (layer.outputChannelAxis < 0)
                layer.outputChannelAxis = std::max(0, int(layer.weightShape.size()) - 1);
            layers.push_back(std::move(layer));
        }
    }
    return layers;
}

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
        else if (isRecurrent(node.opType))
            found = findRecurrentLayer(graph, node, layer);
        if (found)
            layers.push_back(std::move(layer));
    }
    return layers;
}

} // namespace qs
