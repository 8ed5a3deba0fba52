#include "model/identityremoval.h"

#include <set>

namespace qs {

namespace {

void renameInputs(Graph& graph, const std::string& from, const std::string& to) {
    for (Node& node : graph.nodes) {
        for (std::string& input : node.inputs)
            if (input == from)
                input = to;
        for (Attribute& attribute : node.attributes) {
            if (attribute.graph)
                renameInputs(*attribute.graph, from, to);
            for (auto& subgraph : attribute.graphs)
                if (subgraph)
                    renameInputs(*subgraph, from, to);
        }
    }
}

} // namespace

int64_t removeInitializerIdentities(Graph& graph) {
    std::set<std::string> graphOutputs;
    for (const ValueInfo& output : graph.outputs)
        graphOutputs.insert(output.name);
    int64_t removed = 0;
    std::vector<Node> kept;
    kept.reserve(graph.nodes.size());
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
        Node& node = graph.nodes[i];
        const bool removable = node.opType == "Identity" && node.domain.empty() && node.inputs.size() == 1 &&
                               node.outputs.size() == 1 && graph.initializers.count(node.inputs[0]) &&
                               !graphOutputs.count(node.outputs[0]) && !graph.initializers.count(node.outputs[0]);
        if (!removable) {
            kept.push_back(std::move(node));
            continue;
        }
        const std::string source = node.inputs[0];
        const std::string output = node.outputs[0];
        for (size_t later = i + 1; later < graph.nodes.size(); ++later) {
            for (std::string& input : graph.nodes[later].inputs)
                if (input == output)
                    input = source;
            for (Attribute& attribute : graph.nodes[later].attributes) {
                if (attribute.graph)
                    renameInputs(*attribute.graph, output, source);
                for (auto& subgraph : attribute.graphs)
                    if (subgraph)
                        renameInputs(*subgraph, output, source);
            }
        }
        graph.valueInfos.erase(output);
        ++removed;
    }
    graph.nodes = std::move(kept);
    return removed;
}

} // namespace qs
