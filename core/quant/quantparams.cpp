#include "quant/quantparams.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace {

void checkBits(int bits) {
    if (bits < 2 || bits > 16)
        throw Error("uniform quantization needs 2 to 16 bits, got " + std::to_string(bits));
}

QuantParams emptyParams(int bits, Signedness signedness, RangeMode mode) {
    checkBits(bits);
    QuantParams params;
    params.bits = bits;
    params.signedness = signedness;
    params.qmin = integerMin(bits, signedness);
    params.qmax = integerMax(bits, signedness);
    if (mode == RangeMode::Symmetric && signedness == Signedness::Signed)
        params.qmin = -params.qmax;
    return params;
}

void appendScaleZeroPoint(QuantParams& params, float min, float max, RangeMode mode) {
    float rmin = std::min(min, 0.0f);
    float rmax = std::max(max, 0.0f);
    const float levels = static_cast<float>(params.qmax - params.qmin);
    float zeroPoint = 0.0f;
    if (mode == RangeMode::Symmetric) {
        const float absMax = std::max(std::fabs(rmin), std::fabs(rmax));
        rmin = -absMax;
        rmax = absMax;
        zeroPoint = std::nearbyint(static_cast<float>(params.qmin + params.qmax) / 2.0f);
    }
    float scale = (rmax - rmin) / levels;
    if (!(scale >= std::numeric_limits<float>::min()) || !std::isfinite(scale)) {
        scale = 1.0f;
        zeroPoint = mode == RangeMode::Symmetric ? zeroPoint : 0.0f;
    } else if (mode == RangeMode::Asymmetric) {
        zeroPoint = std::nearbyint(static_cast<float>(params.qmin) - rmin / scale);
    }
    zeroPoint = std::clamp(zeroPoint, static_cast<float>(params.qmin), static_cast<float>(params.qmax));
    params.scales.push_back(scale);
    params.zeroPoints.push_back(static_cast<int32_t>(zeroPoint));
}

} // namespace

int32_t integerMin(int bits, Signedness signedness) {
    return signedness == Signedness::Signed ? -(int32_t(1) << (bits - 1)) : 0;
}

int32_t integerMax(int bits, Signedness signedness) {
    return signedness == Signedness::Signed ? (int32_t(1) << (bits - 1)) - 1 : (int32_t(1) << bits) - 1;
}

QuantParams uniformParamsFromRange(float min, float max, int bits, Signedness signedness, RangeMode mode) {
    QuantParams params = emptyParams(bits, signedness, mode);
    appendScaleZeroPoint(params, min, max, mode);
    return params;
}

QuantParams uniformParamsFromRanges(const std::vector<float>& mins, const std::vector<float>& maxs, int axis, int bits,
                                    Signedness signedness, RangeMode mode) {
    if (mins.size() != maxs.size() || mins.empty())
        throw Error("per-channel quantization needs one min and one max per channel (got " +
                    std::to_string(mins.size()) + " mins and " + std::to_string(maxs.size()) + " maxs)");
    QuantParams params = emptyParams(bits, signedness, mode);
    params.axis = axis;
    for (size_t channel = 0; channel < mins.size(); ++channel)
        appendScaleZeroPoint(params, mins[channel], maxs[channel], mode);
    return params;
}

} // namespace qs
