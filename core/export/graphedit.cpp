#include "export/graphedit.h"

#include <cstring>

namespace qs {

GraphEditor::GraphEditor(Graph& graph) : graph_(graph) {
    reserveNames(graph);
}

void GraphEditor::reserveNames(const Graph& graph) {
    for (const Node& node : graph.nodes) {
        usedNodes_.insert(node.name);
        used_.insert(node.inputs.begin(), node.inputs.end());
        used_.insert(node.outputs.begin(), node.outputs.end());
        for (const Attribute& attribute : node.attributes) {
            if (attribute.graph)
                reserveNames(*attribute.graph);
            for (const std::shared_ptr<Graph>& subgraph : attribute.graphs)
                if (subgraph)
                    reserveNames(*subgraph);
        }
    }
    for (const auto& [name, tensor] : graph.initializers)
        used_.insert(name);
    for (const ValueInfo& info : graph.inputs)
        used_.insert(info.name);
    for (const ValueInfo& info : graph.outputs)
        used_.insert(info.name);
    for (const auto& [name, info] : graph.valueInfos)
        used_.insert(name);
}

std::string GraphEditor::uniqueName(const std::string& base) {
    std::string candidate = base;
    for (int suffix = 2; used_.count(candidate); ++suffix)
        candidate = base + "_" + std::to_string(suffix);
    used_.insert(candidate);
    return candidate;
}

std::string GraphEditor::uniqueNodeName(const std::string& base) {
    std::string candidate = base;
    for (int suffix = 2; usedNodes_.count(candidate); ++suffix)
        candidate = base + "_" + std::to_string(suffix);
    usedNodes_.insert(candidate);
    return candidate;
}

std::string GraphEditor::addInitializer(Tensor tensor) {
    tensor.name = uniqueName(tensor.name);
    const std::string name = tensor.name;
    graph_.initializers[name] = std::move(tensor);
    return name;
}

std::string GraphEditor::sharedConstant(const std::string& base, DataType type,
                                        const std::vector<int64_t>& dims, const void* bytes,
                                        size_t byteCount) {
    std::string key = std::to_string(int(type)) + ":";
    for (int64_t dim : dims)
        key += std::to_string(dim) + ",";
    key += ":" + std::string(static_cast<const char*>(bytes), byteCount);
    const auto found = sharedConstants_.find(key);
    if (found != sharedConstants_.end())
        return found->second;
    const std::string name = addInitializer(makeTensor(base, type, dims, bytes, byteCount));
    sharedConstants_[key] = name;
    return name;
}

std::string GraphEditor::int64Constant(const std::string& base, const std::vector<int64_t>& values,
                                       bool scalar) {
    const std::vector<int64_t> dims =
        scalar ? std::vector<int64_t>{} : std::vector<int64_t>{int64_t(values.size())};
    return sharedConstant(base, DataType::Int64, dims, values.data(), values.size() * sizeof(int64_t));
}

std::string GraphEditor::int32Constant(const std::string& base, const std::vector<int32_t>& values,
                                       const std::vector<int64_t>& dims) {
    return sharedConstant(base, DataType::Int32, dims, values.data(), values.size() * sizeof(int32_t));
}

Node& GraphEditor::appendNode(std::vector<Node>& into, const std::string& opType,
                              const std::vector<std::string>& inputs, const std::string& output,
                              const std::string& nameBase, const std::string& domain) {
    Node node;
    node.name = uniqueNodeName(nameBase);
    node.opType = opType;
    node.domain = domain;
    node.inputs = inputs;
    node.outputs.push_back(output.empty() ? uniqueName(nameBase) : output);
    into.push_back(std::move(node));
    return into.back();
}

Attribute intAttribute(const std::string& name, int64_t value) {
    Attribute attribute;
    attribute.name = name;
    attribute.kind = Attribute::Kind::Int;
    attribute.i = value;
    return attribute;
}

Attribute intsAttribute(const std::string& name, const std::vector<int64_t>& values) {
    Attribute attribute;
    attribute.name = name;
    attribute.kind = Attribute::Kind::Ints;
    attribute.ints = values;
    return attribute;
}

Tensor makeTensor(const std::string& name, DataType type, const std::vector<int64_t>& dims, const void* bytes,
                  size_t byteCount) {
    Tensor tensor;
    tensor.name = name;
    tensor.type = type;
    tensor.dims = dims;
    const auto* begin = static_cast<const uint8_t*>(bytes);
    tensor.data.assign(begin, begin + byteCount);
    return tensor;
}

} // namespace qs
