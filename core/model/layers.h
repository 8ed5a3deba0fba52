#pragma once
// Quantizable layers: the nodes whose weight is a constant that a quantizer can rewrite, with the facts a
// quantizer needs (weight, bias, output-channel axis).

#include "model/graph.h"

#include <string>
#include <vector>

namespace qs {

struct QuantizableLayer {
    std::string nodeName;
    std::string opType;
    std::string weightName;         ///< initializer holding the weight
    std::string biasName;           ///< initializer holding the bias, empty if none
    std::vector<int64_t> weightShape;
    int outputChannelAxis = 0;      ///< axis of `weightShape` that indexes output channels
    int64_t parameters = 0;         ///< elements of weight plus bias
    int64_t groups = 1;             ///< for Conv/ConvTranspose
};

/// Conv, ConvTranspose, Gemm, MatMul (either side constant), plus Embedding-style Gather on a float constant
/// table, whose weight is an initializer. In node order.
std::vector<QuantizableLayer> findQuantizableLayers(const Graph& graph);

} // namespace qs
