#include "quant/codebookquantizer.h"

#include "quant/channellayout.h"
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
void moveToMeans(const float* values, size_t count, const int32_t* indices, std::vector<float>& centroids) {
    std::vector<double> sums(centroids.size(), 0.0);
    std::vector<double> counts(centroids.size(), 0.0);
    for (size_t i = 0; i < count; ++i) {
        sums[static_cast<size_t>(indices[i])] += values[i];
        counts[static_cast<size_t>(indices[i])] += 1.0;
    }
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
    const size_t k = centroids.size();
    std::vector<float> midpoints(k > 1 ? k - 1 : 0, 0.0f);
    for (size_t j = 0; j + 1 < k; ++j)
        midpoints[j] = centroids[j] + 0.5f * (centroids[j + 1] - centroids[j]);
    size_t searchSpan = 1;
    while (searchSpan < k)
        searchSpan *= 2;
    midpoints.resize(searchSpan > 0 ? searchSpan - 1 : 0, centroids.empty() ? 0.0f : centroids.back());
    for (size_t j = k > 0 ? k - 1 : 0; j < midpoints.size(); ++j)
        midpoints[j] = std::numeric_limits<float>::infinity();
    const float* mids = midpoints.data();
    for (size_t i = 0; i < count; ++i) {
        const float x = values[i];
        size_t index = 0;
        for (size_t step = searchSpan / 2; step > 0; step /= 2)
            index += (x > mids[index + step - 1]) ? step : 0;
        if (index + 1 < k && distance(x, centroids[index + 1]) < distance(x, centroids[index]))
            ++index;
        else if (index > 0 && distance(x, centroids[index - 1]) < distance(x, centroids[index]))
            --index;
        indices[i] = static_cast<int32_t>(index);
    }
}

void CodebookQuantizer::quantizeGroup(const float* values, size_t count, std::vector<float>& centroids,
                                      int32_t* indices) const {
    centroids = fitCodebook(values, count);
    if (count == 0)
        return;
    assignNearest(values, count, centroids, indices);
    moveToMeans(values, count, indices, centroids);
    assignNearest(values, count, centroids, indices);
}

WeightQuantization CodebookQuantizer::quantize(const WeightView& weight) const {
    const bool perChannel = options_.granularity == Granularity::PerChannel;
    const size_t count = elementCountOf(weight.dims, weight.name);
    checkWeightValues(weight, count);
    const ChannelLayout layout = perChannel ? ChannelLayout::alongAxis(weight.dims, weight.channelAxis, weight.name)
                                            : ChannelLayout::wholeTensor(count);
    const int rank = static_cast<int>(weight.dims.size());
    WeightQuantization result;
    result.scheme = SchemeKind::Codebook;
    result.bits = options_.bits;
    result.axis = perChannel ? (weight.channelAxis < 0 ? weight.channelAxis + rank : weight.channelAxis) : -1;
    result.codes.resize(count);
    result.dequantized.resize(count);
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
