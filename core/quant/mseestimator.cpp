#include "quant/mseestimator.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

MseEstimator::MseEstimator(const RangeOptions& options, size_t candidateCount)
    : options_(options), candidateCount_(candidateCount) {
    if (options.bits < 2 || options.bits > 16)
        throw Error("MSE calibration needs 2 to 16 bits, got " + std::to_string(options.bits));
    if (candidateCount < 1)
        throw Error("MSE calibration needs at least one candidate range");
}

double MseEstimator::expectedError(const TensorHistogram& histogram, const ActivationRange& range, int bits,
                                   RangeMode mode) {
    const double low = std::min(0.0, static_cast<double>(range.min));
    const double high = std::max(0.0, static_cast<double>(range.max));
    const double intervals = mode == RangeMode::Symmetric ? std::ldexp(1.0, bits) - 2.0 : std::ldexp(1.0, bits) - 1.0;
    const double step = (high - low) / intervals;
    const double roundingNoise = step * step / 12.0;
    double error = 0.0;
    for (size_t bin = 0; bin < histogram.binCount(); ++bin) {
        const double count = histogram.counts()[bin];
        if (count == 0.0)
            continue;
        const double x = std::clamp(histogram.binCenter(bin), static_cast<double>(histogram.minValue()),
                                    static_cast<double>(histogram.maxValue()));
        const double clipped = x < low ? low - x : (x > high ? x - high : 0.0);
        error += count * (clipped > 0.0 ? clipped * clipped : roundingNoise);
    }
    return histogram.empty() ? 0.0 : error / static_cast<double>(histogram.totalCount());
}

ActivationRange MseEstimator::estimate(const TensorHistogram& histogram, const std::string& tensorName) const {
    requireValues(histogram, tensorName);
    const double absMax = std::max(std::fabs(static_cast<double>(histogram.minValue())),
                                   std::fabs(static_cast<double>(histogram.maxValue())));
    ActivationRange best = rangeFromThreshold(histogram, absMax, options_.mode);
    double bestError = expectedError(histogram, best, options_.bits, options_.mode);
    for (size_t candidate = 1; candidate < candidateCount_; ++candidate) {
        const double threshold = absMax * static_cast<double>(candidate) / static_cast<double>(candidateCount_);
        const ActivationRange range = rangeFromThreshold(histogram, threshold, options_.mode);
        const double error = expectedError(histogram, range, options_.bits, options_.mode);
        if (error < bestError) {
            bestError = error;
            best = range;
        }
    }
    return best;
}

} // namespace qs
