#pragma once
// The histogram of |x| derived from a TensorHistogram of x: the negative half is mirrored onto the positive one.
// Entropy and MSE calibration search a threshold on |x| over its bins.

#include "quant/tensorhistogram.h"

#include <cstddef>
#include <vector>

namespace qs {

struct AbsoluteHistogram {
    std::vector<double> counts;   ///< bins of equal width over [0, absMax]
    double binWidth = 0.0;
    double absMax = 0.0;

    /// Folds `histogram` into `binCount` bins, spreading each source bin over the bins it overlaps in proportion.
    static AbsoluteHistogram fold(const TensorHistogram& histogram, size_t binCount);
};

} // namespace qs
