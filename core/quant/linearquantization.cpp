#include "quant/linearquantization.h"

#include <cmath>

namespace qs {

int32_t quantizeLinearValue(float x, float scale, int32_t zeroPoint, int32_t qmin, int32_t qmax) {
    if (std::isnan(x))
        return qmin;
    const float rounded = std::nearbyint(x / scale) + static_cast<float>(zeroPoint);
    if (rounded <= static_cast<float>(qmin))
        return qmin;
    if (rounded >= static_cast<float>(qmax))
        return qmax;
    return static_cast<int32_t>(rounded);
}

void quantizeLinear(const float* values, size_t count, float scale, int32_t zeroPoint, int32_t qmin, int32_t qmax,
                    int32_t* codes) {
    // Clamping x / scale to [qmin - zp - 1, qmax - zp + 1] keeps it far below 2^22, where adding and subtracting
    // 1.5 * 2^23 rounds to the nearest integer, ties to even, exactly as nearbyint does; outside that interval the
    // result saturates either way.
    constexpr float roundingMagic = 12582912.0f;
    const float low = static_cast<float>(qmin - zeroPoint - 1);
    const float high = static_cast<float>(qmax - zeroPoint + 1);
    const float zero = static_cast<float>(zeroPoint);
    const float lowest = static_cast<float>(qmin);
    const float highest = static_cast<float>(qmax);
    for (size_t i = 0; i < count; ++i) {
        float scaled = values[i] / scale;
        scaled = scaled > low ? scaled : low;
        scaled = scaled < high ? scaled : high;
        float rounded = (scaled + roundingMagic) - roundingMagic;
        rounded += zero;
        rounded = rounded > lowest ? rounded : lowest;
        rounded = rounded < highest ? rounded : highest;
        codes[i] = static_cast<int32_t>(rounded);
    }
}

void dequantizeLinear(const int32_t* codes, size_t count, float scale, int32_t zeroPoint, float* values) {
    for (size_t i = 0; i < count; ++i)
        values[i] = static_cast<float>(codes[i] - zeroPoint) * scale;
}

} // namespace qs
