#include "quant/quantscheme.h"
#include "quant/weightquantizerfactory.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace qs;

TEST_CASE("activations must be uniform 8 or 16 bit per tensor", "[quant][scheme]") {
    QuantScheme scheme;
    CHECK_NOTHROW(scheme.validate(TensorRole::Activation, "conv1"));
    scheme.bits = 16;
    CHECK_NOTHROW(scheme.validate(TensorRole::Activation, "conv1"));
    scheme.bits = 4;
    CHECK_THROWS_WITH(scheme.validate(TensorRole::Activation, "conv1"),
                      Catch::Contains("conv1") && Catch::Contains("uniform 8 or 16 bits") &&
                          Catch::Contains("QuantizeLinear"));
    scheme.bits = 8;
    scheme.kind = SchemeKind::Log;
    CHECK_THROWS_WITH(scheme.validate(TensorRole::Activation, "fc"), Catch::Contains("fc"));
    scheme.kind = SchemeKind::Codebook;
    CHECK_THROWS_AS(scheme.validate(TensorRole::Activation, "fc"), Error);
    scheme.kind = SchemeKind::Uniform;
    scheme.granularity = Granularity::PerChannel;
    CHECK_THROWS_WITH(scheme.validate(TensorRole::Activation, "fc"), Catch::Contains("per tensor"));
    scheme.kind = SchemeKind::Float;
    CHECK_NOTHROW(scheme.validate(TensorRole::Activation, "fc"));
}

TEST_CASE("weight schemes have their own bit limits", "[quant][scheme]") {
    struct Case {
        SchemeKind kind;
        int bits;
        bool valid;
    };
    const std::vector<Case> cases = {
        {SchemeKind::Uniform, 2, true},   {SchemeKind::Uniform, 16, true}, {SchemeKind::Uniform, 1, false},
        {SchemeKind::Uniform, 17, false}, {SchemeKind::Log, 3, true},      {SchemeKind::Log, 8, true},
        {SchemeKind::Log, 2, false},      {SchemeKind::Codebook, 1, true}, {SchemeKind::Codebook, 8, true},
        {SchemeKind::Codebook, 9, false}, {SchemeKind::Float, 32, true},
    };
    for (const Case& c : cases) {
        QuantScheme scheme;
        scheme.kind = c.kind;
        scheme.bits = c.bits;
        scheme.granularity = Granularity::PerChannel;
        INFO(scheme.describe());
        if (c.valid)
            CHECK_NOTHROW(scheme.validate(TensorRole::Weight, "layer"));
        else
            CHECK_THROWS_WITH(scheme.validate(TensorRole::Weight, "layer7"), Catch::Contains("layer7"));
    }
}

TEST_CASE("scheme names and descriptions", "[quant][scheme]") {
    for (SchemeKind kind : {SchemeKind::Float, SchemeKind::Uniform, SchemeKind::Log, SchemeKind::Codebook})
        CHECK(parseSchemeKind(schemeKindName(kind)) == kind);
    CHECK_THROWS_WITH(parseSchemeKind("ternary"), Catch::Contains("ternary"));
    QuantScheme scheme;
    scheme.granularity = Granularity::PerChannel;
    CHECK(scheme.describe() == "uniform int8 per-channel symmetric");
    scheme.kind = SchemeKind::Codebook;
    scheme.bits = 4;
    scheme.granularity = Granularity::PerTensor;
    CHECK(scheme.describe() == "codebook 4-bit per-tensor");
}

TEST_CASE("the factory builds the quantizer of a scheme", "[quant][scheme]") {
    const std::vector<float> data = {-1.0f, -0.25f, 0.5f, 1.0f};
    QuantScheme scheme;
    for (SchemeKind kind : {SchemeKind::Uniform, SchemeKind::Log, SchemeKind::Codebook}) {
        scheme.kind = kind;
        scheme.bits = 4;
        const auto quantizer = makeWeightQuantizer(scheme, "fc");
        const WeightQuantization result = quantizer->quantize({"fc.weight", data.data(), {2, 2}, 0});
        CHECK(result.scheme == kind);
        CHECK(result.bits == 4);
        CHECK(result.dequantized.size() == 4);
    }
    scheme.kind = SchemeKind::Float;
    CHECK_THROWS_AS(makeWeightQuantizer(scheme, "fc"), Error);
    scheme.kind = SchemeKind::Log;
    scheme.bits = 12;
    CHECK_THROWS_WITH(makeWeightQuantizer(scheme, "fc"), Catch::Contains("fc"));
}
