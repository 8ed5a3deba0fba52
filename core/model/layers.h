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
    std::string weightName; ///< initializer holding the weight
    std::string biasName;   ///< initializer holding the bias, empty if none
    std::vector<int64_t> weightShape;
    int outputChannelAxis = 0; ///< axis of `weightShape` that indexes output channels
    int64_t parameters = 0;    ///< elements of weight plus bias
    int64_t groups = 1;        ///< for Conv/ConvTranspose
    /// Further constant weights of the layer that are counted in `parameters` but not planned (the recurrence
    /// weight R of LSTM / GRU / RNN, their packed bias B).
    std::vector<std::string> otherWeights;
    /// Non-empty when the weight is not a float initializer but decoded from stored codes by constant nodes
    /// (an already-quantized model): how it is stored, e.g. "int8 + DequantizeLinear". Such layers are shown,
    /// not planned; `weightName` is then the decoded tensor.
    std::string storedAs;
};

/// Conv, ConvTranspose, Gemm, MatMul (either side constant), Embedding-style Gather on a float constant
/// table, and LSTM / GRU / RNN (weight W, channel axis 1), whose weight is a float initializer. In node
/// order.
std::vector<QuantizableLayer> findQuantizableLayers(const Graph& graph);

/// Every layer a view shows: the quantizable layers, plus layers whose weight is decoded from stored codes by
/// constant nodes (DequantizeLinear, Cast/Sub/Mul, Gather tables: an exported or otherwise quantized model)
/// and the integer layers QLinearConv, QLinearMatMul, ConvInteger and MatMulInteger (their integer weight).
/// In node order.
std::vector<QuantizableLayer> findModelLayers(const Graph& graph);

} // namespace qs
