#pragma once
// Range that clips the rarest values: asymmetric mode takes the (100 - p)th and pth percentiles of x; symmetric mode
// takes the pth percentile t of |x| and returns [-t, t]. p = 99.99 by default.

#include "quant/rangeestimator.h"

namespace qs {

class PercentileEstimator : public RangeEstimator {
public:
    /// `percentile` in (0, 100]; throws qs::Error otherwise.
    explicit PercentileEstimator(double percentile = 99.99, RangeMode mode = RangeMode::Symmetric);

    std::string name() const override { return "percentile"; }
    ActivationRange estimate(const TensorHistogram& histogram, const std::string& tensorName) const override;

private:
    double absolutePercentile(const TensorHistogram& histogram) const;

    double percentile_;
    RangeMode mode_;
};

} // namespace qs
