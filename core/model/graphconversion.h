#pragma once
// Converts an ONNX GraphProto (recursively, including If/Loop/Scan subgraphs) into the graph IR: nodes with
// unique names, attributes, initializers, inputs without initializers, outputs and typed value infos.

#include "model/graph.h"
#include "util/error.h"

#include <string>

namespace onnx {
class GraphProto;
} // namespace onnx

namespace qs {

struct GraphConversionContext {
    std::string baseDirectory;        ///< folder for external data; empty refuses it
    ProgressCallback progress;        ///< called while converting the main graph
    double progressBegin = 0.0;       ///< fraction reported before the first node
    double progressEnd = 1.0;         ///< fraction reported after the last initializer
};

/// Converts `proto`. Initializer bytes are released from `proto` as they are copied, to bound peak memory.
/// Throws Error naming the tensor or node for malformed data.
Graph graphFromProto(onnx::GraphProto& proto, const GraphConversionContext& context);

} // namespace qs
