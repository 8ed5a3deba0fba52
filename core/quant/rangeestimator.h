#pragma once
// The interface of activation range estimators: each looks at the histogram of values a tensor took during
// calibration and picks the float range [min, max] that uniform quantization maps onto its integer codes.

#include "quant/quantscheme.h"
#include "quant/tensorhistogram.h"

#include <string>

namespace qs {

/// A float range chosen for a tensor. Not yet extended to include zero; uniformParamsFromRange does that.
struct ActivationRange {
    float min = 0.0f;
    float max = 0.0f;
};

/// What the range will be used for: the bit width and whether the range is centred on zero.
struct RangeOptions {
    int bits = 8;
    RangeMode mode = RangeMode::Symmetric;
};

class RangeEstimator {
public:
    virtual ~RangeEstimator() = default;

    /// Short lower-case name: "minmax", "percentile", "entropy", "mse".
    virtual std::string name() const = 0;

    /// The range for the values summarized by `histogram`. Throws qs::Error naming `tensorName` when the histogram
    /// is empty (no finite value was observed).
    virtual ActivationRange estimate(const TensorHistogram& histogram, const std::string& tensorName) const = 0;
};

/// Throws the "no values observed" error for `tensorName` when `histogram` is empty.
void requireValues(const TensorHistogram& histogram, const std::string& tensorName);

/// Range [-t, t] for symmetric mode, otherwise [max(min, -t), min(max, t)]: a threshold on |x| applied to the data.
ActivationRange rangeFromThreshold(const TensorHistogram& histogram, double threshold, RangeMode mode);

} // namespace qs
