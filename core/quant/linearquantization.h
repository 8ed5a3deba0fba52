#pragma once
// The arithmetic of ONNX QuantizeLinear and DequantizeLinear, bit for bit:
//   q = saturate(round_half_to_even(x / scale) + zero_point),   x' = (q - zero_point) * scale,
// with x / scale computed in float32, rounding before the zero point is added, and saturation to [qmin, qmax].

#include <cstddef>
#include <cstdint>

namespace qs {

/// Quantizes one value with std::nearbyint (the default FE_TONEAREST mode rounds ties to even).
/// NaN maps to qmin; +-inf saturate.
int32_t quantizeLinearValue(float x, float scale, int32_t zeroPoint, int32_t qmin, int32_t qmax);

/// (q - zeroPoint) * scale in float32.
inline float dequantizeLinearValue(int32_t q, float scale, int32_t zeroPoint) {
    return static_cast<float>(q - zeroPoint) * scale;
}

/// Quantizes `count` values; the same results as quantizeLinearValue, written as a loop the compiler vectorizes
/// (clamp first, then round with the 1.5 * 2^23 addition, which rounds ties to even in float32).
void quantizeLinear(const float* values, size_t count, float scale, int32_t zeroPoint, int32_t qmin, int32_t qmax,
                    int32_t* codes);

/// Dequantizes `count` codes.
void dequantizeLinear(const int32_t* codes, size_t count, float scale, int32_t zeroPoint, float* values);

} // namespace qs
