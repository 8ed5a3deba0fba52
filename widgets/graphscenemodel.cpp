#include "graphscenemodel.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace qs {
namespace {

const char* const timesSign = "\xC3\x97";

std::string joinDims(const std::vector<std::string>& parts) {
    if (parts.empty())
        return "scalar";
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            text += timesSign;
        text += parts[i];
    }
    return text;
}

std::string weightRowValue(const Tensor& tensor) {
    if (tensor.dims.empty() && tensor.type == DataType::Float && tensor.data.size() == sizeof(float)) {
        float value = 0.0f;
        std::copy(tensor.data.begin(), tensor.data.end(), reinterpret_cast<uint8_t*>(&value));
        std::string text = std::to_string(value);
        while (text.size() > 1 && text.back() == '0' && text[text.size() - 2] != '.')
            text.pop_back();
        return "= " + text;
    }
    return formatDims(tensor.dims);
}

GraphSceneNode operatorNode(const Graph& graph, int index) {
    const Node& node = graph.nodes[static_cast<size_t>(index)];
    GraphSceneNode box;
    box.kind = GraphSceneNode::Kind::Operator;
    box.irNodeIndex = index;
    box.category = opCategory(node.opType);
    box.title = node.opType;
    box.subtitle = node.name;
    for (size_t i = 0; i < node.inputs.size(); ++i) {
        const auto it = graph.initializers.find(node.inputs[i]);
        if (node.inputs[i].empty() || it == graph.initializers.end())
            continue;
        if (static_cast<int>(box.weightRows.size()) < GraphSceneModel::maxWeightRows)
            box.weightRows.emplace_back(inputSlotName(node.opType, i), weightRowValue(it->second));
        else
            ++box.hiddenWeightRows;
    }
    return box;
}

GraphSceneNode tensorNode(GraphSceneNode::Kind kind, const std::string& tensorName) {
    GraphSceneNode box;
    box.kind = kind;
    box.category = OpCategory::InputOutput;
    box.title = tensorName;
    return box;
}

} // namespace

std::string formatDims(const std::vector<int64_t>& dims) {
    std::vector<std::string> parts;
    for (int64_t d : dims)
        parts.push_back(std::to_string(d));
    return joinDims(parts);
}

std::string formatShape(const ValueInfo& info) {
    if (!info.hasShape)
        return "?";
    std::vector<std::string> parts;
    for (const Dim& d : info.shape)
        parts.push_back(d.value >= 0 ? std::to_string(d.value) : (d.symbol.empty() ? "?" : d.symbol));
    return joinDims(parts);
}

std::string inputSlotName(const std::string& opType, size_t index) {
    static const std::unordered_map<std::string, std::vector<const char*>> slots = {
        {"Conv", {"X", "W", "B"}},
        {"ConvTranspose", {"X", "W", "B"}},
        {"Gemm", {"A", "B", "C"}},
        {"MatMul", {"A", "B"}},
        {"BatchNormalization", {"X", "scale", "B", "mean", "var"}},
        {"LayerNormalization", {"X", "scale", "B"}},
        {"InstanceNormalization", {"input", "scale", "B"}},
        {"GroupNormalization", {"X", "scale", "bias"}},
        {"Add", {"A", "B"}},
        {"Sub", {"A", "B"}},
        {"Mul", {"A", "B"}},
        {"Div", {"A", "B"}},
        {"Pow", {"X", "Y"}},
        {"PRelu", {"X", "slope"}},
        {"Reshape", {"data", "shape"}},
        {"Expand", {"input", "shape"}},
        {"Tile", {"input", "repeats"}},
        {"Gather", {"data", "indices"}},
        {"Slice", {"data", "starts", "ends", "axes", "steps"}},
        {"Pad", {"data", "pads", "constant_value", "axes"}},
        {"Resize", {"X", "roi", "scales", "sizes"}},
        {"Clip", {"input", "min", "max"}},
        {"Unsqueeze", {"data", "axes"}},
        {"Squeeze", {"data", "axes"}},
        {"ReduceMean", {"data", "axes"}},
        {"ReduceSum", {"data", "axes"}},
        {"Split", {"input", "split"}},
        {"Where", {"condition", "X", "Y"}},
        {"QuantizeLinear", {"x", "y_scale", "y_zero_point"}},
        {"DequantizeLinear", {"x", "x_scale", "x_zero_point"}},
    };
    const auto it = slots.find(opType);
    if (it != slots.end() && index < it->second.size())
        return it->second[index];
    return "input " + std::to_string(index);
}

GraphSceneModel GraphSceneModel::fromGraph(const Graph& graph) {
    GraphSceneModel model;
    std::unordered_map<std::string, int> producerBox;
    for (const ValueInfo& input : graph.inputs) {
        producerBox.emplace(input.name, static_cast<int>(model.m_nodes.size()));
        model.m_nodes.push_back(tensorNode(GraphSceneNode::Kind::GraphInput, input.name));
    }
    const int firstOperator = static_cast<int>(model.m_nodes.size());
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
        model.m_nodes.push_back(operatorNode(graph, static_cast<int>(i)));
        for (const std::string& output : graph.nodes[i].outputs)
            if (!output.empty())
                producerBox[output] = static_cast<int>(model.m_nodes.size()) - 1;
    }
    model.m_operatorCount = static_cast<int>(graph.nodes.size());
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
        const int consumer = firstOperator + static_cast<int>(i);
        std::unordered_set<std::string> seen;
        for (const std::string& input : graph.nodes[i].inputs) {
            const auto it = producerBox.find(input);
            if (input.empty() || it == producerBox.end() || !seen.insert(input).second)
                continue;
            model.m_edges.push_back({it->second, consumer, input});
        }
    }
    for (const ValueInfo& output : graph.outputs) {
        const int box = static_cast<int>(model.m_nodes.size());
        model.m_nodes.push_back(tensorNode(GraphSceneNode::Kind::GraphOutput, output.name));
        const auto it = producerBox.find(output.name);
        if (it != producerBox.end())
            model.m_edges.push_back({it->second, box, output.name});
    }
    return model;
}

LayoutInput GraphSceneModel::layoutInput(const std::vector<LayoutSize>& boxSizes) const {
    LayoutInput input;
    input.nodeSizes = boxSizes;
    input.nodeSizes.resize(m_nodes.size());
    input.edges.reserve(m_edges.size());
    for (const GraphSceneEdge& edge : m_edges)
        input.edges.push_back({edge.source, edge.target});
    return input;
}

} // namespace qs
