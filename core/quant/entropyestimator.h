#pragma once
// Entropy (KL-divergence) calibration: scans thresholds t over the histogram of |x|; for each, the reference
// distribution P is the bins below t with everything above t added to the last bin, and Q is P quantized into
// 2^(bits-1) levels (2^bits for non-negative data in asymmetric mode) and expanded back over the non-empty bins.
// The threshold with the smallest KL(P || Q) wins (the largest one on ties). Clips outliers while keeping the
// shape of the bulk. Asymmetric ranges over data of both signs search each sign's side separately with half of
// the codes, so a dense mode on one side does not set the clipping of the other.

#include "quant/rangeestimator.h"

#include <vector>

namespace qs {

class EntropyEstimator : public RangeEstimator {
public:
    /// `binCount` is the resolution of the |x| histogram searched (at least 2048).
    explicit EntropyEstimator(const RangeOptions& options = {}, size_t binCount = 2048);

    std::string name() const override { return "entropy"; }
    ActivationRange estimate(const TensorHistogram& histogram, const std::string& tensorName) const override;

    /// KL(P || Q) for the threshold at bin `thresholdBin` of `counts` quantized into `levels` levels.
    static double divergence(const std::vector<double>& counts, size_t thresholdBin, size_t levels);
    /// The threshold bin with the smallest divergence over `counts`, the largest on ties.
    static size_t bestThresholdBin(const std::vector<double>& counts, size_t levels);

private:
    RangeOptions options_;
    size_t binCount_;
};

} // namespace qs
