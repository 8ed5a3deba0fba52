#include "export/qdqrewrite.h"

#include "export/graphedit.h"
#include "export/weightencoding.h"
#include "quant/quantparams.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace qs {

namespace {

const int64_t kFirstQuantizeLinearOpset = 10;
const int64_t kFirstEmulationOpset = 11;
const char* const kMicrosoftDomain = "com.microsoft";

/// Gives every subgraph of `graph` its own copy, so that editing the result never touches the source model.
void detachSubgraphs(Graph& graph) {
    for (Node& node : graph.nodes)
        for (Attribute& attribute : node.attributes) {
            if (attribute.graph) {
                attribute.graph = std::make_shared<Graph>(*attribute.graph);
                detachSubgraphs(*attribute.graph);
            }
            for (std::shared_ptr<Graph>& subgraph : attribute.graphs)
                if (subgraph) {
                    subgraph = std::make_shared<Graph>(*subgraph);
                    detachSubgraphs(*subgraph);
                }
        }
}

bool definesName(const Graph& graph, const std::string& name) {
    if (graph.initializers.count(name))
        return true;
    for (const ValueInfo& input : graph.inputs)
        if (input.name == name)
            return true;
    for (const Node& node : graph.nodes)
        if (std::find(node.outputs.begin(), node.outputs.end(), name) != node.outputs.end())
            return true;
    return false;
}

void renameInputs(std::vector<Node>& nodes, const std::string& from, const std::string& to);

void renameInSubgraph(Graph& graph, const std::string& from, const std::string& to) {
    if (!definesName(graph, from))
        renameInputs(graph.nodes, from, to);
}

/// Every read of `from` by `nodes` (and by subgraphs that see it from the outer scope) becomes a read of
/// `to`.
void renameInputs(std::vector<Node>& nodes, const std::string& from, const std::string& to) {
    for (Node& node : nodes) {
        std::replace(node.inputs.begin(), node.inputs.end(), from, to);
        for (Attribute& attribute : node.attributes) {
            if (attribute.graph)
                renameInSubgraph(*attribute.graph, from, to);
            for (std::shared_ptr<Graph>& subgraph : attribute.graphs)
                if (subgraph)
                    renameInSubgraph(*subgraph, from, to);
        }
    }
}

void collectReads(const Graph& graph, std::set<std::string>& names) {
    for (const Node& node : graph.nodes) {
        names.insert(node.inputs.begin(), node.inputs.end());
        for (const Attribute& attribute : node.attributes) {
            if (attribute.graph)
                collectReads(*attribute.graph, names);
            for (const std::shared_ptr<Graph>& subgraph : attribute.graphs)
                if (subgraph)
                    collectReads(*subgraph, names);
        }
    }
    for (const ValueInfo& output : graph.outputs)
        names.insert(output.name);
}

void removeUnusedInitializers(Graph& graph) {
    std::set<std::string> reads;
    collectReads(graph, reads);
    for (auto it = graph.initializers.begin(); it != graph.initializers.end();)
        it = reads.count(it->first) ? std::next(it) : graph.initializers.erase(it);
}

template <typename Code> Tensor zeroPointTensor(const std::string& name, DataType type, int32_t zeroPoint) {
    const Code value = static_cast<Code>(zeroPoint);
    return makeTensor(name, type, {}, &value, sizeof(Code));
}

Tensor activationZeroPoint(const std::string& name, const QuantParams& params) {
    const bool isSigned = params.signedness == Signedness::Signed;
    const int32_t zeroPoint = params.zeroPoints.at(0);
    if (params.bits == 8)
        return isSigned ? zeroPointTensor<int8_t>(name, DataType::Int8, zeroPoint)
                        : zeroPointTensor<uint8_t>(name, DataType::UInt8, zeroPoint);
    return isSigned ? zeroPointTensor<int16_t>(name, DataType::Int16, zeroPoint)
                    : zeroPointTensor<uint16_t>(name, DataType::UInt16, zeroPoint);
}

std::string floatScalar(GraphEditor& editor, const std::string& name, float value) {
    return editor.addInitializer(makeTensor(name, DataType::Float, {}, &value, sizeof(float)));
}

/// Appends Div/Round/Add/Clip/Sub/Mul computing DequantizeLinear(QuantizeLinear(tensor)); returns the output.
std::string emulateQuantizeDequantize(GraphEditor& editor, const std::string& tensor,
                                      const QuantParams& params, std::vector<Node>& nodes) {
    const std::string scale = floatScalar(editor, tensor + "_scale", params.scales.at(0));
    const std::string zero = floatScalar(editor, tensor + "_zero_point", float(params.zeroPoints.at(0)));
    const std::string low =
        floatScalar(editor, tensor + "_qmin", float(integerMin(params.bits, params.signedness)));
    const std::string high =
        floatScalar(editor, tensor + "_qmax", float(integerMax(params.bits, params.signedness)));
    std::string value = editor.appendNode(nodes, "Div", {tensor, scale}, {}, tensor + "_scaled").outputs[0];
    value = editor.appendNode(nodes, "Round", {value}, {}, tensor + "_rounded").outputs[0];
    value = editor.appendNode(nodes, "Add", {value, zero}, {}, tensor + "_shifted").outputs[0];
    value = editor.appendNode(nodes, "Clip", {value, low, high}, {}, tensor + "_quantized").outputs[0];
    value = editor.appendNode(nodes, "Sub", {value, zero}, {}, tensor + "_centered").outputs[0];
    return editor.appendNode(nodes, "Mul", {value, scale}, {}, tensor + "_dequantized").outputs[0];
}

/// Appends the quantize-dequantize pair of activation `tensor`; returns the dequantized tensor's name.
std::string quantizeActivation(GraphEditor& editor, Model& model, const std::string& tensor,
                               const QuantParams& params, const QdqRewriteOptions& options,
                               std::vector<Node>& nodes) {
    const int64_t opset = model.info.opset();
    if (params.scales.size() != 1 || params.zeroPoints.size() != 1)
        throw Error("activation '" + tensor + "': activations are quantized per tensor, got " +
                    std::to_string(params.scales.size()) + " scales");
    if (params.bits != 8 && params.bits != 16)
        throw Error("activation '" + tensor + "': " + std::to_string(params.bits) +
                    "-bit activations cannot be exported (8 or 16 bits)");
    if (opset < kFirstQuantizeLinearOpset)
        throw Error("activation '" + tensor +
                    "': QuantizeLinear needs opset 10 or newer, the model has opset " +
                    std::to_string(opset) + "; convert the model to a newer opset");
    const bool emulate =
        params.bits == 16 && options.sixteenBitActivations == SixteenBitActivations::FloatEmulation;
    if (emulate) {
        if (opset < kFirstEmulationOpset)
            throw Error("activation '" + tensor +
                        "': 16-bit activations need opset 11 or newer, the model has opset " +
                        std::to_string(opset));
        return emulateQuantizeDequantize(editor, tensor, params, nodes);
    }
    const std::string domain = params.bits == 16 ? kMicrosoftDomain : "";
    if (!domain.empty())
        model.info.opsetImports.emplace(domain, 1);
    const std::string scale = floatScalar(editor, tensor + "_scale", params.scales[0]);
    const std::string zeroPoint = editor.addInitializer(activationZeroPoint(tensor + "_zero_point", params));
    const std::string quantized = editor
                                      .appendNode(nodes, "QuantizeLinear", {tensor, scale, zeroPoint}, {},
                                                  tensor + "_quantized", domain)
                                      .outputs[0];
    return editor
        .appendNode(nodes, "DequantizeLinear", {quantized, scale, zeroPoint}, {}, tensor + "_dequantized",
                    domain)
        .outputs[0];
}

void replaceFloatBias(Graph& graph, const std::string& name, const std::vector<float>& values) {
    auto found = graph.initializers.find(name);
    if (found == graph.initializers.end() || found->second.type != DataType::Float)
        throw Error("bias '" + name + "' is not a float initializer of the graph");
    if (size_t(found->second.elementCount()) != values.size())
        throw Error("bias '" + name + "' has " + std::to_string(found->second.elementCount()) +
                    " elements but its corrected values " + std::to_string(values.size()));
    std::memcpy(found->second.data.data(), values.data(), values.size() * sizeof(float));
}

bool isGraphInput(const Graph& graph, const std::string& name) {
    return std::any_of(graph.inputs.begin(), graph.inputs.end(),
                       [&](const ValueInfo& input) { return input.name == name; });
}

} // namespace

