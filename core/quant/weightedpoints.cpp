#include "quant/weightedpoints.h"

#include <algorithm>
#include <cstdint>

namespace qs {

namespace {

WeightedPoints exactPoints(const float* data, size_t count) {
    std::vector<float> sorted(data, data + count);
    std::sort(sorted.begin(), sorted.end());
    WeightedPoints points;
    for (size_t i = 0; i < sorted.size();) {
        size_t end = i;
        while (end < sorted.size() && sorted[end] == sorted[i])
            ++end;
        const double repeats = static_cast<double>(end - i);
        points.values.push_back(sorted[i]);
        points.weights.push_back(repeats);
        points.sums.push_back(repeats * sorted[i]);
        i = end;
    }
    return points;
}

WeightedPoints histogramPoints(const float* data, size_t count, size_t binCount) {
    float min = data[0];
    float max = data[0];
    for (size_t i = 1; i < count; ++i) {
        min = std::min(min, data[i]);
        max = std::max(max, data[i]);
    }
    if (min == max)
        return WeightedPoints{{min}, {static_cast<double>(count)}, {static_cast<double>(count) * min}};
    const double binsPerUnit = static_cast<double>(binCount) / (static_cast<double>(max) - static_cast<double>(min));
    const auto lastBin = static_cast<int64_t>(binCount) - 1;
    std::vector<uint32_t> counts(binCount, 0);
    std::vector<double> sums(binCount, 0.0);
    for (size_t i = 0; i < count; ++i) {
        const auto bin = std::min(lastBin, static_cast<int64_t>((static_cast<double>(data[i]) - min) * binsPerUnit));
        ++counts[static_cast<size_t>(bin)];
        sums[static_cast<size_t>(bin)] += data[i];
    }
    WeightedPoints points;
    for (size_t bin = 0; bin < binCount; ++bin) {
        if (counts[bin] == 0)
            continue;
        const double mean = sums[bin] / counts[bin];
        points.values.push_back(points.values.empty() ? mean : std::max(mean, points.values.back()));
        points.weights.push_back(counts[bin]);
        points.sums.push_back(sums[bin]);
    }
    return points;
}

} // namespace

WeightedPoints WeightedPoints::fromValues(const float* data, size_t count, size_t maxPoints) {
    if (count == 0)
        return {};
    if (count <= maxPoints)
        return exactPoints(data, count);
    return histogramPoints(data, count, maxPoints);
}

} // namespace qs
