#pragma once
// The interface every weight quantizer implements (uniform, log, codebook), with its input and its result.

#include "quant/quantparams.h"
#include "quant/quantscheme.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// A float weight tensor to quantize; the data is borrowed, not owned.
struct WeightView {
    std::string name;                ///< used in error messages
    const float* data = nullptr;
    std::vector<int64_t> dims;
    int channelAxis = 0;             ///< output-channel axis, used when the quantizer works per channel
};

/// The outcome of quantizing one weight tensor. `codes[i]` is what element i is stored as:
/// uniform: the integer q; log: a signed level index (0 = zero, +-m = +-tables[g][m]); codebook: the centroid index
/// into tables[g]. g is the channel along `axis` (or 0 per tensor).
struct WeightQuantization {
    SchemeKind scheme = SchemeKind::Uniform;
    int bits = 8;
    int axis = -1;                               ///< channel axis, -1 when per tensor
    std::vector<float> dequantized;              ///< the float values the quantized model computes with
    std::vector<int32_t> codes;
    QuantParams uniform;                         ///< uniform scheme only
    std::vector<std::vector<float>> tables;      ///< log magnitudes or codebook centroids (sorted), one per group
    double meanSquaredError = 0.0;               ///< mean of (original - dequantized)^2
};

class WeightQuantizer {
public:
    virtual ~WeightQuantizer() = default;

    /// Quantizes `weight`; throws qs::Error naming the tensor for an invalid shape, axis or non-finite values.
    virtual WeightQuantization quantize(const WeightView& weight) const = 0;
};

/// Mean squared difference of two arrays of `count` floats (0 when count is 0).
double meanSquaredDifference(const float* a, const float* b, size_t count);

/// Throws qs::Error naming the tensor when `weight` has no data for a non-empty shape or holds NaN/inf.
void checkWeightValues(const WeightView& weight, size_t elementCount);

} // namespace qs
