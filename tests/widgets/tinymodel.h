#pragma once
// A small CNN built directly in the graph IR for widget tests: conv1 (3->4, bias) -> relu1 -> conv2 (4->8, no bias)
// -> pool -> flatten -> fc (Gemm 8->10, bias). Weights are deterministic, varied values.

#include "model/graph.h"

#include <memory>

namespace qs::test {

/// A float32 tensor whose element i is `start + step * i` folded into [-1, 1).
inline Tensor rampTensor(const std::string& name, std::vector<int64_t> dims, float start, float step) {
    Tensor tensor;
    tensor.name = name;
    tensor.type = DataType::Float;
    tensor.dims = std::move(dims);
    int64_t count = 1;
    for (int64_t dim : tensor.dims)
        count *= dim;
    tensor.data.resize(size_t(count) * sizeof(float));
    float* values = tensor.as<float>();
    for (int64_t i = 0; i < count; ++i) {
        float value = start + step * float(i);
        while (value >= 1.0f)
            value -= 2.0f;
        values[i] = value;
    }
    return tensor;
}

inline Node makeNode(const std::string& name, const std::string& opType, std::vector<std::string> inputs,
                     std::vector<std::string> outputs) {
    Node node;
    node.name = name;
    node.opType = opType;
    node.inputs = std::move(inputs);
    node.outputs = std::move(outputs);
    return node;
}

inline std::shared_ptr<const Model> makeTinyCnn() {
    auto model = std::make_shared<Model>();
    Graph& graph = model->graph;
    graph.name = "tiny";
    ValueInfo input;
    input.name = "input";
    input.type = DataType::Float;
    input.hasShape = true;
    input.shape = {Dim::fixed(1), Dim::fixed(3), Dim::fixed(8), Dim::fixed(8)};
    graph.inputs.push_back(input);
    graph.valueInfos[input.name] = input;
    for (Tensor tensor : {rampTensor("conv1.weight", {4, 3, 3, 3}, -0.9f, 0.017f),
                          rampTensor("conv1.bias", {4}, 0.1f, 0.05f),
                          rampTensor("conv2.weight", {8, 4, 3, 3}, 0.3f, 0.0024f),
                          rampTensor("fc.weight", {10, 8}, -0.5f, 0.013f), rampTensor("fc.bias", {10}, 0.0f, 0.01f)})
        graph.initializers[tensor.name] = tensor;
    graph.nodes.push_back(makeNode("conv1", "Conv", {"input", "conv1.weight", "conv1.bias"}, {"c1"}));
    graph.nodes.push_back(makeNode("relu1", "Relu", {"c1"}, {"r1"}));
    graph.nodes.push_back(makeNode("conv2", "Conv", {"r1", "conv2.weight"}, {"c2"}));
    graph.nodes.push_back(makeNode("pool", "GlobalAveragePool", {"c2"}, {"p"}));
    graph.nodes.push_back(makeNode("flatten", "Flatten", {"p"}, {"f"}));
    Node fc = makeNode("fc", "Gemm", {"f", "fc.weight", "fc.bias"}, {"logits"});
    Attribute transB;
    transB.name = "transB";
    transB.kind = Attribute::Kind::Int;
    transB.i = 1;
    fc.attributes.push_back(transB);
    graph.nodes.push_back(fc);
    ValueInfo output;
    output.name = "logits";
    output.type = DataType::Float;
    output.hasShape = true;
    output.shape = {Dim::fixed(1), Dim::fixed(10)};
    graph.outputs.push_back(output);
    graph.valueInfos[output.name] = output;
    return model;
}

} // namespace qs::test
