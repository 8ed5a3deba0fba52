#pragma once
// How one quantized weight or bias is stored in the exported model, and the standard-op nodes that turn it
// back into the float tensor of the original name (so that the layer consuming it is unchanged):
//
//   uniform 7/8-bit    int8/uint8 codes -> DequantizeLinear (per channel on the weight's axis from opset 13;
//                      below 13, per-channel weights use the Cast/Sub/Mul form)
//   uniform 9-16-bit   int16/uint16 codes -> Cast(float) -> Sub(zero points) -> Mul(scales)
//   uniform < 7-bit,   packed table indices (weightpacking.h) -> Cast(int32) -> Div by powers of two and Mod
//   log, codebook      split the codes of a byte -> Reshape (Slice off the padding) -> Add(group * table size)
//                      when per channel -> Gather from the flattened [groups, 2^bits] table
//   int32 bias         int32 codes -> DequantizeLinear(zero point 0, axis 0)
//                      (below opset 13, per channel: Cast/Mul)
//
// Every form computes exactly WeightQuantization::dequantized: (q - zero point) * scale in float32, or the
// table values themselves.
//
// From opset 10 on, the Cast/Sub/Mul and table decoders take their zero points or table offsets through a
// DequantizeLinear with scale 1 (exact for int32 values below 2^24). Runtimes do not constant-fold
// DequantizeLinear, so the decoded weight stays computed. Otherwise ONNX Runtime (1.20 and newer) folds the
// decoder into a float weight and, because the layer's input comes from DequantizeLinear, re-quantizes that
// weight to int8 per tensor (its WeightBiasQuantization pass), which would change codebook, log and 16-bit
// weights.

#include "export/graphedit.h"
#include "quant/quantizedtensors.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// The storage form chosen for a weight (reported in the plan JSON).
enum class WeightStorage { DequantizeLinear, IntegerArithmetic, PackedTable };

std::string weightStorageName(WeightStorage storage);

/// The form `weight` is stored in for a model of default-domain `opset`.
WeightStorage weightStorageFor(const WeightQuantization& weight, int64_t opset);

/// Bytes of initializers the stored form of `weight` takes (codes, scales, zero points, tables, offsets).
uint64_t storedWeightBytes(const WeightQuantization& weight, int64_t opset);

/// Replaces the float initializer `weightName` with its stored form and appends the decoding nodes, whose
/// last output is `weightName`, to `nodes`. Throws qs::Error naming the tensor when it is not a float
/// initializer of the right size or the opset is too old for the decoder.
void encodeWeight(GraphEditor& editor, int64_t opset, const std::string& weightName,
                  const WeightQuantization& weight, std::vector<Node>& nodes);

/// Replaces the float initializer `biasName` with int32 codes and their dequantization.
void encodeBias(GraphEditor& editor, int64_t opset, const std::string& biasName, const BiasQuantization& bias,
                std::vector<Node>& nodes);

} // namespace qs
