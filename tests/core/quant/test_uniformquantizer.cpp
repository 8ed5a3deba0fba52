#include "quant/channellayout.h"
#include "quant/linearquantization.h"
#include "quant/uniformquantizer.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace qs;

namespace {

/// Tensor of `dims` whose element at index `channel` along `axis` has magnitude up to (channel + 1).
std::vector<float> channelScaledTensor(const std::vector<int64_t>& dims, int axis, uint32_t seed) {
    const ChannelLayout layout = ChannelLayout::alongAxis(dims, axis, "test");
    std::vector<float> data(layout.elementCount(), 0.0f);
    std::mt19937 generator(seed);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    for (size_t channel = 0; channel < layout.channels; ++channel) {
        bool first = true;
        layout.forEachRun(channel, [&](size_t begin, size_t length) {
            for (size_t i = begin; i < begin + length; ++i) {
                data[i] = uniform(generator) * float(channel + 1);
                if (first)
                    data[i] = float(channel + 1);   // pin max|x| of the channel
                first = false;
            }
        });
    }
    return data;
}

void checkPerChannelScales(const std::vector<int64_t>& dims, int axis) {
    const std::vector<float> data = channelScaledTensor(dims, axis, 3);
    const UniformQuantizer quantizer({8, Signedness::Signed, RangeMode::Symmetric, Granularity::PerChannel});
    const WeightQuantization result = quantizer.quantize({"w", data.data(), dims, axis});
    const auto channels = static_cast<size_t>(dims[static_cast<size_t>(axis)]);
    REQUIRE(result.uniform.scales.size() == channels);
    CHECK(result.axis == axis);
    CHECK(result.uniform.axis == axis);
    for (size_t channel = 0; channel < channels; ++channel)
        CHECK(result.uniform.scales[channel] == Approx(double(channel + 1) / 127.0));
    const ChannelLayout layout = ChannelLayout::alongAxis(dims, axis, "w");
    for (size_t channel = 0; channel < channels; ++channel) {
        const float scale = result.uniform.scales[channel];
        layout.forEachRun(channel, [&](size_t begin, size_t length) {
            for (size_t i = begin; i < begin + length; ++i) {
                REQUIRE(std::fabs(data[i] - result.dequantized[i]) <= scale * 0.5f * 1.0001f);
                REQUIRE(result.codes[i] == quantizeLinearValue(data[i], scale, 0, -127, 127));
            }
        });
    }
}

} // namespace

TEST_CASE("per-tensor uniform quantization stays within half a step", "[quant][uniform]") {
    std::mt19937 generator(5);
    std::normal_distribution<float> normal(0.2f, 1.0f);
    std::vector<float> data(4096);
    for (float& value : data)
        value = normal(generator);
    for (const int bits : {2, 3, 4, 8, 12, 16}) {
        for (const RangeMode mode : {RangeMode::Symmetric, RangeMode::Asymmetric}) {
            const UniformQuantizer quantizer({bits, Signedness::Signed, mode, Granularity::PerTensor});
            const WeightQuantization result = quantizer.quantize({"w", data.data(), {64, 64}, 0});
            REQUIRE(result.uniform.scales.size() == 1);
            CHECK(result.axis == -1);
            const float scale = result.uniform.scales[0];
            double worst = 0.0;
            for (size_t i = 0; i < data.size(); ++i) {
                worst = std::max(worst, double(std::fabs(data[i] - result.dequantized[i])));
                REQUIRE(result.codes[i] >= result.uniform.qmin);
                REQUIRE(result.codes[i] <= result.uniform.qmax);
            }
            INFO("bits " << bits);
            // float32 rounding adds a few ulps of max|x| (about 5), visible at 16 bits.
            CHECK(worst <= scale * 0.5 + 8.0 * 5.0 * std::numeric_limits<float>::epsilon());
            CHECK(result.meanSquaredError > 0.0);
            CHECK(result.meanSquaredError <= double(scale) * scale / 4.0);
        }
    }
}

