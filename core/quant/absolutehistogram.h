#pragma once
// The histogram of |x| derived from a TensorHistogram of x: the negative half is mirrored onto the positive one.
// Entropy and MSE calibration search a threshold on |x| over its bins.

#include "quant/tensorhistogram.h"

#include <cstddef>
#include <vector>

namespace qs {

/// Which values a folded histogram holds: all of them as |x|, or only one sign's.
enum class HistogramSide { Both, Positive, Negative };

struct AbsoluteHistogram {
    std::vector<double> counts;   ///< bins of equal width over [0, absMax]
    double binWidth = 0.0;
    double absMax = 0.0;

    /// Folds `histogram` into `binCount` bins, spreading each source bin over the bins it overlaps in proportion.
    /// With `side` Positive (Negative) only the values above (below) zero are kept, as |x|.
    static AbsoluteHistogram fold(const TensorHistogram& histogram, size_t binCount,
                                  HistogramSide side = HistogramSide::Both);
};

} // namespace qs
