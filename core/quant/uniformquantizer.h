#pragma once
// Uniform (affine) weight quantization, 2-16 bits, per tensor or per output channel, with scales and zero points
// from each group's [min, max] and codes computed exactly as ONNX QuantizeLinear computes them.

#include "quant/weightquantizer.h"

namespace qs {

struct UniformOptions {
    int bits = 8;
    Signedness signedness = Signedness::Signed;
    RangeMode rangeMode = RangeMode::Symmetric;
    Granularity granularity = Granularity::PerTensor;
};

class UniformQuantizer : public WeightQuantizer {
public:
    /// Throws qs::Error if bits is outside 2..16.
    explicit UniformQuantizer(const UniformOptions& options);

    WeightQuantization quantize(const WeightView& weight) const override;

private:
    UniformOptions options_;
};

} // namespace qs
