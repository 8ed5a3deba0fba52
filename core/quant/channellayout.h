#pragma once
// How the elements of a tensor split into channels along one axis: [outer, channels, inner] in row-major
// order.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// Elements of channel c are the runs [(o * channels + c) * inner, ... + inner) for o in [0, outer).
/// Per-tensor quantization is the layout with one channel.
struct ChannelLayout {
    size_t outer = 1;
    size_t channels = 1;
    size_t inner = 0;

    /// One channel holding all `elementCount` elements.
    static ChannelLayout wholeTensor(size_t elementCount);

    /// Channels along `axis` of `dims` (negative axes count from the end). Throws qs::Error naming
    /// `tensorName` for an axis out of range or a negative dimension.
    static ChannelLayout alongAxis(const std::vector<int64_t>& dims, int axis, const std::string& tensorName);

    size_t elementCount() const { return outer * channels * inner; }
    size_t channelSize() const { return outer * inner; }

    /// Calls run(begin, length) for each contiguous run of `channel`.
    template <typename Run> void forEachRun(size_t channel, Run&& run) const {
        for (size_t o = 0; o < outer; ++o)
            run((o * channels + channel) * inner, inner);
    }

    /// Calls run(channel, begin, length) for every run of every channel in memory order (cache-friendly when
    /// the channel axis is the last one and runs are single elements).
    template <typename Run> void forEachRunInOrder(Run&& run) const {
        for (size_t o = 0; o < outer; ++o)
            for (size_t c = 0; c < channels; ++c)
                run(c, (o * channels + c) * inner, inner);
    }

    /// Copies the elements of `channel` into `out` (resized to channelSize()).
    void gather(const float* data, size_t channel, std::vector<float>& out) const;

    /// Writes `values` (channelSize() of them) back to the positions of `channel` in `data`.
    template <typename T> void scatter(const T* values, size_t channel, T* data) const {
        size_t next = 0;
        forEachRun(channel, [&](size_t begin, size_t length) {
            for (size_t i = 0; i < length; ++i)
                data[begin + i] = values[next++];
        });
    }
};

/// Product of `dims`; throws qs::Error naming `tensorName` for a negative dimension.
size_t elementCountOf(const std::vector<int64_t>& dims, const std::string& tensorName);

} // namespace qs
