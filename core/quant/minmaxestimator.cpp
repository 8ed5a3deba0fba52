#include "quant/minmaxestimator.h"

#include <algorithm>
#include <cmath>

namespace qs {

ActivationRange MinMaxEstimator::estimate(const TensorHistogram& histogram, const std::string& tensorName) const {
    requireValues(histogram, tensorName);
    if (mode_ == RangeMode::Asymmetric)
        return {histogram.minValue(), histogram.maxValue()};
    const float absMax = std::max(std::fabs(histogram.minValue()), std::fabs(histogram.maxValue()));
    return {-absMax, absMax};
}

} // namespace qs
