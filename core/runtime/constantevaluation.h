#pragma once
// Computes a tensor that constant nodes derive from initializers (a weight decoded by DequantizeLinear,
// Cast/Sub/ Mul or a Gather table in an already-quantized model), by running only the nodes it depends on.

#include "model/graph.h"

namespace qs {

/// The value of `tensorName` of `model`: the initializer itself, or the output of the constant nodes upstream
/// of it, run on the engine. Integer initializers of QLinearConv / ConvInteger-style layers come back as they
/// are. Throws qs::Error naming the tensor when a graph input is upstream or a node cannot run.
Tensor evaluateConstantTensor(const Model& model, const std::string& tensorName);

} // namespace qs
