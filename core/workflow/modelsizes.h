#pragma once
// The weight bytes of a model before and after quantization, as the exporter stores them.

#include "model/graph.h"
#include "quant/quantizedtensors.h"
#include "quant/quantplan.h"

#include <cstdint>

namespace qs {

/// Bytes the weights take: every float initializer at 4 bytes (other initializers at their size) before, and
/// after quantization with the plan, counted exactly as the exporter stores them
/// (core/export/weightencoding.h): 8-bit uniform codes one byte each plus scales and zero points; 9-16-bit
/// uniform two bytes each plus scales and float zero points; codes below 8 bits and log/codebook codes packed
/// at 1, 2, 4 or 8 bits (3-bit codes take 4, 5- to 7-bit codes take 8) plus 2^bits float table entries per
/// group; int32 biases 4 bytes each plus scales and zero points. Small shared decoder constants (shapes,
/// shifts) are not counted.
struct ModelSizes {
    uint64_t floatWeightBytes = 0;      ///< all initializers of the float model
    uint64_t quantizedWeightBytes = 0;  ///< all initializers after quantization
    uint64_t floatQuantizableBytes = 0; ///< float bytes of the weights the plan quantizes
    uint64_t quantizedQuantizableBytes = 0;
};
/// `opset` is the model's default-domain opset (the storage form depends on it). Throws qs::Error naming the
/// layer when a planned quantized weight has no entry in `tensors`, or the tensor when it is not in the
/// graph.
ModelSizes modelSizes(const Graph& graph, const QuantPlan& plan, const QuantizedTensors& tensors,
                      int64_t opset = 13);

} // namespace qs
