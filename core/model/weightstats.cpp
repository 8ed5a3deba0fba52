#include "model/weightstats.h"

#include "model/floatconversion.h"
#include "util/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace qs {

namespace {

/// How the flat element index maps to channels: outer × channels × inner, row-major.
struct ChannelLayout {
    int64_t outer = 1;
    int64_t channels = 1;
    int64_t inner = 1;
};

/// Running sums of one channel (or of the whole tensor).
struct Moments {
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    double sum = 0.0;
    double sumSquares = 0.0;
    int64_t finite = 0;
    int64_t zeros = 0;

    void merge(const Moments& other) {
        min = std::min(min, other.min);
        max = std::max(max, other.max);
        sum += other.sum;
        sumSquares += other.sumSquares;
        finite += other.finite;
        zeros += other.zeros;
    }
    double mean() const { return finite > 0 ? sum / double(finite) : 0.0; }
    double std() const {
        if (finite == 0)
            return 0.0;
        const double average = mean();
        return std::sqrt(std::max(0.0, sumSquares / double(finite) - average * average));
    }
};

const int64_t kStridedInnerLimit = 16;

ChannelLayout channelLayout(const Tensor& tensor, int channelAxis, int64_t count) {
    ChannelLayout layout;
    if (channelAxis < 0) {
        layout.inner = count;
        return layout;
    }
    if (channelAxis >= int(tensor.dims.size()))
        throw Error("tensor '" + tensor.name + "': channel axis " + std::to_string(channelAxis) +
                    " is out of range for rank " + std::to_string(tensor.dims.size()));
    for (int axis = 0; axis < int(tensor.dims.size()); ++axis) {
        if (axis < channelAxis)
            layout.outer *= tensor.dims[size_t(axis)];
        else if (axis > channelAxis)
            layout.inner *= tensor.dims[size_t(axis)];
    }
    layout.channels = tensor.dims[size_t(channelAxis)];
    return layout;
}

/// Moments of `count` contiguous values; four independent accumulators keep the loop fast.
template <bool kSkipNonFinite> Moments blockMoments(const float* values, int64_t count) {
    std::array<double, 4> sums{};
    std::array<double, 4> squares{};
    std::array<float, 4> mins;
    std::array<float, 4> maxs;
    mins.fill(std::numeric_limits<float>::infinity());
    maxs.fill(-std::numeric_limits<float>::infinity());
    int64_t zeros = 0;
    int64_t finite = 0;
    int64_t i = 0;
    if (!kSkipNonFinite) {
        for (; i + 4 <= count; i += 4)
            for (int lane = 0; lane < 4; ++lane) {
                const float value = values[i + lane];
                sums[size_t(lane)] += value;
                squares[size_t(lane)] += double(value) * value;
                mins[size_t(lane)] = value < mins[size_t(lane)] ? value : mins[size_t(lane)];
                maxs[size_t(lane)] = value > maxs[size_t(lane)] ? value : maxs[size_t(lane)];
                zeros += value == 0.0f;
            }
        finite = i;
    }
    for (; i < count; ++i) {
        const float value = values[i];
        if (kSkipNonFinite && !std::isfinite(value))
            continue;
        sums[0] += value;
        squares[0] += double(value) * value;
        mins[0] = std::min(mins[0], value);
        maxs[0] = std::max(maxs[0], value);
        zeros += value == 0.0f;
        ++finite;
    }
    Moments moments;
    moments.sum = sums[0] + sums[1] + sums[2] + sums[3];
    moments.sumSquares = squares[0] + squares[1] + squares[2] + squares[3];
    moments.min = *std::min_element(mins.begin(), mins.end());
    moments.max = *std::max_element(maxs.begin(), maxs.end());
    moments.finite = finite;
    moments.zeros = zeros;
    return moments;
}

/// Per-channel moments when each channel's elements are few and interleaved (small `inner`): one pass over the
/// rows, updating per-channel arrays side by side.
template <bool kSkipNonFinite>
void stridedMoments(const float* values, const ChannelLayout& layout, std::vector<Moments>& channels) {
    const int64_t rowLength = layout.channels * layout.inner;
    std::vector<float> mins(size_t(rowLength), std::numeric_limits<float>::infinity());
    std::vector<float> maxs(size_t(rowLength), -std::numeric_limits<float>::infinity());
    std::vector<double> sums(size_t(rowLength), 0.0);
    std::vector<double> squares(size_t(rowLength), 0.0);
    std::vector<int64_t> finite(size_t(rowLength), 0);
    int64_t zeros = 0;
    for (int64_t o = 0; o < layout.outer; ++o) {
        const float* row = values + o * rowLength;
        for (int64_t j = 0; j < rowLength; ++j) {
            const float value = row[j];
            if (kSkipNonFinite) {
                if (!std::isfinite(value))
                    continue;
                ++finite[size_t(j)];
            }
            sums[size_t(j)] += value;
            squares[size_t(j)] += double(value) * value;
            mins[size_t(j)] = value < mins[size_t(j)] ? value : mins[size_t(j)];
            maxs[size_t(j)] = value > maxs[size_t(j)] ? value : maxs[size_t(j)];
            zeros += value == 0.0f;
        }
    }
    for (int64_t j = 0; j < rowLength; ++j) {
        Moments& moments = channels[size_t(j / layout.inner)];
        moments.min = std::min(moments.min, double(mins[size_t(j)]));
        moments.max = std::max(moments.max, double(maxs[size_t(j)]));
        moments.sum += sums[size_t(j)];
        moments.sumSquares += squares[size_t(j)];
        moments.finite += kSkipNonFinite ? finite[size_t(j)] : layout.outer;
    }
    if (!channels.empty())
        channels[0].zeros += zeros;
}

template <bool kSkipNonFinite>
std::vector<Moments> channelMoments(const float* values, const ChannelLayout& layout) {
    std::vector<Moments> channels(size_t(layout.channels));
    if (layout.inner < kStridedInnerLimit && layout.outer > 1) {
        stridedMoments<kSkipNonFinite>(values, layout, channels);
        return channels;
    }
    for (int64_t o = 0; o < layout.outer; ++o)
        for (int64_t c = 0; c < layout.channels; ++c)
            channels[size_t(c)].merge(
                blockMoments<kSkipNonFinite>(values + (o * layout.channels + c) * layout.inner, layout.inner));
    return channels;
}

void fillHistogram(const float* values, int64_t count, bool skipNonFinite, Histogram& histogram) {
    const int64_t lastBin = int64_t(histogram.counts.size()) - 1;
    if (lastBin < 0)
        return;
    const double binsPerUnit = double(histogram.counts.size()) / (histogram.upper - histogram.lower);
    const double lower = histogram.lower;
    int64_t* counts = histogram.counts.data();
    for (int64_t i = 0; i < count; ++i) {
        const double value = values[i];
        if (skipNonFinite && !std::isfinite(value))
            continue;
        const auto bin = int64_t((value - lower) * binsPerUnit);
        ++counts[bin < 0 ? 0 : bin > lastBin ? lastBin : bin];
    }
}

const std::array<float, 65536>& float16Table() {
    static const std::array<float, 65536> table = [] {
        std::array<float, 65536> values{};
        for (uint32_t bits = 0; bits < 65536; ++bits)
            values[bits] = float16ToFloat(uint16_t(bits));
        return values;
    }();
    return table;
}

/// The tensor's values as float32 (the statistics' working precision).
std::vector<float> widenToFloat(const Tensor& tensor, int64_t count) {
    std::vector<float> values(size_t(count), 0.0f);
    const uint8_t* bytes = tensor.data.data();
    if (tensor.type == DataType::Float16) {
        const std::array<float, 65536>& table = float16Table();
        for (int64_t i = 0; i < count; ++i)
            values[size_t(i)] = table[size_t(bytes[2 * i]) | (size_t(bytes[2 * i + 1]) << 8)];
    } else if (tensor.type == DataType::BFloat16) {
        for (int64_t i = 0; i < count; ++i)
            values[size_t(i)] = bfloat16ToFloat(uint16_t(bytes[2 * i] | (bytes[2 * i + 1] << 8)));
    } else if (tensor.type == DataType::Double) {
        const double* wide = tensor.as<double>();
        for (int64_t i = 0; i < count; ++i)
            values[size_t(i)] = float(wide[i]);
    } else {
        for (int64_t i = 0; i < count; ++i)
            values[size_t(i)] = float8ToFloat(bytes[i], tensor.type);
    }
    return values;
}

} // namespace