TEST_CASE("more bits give a smaller uniform error", "[quant][uniform]") {
    std::mt19937 generator(9);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> data(10000);
    for (float& value : data)
        value = normal(generator);
    double previous = std::numeric_limits<double>::infinity();
    for (const int bits : {2, 4, 6, 8}) {
        const UniformQuantizer quantizer({bits, Signedness::Signed, RangeMode::Symmetric, Granularity::PerTensor});
        const double error = quantizer.quantize({"w", data.data(), {10000}, 0}).meanSquaredError;
        CHECK(error < previous);
        previous = error;
    }
}

TEST_CASE("per-channel scales follow the output-channel axis of each layer type", "[quant][uniform]") {
    SECTION("Conv weight [O, I, kh, kw], axis 0") { checkPerChannelScales({4, 3, 3, 3}, 0); }
    SECTION("ConvTranspose weight [I, O, kh, kw], axis 1") { checkPerChannelScales({3, 5, 2, 2}, 1); }
    SECTION("Gemm with transB = 1: B is [N, K], axis 0") { checkPerChannelScales({6, 8}, 0); }
    SECTION("Gemm with transB = 0 / MatMul: B is [K, N], axis 1") { checkPerChannelScales({8, 6}, 1); }
}

TEST_CASE("a negative channel axis counts from the end", "[quant][uniform]") {
    const std::vector<float> data = channelScaledTensor({8, 6}, 1, 4);
    const UniformQuantizer quantizer({8, Signedness::Signed, RangeMode::Symmetric, Granularity::PerChannel});
    const WeightQuantization result = quantizer.quantize({"w", data.data(), {8, 6}, -1});
    CHECK(result.axis == 1);
    REQUIRE(result.uniform.scales.size() == 6);
    CHECK(result.uniform.scales[5] == Approx(6.0 / 127.0));
}

TEST_CASE("asymmetric per-channel quantization has one zero point per channel", "[quant][uniform]") {
    // channel 0 in [0, 2], channel 1 in [-1, 3]
    const std::vector<float> data = {0.0f, 1.0f, 2.0f, -1.0f, 3.0f, 0.5f};
    const UniformQuantizer quantizer({8, Signedness::Unsigned, RangeMode::Asymmetric, Granularity::PerChannel});
    const WeightQuantization result = quantizer.quantize({"w", data.data(), {2, 3}, 0});
    REQUIRE(result.uniform.zeroPoints.size() == 2);
    CHECK(result.uniform.zeroPoints[0] == 0);
    CHECK(result.uniform.zeroPoints[1] == 64);
    CHECK(result.uniform.scales[0] == Approx(2.0 / 255.0));
    CHECK(result.uniform.scales[1] == Approx(4.0 / 255.0));
    CHECK(result.dequantized[1] == Approx(1.0).margin(1.0 / 255.0));
}

TEST_CASE("uniform quantizer rejects bad input with the tensor name", "[quant][uniform]") {
    const std::vector<float> data = {1.0f, std::numeric_limits<float>::quiet_NaN(), 2.0f, 3.0f};
    const UniformQuantizer perChannel({8, Signedness::Signed, RangeMode::Symmetric, Granularity::PerChannel});
    CHECK_THROWS_WITH(perChannel.quantize({"conv1.weight", data.data(), {2, 2}, 0}),
                      Catch::Contains("conv1.weight") && Catch::Contains("not finite"));
    const std::vector<float> finite = {1.0f, 2.0f, 3.0f, 4.0f};
    CHECK_THROWS_WITH(perChannel.quantize({"fc.weight", finite.data(), {2, 2}, 2}),
                      Catch::Contains("fc.weight") && Catch::Contains("axis"));
    CHECK_THROWS_WITH(perChannel.quantize({"fc.weight", finite.data(), {2, -1}, 0}), Catch::Contains("fc.weight"));
    CHECK_THROWS_AS(UniformQuantizer({1, Signedness::Signed, RangeMode::Symmetric, Granularity::PerTensor}), Error);
    CHECK_THROWS_AS(UniformQuantizer({17, Signedness::Signed, RangeMode::Symmetric, Granularity::PerTensor}), Error);
}
