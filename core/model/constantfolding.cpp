#include "model/constantfolding.h"

#include "util/error.h"

#include <cstring>

namespace qs {

namespace {

template <typename T> Tensor tensorOf(DataType type, const std::vector<T>& values, bool scalar) {
    Tensor tensor;
    tensor.type = type;
    if (!scalar)
        tensor.dims = {int64_t(values.size())};
    tensor.data.resize(values.size() * sizeof(T));
    if (!values.empty())
        std::memcpy(tensor.data.data(), values.data(), tensor.data.size());
    return tensor;
}

Tensor stringTensor(const std::vector<std::string>& values, bool scalar) {
    Tensor tensor;
    tensor.type = DataType::String;
    if (!scalar)
        tensor.dims = {int64_t(values.size())};
    tensor.strings = values;
    return tensor;
}

Tensor constantValue(const Node& node) {
    for (const Attribute& attribute : node.attributes) {
        if (attribute.name == "value" || attribute.name == "sparse_value") {
            if (attribute.tensor)
                return *attribute.tensor;
        } else if (attribute.name == "value_float") {
            return tensorOf(DataType::Float, std::vector<float>{attribute.f}, true);
        } else if (attribute.name == "value_floats") {
            return tensorOf(DataType::Float, attribute.floats, false);
        } else if (attribute.name == "value_int") {
            return tensorOf(DataType::Int64, std::vector<int64_t>{attribute.i}, true);
        } else if (attribute.name == "value_ints") {
            return tensorOf(DataType::Int64, attribute.ints, false);
        } else if (attribute.name == "value_string") {
            return stringTensor({attribute.s}, true);
        } else if (attribute.name == "value_strings") {
            return stringTensor(attribute.strings, false);
        }
    }
    throw Error("Constant node '" + node.name + "' has no value attribute");
}

} // namespace

int64_t foldConstantNodes(Graph& graph) {
    int64_t folded = 0;
    std::vector<Node> kept;
    kept.reserve(graph.nodes.size());
    for (Node& node : graph.nodes) {
        const bool isConstant = node.opType == "Constant" && node.domain.empty() && node.outputs.size() == 1 &&
                                !node.outputs[0].empty() && !graph.initializers.count(node.outputs[0]);
        if (!isConstant) {
            kept.push_back(std::move(node));
            continue;
        }
        Tensor tensor = constantValue(node);
        tensor.name = node.outputs[0];
        ValueInfo& info = graph.valueInfos[tensor.name];
        info.name = tensor.name;
        info.type = tensor.type;
        info.hasShape = true;
        info.shape.clear();
        for (int64_t dim : tensor.dims)
            info.shape.push_back(Dim::fixed(dim));
        graph.initializers[tensor.name] = std::move(tensor);
        ++folded;
    }
    graph.nodes = std::move(kept);
    return folded;
}

} // namespace qs
