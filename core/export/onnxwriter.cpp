#include "export/onnxwriter.h"

#include "util/error.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <climits>
#include <set>
#include <unordered_map>

namespace qs {

namespace {

const int64_t kCheckerIrVersion = onnx::Version::IR_VERSION;
/// Initializers had to be listed as graph inputs before IR version 4.
const int64_t kFirstIrWithoutInitializerInputs = 4;

bool isFourBit(DataType type) {
    return type == DataType::Int4 || type == DataType::UInt4;
}

void tensorToProto(const Tensor& tensor, onnx::TensorProto& proto) {
    proto.set_name(tensor.name);
    proto.set_data_type(static_cast<int32_t>(tensor.type));
    for (int64_t dim : tensor.dims)
        proto.add_dims(dim);
    if (tensor.type == DataType::String) {
        for (const std::string& value : tensor.strings)
            proto.add_string_data(value);
        return;
    }
    if (isFourBit(tensor.type)) {
        std::string packed((tensor.data.size() + 1) / 2, '\0');
        for (size_t i = 0; i < tensor.data.size(); ++i)
            packed[i / 2] = char(uint8_t(packed[i / 2]) | uint8_t((tensor.data[i] & 0x0Fu) << ((i % 2) * 4)));
        proto.set_raw_data(std::move(packed));
        return;
    }
    proto.set_raw_data(std::string(tensor.data.begin(), tensor.data.end()));
}

void valueInfoToProto(const ValueInfo& info, onnx::ValueInfoProto& proto) {
    proto.set_name(info.name);
    if (info.type == DataType::Undefined)
        return;
    onnx::TypeProto::Tensor* tensorType = proto.mutable_type()->mutable_tensor_type();
    tensorType->set_elem_type(static_cast<int32_t>(info.type));
    if (!info.hasShape)
        return;
    onnx::TensorShapeProto* shape = tensorType->mutable_shape();
    for (const Dim& dim : info.shape) {
        onnx::TensorShapeProto::Dimension* stored = shape->add_dim();
        if (dim.isStatic())
            stored->set_dim_value(dim.value);
        else if (!dim.symbol.empty())
            stored->set_dim_param(dim.symbol);
    }
}

/// `listInitializersAsInputs`: IR versions before 4 require the main graph to declare initializers as inputs.
void graphToProto(const Graph& graph, int64_t irVersion, onnx::GraphProto& proto,
                  bool listInitializersAsInputs = false);

void attributeToProto(const Attribute& attribute, int64_t irVersion, onnx::AttributeProto& proto) {
    proto.set_name(attribute.name);
    switch (attribute.kind) {
    case Attribute::Kind::Float:
        proto.set_type(onnx::AttributeProto::FLOAT);
        proto.set_f(attribute.f);
        break;
    case Attribute::Kind::Int:
        proto.set_type(onnx::AttributeProto::INT);
        proto.set_i(attribute.i);
        break;
    case Attribute::Kind::String:
        proto.set_type(onnx::AttributeProto::STRING);
        proto.set_s(attribute.s);
        break;
    case Attribute::Kind::Tensor:
        proto.set_type(onnx::AttributeProto::TENSOR);
        if (attribute.tensor)
            tensorToProto(*attribute.tensor, *proto.mutable_t());
        break;
    case Attribute::Kind::Graph:
        proto.set_type(onnx::AttributeProto::GRAPH);
        if (attribute.graph)
            graphToProto(*attribute.graph, irVersion, *proto.mutable_g());
        break;
    case Attribute::Kind::Floats:
        proto.set_type(onnx::AttributeProto::FLOATS);
        for (float value : attribute.floats)
            proto.add_floats(value);
        break;
    case Attribute::Kind::Ints:
        proto.set_type(onnx::AttributeProto::INTS);
        for (int64_t value : attribute.ints)
            proto.add_ints(value);
        break;
    case Attribute::Kind::Strings:
        proto.set_type(onnx::AttributeProto::STRINGS);
        for (const std::string& value : attribute.strings)
            proto.add_strings(value);
        break;
    case Attribute::Kind::Tensors:
        proto.set_type(onnx::AttributeProto::TENSORS);
        for (const std::shared_ptr<Tensor>& tensor : attribute.tensors)
            if (tensor)
                tensorToProto(*tensor, *proto.add_tensors());
        break;
    case Attribute::Kind::Graphs:
        proto.set_type(onnx::AttributeProto::GRAPHS);
        for (const std::shared_ptr<Graph>& graph : attribute.graphs)
            if (graph)
                graphToProto(*graph, irVersion, *proto.add_graphs());
        break;
    case Attribute::Kind::Undefined:
        break;
    }
}

void nodeToProto(const Node& node, int64_t irVersion, onnx::NodeProto& proto) {
    proto.set_name(node.name);
    proto.set_op_type(node.opType);
    if (!node.domain.empty())
        proto.set_domain(node.domain);
    for (const std::string& input : node.inputs)
        proto.add_input(input);
    for (const std::string& output : node.outputs)
        proto.add_output(output);
    for (const Attribute& attribute : node.attributes)
        attributeToProto(attribute, irVersion, *proto.add_attribute());
}

/// Names the nodes of `graph` read or write: only those get a value_info entry.
std::set<std::string> namesUsedByNodes(const Graph& graph) {
    std::set<std::string> names;
    for (const Node& node : graph.nodes) {
        names.insert(node.inputs.begin(), node.inputs.end());
        names.insert(node.outputs.begin(), node.outputs.end());
    }
    return names;
}

void graphToProto(const Graph& graph, int64_t irVersion, onnx::GraphProto& proto,
                  bool listInitializersAsInputs) {
    proto.set_name(graph.name);
    for (const Node& node : graph.nodes)
        nodeToProto(node, irVersion, *proto.add_node());
    for (const auto& [name, tensor] : graph.initializers)
        tensorToProto(tensor, *proto.add_initializer());
    std::set<std::string> declared;
    for (const ValueInfo& input : graph.inputs) {
        valueInfoToProto(input, *proto.add_input());
        declared.insert(input.name);
    }
    if (listInitializersAsInputs)
        for (const auto& [name, tensor] : graph.initializers) {
            ValueInfo info{name, tensor.type, true, {}};
            for (int64_t dim : tensor.dims)
                info.shape.push_back(Dim::fixed(dim));
            valueInfoToProto(info, *proto.add_input());
        }
    for (const ValueInfo& output : graph.outputs) {
        valueInfoToProto(output, *proto.add_output());
        declared.insert(output.name);
    }
    const std::set<std::string> used = namesUsedByNodes(graph);
    for (const auto& [name, info] : graph.valueInfos)
        if (info.type != DataType::Undefined && used.count(name) && !declared.count(name) &&
            !graph.initializers.count(name))
            valueInfoToProto(info, *proto.add_value_info());
}

/// Runs `check`; a complaint becomes an Error naming `subject`.
template <typename Check> void checkPart(const std::string& subject, Check check) {
    try {
        check();
    } catch (const std::exception& error) {
        std::string message = error.what();
        std::replace(message.begin(), message.end(), '\n', ' ');
        throw Error("the exported model fails the ONNX checker at " + subject + ": " + message);
    }
}

void checkModel(const onnx::ModelProto& model) {
    onnx::checker::CheckerContext context;
    context.set_ir_version(int(std::min<int64_t>(model.ir_version(), kCheckerIrVersion)));
    std::unordered_map<std::string, int> opsets;
    for (const onnx::OperatorSetIdProto& opset : model.opset_import())
        opsets[opset.domain()] = int(opset.version());
    context.set_opset_imports(opsets);
    onnx::checker::LexicalScopeContext scope;
    const onnx::GraphProto& graph = model.graph();
    for (const onnx::ValueInfoProto& input : graph.input()) {
        checkPart("graph input '" + input.name() + "'",
                  [&] { onnx::checker::check_value_info(input, context); });
        scope.add(input.name());
    }
    for (const onnx::TensorProto& initializer : graph.initializer()) {
        checkPart("initializer '" + initializer.name() + "'",
                  [&] { onnx::checker::check_tensor(initializer, context); });
        scope.add(initializer.name());
    }
    for (const onnx::NodeProto& node : graph.node()) {
        checkPart("node '" + node.name() + "' (" + node.op_type() + ")",
                  [&] { onnx::checker::check_node(node, context, scope); });
        for (const std::string& output : node.output())
            scope.add(output);
    }
    for (const onnx::ValueInfoProto& output : graph.output())
        checkPart("graph output '" + output.name() + "'",
                  [&] { onnx::checker::check_value_info(output, context); });
}

} // namespace

std::string serializeOnnxModel(const Model& model, const OnnxWriteOptions& options) {
    const ModelInfo& info = model.info;
    onnx::ModelProto proto;
    const int64_t irVersion = info.irVersion > 0 ? info.irVersion : kCheckerIrVersion;
    proto.set_ir_version(irVersion);
    for (const auto& [domain, version] : info.opsetImports) {
        onnx::OperatorSetIdProto* opset = proto.add_opset_import();
        opset->set_domain(domain == "ai.onnx" ? std::string() : domain);
        opset->set_version(version);
    }
    proto.set_producer_name(options.producerName);
    proto.set_producer_version(options.producerVersion);
    if (!info.domain.empty())
        proto.set_domain(info.domain);
    proto.set_model_version(info.modelVersion);
    if (!info.docString.empty())
        proto.set_doc_string(info.docString);
    for (const auto& [key, value] : info.metadata) {
        onnx::StringStringEntryProto* entry = proto.add_metadata_props();
        entry->set_key(key);
        entry->set_value(value);
    }
    graphToProto(model.graph, irVersion, *proto.mutable_graph(),
                 irVersion < kFirstIrWithoutInitializerInputs);
    if (options.runChecker)
        checkModel(proto);
    const size_t sizeBytes = proto.ByteSizeLong();
    if (sizeBytes > size_t(INT_MAX))
        throw Error("the exported model would be " + std::to_string(sizeBytes / (1u << 20)) +
                    " MB, beyond protobuf's 2 GB limit for one file; quantize more layers or use fewer bits");
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw Error("the exported model could not be serialized");
    return bytes;
}

} // namespace qs
