#pragma once
// Converts the graph IR back into an ONNX file: the inverse of graphFromProto. Nodes with every attribute
// kind (subgraphs of If/Loop/Scan recursively), initializers as raw_data in their own element type, graph
// inputs and outputs with types and symbolic dims, typed intermediate values as value_info, opset imports,
// metadata and the model doc string. Before serializing, libonnx's checker runs on the result: a complaint is
// a bug of whoever built the graph, so it is an error naming the node, not a warning.
//
// What the IR does not keep is not written: model-local functions, training info, sparse storage of
// initializers (they are written dense) and external data (everything is stored inline, so the result must
// stay below protobuf's 2 GB limit).

#include "model/graph.h"

#include <string>

namespace qs {

struct OnnxWriteOptions {
    std::string producerName = "quantscope";
    std::string producerVersion;
    bool runChecker = true;
};

/// The model as .onnx bytes. Throws qs::Error naming the node, initializer or value the checker rejects, or
/// giving the size when the model exceeds protobuf's 2 GB limit.
std::string serializeOnnxModel(const Model& model, const OnnxWriteOptions& options = {});

} // namespace qs
