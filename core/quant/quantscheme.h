#pragma once
// How one tensor is quantized: the scheme, its bit width and granularity, with the rules that say which schemes a
// weight or an activation may use.

#include <string>

namespace qs {

/// The family of number formats a tensor is stored in after quantization.
enum class SchemeKind { Float, Uniform, Log, Codebook };

/// One set of quantization parameters for the whole tensor, or one per output channel.
enum class Granularity { PerTensor, PerChannel };

/// Symmetric ranges are centred on zero ([-t, t]); asymmetric ranges follow the data ([min, max]).
enum class RangeMode { Symmetric, Asymmetric };

/// Whether integer codes are signed (int8) or unsigned (uint8).
enum class Signedness { Signed, Unsigned };

/// What a tensor is to its layer: activations are quantized at run time, weights once ahead of time.
enum class TensorRole { Weight, Activation };

/// The quantization of one tensor as chosen by the user for a layer.
struct QuantScheme {
    SchemeKind kind = SchemeKind::Uniform;
    int bits = 8;
    Granularity granularity = Granularity::PerTensor;
    RangeMode rangeMode = RangeMode::Symmetric;
    Signedness signedness = Signedness::Signed;

    /// Throws qs::Error naming `layerName` when this scheme is not allowed for `role`: activations must be uniform
    /// 8 or 16 bit per tensor (the only form standard runtimes execute with QuantizeLinear); weights may be uniform
    /// 2-16 bit, log 3-8 bit, codebook 1-8 bit or float.
    void validate(TensorRole role, const std::string& layerName) const;

    /// Short description for tables and logs, e.g. "uniform int8 per-channel symmetric", "codebook 4-bit".
    std::string describe() const;
};

/// Lower-case name: "float", "uniform", "log", "codebook".
std::string schemeKindName(SchemeKind kind);

/// Inverse of schemeKindName; throws qs::Error listing the valid names.
SchemeKind parseSchemeKind(const std::string& name);

/// Bit-width limits of each scheme for weights (inclusive).
int minimumWeightBits(SchemeKind kind);
int maximumWeightBits(SchemeKind kind);

} // namespace qs
