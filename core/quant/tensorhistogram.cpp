#include "quant/tensorhistogram.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <omp.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qs {

TensorHistogram::TensorHistogram(size_t binCount) : counts_(binCount, 0.0) {
    if (binCount < 2048)
        throw Error("a tensor histogram needs at least 2048 bins, got " + std::to_string(binCount));
}

TensorHistogram::State TensorHistogram::state() const {
    return State{lower_, binWidth_, counts_, totalCount_, nonFiniteCount_, min_, max_};
}

TensorHistogram TensorHistogram::fromState(State state) {
    TensorHistogram histogram(std::max<size_t>(state.counts.size(), 2048));
    if (state.counts.size() < 2048)
        throw Error("a saved histogram has " + std::to_string(state.counts.size()) +
                    " bins, needs at least 2048");
    double sum = 0.0;
    for (double count : state.counts) {
        if (!std::isfinite(count) || count < 0.0)
            throw Error("a saved histogram has a negative or non-finite count");
        sum += count;
    }
    if (state.totalCount > 0) {
        const double upper = state.lowerEdge + state.binWidth * static_cast<double>(state.counts.size());
        if (!std::isfinite(state.lowerEdge) || !std::isfinite(state.binWidth) || state.binWidth <= 0.0 ||
            !std::isfinite(upper))
            throw Error("a saved histogram has an invalid bin range");
        const double slack = state.binWidth;
        if (!(state.minValue <= state.maxValue) || state.minValue < state.lowerEdge - slack ||
            state.maxValue > upper + slack)
            throw Error("a saved histogram's minimum and maximum lie outside its bins");
        if (std::fabs(sum - static_cast<double>(state.totalCount)) > 1e-6 * std::max(1.0, sum) + 0.5)
            throw Error("a saved histogram's counts do not add up to its total");
    }
    histogram.counts_ = std::move(state.counts);
    histogram.lower_ = state.lowerEdge;
    histogram.binWidth_ = state.binWidth;
    histogram.totalCount_ = state.totalCount;
    histogram.nonFiniteCount_ = state.nonFiniteCount;
    histogram.min_ = state.minValue;
    histogram.max_ = state.maxValue;
    return histogram;
}

void TensorHistogram::start(float min, float max) {
    const double span = static_cast<double>(max) - static_cast<double>(min);
    const double magnitude =
        std::max(std::fabs(static_cast<double>(min)), std::fabs(static_cast<double>(max)));
    const double minimumSpan = std::max(magnitude * 1e-6, 1e-30);
    const double width = std::max(span, minimumSpan) / static_cast<double>(counts_.size());
    lower_ = span > 0.0 ? static_cast<double>(min) : static_cast<double>(min) - 0.5 * minimumSpan;
    binWidth_ = width;
}

