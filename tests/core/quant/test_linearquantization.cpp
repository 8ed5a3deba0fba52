#include "quant/linearquantization.h"
#include "quant/quantparams.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace qs;

TEST_CASE("quantizeLinearValue rounds half to even", "[quant][uniform]") {
    const std::vector<std::pair<float, int32_t>> cases = {
        {0.5f, 0}, {1.5f, 2}, {2.5f, 2}, {3.5f, 4}, {-0.5f, 0}, {-1.5f, -2}, {-2.5f, -2}, {0.49f, 0}, {0.51f, 1}};
    for (const auto& [x, expected] : cases) {
        INFO("x = " << x);
        CHECK(quantizeLinearValue(x, 1.0f, 0, -128, 127) == expected);
        int32_t vectorCode = 99;
        quantizeLinear(&x, 1, 1.0f, 0, -128, 127, &vectorCode);
        CHECK(vectorCode == expected);
    }
}

TEST_CASE("rounding happens before the zero point is added", "[quant][uniform]") {
    // round(0.5) + 1 = 1, whereas round(0.5 + 1) would give 2.
    CHECK(quantizeLinearValue(0.5f, 1.0f, 1, 0, 255) == 1);
    const float x = 0.5f;
    int32_t code = 0;
    quantizeLinear(&x, 1, 1.0f, 1, 0, 255, &code);
    CHECK(code == 1);
}

TEST_CASE("quantization saturates at qmin and qmax", "[quant][uniform]") {
    struct Range {
        int bits;
        Signedness signedness;
    };
    for (const Range range : {Range{8, Signedness::Signed}, Range{8, Signedness::Unsigned}, Range{4, Signedness::Signed},
                              Range{16, Signedness::Signed}, Range{4, Signedness::Unsigned}}) {
        const int32_t qmin = integerMin(range.bits, range.signedness);
        const int32_t qmax = integerMax(range.bits, range.signedness);
        INFO("bits " << range.bits << " qmin " << qmin << " qmax " << qmax);
        const std::vector<float> values = {1e9f, -1e9f, float(qmax) + 0.6f, float(qmin) - 0.6f,
                                           std::numeric_limits<float>::infinity(),
                                           -std::numeric_limits<float>::infinity(), float(qmax), float(qmin)};
        const std::vector<int32_t> expected = {qmax, qmin, qmax, qmin, qmax, qmin, qmax, qmin};
        std::vector<int32_t> codes(values.size(), 0);
        quantizeLinear(values.data(), values.size(), 1.0f, 0, qmin, qmax, codes.data());
        for (size_t i = 0; i < values.size(); ++i) {
            CHECK(quantizeLinearValue(values[i], 1.0f, 0, qmin, qmax) == expected[i]);
            CHECK(codes[i] == expected[i]);
        }
    }
    CHECK(integerMin(8, Signedness::Signed) == -128);
    CHECK(integerMax(8, Signedness::Unsigned) == 255);
    CHECK(integerMin(4, Signedness::Signed) == -8);
    CHECK(integerMax(16, Signedness::Signed) == 32767);
}

TEST_CASE("vectorized quantization matches the scalar definition", "[quant][uniform]") {
    std::mt19937 generator(7);
    std::normal_distribution<float> normal(0.0f, 3.0f);
    std::vector<float> values(20000);
    for (size_t i = 0; i < values.size(); ++i)
        values[i] = i % 3 == 0 ? 0.1f * std::round(normal(generator) * 10.0f) / 2.0f : normal(generator);
    for (const float scale : {0.05f, 0.1f, 0.0123f}) {
        for (const int32_t zeroPoint : {0, 3, -7, 128}) {
            const int32_t qmin = zeroPoint >= 0 && zeroPoint != 3 ? 0 : -128;
            const int32_t qmax = qmin == 0 ? 255 : 127;
            std::vector<int32_t> codes(values.size(), 0);
            quantizeLinear(values.data(), values.size(), scale, zeroPoint, qmin, qmax, codes.data());
            size_t mismatches = 0;
            for (size_t i = 0; i < values.size(); ++i)
                mismatches += codes[i] != quantizeLinearValue(values[i], scale, zeroPoint, qmin, qmax) ? 1 : 0;
            CHECK(mismatches == 0);
        }
    }
}

TEST_CASE("x / scale is computed in float32", "[quant][uniform]") {
    // In float32 this quotient is exactly 27.5 (ties to even: 28); the exact quotient is 27.4999992 (rounds to 27).
    const float x = 0.278114021f;
    const float scale = 0.0101132374f;
    REQUIRE(x / scale == 27.5f);
    REQUIRE(double(x) / double(scale) < 27.5);
    CHECK(quantizeLinearValue(x, scale, 0, -128, 127) == 28);
    int32_t code = 0;
    quantizeLinear(&x, 1, scale, 0, -128, 127, &code);
    CHECK(code == 28);
}

