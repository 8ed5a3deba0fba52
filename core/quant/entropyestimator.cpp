#include "quant/entropyestimator.h"

#include "quant/absolutehistogram.h"
#include "util/error.h"

#include <cmath>
#include <limits>

namespace qs {

namespace {

/// Q: each level's total spread evenly over the non-empty bins of its chunk of [0, thresholdBin).
std::vector<double> quantizedDistribution(const std::vector<double>& counts, size_t thresholdBin, size_t levels) {
    std::vector<double> quantized(thresholdBin, 0.0);
    for (size_t level = 0; level < levels; ++level) {
        const size_t begin = level * thresholdBin / levels;
        const size_t end = (level + 1) * thresholdBin / levels;
        double total = 0.0;
        size_t nonEmpty = 0;
        for (size_t bin = begin; bin < end; ++bin) {
            total += counts[bin];
            nonEmpty += counts[bin] > 0.0 ? 1 : 0;
        }
        for (size_t bin = begin; bin < end && nonEmpty > 0; ++bin)
            quantized[bin] = counts[bin] > 0.0 ? total / static_cast<double>(nonEmpty) : 0.0;
    }
    return quantized;
}

} // namespace

EntropyEstimator::EntropyEstimator(const RangeOptions& options, size_t binCount)
    : options_(options), binCount_(binCount) {
    if (options.bits < 2 || options.bits > 16)
        throw Error("entropy calibration needs 2 to 16 bits, got " + std::to_string(options.bits));
    if (binCount < 2048)
        throw Error("entropy calibration needs at least 2048 bins, got " + std::to_string(binCount));
}

double EntropyEstimator::divergence(const std::vector<double>& counts, size_t thresholdBin, size_t levels) {
    std::vector<double> reference(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(thresholdBin));
    for (size_t bin = thresholdBin; bin < counts.size(); ++bin)
        reference.back() += counts[bin];
    const std::vector<double> quantized = quantizedDistribution(counts, thresholdBin, levels);
    double referenceTotal = 0.0;
    double quantizedTotal = 0.0;
    for (size_t bin = 0; bin < thresholdBin; ++bin) {
        referenceTotal += reference[bin];
        quantizedTotal += quantized[bin];
    }
    if (referenceTotal <= 0.0 || quantizedTotal <= 0.0)
        return std::numeric_limits<double>::infinity();
    constexpr double smoothing = 1e-10;
    double kl = 0.0;
    for (size_t bin = 0; bin < thresholdBin; ++bin) {
        const double p = reference[bin] / referenceTotal;
        if (p <= 0.0)
            continue;
        const double q = std::max(quantized[bin] / quantizedTotal, smoothing);
        kl += p * std::log(p / q);
    }
    return kl;
}

ActivationRange EntropyEstimator::estimate(const TensorHistogram& histogram, const std::string& tensorName) const {
    requireValues(histogram, tensorName);
    const AbsoluteHistogram folded = AbsoluteHistogram::fold(histogram, binCount_);
    const bool nonNegative = options_.mode == RangeMode::Asymmetric && histogram.minValue() >= 0.0f;
    const size_t levels = size_t(1) << (nonNegative ? options_.bits : options_.bits - 1);
    if (levels >= binCount_)
        return rangeFromThreshold(histogram, folded.absMax, options_.mode);
    size_t bestBin = binCount_;
    double bestDivergence = std::numeric_limits<double>::infinity();
    for (size_t thresholdBin = levels; thresholdBin <= binCount_; ++thresholdBin) {
        const double kl = divergence(folded.counts, thresholdBin, levels);
        if (kl < bestDivergence) {
            bestDivergence = kl;
            bestBin = thresholdBin;
        }
    }
    return rangeFromThreshold(histogram, static_cast<double>(bestBin) * folded.binWidth, options_.mode);
}

} // namespace qs
