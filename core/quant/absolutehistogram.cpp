#include "quant/absolutehistogram.h"

#include <algorithm>
#include <cmath>

namespace qs {

namespace {

/// Adds `count` spread uniformly over [from, to) (in target-bin units) to `counts`.
void spread(std::vector<double>& counts, double from, double to, double count) {
    const double last = static_cast<double>(counts.size());
    from = std::clamp(from, 0.0, last);
    to = std::clamp(to, 0.0, last);
    if (to - from <= 0.0) {
        counts[static_cast<size_t>(std::min(from, last - 1.0))] += count;
        return;
    }
    const double density = count / (to - from);
    for (auto bin = static_cast<size_t>(from); bin < counts.size() && static_cast<double>(bin) < to; ++bin) {
        const double overlap = std::min(to, bin + 1.0) - std::max(from, static_cast<double>(bin));
        counts[bin] += density * overlap;
    }
}

} // namespace

AbsoluteHistogram AbsoluteHistogram::fold(const TensorHistogram& histogram, size_t binCount, HistogramSide side) {
    AbsoluteHistogram folded;
    folded.counts.assign(binCount, 0.0);
    const double negativeExtent = std::max(0.0, -static_cast<double>(histogram.minValue()));
    const double positiveExtent = std::max(0.0, static_cast<double>(histogram.maxValue()));
    const bool keepNegative = side != HistogramSide::Positive;
    const bool keepPositive = side != HistogramSide::Negative;
    folded.absMax = std::max(keepNegative ? negativeExtent : 0.0, keepPositive ? positiveExtent : 0.0);
    if (histogram.empty() || folded.absMax <= 0.0) {
        folded.binWidth = 1.0 / static_cast<double>(binCount);
        if (!histogram.empty())
            folded.counts[0] = static_cast<double>(histogram.totalCount());
        return folded;
    }
    folded.binWidth = folded.absMax / static_cast<double>(binCount);
    // Source bins extend beyond the data; only the part inside [min, max] holds values.
    const double dataLow = histogram.minValue();
    const double dataHigh = histogram.maxValue();
    for (size_t bin = 0; bin < histogram.binCount(); ++bin) {
        const double count = histogram.counts()[bin];
        if (count == 0.0)
            continue;
        const double low = std::max(histogram.lowerEdge() + bin * histogram.binWidth(), dataLow);
        const double high = std::min(histogram.lowerEdge() + (bin + 1) * histogram.binWidth(), dataHigh);
        if (high <= low) {
            if ((low < 0.0 && keepNegative) || (low >= 0.0 && keepPositive))
                spread(folded.counts, std::fabs(low) / folded.binWidth, std::fabs(low) / folded.binWidth, count);
            continue;
        }
        const double negativePart = std::clamp((0.0 - low) / (high - low), 0.0, 1.0);
        if (negativePart > 0.0 && keepNegative)
            spread(folded.counts, std::max(0.0, -std::min(high, 0.0)) / folded.binWidth, -low / folded.binWidth,
                   count * negativePart);
        if (negativePart < 1.0 && keepPositive)
            spread(folded.counts, std::max(low, 0.0) / folded.binWidth, high / folded.binWidth,
                   count * (1.0 - negativePart));
    }
    return folded;
}

} // namespace qs
