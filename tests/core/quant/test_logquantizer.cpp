#include "quant/logquantizer.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace qs;

TEST_CASE("log levels are zero and powers of two below the scale", "[quant][log]") {
    const std::vector<float> levels = LogQuantizer::levels(2.0f, 3);
    // 3 bits: sign + 2 magnitude bits = zero and 3 levels 2 * 2^-2, 2 * 2^-1, 2
    CHECK(levels == std::vector<float>{0.0f, 0.5f, 1.0f, 2.0f});
    CHECK(LogQuantizer::levels(1.0f, 8).size() == 128);
    CHECK(LogQuantizer::levels(1.0f, 8)[1] == std::ldexp(1.0f, -126));
}

TEST_CASE("log quantizer maps each weight to the nearest signed level", "[quant][log]") {
    const std::vector<float> data = {2.0f, -2.0f, 0.0f, 0.2f, 0.3f, 0.74f, 0.76f, -1.49f, -1.51f, 1e-3f};
    const LogQuantizer quantizer({3, Granularity::PerTensor});
    const WeightQuantization result = quantizer.quantize({"w", data.data(), {10}, 0});
    REQUIRE(result.tables.size() == 1);
    CHECK(result.tables[0] == std::vector<float>{0.0f, 0.5f, 1.0f, 2.0f});
    const std::vector<float> expected = {2.0f, -2.0f, 0.0f, 0.0f, 0.5f, 0.5f, 1.0f, -1.0f, -2.0f, 0.0f};
    CHECK(result.dequantized == expected);
    const std::vector<int32_t> codes = {3, -3, 0, 0, 1, 1, 2, -2, -3, 0};
    CHECK(result.codes == codes);
}

TEST_CASE("log assignment is the nearest level by brute force", "[quant][log]") {
    std::mt19937 generator(2);
    std::normal_distribution<float> normal(0.0f, 0.1f);
    std::vector<float> data(5000);
    for (float& value : data)
        value = normal(generator);
    for (const int bits : {3, 4, 5, 8}) {
        const LogQuantizer quantizer({bits, Granularity::PerTensor});
        const WeightQuantization result = quantizer.quantize({"w", data.data(), {5000}, 0});
        const std::vector<float>& levels = result.tables[0];
        CHECK(levels.size() == size_t(1) << (bits - 1));
        for (size_t i = 0; i < data.size(); ++i) {
            double best = 1e30;
            for (float level : levels)
                for (float sign : {-1.0f, 1.0f})
                    best = std::min(best, std::fabs(double(data[i]) - sign * level));
            REQUIRE(std::fabs(double(data[i]) - result.dequantized[i]) <= best + 1e-12);
            REQUIRE(std::abs(result.codes[i]) < (1 << (bits - 1)));
        }
    }
}

TEST_CASE("log quantizer per channel uses each channel's max", "[quant][log]") {
    const std::vector<float> data = {1.0f, 0.5f, -4.0f, 2.0f};
    const LogQuantizer quantizer({4, Granularity::PerChannel});
    const WeightQuantization result = quantizer.quantize({"w", data.data(), {2, 2}, 0});
    REQUIRE(result.tables.size() == 2);
    CHECK(result.tables[0].back() == 1.0f);
    CHECK(result.tables[1].back() == 4.0f);
    CHECK(result.dequantized == data);
}

TEST_CASE("log quantizer rejects unsupported bit widths", "[quant][log]") {
    CHECK_THROWS_AS(LogQuantizer({2, Granularity::PerTensor}), Error);
    CHECK_THROWS_AS(LogQuantizer({9, Granularity::PerTensor}), Error);
}