TEST_CASE("dequantize is (q - zero point) * scale", "[quant][uniform]") {
    CHECK(dequantizeLinearValue(130, 0.5f, 128) == 1.0f);
    CHECK(dequantizeLinearValue(-3, 0.25f, 0) == -0.75f);
    const std::vector<int32_t> codes = {0, 255, 128};
    std::vector<float> values(3, 0.0f);
    dequantizeLinear(codes.data(), codes.size(), 0.5f, 128, values.data());
    CHECK(values == std::vector<float>{-64.0f, 63.5f, 0.0f});
}

TEST_CASE("parameters from a range follow the asymmetric and symmetric formulas", "[quant][uniform]") {
    SECTION("asymmetric uint8 with the range extended to zero") {
        const QuantParams params = uniformParamsFromRange(1.0f, 5.1f, 8, Signedness::Unsigned, RangeMode::Asymmetric);
        CHECK(params.scales[0] == Approx(5.1 / 255.0));
        CHECK(params.zeroPoints[0] == 0);
        CHECK(params.qmin == 0);
        CHECK(params.qmax == 255);
    }
    SECTION("asymmetric uint8 with a negative minimum") {
        const QuantParams params = uniformParamsFromRange(-1.0f, 3.0f, 8, Signedness::Unsigned, RangeMode::Asymmetric);
        CHECK(params.scales[0] == Approx(4.0 / 255.0));
        CHECK(params.zeroPoints[0] == 64); // round(0 + 1 / (4 / 255)) = round(63.75)
    }
    SECTION("symmetric int8 uses the narrow range and zero point 0") {
        const QuantParams params = uniformParamsFromRange(-2.0f, 1.0f, 8, Signedness::Signed, RangeMode::Symmetric);
        CHECK(params.qmin == -127);
        CHECK(params.qmax == 127);
        CHECK(params.scales[0] == Approx(2.0 / 127.0));
        CHECK(params.zeroPoints[0] == 0);
    }
    SECTION("symmetric uint8 centres the zero point") {
        const QuantParams params = uniformParamsFromRange(-2.0f, 1.0f, 8, Signedness::Unsigned, RangeMode::Symmetric);
        CHECK(params.zeroPoints[0] == 128);
        CHECK(params.scales[0] == Approx(4.0 / 255.0));
    }
    SECTION("an all-zero range gives scale 1") {
        const QuantParams params = uniformParamsFromRange(0.0f, 0.0f, 8, Signedness::Signed, RangeMode::Asymmetric);
        CHECK(params.scales[0] == 1.0f);
        CHECK(params.zeroPoints[0] == 0);
    }
    SECTION("bit widths outside 2..16 are rejected") {
        CHECK_THROWS_AS(uniformParamsFromRange(-1.0f, 1.0f, 1, Signedness::Signed, RangeMode::Symmetric), Error);
        CHECK_THROWS_AS(uniformParamsFromRange(-1.0f, 1.0f, 17, Signedness::Signed, RangeMode::Symmetric), Error);
    }
}

TEST_CASE("uniform round trip error is at most half a step inside the range", "[quant][uniform]") {
    std::mt19937 generator(11);
    std::uniform_real_distribution<float> uniform(-3.0f, 7.0f);
    for (const int bits : {2, 4, 8, 16}) {
        for (const RangeMode mode : {RangeMode::Symmetric, RangeMode::Asymmetric}) {
            for (const Signedness signedness : {Signedness::Signed, Signedness::Unsigned}) {
                const QuantParams params = uniformParamsFromRange(-3.0f, 7.0f, bits, signedness, mode);
                const float scale = params.scales[0];
                double worst = 0.0;
                for (int i = 0; i < 5000; ++i) {
                    const float x = uniform(generator);
                    const int32_t q = quantizeLinearValue(x, scale, params.zeroPoints[0], params.qmin, params.qmax);
                    const float back = dequantizeLinearValue(q, scale, params.zeroPoints[0]);
                    worst = std::max(worst, std::fabs(double(x) - double(back)));
                }
                INFO("bits " << bits << " symmetric " << (mode == RangeMode::Symmetric));
                // float32 rounding of x / scale and of the result adds a few ulps of |x| <= 7.
                CHECK(worst <= scale * 0.5 + 8.0 * 7.0 * std::numeric_limits<float>::epsilon());
            }
        }
    }
}
