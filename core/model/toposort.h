#pragma once
// Graph pass: orders nodes topologically (Kahn's algorithm, keeping file order among nodes that are ready
// together) and checks that every node input is produced somewhere. Subgraphs (If/Loop/Scan bodies) are sorted
// too; values they take from enclosing graphs count as dependencies of the node that owns them.

#include "model/graph.h"

#include <set>
#include <string>

namespace qs {

/// Sorts `graph.nodes` and those of its subgraphs. `outerScope` names values visible from enclosing graphs.
/// Throws Error naming the node and tensor for an input that nothing produces, or a node on a cycle.
void sortTopologically(Graph& graph, const std::set<std::string>& outerScope = {});

/// Names a subgraph reads that it does not define itself (inputs, initializers or node outputs), recursively.
std::set<std::string> outerScopeReferences(const Graph& subgraph);

} // namespace qs
