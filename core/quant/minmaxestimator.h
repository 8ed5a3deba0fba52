#pragma once
// Range = the observed minimum and maximum (symmetric mode: [-max|x|, max|x|]). Never clips; sensitive to outliers.

#include "quant/rangeestimator.h"

namespace qs {

class MinMaxEstimator : public RangeEstimator {
public:
    explicit MinMaxEstimator(RangeMode mode = RangeMode::Asymmetric) : mode_(mode) {}

    std::string name() const override { return "minmax"; }
    ActivationRange estimate(const TensorHistogram& histogram, const std::string& tensorName) const override;

private:
    RangeMode mode_;
};

} // namespace qs
