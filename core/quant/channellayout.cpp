#include "quant/channellayout.h"

#include "util/error.h"

namespace qs {

ChannelLayout ChannelLayout::wholeTensor(size_t elementCount) {
    ChannelLayout layout;
    layout.inner = elementCount;
    return layout;
}

ChannelLayout ChannelLayout::alongAxis(const std::vector<int64_t>& dims, int axis, const std::string& tensorName) {
    const int rank = static_cast<int>(dims.size());
    if (axis < -rank || axis >= rank)
        throw Error("tensor '" + tensorName + "': channel axis " + std::to_string(axis) + " is out of range for rank " +
                    std::to_string(rank));
    const size_t positiveAxis = static_cast<size_t>(axis < 0 ? axis + rank : axis);
    elementCountOf(dims, tensorName);
    ChannelLayout layout;
    layout.inner = 1;
    for (size_t d = 0; d < dims.size(); ++d) {
        const size_t extent = static_cast<size_t>(dims[d]);
        if (d < positiveAxis)
            layout.outer *= extent;
        else if (d == positiveAxis)
            layout.channels = extent;
        else
            layout.inner *= extent;
    }
    return layout;
}

void ChannelLayout::gather(const float* data, size_t channel, std::vector<float>& out) const {
    out.resize(channelSize());
    size_t next = 0;
    forEachRun(channel, [&](size_t begin, size_t length) {
        for (size_t i = 0; i < length; ++i)
            out[next++] = data[begin + i];
    });
}

size_t elementCountOf(const std::vector<int64_t>& dims, const std::string& tensorName) {
    size_t count = 1;
    for (int64_t extent : dims) {
        if (extent < 0)
            throw Error("tensor '" + tensorName + "': dimension " + std::to_string(extent) +
                        " is negative or unknown; weights need a static shape");
        count *= static_cast<size_t>(extent);
    }
    return count;
}

} // namespace qs
