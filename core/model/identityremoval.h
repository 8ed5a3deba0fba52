#pragma once
// Graph pass: removes `Identity` nodes whose input is an initializer (PyTorch exports shared weights this way)
// and lets their consumers read the initializer directly. An Identity whose output is a graph output is kept,
// because removing it would rename the output.

#include "model/graph.h"

#include <cstdint>

namespace qs {

/// Removes Identity-on-initializer nodes from the main graph (chains included) and returns how many were
/// removed. Consumers in subgraphs that read the removed output are rewired too. Expects sorted nodes.
int64_t removeInitializerIdentities(Graph& graph);

} // namespace qs