void TensorHistogram::growToCover(float min, float max) {
    const double bins = static_cast<double>(counts_.size());
    const double upper = upperEdge();
    const double missingBelow = std::max(0.0, std::ceil((lower_ - static_cast<double>(min)) / binWidth_));
    const double missingAbove =
        std::max(0.0, std::ceil((static_cast<double>(max) - upper) / binWidth_) + 1.0);
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

namespace {

/// Minimum and maximum of `count` values, and whether any is NaN or infinite (then the extremes are not
/// used). NaN compares false and so never becomes an extreme; x - x is 0 for every finite x and NaN
/// otherwise.
void scanExtremes(const float* data, size_t count, float& min, float& max, bool& nonFinite) {
    constexpr size_t lanes = 16;
    float low[lanes];
    float high[lanes];
    float probe[lanes];
    size_t i = 0;
#if defined(__SSE2__)
    __m128 low4[4];
    __m128 high4[4];
    __m128 probe4[4];
    for (size_t j = 0; j < 4; ++j) {
        low4[j] = _mm_set1_ps(std::numeric_limits<float>::infinity());
        high4[j] = _mm_set1_ps(-std::numeric_limits<float>::infinity());
        probe4[j] = _mm_setzero_ps();
    }
    for (; i + lanes <= count; i += lanes) {
        for (size_t j = 0; j < 4; ++j) {
            const __m128 value = _mm_loadu_ps(data + i + 4 * j);
            low4[j] = _mm_min_ps(value, low4[j]);
            high4[j] = _mm_max_ps(value, high4[j]);
            probe4[j] = _mm_add_ps(probe4[j], _mm_sub_ps(value, value));
        }
    }
    for (size_t j = 0; j < 4; ++j) {
        _mm_storeu_ps(low + 4 * j, low4[j]);
        _mm_storeu_ps(high + 4 * j, high4[j]);
        _mm_storeu_ps(probe + 4 * j, probe4[j]);
    }
#else
    for (size_t j = 0; j < lanes; ++j) {
        low[j] = std::numeric_limits<float>::infinity();
        high[j] = -std::numeric_limits<float>::infinity();
        probe[j] = 0.0f;
    }
#endif
    for (size_t j = 0; i < count; ++i, j = (j + 1) % lanes) {
        const float value = data[i];
        low[j] = value < low[j] ? value : low[j];
        high[j] = value > high[j] ? value : high[j];
        probe[j] += value - value;
    }
    min = low[0];
    max = high[0];
    float probeSum = 0.0f;
    for (size_t j = 0; j < lanes; ++j) {
        min = std::min(min, low[j]);
        max = std::max(max, high[j]);
        probeSum += probe[j];
    }
    nonFinite = probeSum != 0.0f;
}

/// indices[i] = binOf(values[i]) for finite values, in a loop that vectorizes (with AVX2 where the CPU has
/// it).
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("avx2", "default")))
#endif
void binIndices(const float* values, size_t count, double lower, double width, double last, int32_t* indices) {
    for (size_t i = 0; i < count; ++i) {
        double position = (static_cast<double>(values[i]) - lower) / width;
        position = position < 0.0 ? 0.0 : position;
        position = last < position ? last : position;
        indices[i] = static_cast<int32_t>(position);
    }
}

/// Adds one to the bin of each of `count` finite values inside [lower, lower + width * bins.size()), with the
/// arithmetic of TensorHistogram::binOf. Bin indices are computed a block at a time in a loop that
/// vectorizes, then counted into four interleaved integer histograms so that runs of equal values (the zeros
/// after a ReLU) do not serialize on one counter.
void binFiniteValues(const float* data, size_t count, double lower, double width, std::vector<double>& bins) {
    constexpr size_t ways = 4;
    constexpr size_t block = 2048;
    const double last = static_cast<double>(bins.size() - 1);
    std::vector<uint32_t> partial(ways * bins.size(), 0);
    int32_t indices[block];
    for (size_t begin = 0; begin < count;) {
        // At most 2^31 values per flush keeps every 32-bit counter from overflowing.
        const size_t flushEnd = begin + std::min(count - begin, size_t(1) << 31);
        for (; begin < flushEnd; begin += block) {
            const size_t n = std::min(block, flushEnd - begin);
            binIndices(data + begin, n, lower, width, last, indices);
            size_t i = 0;
            for (; i + ways <= n; i += ways)
                for (size_t w = 0; w < ways; ++w)
                    ++partial[static_cast<size_t>(indices[i + w]) * ways + w];
            for (; i < n; ++i)
                ++partial[static_cast<size_t>(indices[i]) * ways];
        }
        for (size_t bin = 0; bin < bins.size(); ++bin) {
            uint64_t total = 0;
            for (size_t w = 0; w < ways; ++w) {
                total += partial[bin * ways + w];
                partial[bin * ways + w] = 0;
            }
            bins[bin] += static_cast<double>(total);
        }
    }
}

} // namespace

