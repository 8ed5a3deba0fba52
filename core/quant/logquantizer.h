#pragma once
// Logarithmic (power-of-two) weight quantization: each weight becomes sign * scale * 2^-k or exactly zero.
// With b bits there is one sign bit and 2^(b-1) magnitude codes: code 0 is zero, codes m = 1..L (L = 2^(b-1) - 1)
// are scale * 2^(m - L), so the largest level equals the scale, which is max|x| of the group.
// Each weight goes to the level nearest to it in the linear domain (not in the log domain), which minimizes the
// squared error for the given levels.

#include "quant/weightquantizer.h"

namespace qs {

struct LogOptions {
    int bits = 4;
    Granularity granularity = Granularity::PerTensor;
};

class LogQuantizer : public WeightQuantizer {
public:
    /// Throws qs::Error if bits is outside 3..8.
    explicit LogQuantizer(const LogOptions& options);

    /// codes[i] is in [-L, L]; tables[g] holds the L + 1 magnitudes {0, scale * 2^(1-L), ..., scale}.
    WeightQuantization quantize(const WeightView& weight) const override;

    /// The magnitudes {0, scale * 2^(1-L), ..., scale} for `bits` bits.
    static std::vector<float> levels(float scale, int bits);

    /// Index into `magnitudes` (sorted ascending) of the level nearest to |value|.
    static int32_t nearestLevel(float value, const std::vector<float>& magnitudes);

private:
    LogOptions options_;
};

} // namespace qs
