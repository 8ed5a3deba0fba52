#include "quant/percentileestimator.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {

PercentileEstimator::PercentileEstimator(double percentile, RangeMode mode) : percentile_(percentile), mode_(mode) {
    if (!(percentile > 0.0 && percentile <= 100.0))
        throw Error("percentile calibration needs a percentile in (0, 100], got " + std::to_string(percentile));
}

double PercentileEstimator::absolutePercentile(const TensorHistogram& histogram) const {
    const double target = percentile_ / 100.0 * static_cast<double>(histogram.totalCount());
    double low = 0.0;
    double high = std::max(std::fabs(static_cast<double>(histogram.minValue())),
                           std::fabs(static_cast<double>(histogram.maxValue())));
    for (int step = 0; step < 100 && high - low > 0.0; ++step) {
        const double middle = 0.5 * (low + high);
        const double inside = histogram.countBelow(middle) - histogram.countBelow(-middle);
        if (inside >= target)
            high = middle;
        else
            low = middle;
    }
    return high;
}

ActivationRange PercentileEstimator::estimate(const TensorHistogram& histogram, const std::string& tensorName) const {
    requireValues(histogram, tensorName);
    if (mode_ == RangeMode::Symmetric) {
        const auto threshold = static_cast<float>(absolutePercentile(histogram));
        return {-threshold, threshold};
    }
    const double fraction = percentile_ / 100.0;
    return {static_cast<float>(histogram.quantile(1.0 - fraction)), static_cast<float>(histogram.quantile(fraction))};
}

} // namespace qs
