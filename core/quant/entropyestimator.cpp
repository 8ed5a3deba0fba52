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

/// The threshold (in bins) with the smallest divergence; among equal divergences the largest threshold, so that a
/// distribution that quantizes without loss at any threshold (e.g. a single spike) is not clipped.
size_t EntropyEstimator::bestThresholdBin(const std::vector<double>& counts, size_t levels) {
    size_t bestBin = counts.size();
    double bestDivergence = std::numeric_limits<double>::infinity();
    for (size_t thresholdBin = levels; thresholdBin <= counts.size(); ++thresholdBin) {
        const double kl = divergence(counts, thresholdBin, levels);
        if (kl <= bestDivergence + 1e-12 * std::fabs(bestDivergence)) {
            bestDivergence = std::min(kl, bestDivergence);
            bestBin = thresholdBin;
        }
    }
    return bestBin;
}

ActivationRange EntropyEstimator::estimate(const TensorHistogram& histogram, const std::string& tensorName) const {
    requireValues(histogram, tensorName);
    const bool mixedSigns = histogram.minValue() < 0.0f && histogram.maxValue() > 0.0f;
    if (options_.mode == RangeMode::Asymmetric && mixedSigns) {
        // Each sign gets its own threshold over half of the codes: folding both onto |x| would let a dense mode on
        // one side (e.g. normalized background pixels) decide the clipping of the other side.
        const size_t levels = size_t(1) << (options_.bits - 1);
        ActivationRange range{histogram.minValue(), histogram.maxValue()};
        if (levels >= binCount_)
            return range;
        const AbsoluteHistogram negative = AbsoluteHistogram::fold(histogram, binCount_, HistogramSide::Negative);
        const AbsoluteHistogram positive = AbsoluteHistogram::fold(histogram, binCount_, HistogramSide::Positive);
        range.min = static_cast<float>(-static_cast<double>(bestThresholdBin(negative.counts, levels)) *
                                       negative.binWidth);
        range.max = static_cast<float>(static_cast<double>(bestThresholdBin(positive.counts, levels)) *
                                       positive.binWidth);
        range.min = std::max(range.min, histogram.minValue());
        range.max = std::min(range.max, histogram.maxValue());
        return range;
    }
    const AbsoluteHistogram folded = AbsoluteHistogram::fold(histogram, binCount_);
    const bool nonNegative = options_.mode == RangeMode::Asymmetric && histogram.minValue() >= 0.0f;
    const size_t levels = size_t(1) << (nonNegative ? options_.bits : options_.bits - 1);
    if (levels >= binCount_)
        return rangeFromThreshold(histogram, folded.absMax, options_.mode);
    const size_t bestBin = bestThresholdBin(folded.counts, levels);
    return rangeFromThreshold(histogram, static_cast<double>(bestBin) * folded.binWidth, options_.mode);
}

} // namespace qs
