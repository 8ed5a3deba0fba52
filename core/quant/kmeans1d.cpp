#include "quant/kmeans1d.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace qs {

namespace {

std::vector<double> prefixSums(const std::vector<double>& values) {
    std::vector<double> prefix(values.size() + 1, 0.0);
    for (size_t i = 0; i < values.size(); ++i)
        prefix[i + 1] = prefix[i] + values[i];
    return prefix;
}

/// Uniform double in [0, 1) from the top 53 bits, identical on every platform.
double uniformUnit(std::mt19937_64& generator) {
    return static_cast<double>(generator() >> 11) * (1.0 / 9007199254740992.0);
}

/// Index of the first point of each cluster after the first, i.e. the partition boundaries for sorted centroids.
void partition(const WeightedPoints& points, const std::vector<double>& centroids, std::vector<size_t>& bounds) {
    bounds.resize(centroids.size() + 1);
    bounds.front() = 0;
    bounds.back() = points.size();
    for (size_t j = 0; j + 1 < centroids.size(); ++j) {
        const double midpoint = 0.5 * (centroids[j] + centroids[j + 1]);
        bounds[j + 1] = static_cast<size_t>(
            std::upper_bound(points.values.begin(), points.values.end(), midpoint) - points.values.begin());
    }
}

} // namespace

KMeans1D::KMeans1D(size_t clusterCount, CodebookInit init, uint64_t seed, int maxIterations)
    : clusterCount_(clusterCount), init_(init), seed_(seed), maxIterations_(maxIterations) {
    if (clusterCount < 1)
        throw Error("k-means needs at least one cluster");
}

std::vector<double> KMeans1D::initialCentroids(const WeightedPoints& points) const {
    if (points.size() == 0)
        return std::vector<double>(clusterCount_, 0.0);
    std::vector<double> centroids;
    switch (init_) {
    case CodebookInit::Density: centroids = densityInit(points); break;
    case CodebookInit::KMeansPlusPlus: centroids = plusPlusInit(points); break;
    case CodebookInit::Linear: centroids = linearInit(points); break;
    }
    std::sort(centroids.begin(), centroids.end());
    return centroids;
}

std::vector<double> KMeans1D::densityInit(const WeightedPoints& points) const {
    const double low = points.values.front();
    const double high = points.values.back();
    std::vector<double> centroids(clusterCount_, low);
    if (!(high > low))
        return centroids;
    constexpr size_t binCount = 1024;
    const double width = (high - low) / static_cast<double>(binCount);
    std::vector<double> mass(binCount, 0.0);
    for (size_t i = 0; i < points.size(); ++i) {
        const auto bin = static_cast<size_t>(std::min<double>(binCount - 1, (points.values[i] - low) / width));
        mass[bin] += points.weights[i];
    }
    for (double& m : mass)
        m = std::cbrt(m);
    const std::vector<double> cumulative = prefixSums(mass);
    for (size_t j = 0; j < clusterCount_; ++j) {
        const double target = cumulative.back() * (static_cast<double>(j) + 0.5) / static_cast<double>(clusterCount_);
        const auto it = std::upper_bound(cumulative.begin() + 1, cumulative.end(), target);
        const size_t bin = std::min(binCount - 1, static_cast<size_t>(it - (cumulative.begin() + 1)));
        const double inside = mass[bin] > 0.0 ? (target - cumulative[bin]) / mass[bin] : 0.5;
        centroids[j] = low + (static_cast<double>(bin) + std::clamp(inside, 0.0, 1.0)) * width;
    }
    return centroids;
}

std::vector<double> KMeans1D::plusPlusInit(const WeightedPoints& points) const {
    std::mt19937_64 generator(seed_);
    const size_t n = points.size();
    std::vector<double> distances(n, std::numeric_limits<double>::infinity());
    std::vector<double> centroids;
    const std::vector<double> cumulative = prefixSums(points.weights);
    const auto pick = [&](const std::vector<double>& cumulativeMass) {
        const double target = uniformUnit(generator) * cumulativeMass.back();
        const auto it = std::upper_bound(cumulativeMass.begin() + 1, cumulativeMass.end(), target);
        return std::min(n - 1, static_cast<size_t>(it - (cumulativeMass.begin() + 1)));
    };
    centroids.push_back(points.values[pick(cumulative)]);
    std::vector<double> mass(n + 1, 0.0);
    while (centroids.size() < clusterCount_) {
        const double latest = centroids.back();
        for (size_t i = 0; i < n; ++i) {
            const double d = points.values[i] - latest;
            distances[i] = std::min(distances[i], d * d);
            mass[i + 1] = mass[i] + points.weights[i] * distances[i];
        }
        if (mass.back() <= 0.0) {
            centroids.push_back(latest);
            continue;
        }
        centroids.push_back(points.values[pick(mass)]);
    }
    return centroids;
}

std::vector<double> KMeans1D::linearInit(const WeightedPoints& points) const {
    const double low = points.values.front();
    const double high = points.values.back();
    std::vector<double> centroids(clusterCount_, low);
    for (size_t j = 0; j < clusterCount_ && clusterCount_ > 1; ++j)
        centroids[j] = low + (high - low) * static_cast<double>(j) / static_cast<double>(clusterCount_ - 1);
    return centroids;
}

KMeansResult KMeans1D::fit(const WeightedPoints& points) const {
    KMeansResult result;
    result.centroids = initialCentroids(points);
    if (points.size() == 0) {
        result.converged = true;
        return result;
    }
    const std::vector<double> weightPrefix = prefixSums(points.weights);
    const std::vector<double> sumPrefix = prefixSums(points.sums);
    std::vector<size_t> bounds;
    std::vector<size_t> previousBounds;
    for (result.iterations = 0; result.iterations < maxIterations_; ++result.iterations) {
        partition(points, result.centroids, bounds);
        if (bounds == previousBounds) {
            result.converged = true;
            break;
        }
        for (size_t j = 0; j < result.centroids.size(); ++j) {
            const double weight = weightPrefix[bounds[j + 1]] - weightPrefix[bounds[j]];
            if (weight > 0.0)
                result.centroids[j] = (sumPrefix[bounds[j + 1]] - sumPrefix[bounds[j]]) / weight;
        }
        std::sort(result.centroids.begin(), result.centroids.end());
        previousBounds.swap(bounds);
    }
    return result;
}

std::string codebookInitName(CodebookInit init) {
    switch (init) {
    case CodebookInit::Density:
        return "density";
    case CodebookInit::KMeansPlusPlus:
        return "kmeans++";
    case CodebookInit::Linear:
        return "linear";
    }
    return "density";
}

} // namespace qs