namespace {

/// Threads for one large add: the caller's OpenMP thread count (the engine's, between two kernels), one per
/// 64 Ki values at most, and 1 inside a parallel region (never nested).
int histogramThreads(size_t count) {
    if (omp_in_parallel())
        return 1;
    const size_t byWork = count / 65536;
    return static_cast<int>(std::max<size_t>(1, std::min<size_t>(size_t(omp_get_max_threads()), byWork)));
}

/// scanExtremes over `threads` slices; min, max and the non-finite flag do not depend on the split.
void scanExtremesParallel(const float* data, size_t count, int threads, float& min, float& max,
                          bool& nonFinite) {
    if (threads <= 1) {
        scanExtremes(data, count, min, max, nonFinite);
        return;
    }
    std::vector<float> mins(static_cast<size_t>(threads));
    std::vector<float> maxs(static_cast<size_t>(threads));
    std::vector<char> flags(size_t(threads), 0);
#pragma omp parallel num_threads(threads)
    {
        const size_t t = size_t(omp_get_thread_num());
        const size_t begin = count * t / size_t(threads);
        const size_t end = count * (t + 1) / size_t(threads);
        bool flag = false;
        scanExtremes(data + begin, end - begin, mins[t], maxs[t], flag);
        flags[t] = flag ? 1 : 0;
    }
    min = *std::min_element(mins.begin(), mins.end());
    max = *std::max_element(maxs.begin(), maxs.end());
    nonFinite = std::any_of(flags.begin(), flags.end(), [](char flag) { return flag != 0; });
}

/// binFiniteValues over `threads` slices into private bins, then summed: counts are whole numbers held
/// exactly in doubles, so the result equals the one-thread result.
void binFiniteValuesParallel(const float* data, size_t count, int threads, double lower, double width,
                             std::vector<double>& bins) {
    if (threads <= 1) {
        binFiniteValues(data, count, lower, width, bins);
        return;
    }
    std::vector<std::vector<double>> partial(size_t(threads), std::vector<double>(bins.size(), 0.0));
#pragma omp parallel num_threads(threads)
    {
        const size_t t = size_t(omp_get_thread_num());
        const size_t begin = count * t / size_t(threads);
        const size_t end = count * (t + 1) / size_t(threads);
        binFiniteValues(data + begin, end - begin, lower, width, partial[t]);
    }
    for (const std::vector<double>& part : partial)
        for (size_t bin = 0; bin < bins.size(); ++bin)
            bins[bin] += part[bin];
}

} // namespace

void TensorHistogram::add(const float* data, size_t count) {
    float batchMin = 0.0f;
    float batchMax = 0.0f;
    bool anyNonFinite = false;
    const int threads = histogramThreads(count);
    scanExtremesParallel(data, count, threads, batchMin, batchMax, anyNonFinite);
    size_t nonFinite = 0;
    if (anyNonFinite) {
        batchMin = std::numeric_limits<float>::infinity();
        batchMax = -std::numeric_limits<float>::infinity();
        for (size_t i = 0; i < count; ++i) {
            if (!std::isfinite(data[i])) {
                ++nonFinite;
                continue;
            }
            batchMin = std::min(batchMin, data[i]);
            batchMax = std::max(batchMax, data[i]);
        }
    }
    const uint64_t finite = count - nonFinite;
    nonFiniteCount_ += nonFinite;
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
    // Small batches (and any with NaN or inf) go straight into the bins; the block-wise path pays off above
    // that.
    constexpr size_t directLimit = 8192;
    if (nonFinite > 0 || count < directLimit) {
        for (size_t i = 0; i < count; ++i)
            if (std::isfinite(data[i]))
                counts_[binOf(data[i])] += 1.0;
    } else {
        binFiniteValuesParallel(data, count, threads, lower_, binWidth_, counts_);
    }
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
        const double from =
            std::clamp((other.lower_ + bin * other.binWidth_ - lower_) / binWidth_, 0.0, last);
        const double to =
            std::clamp((other.lower_ + (bin + 1) * other.binWidth_ - lower_) / binWidth_, 0.0, last);
        if (to - from <= 0.0) {
            counts_[static_cast<size_t>(std::min(from, last - 1.0))] += other.counts_[bin];
            continue;
        }
        const double density = other.counts_[bin] / (to - from);
        for (auto target = static_cast<size_t>(from);
             static_cast<double>(target) < to && target < counts_.size(); ++target) {
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