Model buildQuantizedModel(const Model& source, const QuantPlan& plan, const QuantizedTensors& tensors,
                          const QdqRewriteOptions& options, const ProgressCallback& progress) {
    Model model = source;
    detachSubgraphs(model.graph);
    Graph& graph = model.graph;
    GraphEditor editor(graph);
    const int64_t opset = model.info.opset();
    std::vector<Node> prologue;
    size_t done = 0;
    const double total = double(tensors.weights.size() + tensors.biases.size() + 1);
    for (const auto& [name, weight] : tensors.weights) {
        reportProgress(progress, double(done++) / total, "encoding weights");
        encodeWeight(editor, opset, name, weight, prologue);
    }
    for (const auto& [name, bias] : tensors.biases) {
        reportProgress(progress, double(done++) / total, "encoding biases");
        encodeBias(editor, opset, name, bias, prologue);
    }
    for (const auto& [name, values] : tensors.floatBiases)
        replaceFloatBias(graph, name, values);

    std::map<std::string, std::vector<Node>> afterTensor;
    for (const ActivationPlan& activation : plan.activations) {
        const std::string& tensor = activation.tensor;
        const auto params = tensors.activations.find(tensor);
        if (params == tensors.activations.end())
            throw Error("activation '" + tensor + "' is planned but has no quantization parameters");
        if (graph.initializers.count(tensor))
            throw Error("activation '" + tensor + "' is a constant; constants are quantized as weights");
        if (graph.producerIndex(tensor) < 0 && !isGraphInput(graph, tensor))
            throw Error("activation '" + tensor + "' is not produced by any node of the graph");
        std::vector<Node> pair;
        const std::string dequantized =
            quantizeActivation(editor, model, tensor, params->second, options, pair);
        renameInputs(graph.nodes, tensor, dequantized);
        std::vector<Node>& target = afterTensor[tensor];
        target.insert(target.end(), pair.begin(), pair.end());
    }

    std::vector<Node> nodes = std::move(prologue);
    for (const ValueInfo& input : graph.inputs) {
        auto found = afterTensor.find(input.name);
        if (found != afterTensor.end())
            nodes.insert(nodes.end(), found->second.begin(), found->second.end());
    }
    for (Node& node : graph.nodes) {
        const std::vector<std::string> outputs = node.outputs;
        nodes.push_back(std::move(node));
        for (const std::string& output : outputs) {
            auto found = afterTensor.find(output);
            if (found != afterTensor.end())
                nodes.insert(nodes.end(), found->second.begin(), found->second.end());
        }
    }
    graph.nodes = std::move(nodes);
    removeUnusedInitializers(graph);
    reportProgress(progress, 1.0, "quantized graph built");
    return model;
}

} // namespace qs
