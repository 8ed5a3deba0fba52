#include "runtime/constantevaluation.h"

#include "runtime/executor.h"
#include "util/error.h"

#include <set>

namespace qs {

namespace {

/// Collects the nodes `tensor` depends on (into `nodes`, by index) and the initializers they read.
void collectUpstream(const Graph& graph, const std::string& tensor, std::set<int>& nodes,
                     std::set<std::string>& initializers) {
    if (graph.initializer(tensor)) {
        initializers.insert(tensor);
        return;
    }
    const int producer = graph.producerIndex(tensor);
    if (producer < 0)
        throw Error("tensor '" + tensor + "' depends on graph input data; it is not a constant");
    if (!nodes.insert(producer).second)
        return;
    for (const std::string& input : graph.nodes[size_t(producer)].inputs)
        if (!input.empty())
            collectUpstream(graph, input, nodes, initializers);
}

} // namespace

Tensor evaluateConstantTensor(const Model& model, const std::string& tensorName) {
    const Graph& graph = model.graph;
    if (const Tensor* initializer = graph.initializer(tensorName))
        return *initializer;
    std::set<int> nodes;
    std::set<std::string> initializers;
    collectUpstream(graph, tensorName, nodes, initializers);
    Model upstream;
    upstream.info = model.info;
    upstream.graph.name = graph.name + "/" + tensorName;
    for (int index : nodes) // std::set keeps node order, which is topological
        upstream.graph.nodes.push_back(graph.nodes[size_t(index)]);
    for (const std::string& name : initializers)
        upstream.graph.initializers.emplace(name, *graph.initializer(name));
    ValueInfo output;
    output.name = tensorName;
    if (const ValueInfo* info = graph.valueInfo(tensorName))
        output = *info;
    upstream.graph.outputs.push_back(output);
    for (const auto& [name, info] : graph.valueInfos)
        upstream.graph.valueInfos.emplace(name, info);
    ExecutorOptions options;
    options.threadCount = 1;
    Executor executor(upstream, options);
    const TensorMap outputs = executor.run({});
    auto found = outputs.find(tensorName);
    if (found == outputs.end())
        throw Error("tensor '" + tensorName + "' was not produced by its constant nodes");
    return found->second.toConstant(tensorName);
}

} // namespace qs
