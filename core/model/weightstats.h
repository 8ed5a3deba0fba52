#pragma once
// Summary statistics of a weight tensor: whole-tensor moments and histogram, and per-output-channel ranges.

#include "model/graph.h"

#include <cstdint>
#include <vector>

namespace qs {

struct Histogram {
    double lower = 0.0;  ///< left edge of the first bin
    double upper = 0.0;  ///< right edge of the last bin
    std::vector<int64_t> counts;

    double binWidth() const { return counts.empty() ? 0.0 : (upper - lower) / double(counts.size()); }
};

struct ChannelRange {
    double min = 0.0;
    double max = 0.0;
    double mean = 0.0;
    double std = 0.0;
};

struct WeightStats {
    int64_t count = 0;
    double min = 0.0;
    double max = 0.0;
    double mean = 0.0;
    double std = 0.0;
    double absMax = 0.0;
    int64_t zeros = 0;
    Histogram histogram;
    std::vector<ChannelRange> channels;  ///< one per index of the channel axis
};

/// Statistics of a floating-point tensor (float32/float16/double). `channelAxis` < 0 skips per-channel ranges.
/// Throws Error naming the tensor for non-floating-point types.
WeightStats computeWeightStats(const Tensor& tensor, int channelAxis, int histogramBins = 256);

} // namespace qs
