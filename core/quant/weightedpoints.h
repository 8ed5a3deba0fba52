#pragma once
// A compact, sorted summary of many float values for one-dimensional clustering: distinct values (or fine histogram
// bins) with how many values each stands for and their sum.

#include <cstddef>
#include <vector>

namespace qs {

/// Points sorted by `values`; `weights[i]` values are represented by point i and `sums[i]` is their total, so a
/// cluster's mean is sum(sums) / sum(weights) over its points. Every weight is > 0.
struct WeightedPoints {
    std::vector<double> values;
    std::vector<double> weights;
    std::vector<double> sums;

    size_t size() const { return values.size(); }

    /// Exact points (the distinct values) when count <= maxPoints, otherwise maxPoints equal-width histogram bins
    /// between the minimum and the maximum, each placed at the mean of its values. Values must be finite.
    static WeightedPoints fromValues(const float* data, size_t count, size_t maxPoints);
};

} // namespace qs
