#include "quant/tensorhistogram.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

TensorHistogram::TensorHistogram(size_t binCount) : counts_(binCount, 0.0) {
    if (binCount < 2048)
        throw Error("a tensor histogram needs at least 2048 bins, got " + std::to_string(binCount));
}

void TensorHistogram::start(float min, float max) {
    const double span = static_cast<double>(max) - static_cast<double>(min);
    const double magnitude = std::max(std::fabs(static_cast<double>(min)), std::fabs(static_cast<double>(max)));
    const double minimumSpan = std::max(magnitude * 1e-6, 1e-30);
    const double width = std::max(span, minimumSpan) / static_cast<double>(counts_.size());
    lower_ = span > 0.0 ? static_cast<double>(min) : static_cast<double>(min) - 0.5 * minimumSpan;
    binWidth_ = width;
}

void TensorHistogram::growToCover(float min, float max) {
    const double bins = static_cast<double>(counts_.size());
    const double upper = upperEdge();
    const double missingBelow = std::max(0.0, std::ceil((lower_ - static_cast<double>(min)) / binWidth_));
    const double missingAbove = std::max(0.0, std::ceil((static_cast<double>(max) - upper) / binWidth_) + 1.0);
    if (missingBelow == 0.0 && static_cast<double>(max) < upper)
        return;
    const double needed = bins + missingBelow + missingAbove;
    double factor = 1.0;
    while (factor * bins < needed)
        factor *= 2.0;
    const double slack = factor * bins - needed;
    double shift = missingBelow;
    if (missingBelow > 0.0)
        shift += std::floor(missingAbove > 1.0 ? slack / 2.0 : slack);
    std::vector<double> grown(counts_.size(), 0.0);
    for (size_t bin = 0; bin < counts_.size(); ++bin) {
        const double target = std::floor((shift + static_cast<double>(bin)) / factor);
        grown[static_cast<size_t>(std::clamp(target, 0.0, bins - 1.0))] += counts_[bin];
    }
    counts_.swap(grown);
    lower_ -= shift * binWidth_;
    binWidth_ *= factor;
}

size_t TensorHistogram::binOf(float value) const {
    const double position = (static_cast<double>(value) - lower_) / binWidth_;
    const double last = static_cast<double>(counts_.size() - 1);
    return static_cast<size_t>(std::clamp(position, 0.0, last));
}

void TensorHistogram::add(const float* data, size_t count) {
    float batchMin = std::numeric_limits<float>::infinity();
    float batchMax = -std::numeric_limits<float>::infinity();
    uint64_t finite = 0;
    for (size_t i = 0; i < count; ++i) {
        if (!std::isfinite(data[i]))
            continue;
        batchMin = std::min(batchMin, data[i]);
        batchMax = std::max(batchMax, data[i]);
        ++finite;
    }
    nonFiniteCount_ += count - finite;
    if (finite == 0)
        return;
    if (totalCount_ == 0) {
        start(batchMin, batchMax);
        min_ = batchMin;
        max_ = batchMax;
    } else {
        growToCover(batchMin, batchMax);
        min_ = std::min(min_, batchMin);
        max_ = std::max(max_, batchMax);
    }
    for (size_t i = 0; i < count; ++i)
        if (std::isfinite(data[i]))
            counts_[binOf(data[i])] += 1.0;
    totalCount_ += finite;
}

void TensorHistogram::merge(const TensorHistogram& other) {
    if (other.empty())
        return;
    if (empty()) {
        start(other.min_, other.max_);
        min_ = other.min_;
        max_ = other.max_;
    } else {
        growToCover(other.min_, other.max_);
        min_ = std::min(min_, other.min_);
        max_ = std::max(max_, other.max_);
    }
    const double last = static_cast<double>(counts_.size());
    for (size_t bin = 0; bin < other.counts_.size(); ++bin) {
        if (other.counts_[bin] == 0.0)
            continue;
        const double from = std::clamp((other.lower_ + bin * other.binWidth_ - lower_) / binWidth_, 0.0, last);
        const double to = std::clamp((other.lower_ + (bin + 1) * other.binWidth_ - lower_) / binWidth_, 0.0, last);
        if (to - from <= 0.0) {
            counts_[static_cast<size_t>(std::min(from, last - 1.0))] += other.counts_[bin];
            continue;
        }
        const double density = other.counts_[bin] / (to - from);
        for (auto target = static_cast<size_t>(from); static_cast<double>(target) < to && target < counts_.size();
             ++target) {
            const double overlap = std::min(to, target + 1.0) - std::max(from, static_cast<double>(target));
            counts_[target] += density * overlap;
        }
    }
    totalCount_ += other.totalCount_;
    nonFiniteCount_ += other.nonFiniteCount_;
}

double TensorHistogram::countBelow(double x) const {
    if (empty() || x < static_cast<double>(min_))
        return 0.0;
    if (x >= static_cast<double>(max_))
        return static_cast<double>(totalCount_);
    const double position = std::clamp((x - lower_) / binWidth_, 0.0, static_cast<double>(counts_.size()));
    const auto whole = static_cast<size_t>(position);
    double below = 0.0;
    for (size_t bin = 0; bin < whole && bin < counts_.size(); ++bin)
        below += counts_[bin];
    if (whole < counts_.size())
        below += counts_[whole] * (position - static_cast<double>(whole));
    return below;
}

double TensorHistogram::quantile(double fraction) const {
    if (empty())
        return 0.0;
    const double target = std::clamp(fraction, 0.0, 1.0) * static_cast<double>(totalCount_);
    double below = 0.0;
    for (size_t bin = 0; bin < counts_.size(); ++bin) {
        if (below + counts_[bin] >= target && counts_[bin] > 0.0) {
            const double inside = (target - below) / counts_[bin];
            const double value = lower_ + (static_cast<double>(bin) + inside) * binWidth_;
            return std::clamp(value, static_cast<double>(min_), static_cast<double>(max_));
        }
        below += counts_[bin];
    }
    return static_cast<double>(max_);
}

} // namespace qs
