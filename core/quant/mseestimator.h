#pragma once
// MSE calibration: picks the range whose expected squared quantization error over the histogram is smallest.
// For a candidate threshold t the error of a bin centred at x is (|x| - t)^2 when x is clipped and step^2 / 12
// (uniform rounding noise) inside the range, with step = range width / number of intervals for the bit width.
// Candidates are 2048 evenly spaced thresholds up to max|x|, so the result is never worse than min/max in this model.

#include "quant/rangeestimator.h"

namespace qs {

class MseEstimator : public RangeEstimator {
public:
    explicit MseEstimator(const RangeOptions& options = {}, size_t candidateCount = 2048);

    std::string name() const override { return "mse"; }
    ActivationRange estimate(const TensorHistogram& histogram, const std::string& tensorName) const override;

    /// Expected mean squared quantization error of `range` over `histogram` for `bits` bits.
    static double expectedError(const TensorHistogram& histogram, const ActivationRange& range, int bits,
                                RangeMode mode);

private:
    RangeOptions options_;
    size_t candidateCount_;
};

} // namespace qs
