#include "quant/quantscheme.h"

#include "util/error.h"

namespace qs {

namespace {

void validateActivation(const QuantScheme& scheme, const std::string& layerName) {
    const bool uniform = scheme.kind == SchemeKind::Uniform;
    if (scheme.kind == SchemeKind::Float)
        return;
    if (!uniform || (scheme.bits != 8 && scheme.bits != 16))
        throw Error("layer '" + layerName + "': activations can only be uniform 8 or 16 bits because only that maps to "
                    "standard runtimes (QuantizeLinear); got " + scheme.describe());
    if (scheme.granularity != Granularity::PerTensor)
        throw Error("layer '" + layerName + "': activations are quantized per tensor (QuantizeLinear on a "
                    "run-time tensor has one scale); per-channel applies to weights only");
}

void validateWeight(const QuantScheme& scheme, const std::string& layerName) {
    if (scheme.kind == SchemeKind::Float)
        return;
    const int lowest = minimumWeightBits(scheme.kind);
    const int highest = maximumWeightBits(scheme.kind);
    if (scheme.bits < lowest || scheme.bits > highest)
        throw Error("layer '" + layerName + "': " + schemeKindName(scheme.kind) + " weights need " +
                    std::to_string(lowest) + " to " + std::to_string(highest) + " bits, got " +
                    std::to_string(scheme.bits));
}

} // namespace

void QuantScheme::validate(TensorRole role, const std::string& layerName) const {
    if (role == TensorRole::Activation)
        validateActivation(*this, layerName);
    else
        validateWeight(*this, layerName);
}

std::string QuantScheme::describe() const {
    if (kind == SchemeKind::Float)
        return "float";
    std::string text = schemeKindName(kind) + " ";
    if (kind == SchemeKind::Uniform)
        text += (signedness == Signedness::Signed ? "int" : "uint") + std::to_string(bits);
    else
        text += std::to_string(bits) + "-bit";
    text += granularity == Granularity::PerChannel ? " per-channel" : " per-tensor";
    if (kind == SchemeKind::Uniform)
        text += rangeMode == RangeMode::Symmetric ? " symmetric" : " asymmetric";
    return text;
}

std::string schemeKindName(SchemeKind kind) {
    switch (kind) {
    case SchemeKind::Float: return "float";
    case SchemeKind::Uniform: return "uniform";
    case SchemeKind::Log: return "log";
    case SchemeKind::Codebook: return "codebook";
    }
    return "unknown";
}

SchemeKind parseSchemeKind(const std::string& name) {
    for (SchemeKind kind : {SchemeKind::Float, SchemeKind::Uniform, SchemeKind::Log, SchemeKind::Codebook})
        if (schemeKindName(kind) == name)
            return kind;
    throw Error("unknown quantization scheme '" + name + "' (expected float, uniform, log or codebook)");
}

int minimumWeightBits(SchemeKind kind) {
    switch (kind) {
    case SchemeKind::Uniform: return 2;
    case SchemeKind::Log: return 3;
    case SchemeKind::Codebook: return 1;
    case SchemeKind::Float: return 16;
    }
    return 0;
}

int maximumWeightBits(SchemeKind kind) {
    switch (kind) {
    case SchemeKind::Uniform: return 16;
    case SchemeKind::Log: return 8;
    case SchemeKind::Codebook: return 8;
    case SchemeKind::Float: return 32;
    }
    return 0;
}

} // namespace qs
