#pragma once
// Empirical per-channel bias correction: the mean per-channel output of every layer whose weights are
// quantized is measured on calibration data with float weights and with quantized weights (activations float
// in both), and the difference is subtracted from the layer's bias, so quantization does not shift each
// channel's mean. Each batch runs once in float and once with quantized weights; in the quantized run every
// corrected layer's output has that batch's shift removed before later layers read it, so a layer's shift is
// measured as if the layers before it were already corrected (a layer-by-layer correction in a single pass
// over the data). Only per-channel sums are kept, never activations.

#include "data/batchloader.h"
#include "quant/quantizedtensors.h"
#include "runtime/executor.h"

namespace qs {

struct BiasCorrectionReport {
    size_t layerCount = 0; ///< layers whose bias was corrected
    size_t imageCount = 0;
    double meanAbsShift = 0.0; ///< mean |correction| over all corrected channels
};

/// Updates `tensors` (biases / floatBiases) for the layers of `plan` that have a bias and quantized weights.
/// Integer biases are re-quantized from the corrected float bias. Throws qs::Cancelled.
BiasCorrectionReport correctBiases(Executor& executor, const Graph& graph, const QuantPlan& plan,
                                   const std::string& inputName, BatchLoader& loader,
                                   QuantizedTensors& tensors, const ProgressCallback& progress = {});

} // namespace qs
