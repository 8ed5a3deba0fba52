#pragma once
// Parameters of uniform (affine) quantization, in the form ONNX QuantizeLinear/DequantizeLinear take them, and their
// computation from a float range: the range is widened to include zero, and symmetric signed codes use the narrow
// range ([-127, 127] for int8) so that zero maps to zero exactly.

#include "quant/quantscheme.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qs {

/// Scale and zero point of uniform quantization, one pair for the tensor (axis = -1) or one per channel along
/// `axis`. Codes are clamped to [qmin, qmax], which may be narrower than the storage type (symmetric signed ranges
/// use [-127, 127] for int8 so that zero sits in the middle).
struct QuantParams {
    std::vector<float> scales;
    std::vector<int32_t> zeroPoints;
    int bits = 8;
    Signedness signedness = Signedness::Signed;
    int axis = -1;
    int32_t qmin = -128;
    int32_t qmax = 127;

    bool perChannel() const { return axis >= 0; }
    /// Scale of `channel` (the single scale when per tensor).
    float scale(size_t channel) const { return scales.size() == 1 ? scales[0] : scales[channel]; }
    int32_t zeroPoint(size_t channel) const { return zeroPoints.size() == 1 ? zeroPoints[0] : zeroPoints[channel]; }
};

/// Full integer range of `bits` bits: [-2^(b-1), 2^(b-1)-1] signed, [0, 2^b-1] unsigned.
int32_t integerMin(int bits, Signedness signedness);
int32_t integerMax(int bits, Signedness signedness);

/// Scale and zero point for the float range [min, max], which is first extended to include 0.
/// Symmetric: signed codes use the narrow range [-(2^(b-1)-1), 2^(b-1)-1] with zero point 0; unsigned codes use
/// [0, 2^b-1] with zero point 2^(b-1); scale = max|x| / ((qmax - qmin) / 2).
/// Asymmetric: full range, scale = (max - min) / (qmax - qmin), zero point = round(qmin - min / scale) clamped.
/// A zero (or denormal) scale, i.e. an all-zero range, becomes scale 1 and zero point 0.
/// The result is per tensor (axis -1). `bits` must be 2..16; throws qs::Error otherwise.
QuantParams uniformParamsFromRange(float min, float max, int bits, Signedness signedness, RangeMode mode);

/// Per-channel version: one range per channel along `axis` (mins and maxs must have the same size).
QuantParams uniformParamsFromRanges(const std::vector<float>& mins, const std::vector<float>& maxs, int axis, int bits,
                                    Signedness signedness, RangeMode mode);

} // namespace qs
