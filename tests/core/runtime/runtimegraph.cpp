#include "runtimegraph.h"

#include "util/error.h"

namespace qs::test {

RuntimeGraph::RuntimeGraph(int64_t opset) {
    model.info.opsetImports[""] = opset;
    model.graph.name = "test-graph";
}

void RuntimeGraph::input(const std::string& name, const RuntimeTensor& value) {
    ValueInfo info;
    info.name = name;
    info.type = value.type();
    model.graph.inputs.push_back(info);
    feeds[name] = value;
}

void RuntimeGraph::constant(const std::string& name, const RuntimeTensor& value) {
    model.graph.initializers[name] = value.toConstant(name);
}

Node& RuntimeGraph::node(const std::string& opType, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs) {
    Node node;
    node.opType = opType;
    node.name = opType + "_" + std::to_string(model.graph.nodes.size());
    node.inputs = inputs;
    node.outputs = outputs;
    model.graph.nodes.push_back(node);
    return model.graph.nodes.back();
}

void RuntimeGraph::output(const std::string& name) {
    ValueInfo info;
    info.name = name;
    model.graph.outputs.push_back(info);
}

TensorMap RuntimeGraph::run(const ExecutorOptions& options, const RunOptions& runOptions) const {
    Executor executor(model, options);
    return executor.run(feeds, runOptions);
}

RuntimeTensor RuntimeGraph::runOne(const std::string& name) const {
    TensorMap outputs = run();
    auto found = outputs.find(name);
    if (found == outputs.end())
        throw Error("no output named " + name);
    return found->second;
}

Attribute intAttr(const std::string& name, int64_t value) {
    Attribute attribute;
    attribute.name = name;
    attribute.kind = Attribute::Kind::Int;
    attribute.i = value;
    return attribute;
}

Attribute floatAttr(const std::string& name, float value) {
    Attribute attribute;
    attribute.name = name;
    attribute.kind = Attribute::Kind::Float;
    attribute.f = value;
    return attribute;
}

Attribute stringAttr(const std::string& name, const std::string& value) {
    Attribute attribute;
    attribute.name = name;
    attribute.kind = Attribute::Kind::String;
    attribute.s = value;
    return attribute;
}

Attribute intsAttr(const std::string& name, const std::vector<int64_t>& values) {
    Attribute attribute;
    attribute.name = name;
    attribute.kind = Attribute::Kind::Ints;
    attribute.ints = values;
    return attribute;
}

std::vector<float> floatsOf(const RuntimeTensor& tensor) {
    if (tensor.type() != DataType::Float)
        throw Error("expected float32, got " + tensor.describe());
    return std::vector<float>(tensor.data<float>(), tensor.data<float>() + tensor.elementCount());
}

} // namespace qs::test
