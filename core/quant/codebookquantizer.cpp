#include "quant/codebookquantizer.h"

#include "quant/channellayout.h"
#include "quant/weightgroups.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace {

double distance(float value, float centroid) {
    return std::fabs(static_cast<double>(value) - static_cast<double>(centroid));
}

/// Moves every used centroid to the mean of the values assigned to it; unused centroids stay where they are.
void moveToMeans(const std::vector<double>& sums, const std::vector<double>& counts, std::vector<float>& centroids) {
    for (size_t j = 0; j < centroids.size(); ++j)
        if (counts[j] > 0.0)
            centroids[j] = static_cast<float>(sums[j] / counts[j]);
    std::sort(centroids.begin(), centroids.end());
}

} // namespace

CodebookQuantizer::CodebookQuantizer(const CodebookOptions& options) : options_(options) {
    if (options.bits < 1 || options.bits > 8)
        throw Error("codebook quantization needs 1 to 8 bits, got " + std::to_string(options.bits));
    if (options.maxPoints < 2)
        throw Error("codebook quantization needs at least 2 histogram points");
}

std::vector<float> CodebookQuantizer::fitCodebook(const float* values, size_t count) const {
    const size_t clusterCount = size_t(1) << options_.bits;
    const WeightedPoints points = WeightedPoints::fromValues(values, count, options_.maxPoints);
    const KMeans1D kmeans(clusterCount, options_.init, options_.seed, options_.maxIterations);
    const KMeansResult fitted = kmeans.fit(points);
    std::vector<float> centroids(fitted.centroids.begin(), fitted.centroids.end());
    std::sort(centroids.begin(), centroids.end());
    return centroids;
}

void CodebookQuantizer::assignNearest(const float* values, size_t count, const std::vector<float>& centroids,
                                      int32_t* indices) {
    std::vector<double> sums;
    std::vector<double> counts;
    assignAndAccumulate(values, count, centroids, indices, sums, counts);
}

void CodebookQuantizer::assignAndAccumulate(const float* values, size_t count, const std::vector<float>& centroids,
                                            int32_t* indices, std::vector<double>& sums, std::vector<double>& counts) {
    sums.assign(centroids.size(), 0.0);
    counts.assign(centroids.size(), 0.0);
    const size_t k = centroids.size();
    if (k == 0)
        return;
    std::vector<float> midpoints(k - 1, 0.0f);
    for (size_t j = 0; j + 1 < k; ++j)
        midpoints[j] = centroids[j] + 0.5f * (centroids[j + 1] - centroids[j]);
    // A uniform grid over [first, last centroid] tells where to start the search: cellStart[g] is the number of
    // midpoints below the lower edge of cell g - 1, never more than the number below any x that falls in cell g.
    constexpr size_t cellCount = 4096;
    const double low = centroids.front();
    const double span = static_cast<double>(centroids.back()) - low;
    const double cellsPerUnit = span > 0.0 ? static_cast<double>(cellCount) / span : 0.0;
    std::vector<uint32_t> cellStart(cellCount, 0);
    for (size_t cell = 1; cell < cellCount; ++cell) {
        const auto edge = static_cast<float>(low + static_cast<double>(cell - 1) / cellsPerUnit);
        cellStart[cell] = static_cast<uint32_t>(
            std::lower_bound(midpoints.begin(), midpoints.end(), edge) - midpoints.begin());
    }
    const float magnitude = std::max(std::fabs(centroids.front()), std::fabs(centroids.back()));
    const float tolerance = 4.0f * std::numeric_limits<float>::epsilon() * magnitude;
    const float* mids = midpoints.data();
    const size_t midpointCount = midpoints.size();
    for (size_t i = 0; i < count; ++i) {
        const float x = values[i];
        const double position = (static_cast<double>(x) - low) * cellsPerUnit;
        const auto cell = static_cast<size_t>(std::clamp(position, 0.0, static_cast<double>(cellCount - 1)));
        size_t index = cellStart[cell];
        while (index < midpointCount && x > mids[index])
            ++index;
        // The float midpoints can be off by an ulp; settle values right at a midpoint by exact distances.
        const bool nearUpper = index < midpointCount && mids[index] - x <= tolerance;
        const bool nearLower = index > 0 && x - mids[index - 1] <= tolerance;
        if (nearUpper || nearLower) {
            if (index + 1 < k && distance(x, centroids[index + 1]) < distance(x, centroids[index]))
                ++index;
            else if (index > 0 && distance(x, centroids[index - 1]) < distance(x, centroids[index]))
                --index;
        }
        indices[i] = static_cast<int32_t>(index);
        sums[index] += x;
        counts[index] += 1.0;
    }
}

void CodebookQuantizer::quantizeGroup(const float* values, size_t count, std::vector<float>& centroids,
                                      int32_t* indices) const {
    centroids = fitCodebook(values, count);
    if (count == 0)
        return;
    std::vector<double> sums;
    std::vector<double> counts;
    assignAndAccumulate(values, count, centroids, indices, sums, counts);
    moveToMeans(sums, counts, centroids);
    assignNearest(values, count, centroids, indices);
}

WeightQuantization CodebookQuantizer::quantize(const WeightView& weight) const {
    const WeightGroups groups = WeightGroups::of(weight, options_.granularity);
    const size_t count = groups.elementCount;
    const ChannelLayout& layout = groups.layout;
    WeightQuantization result = groups.emptyResult(SchemeKind::Codebook, options_.bits);
    result.tables.resize(layout.channels);
    if (layout.channels == 1) {
        quantizeGroup(weight.data, count, result.tables[0], result.codes.data());
    } else {
        std::vector<float> values;
        std::vector<int32_t> indices;
        for (size_t channel = 0; channel < layout.channels; ++channel) {
            layout.gather(weight.data, channel, values);
            indices.resize(values.size());
            quantizeGroup(values.data(), values.size(), result.tables[channel], indices.data());
            layout.scatter(indices.data(), channel, result.codes.data());
        }
    }
    for (size_t channel = 0; channel < layout.channels; ++channel) {
        const std::vector<float>& centroids = result.tables[channel];
        layout.forEachRun(channel, [&](size_t begin, size_t length) {
            for (size_t i = begin; i < begin + length; ++i)
                result.dequantized[i] = centroids[static_cast<size_t>(result.codes[i])];
        });
    }
    result.meanSquaredError = meanSquaredDifference(weight.data, result.dequantized.data(), count);
    return result;
}

} // namespace qs
