#pragma once
// Graph pass: turns every `Constant` node of the main graph into an initializer named after its output, so that
// weights exported as Constant nodes (common in PyTorch exports) are found where every other weight is.

#include "model/graph.h"

#include <cstdint>

namespace qs {

/// Folds the Constant nodes of `graph` (not of its subgraphs) and returns how many were folded. Handles the
/// `value` (dense or sparse), `value_float(s)`, `value_int(s)` and `value_string(s)` forms. Throws Error naming
/// the node when a Constant has no usable value.
int64_t foldConstantNodes(Graph& graph);

} // namespace qs
