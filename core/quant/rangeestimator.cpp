#include "quant/rangeestimator.h"

#include "util/error.h"

#include <algorithm>

namespace qs {

void requireValues(const TensorHistogram& histogram, const std::string& tensorName) {
    if (histogram.empty())
        throw Error("tensor '" + tensorName + "': no finite values were observed during calibration, so no "
                    "quantization range can be chosen (check the calibration data)");
}

ActivationRange rangeFromThreshold(const TensorHistogram& histogram, double threshold, RangeMode mode) {
    const auto t = static_cast<float>(threshold);
    if (mode == RangeMode::Symmetric)
        return {-t, t};
    return {std::max(histogram.minValue(), -t), std::min(histogram.maxValue(), t)};
}

} // namespace qs
