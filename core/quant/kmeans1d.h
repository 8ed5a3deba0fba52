#pragma once
// One-dimensional k-means (Lloyd's algorithm) on sorted weighted points. Because the points are sorted, each cluster
// is a contiguous range bounded by the midpoints between neighbouring centroids, so one Lloyd step is k binary
// searches plus prefix-sum differences: O(k log n) instead of O(n k).

#include "quant/weightedpoints.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// How the initial centroids are chosen.
enum class CodebookInit {
    Density,        ///< quantiles (j + 0.5) / k of the value density raised to the power 1/3 (the spacing that
                    ///< minimizes squared error for many levels), so Lloyd starts close to its optimum
    KMeansPlusPlus, ///< k-means++ seeding (squared-distance sampling) with a fixed seed
    Linear,         ///< evenly spaced between the minimum and the maximum
};

/// "density", "kmeans++" or "linear" (the names configs use).
std::string codebookInitName(CodebookInit init);

struct KMeansResult {
    std::vector<double> centroids;   ///< sorted ascending, exactly k of them (duplicates when there are fewer points)
    int iterations = 0;
    bool converged = false;
};

class KMeans1D {
public:
    KMeans1D(size_t clusterCount, CodebookInit init, uint64_t seed, int maxIterations);

    /// Runs initialization then Lloyd iterations until the partition stops changing or maxIterations is reached.
    KMeansResult fit(const WeightedPoints& points) const;

    /// The initial centroids only (sorted).
    std::vector<double> initialCentroids(const WeightedPoints& points) const;

private:
    std::vector<double> densityInit(const WeightedPoints& points) const;
    std::vector<double> plusPlusInit(const WeightedPoints& points) const;
    std::vector<double> linearInit(const WeightedPoints& points) const;

    size_t clusterCount_ = 2;
    CodebookInit init_ = CodebookInit::Density;
    uint64_t seed_ = 1;
    int maxIterations_ = 100;
};

} // namespace qs