WeightStats computeWeightStats(const Tensor& tensor, int channelAxis, int histogramBins) {
    if (!isFloatingPoint(tensor.type))
        throw Error("tensor '" + tensor.name + "': weight statistics need a floating-point tensor, not " +
                    dataTypeName(tensor.type));
    const int64_t count = std::max<int64_t>(0, tensor.elementCount());
    if (tensor.data.size() != size_t(count) * dataTypeSize(tensor.type))
        throw Error("tensor '" + tensor.name + "': holds " + std::to_string(tensor.data.size()) +
                    " bytes but its dims need " + std::to_string(size_t(count) * dataTypeSize(tensor.type)));
    const ChannelLayout layout = channelLayout(tensor, channelAxis, count);
    std::vector<float> widened;
    if (tensor.type != DataType::Float)
        widened = widenToFloat(tensor, count);
    const float* values = tensor.type == DataType::Float ? tensor.as<float>() : widened.data();

    std::vector<Moments> channels = channelMoments<false>(values, layout);
    Moments total;
    for (const Moments& channel : channels)
        total.merge(channel);
    const bool hasNonFinite = !std::isfinite(total.sum) || !std::isfinite(total.sumSquares) ||
                              (total.finite > 0 && (!std::isfinite(total.min) || !std::isfinite(total.max)));
    if (hasNonFinite) {
        channels = channelMoments<true>(values, layout);
        total = Moments();
        for (const Moments& channel : channels)
            total.merge(channel);
    }

    WeightStats stats;
    stats.count = count;
    stats.histogram.counts.assign(size_t(std::max(histogramBins, 0)), 0);
    if (channelAxis >= 0)
        for (const Moments& channel : channels)
            stats.channels.push_back(channel.finite > 0
                                         ? ChannelRange{channel.min, channel.max, channel.mean(), channel.std()}
                                         : ChannelRange{});
    if (total.finite == 0)
        return stats;
    stats.min = total.min;
    stats.max = total.max;
    stats.mean = total.mean();
    stats.std = total.std();
    stats.absMax = std::max(std::fabs(total.min), std::fabs(total.max));
    stats.zeros = total.zeros;
    const bool degenerate = !(total.max > total.min);
    stats.histogram.lower = degenerate ? total.min - 0.5 : total.min;
    stats.histogram.upper = degenerate ? total.max + 0.5 : total.max;
    fillHistogram(values, count, hasNonFinite, stats.histogram);
    return stats;
}

} // namespace qs
