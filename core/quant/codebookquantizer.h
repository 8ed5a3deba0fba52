#pragma once
// Weight sharing by k-means: each group (the tensor or one output channel) gets a codebook of 2^bits centroids and
// every weight is stored as the index of its nearest centroid.
// Fast for large tensors: the clustering runs on at most `maxPoints` sorted weighted points (the distinct values, or
// fine histogram bins for big groups) with O(k log n) Lloyd steps; then one exact Lloyd step on the real values
// (assign, move each centroid to the mean of its weights) and a final exact nearest-centroid assignment.

#include "quant/kmeans1d.h"
#include "quant/weightquantizer.h"

namespace qs {

struct CodebookOptions {
    int bits = 4;                                   ///< 1..8: 2 to 256 centroids
    Granularity granularity = Granularity::PerTensor;
    CodebookInit init = CodebookInit::Density;
    uint64_t seed = 1;                              ///< for k-means++
    int maxIterations = 1000;
    size_t maxPoints = 65536;                       ///< histogram resolution for large groups
};

class CodebookQuantizer : public WeightQuantizer {
public:
    /// Throws qs::Error if bits is outside 1..8.
    explicit CodebookQuantizer(const CodebookOptions& options);

    /// codes[i] indexes tables[g], the sorted centroids (2^bits of them) of element i's group.
    WeightQuantization quantize(const WeightView& weight) const override;

    /// Sorted centroids for `count` values (exactly 2^bits entries).
    std::vector<float> fitCodebook(const float* values, size_t count) const;

    /// Writes to indices[i] the index of the centroid nearest to values[i] (`centroids` sorted ascending).
    static void assignNearest(const float* values, size_t count, const std::vector<float>& centroids,
                              int32_t* indices);

private:
    /// assignNearest that also sums the values and counts per centroid.
    static void assignAndAccumulate(const float* values, size_t count, const std::vector<float>& centroids,
                                    int32_t* indices, std::vector<double>& sums, std::vector<double>& counts);
    void quantizeGroup(const float* values, size_t count, std::vector<float>& centroids, int32_t* indices) const;

    CodebookOptions options_;
};

} // namespace qs
