#include "model/toposort.h"

#include "util/error.h"

#include <functional>
#include <queue>
#include <unordered_map>

namespace qs {

namespace {

std::vector<const Graph*> subgraphsOf(const Node& node) {
    std::vector<const Graph*> subgraphs;
    for (const Attribute& attribute : node.attributes) {
        if (attribute.graph)
            subgraphs.push_back(attribute.graph.get());
        for (const auto& graph : attribute.graphs)
            if (graph)
                subgraphs.push_back(graph.get());
    }
    return subgraphs;
}

std::set<std::string> definedNames(const Graph& graph) {
    std::set<std::string> names;
    for (const ValueInfo& input : graph.inputs)
        names.insert(input.name);
    for (const auto& entry : graph.initializers)
        names.insert(entry.first);
    for (const Node& node : graph.nodes)
        for (const std::string& output : node.outputs)
            if (!output.empty())
                names.insert(output);
    return names;
}

/// All tensors `node` depends on: its inputs plus the outer-scope values its subgraphs read.
std::vector<std::string> dependenciesOf(const Node& node) {
    std::vector<std::string> dependencies;
    for (const std::string& input : node.inputs)
        if (!input.empty())
            dependencies.push_back(input);
    for (const Graph* subgraph : subgraphsOf(node))
        for (const std::string& name : outerScopeReferences(*subgraph))
            dependencies.push_back(name);
    return dependencies;
}

std::string graphLabel(const Graph& graph) {
    return graph.name.empty() ? std::string() : " in graph '" + graph.name + "'";
}

void checkInputsExist(const Graph& graph, const std::set<std::string>& visible) {
    for (const Node& node : graph.nodes)
        for (const std::string& input : node.inputs)
            if (!input.empty() && !visible.count(input))
                throw Error("node '" + node.name + "' (" + node.opType + ")" + graphLabel(graph) + ": input '" +
                            input + "' is not produced by any node, graph input or initializer");
    for (const ValueInfo& output : graph.outputs)
        if (!visible.count(output.name))
            throw Error("graph output '" + output.name + "'" + graphLabel(graph) +
                        " is not produced by any node, graph input or initializer");
}

[[noreturn]] void throwCycle(const Graph& graph, const std::vector<int>& remainingIn,
                             const std::unordered_map<std::string, int>& producers) {
    int current = -1;
    for (size_t i = 0; i < remainingIn.size(); ++i)
        if (remainingIn[i] > 0) {
            current = int(i);
            break;
        }
    std::vector<int> visitedAt(graph.nodes.size(), -1);
    for (int step = 0; visitedAt[size_t(current)] < 0; ++step) {
        visitedAt[size_t(current)] = step;
        for (const std::string& dependency : dependenciesOf(graph.nodes[size_t(current)])) {
            const auto producer = producers.find(dependency);
            if (producer != producers.end() && remainingIn[size_t(producer->second)] > 0) {
                current = producer->second;
                break;
            }
        }
    }
    const Node& node = graph.nodes[size_t(current)];
    throw Error("the graph" + graphLabel(graph) + " contains a cycle through node '" + node.name + "' (" +
                node.opType + ")");
}

} // namespace

std::set<std::string> outerScopeReferences(const Graph& subgraph) {
    const std::set<std::string> defined = definedNames(subgraph);
    std::set<std::string> references;
    for (const Node& node : subgraph.nodes)
        for (const std::string& dependency : dependenciesOf(node))
            if (!defined.count(dependency))
                references.insert(dependency);
    for (const ValueInfo& output : subgraph.outputs)
        if (!defined.count(output.name))
            references.insert(output.name);
    return references;
}

void sortTopologically(Graph& graph, const std::set<std::string>& outerScope) {
    std::set<std::string> visible = definedNames(graph);
    visible.insert(outerScope.begin(), outerScope.end());
    checkInputsExist(graph, visible);
    for (Node& node : graph.nodes)
        for (Attribute& attribute : node.attributes) {
            if (attribute.graph)
                sortTopologically(*attribute.graph, visible);
            for (auto& subgraph : attribute.graphs)
                if (subgraph)
                    sortTopologically(*subgraph, visible);
        }

    std::unordered_map<std::string, int> producers;
    for (size_t i = 0; i < graph.nodes.size(); ++i)
        for (const std::string& output : graph.nodes[i].outputs)
            if (!output.empty())
                producers.emplace(output, int(i));
    std::vector<int> remainingIn(graph.nodes.size(), 0);
    std::vector<std::vector<int>> consumers(graph.nodes.size());
    for (size_t i = 0; i < graph.nodes.size(); ++i)
        for (const std::string& dependency : dependenciesOf(graph.nodes[i])) {
            const auto producer = producers.find(dependency);
            if (producer == producers.end())
                continue;
            consumers[size_t(producer->second)].push_back(int(i));
            ++remainingIn[i];
        }
    std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
    for (size_t i = 0; i < graph.nodes.size(); ++i)
        if (remainingIn[i] == 0)
            ready.push(int(i));
    std::vector<int> order;
    order.reserve(graph.nodes.size());
    while (!ready.empty()) {
        const int next = ready.top();
        ready.pop();
        order.push_back(next);
        for (int consumer : consumers[size_t(next)])
            if (--remainingIn[size_t(consumer)] == 0)
                ready.push(consumer);
    }
    if (order.size() != graph.nodes.size())
        throwCycle(graph, remainingIn, producers);
    std::vector<Node> sorted;
    sorted.reserve(graph.nodes.size());
    for (int index : order)
        sorted.push_back(std::move(graph.nodes[size_t(index)]));
    graph.nodes = std::move(sorted);
}

} // namespace qs
