#pragma once
// The graph rewrite behind the quantized export, IR to IR: the loaded graph (exactly what simulation runs)
// with
//  - every quantized weight and int32 bias replaced by its stored form and decoding nodes producing the
//  original
//    tensor name (weightencoding.h), corrected float biases written into their initializers,
//  - a QuantizeLinear -> DequantizeLinear pair after every planned activation tensor T (graph inputs
//  included),
//    every consumer of T (in subgraphs too) reading "T_dequantized" instead; graph outputs keep their names,
//  - initializers that nothing reads any more removed.
// Every other tensor keeps its name, so layer outputs can still be matched by name.
//
// 16-bit activations have no standard QuantizeLinear before opset 21. They use the com.microsoft domain's
// QuantizeLinear/DequantizeLinear with int16/uint16 zero points (ONNX Runtime executes them), or, when asked,
// an emulation in standard float ops that computes the same values bit for bit: Div(scale) -> Round (half to
// even) -> Add(zero point) -> Clip(storage range) -> Sub(zero point) -> Mul(scale).

#include "model/graph.h"
#include "quant/quantizedtensors.h"
#include "util/error.h"

namespace qs {

enum class SixteenBitActivations {
    MicrosoftDomain, ///< com.microsoft QuantizeLinear/DequantizeLinear (adds the opset import com.microsoft
                     ///< v1)
    FloatEmulation,  ///< standard float ops (opset 11 or newer)
};

struct QdqRewriteOptions {
    SixteenBitActivations sixteenBitActivations = SixteenBitActivations::MicrosoftDomain;
};

/// The quantized model. Throws qs::Error naming the tensor when the plan does not fit the graph (a planned
/// activation that no node produces, a quantized weight that is not a float initializer, missing parameters)
/// or the opset is too old (QuantizeLinear needs 10).
Model buildQuantizedModel(const Model& model, const QuantPlan& plan, const QuantizedTensors& tensors,
                          const QdqRewriteOptions& options = {}, const ProgressCallback& progress = {});

} // namespace qs
