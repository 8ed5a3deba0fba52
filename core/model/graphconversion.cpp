#include "model/graphconversion.h"

#include "model/tensorconversion.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <set>

namespace qs {

namespace {

ValueInfo valueInfoFromProto(const onnx::ValueInfoProto& proto) {
    ValueInfo info;
    info.name = proto.name();
    if (!proto.has_type() || !proto.type().has_tensor_type())
        return info;
    const onnx::TypeProto::Tensor& tensorType = proto.type().tensor_type();
    info.type = static_cast<DataType>(tensorType.elem_type());
    info.hasShape = tensorType.has_shape();
    for (const onnx::TensorShapeProto::Dimension& dim : tensorType.shape().dim()) {
        if (dim.has_dim_value())
            info.shape.push_back(Dim::fixed(dim.dim_value()));
        else if (dim.has_dim_param() && !dim.dim_param().empty())
            info.shape.push_back(Dim::symbolic(dim.dim_param()));
        else
            info.shape.push_back(Dim{});
    }
    return info;
}

ValueInfo valueInfoFromTensor(const Tensor& tensor) {
    ValueInfo info;
    info.name = tensor.name;
    info.type = tensor.type;
    info.hasShape = true;
    for (int64_t dim : tensor.dims)
        info.shape.push_back(Dim::fixed(dim));
    return info;
}

std::shared_ptr<Graph> subgraphFromProto(const onnx::GraphProto& proto, const std::string& baseDirectory) {
    onnx::GraphProto copy(proto);
    return std::make_shared<Graph>(graphFromProto(copy, GraphConversionContext{baseDirectory, {}, 0.0, 1.0}));
}

Attribute attributeFromProto(const onnx::AttributeProto& proto, const std::string& baseDirectory) {
    Attribute attribute;
    attribute.name = proto.name();
    switch (proto.type()) {
    case onnx::AttributeProto::FLOAT:
        attribute.kind = Attribute::Kind::Float;
        attribute.f = proto.f();
        break;
    case onnx::AttributeProto::INT:
        attribute.kind = Attribute::Kind::Int;
        attribute.i = proto.i();
        break;
    case onnx::AttributeProto::STRING:
        attribute.kind = Attribute::Kind::String;
        attribute.s = proto.s();
        break;
    case onnx::AttributeProto::TENSOR:
        attribute.kind = Attribute::Kind::Tensor;
        attribute.tensor = std::make_shared<Tensor>(tensorFromProto(proto.t(), baseDirectory));
        break;
    case onnx::AttributeProto::SPARSE_TENSOR:
        attribute.kind = Attribute::Kind::Tensor;
        attribute.tensor = std::make_shared<Tensor>(tensorFromSparseProto(proto.sparse_tensor(), baseDirectory));
        break;
    case onnx::AttributeProto::GRAPH:
        attribute.kind = Attribute::Kind::Graph;
        attribute.graph = subgraphFromProto(proto.g(), baseDirectory);
        break;
    case onnx::AttributeProto::FLOATS:
        attribute.kind = Attribute::Kind::Floats;
        attribute.floats.assign(proto.floats().begin(), proto.floats().end());
        break;
    case onnx::AttributeProto::INTS:
        attribute.kind = Attribute::Kind::Ints;
        attribute.ints.assign(proto.ints().begin(), proto.ints().end());
        break;
    case onnx::AttributeProto::STRINGS:
        attribute.kind = Attribute::Kind::Strings;
        attribute.strings.assign(proto.strings().begin(), proto.strings().end());
        break;
    case onnx::AttributeProto::TENSORS:
        attribute.kind = Attribute::Kind::Tensors;
        for (const onnx::TensorProto& tensor : proto.tensors())
            attribute.tensors.push_back(std::make_shared<Tensor>(tensorFromProto(tensor, baseDirectory)));
        break;
    case onnx::AttributeProto::SPARSE_TENSORS:
        attribute.kind = Attribute::Kind::Tensors;
        for (const onnx::SparseTensorProto& tensor : proto.sparse_tensors())
            attribute.tensors.push_back(std::make_shared<Tensor>(tensorFromSparseProto(tensor, baseDirectory)));
        break;
    case onnx::AttributeProto::GRAPHS:
        attribute.kind = Attribute::Kind::Graphs;
        for (const onnx::GraphProto& graph : proto.graphs())
            attribute.graphs.push_back(subgraphFromProto(graph, baseDirectory));
        break;
    default: break;
    }
    return attribute;
}

Node nodeFromProto(const onnx::NodeProto& proto, const std::string& baseDirectory) {
    Node node;
    node.name = proto.name();
    node.opType = proto.op_type();
    node.domain = proto.domain() == "ai.onnx" ? std::string() : proto.domain();
    node.inputs.assign(proto.input().begin(), proto.input().end());
    node.outputs.assign(proto.output().begin(), proto.output().end());
    for (const onnx::AttributeProto& attribute : proto.attribute()) {
        try {
            node.attributes.push_back(attributeFromProto(attribute, baseDirectory));
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& error) {
            const std::string label = node.name.empty() ? node.opType : node.name;
            throw Error("node '" + label + "' attribute '" + attribute.name() + "': " + error.what());
        }
    }
    return node;
}

/// Unnamed nodes become "<OpType>_<index>"; repeated names get "_2", "_3", ... appended.
void assignUniqueNodeNames(std::vector<Node>& nodes) {
    std::set<std::string> explicitNames;
    for (const Node& node : nodes)
        if (!node.name.empty())
            explicitNames.insert(node.name);
    std::set<std::string> used;
    for (size_t i = 0; i < nodes.size(); ++i) {
        Node& node = nodes[i];
        std::string base = node.name.empty() ? node.opType + "_" + std::to_string(i) : node.name;
        std::string candidate = base;
        const bool generated = node.name.empty();
        for (int suffix = 2; used.count(candidate) || (generated && explicitNames.count(candidate)); ++suffix)
            candidate = base + "_" + std::to_string(suffix);
        used.insert(candidate);
        node.name = candidate;
    }
}

void reportConversion(const GraphConversionContext& context, size_t done, size_t total) {
    if (!context.progress || total == 0)
        return;
    const size_t step = std::max<size_t>(1, total / 100);
    if (done % step != 0)
        return;
    const double fraction = std::min(
        context.progressEnd,
        context.progressBegin + (context.progressEnd - context.progressBegin) * double(done) / double(total));
    reportProgress(context.progress, fraction, "converting graph");
}

} // namespace

Graph graphFromProto(onnx::GraphProto& proto, const GraphConversionContext& context) {
    Graph graph;
    graph.name = proto.name();
    const size_t total = size_t(proto.node_size()) + size_t(proto.initializer_size());
    size_t done = 0;
    for (const onnx::NodeProto& nodeProto : proto.node()) {
        graph.nodes.push_back(nodeFromProto(nodeProto, context.baseDirectory));
        reportConversion(context, ++done, total);
    }
    assignUniqueNodeNames(graph.nodes);
    for (onnx::TensorProto& tensorProto : *proto.mutable_initializer()) {
        Tensor tensor = tensorFromProto(tensorProto, context.baseDirectory);
        std::string().swap(*tensorProto.mutable_raw_data());
        tensorProto.clear_raw_data();
        graph.valueInfos.emplace(tensor.name, valueInfoFromTensor(tensor));
        const std::string name = tensor.name;
        graph.initializers[name] = std::move(tensor);
        reportConversion(context, ++done, total);
    }
    for (const onnx::SparseTensorProto& sparse : proto.sparse_initializer()) {
        Tensor tensor = tensorFromSparseProto(sparse, context.baseDirectory);
        graph.valueInfos.emplace(tensor.name, valueInfoFromTensor(tensor));
        const std::string name = tensor.name;
        graph.initializers[name] = std::move(tensor);
    }
    for (const onnx::ValueInfoProto& input : proto.input())
        if (!graph.initializers.count(input.name()))
            graph.inputs.push_back(valueInfoFromProto(input));
    for (const onnx::ValueInfoProto& output : proto.output())
        graph.outputs.push_back(valueInfoFromProto(output));
    for (const ValueInfo& info : graph.inputs)
        graph.valueInfos[info.name] = info;
    for (const ValueInfo& info : graph.outputs)
        graph.valueInfos[info.name] = info;
    for (const onnx::ValueInfoProto& value : proto.value_info())
        graph.valueInfos.emplace(value.name(), valueInfoFromProto(value));
    return graph;
}

} // namespace qs
