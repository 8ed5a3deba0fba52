#pragma once
// A streaming histogram of the values a tensor takes over a calibration run. Batches are added one by one;
// when a batch falls outside the current range the bin width grows by a power of two and old bins merge whole
// into new ones, so counts are never smeared and the total count, minimum and maximum stay exact.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qs {

class TensorHistogram {
public:
    /// `binCount` must be at least 2048 (throws qs::Error otherwise) so that range estimators have enough
    /// resolution.
    explicit TensorHistogram(size_t binCount = 2048);

    /// Everything a histogram holds, e.g. to save it with a project and restore it without a new calibration.
    struct State {
        double lowerEdge = 0.0;
        double binWidth = 0.0;
        std::vector<double> counts;
        uint64_t totalCount = 0;
        uint64_t nonFiniteCount = 0;
        float minValue = 0.0f;
        float maxValue = 0.0f;
    };
    State state() const;
    /// Rebuilds a histogram from state(); throws qs::Error when the state is inconsistent (too few bins,
    /// a non-positive or non-finite bin width, negative or non-finite counts, extremes outside the bins).
    static TensorHistogram fromState(State state);

    /// Adds `count` values. NaN and inf are not binned; they are counted in nonFiniteCount().
    void add(const float* data, size_t count);

    /// Adds every value of `other` (bins of `other` are spread over the bins they overlap in proportion).
    void merge(const TensorHistogram& other);

    bool empty() const { return totalCount_ == 0; }
    size_t binCount() const { return counts_.size(); }
    double lowerEdge() const { return lower_; }
    double upperEdge() const { return lower_ + binWidth_ * static_cast<double>(counts_.size()); }
    double binWidth() const { return binWidth_; }
    double binCenter(size_t bin) const { return lower_ + (static_cast<double>(bin) + 0.5) * binWidth_; }
    const std::vector<double>& counts() const { return counts_; }

    /// Number of finite values added.
    uint64_t totalCount() const { return totalCount_; }
    uint64_t nonFiniteCount() const { return nonFiniteCount_; }
    /// Exact extremes of the finite values added (0 when empty).
    float minValue() const { return min_; }
    float maxValue() const { return max_; }

    /// Estimated number of values <= x (linear inside a bin).
    double countBelow(double x) const;

    /// Value below which `fraction` (0..1) of the values lie, interpolated inside bins and clamped to [min,
    /// max].
    double quantile(double fraction) const;

private:
    void start(float min, float max);
    void growToCover(float min, float max);
    size_t binOf(float value) const;

    std::vector<double> counts_;
    double lower_ = 0.0;
    double binWidth_ = 0.0;
    uint64_t totalCount_ = 0;
    uint64_t nonFiniteCount_ = 0;
    float min_ = 0.0f;
    float max_ = 0.0f;
};

} // namespace qs
