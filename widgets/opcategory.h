#pragma once
// Families of operators that the graph view tells apart by colour. Pure C++ so that layout jobs can classify
// nodes off the GUI thread.

#include <string>

namespace qs {

enum class OpCategory {
    Layer,         ///< convolution, matrix multiplication, recurrent layers
    Activation,    ///< Relu, Sigmoid, Softmax, ...
    Normalization, ///< BatchNormalization, LayerNormalization, ...
    Pooling,       ///< MaxPool, GlobalAveragePool, ...
    Shape,         ///< Reshape, Transpose, Flatten, Shape, ...
    Math,          ///< element-wise arithmetic, comparisons, reductions
    DataMovement,  ///< Gather, Slice, Concat, Split, Resize, Cast, ...
    Quantization,  ///< QuantizeLinear, DequantizeLinear, QLinear* element-wise ops
    ControlFlow,   ///< If, Loop, Scan
    InputOutput,   ///< graph inputs and outputs (not an operator)
    Other,
};

/// Category of an ONNX operator type (domain-independent; unknown types are Other).
OpCategory opCategory(const std::string& opType);

/// Short English name of a category ("Layer", "Activation", ...), for tooltips and legends.
const char* opCategoryName(OpCategory category);

} // namespace qs
