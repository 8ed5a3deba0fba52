#include "quant/codebookquantizer.h"
#include "quant/uniformquantizer.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace qs;

namespace {

std::vector<float> gaussian(size_t count, uint32_t seed, float sigma = 1.0f) {
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.0f, sigma);
    std::vector<float> data(count);
    for (float& value : data)
        value = normal(generator);
    return data;
}

void checkNearest(const std::vector<float>& values, const std::vector<int32_t>& indices, size_t begin,
                  const std::vector<float>& centroids) {
    for (size_t i = 0; i < values.size(); ++i) {
        double best = 1e30;
        for (float centroid : centroids)
            best = std::min(best, std::fabs(double(values[i]) - double(centroid)));
        const auto index = static_cast<size_t>(indices[begin + i]);
        REQUIRE(index < centroids.size());
        REQUIRE(std::fabs(double(values[i]) - double(centroids[index])) <= best);
    }
}

} // namespace

TEST_CASE("codebook has 2^bits sorted centroids and assigns each weight to its nearest", "[quant][codebook]") {
    const std::vector<float> data = gaussian(20000, 1);
    for (const CodebookInit init : {CodebookInit::Density, CodebookInit::KMeansPlusPlus, CodebookInit::Linear}) {
        for (const int bits : {1, 2, 4, 8}) {
            CodebookOptions options;
            options.bits = bits;
            options.init = init;
            const CodebookQuantizer quantizer(options);
            const WeightQuantization result = quantizer.quantize({"w", data.data(), {20000}, 0});
            REQUIRE(result.tables.size() == 1);
            const std::vector<float>& centroids = result.tables[0];
            INFO("bits " << bits << " init " << int(init));
            CHECK(centroids.size() == size_t(1) << bits);
            CHECK(std::is_sorted(centroids.begin(), centroids.end()));
            checkNearest(data, result.codes, 0, centroids);
            for (size_t i = 0; i < data.size(); ++i)
                REQUIRE(result.dequantized[i] == centroids[static_cast<size_t>(result.codes[i])]);
        }
    }
}

TEST_CASE("histogram-based clustering of a large tensor still assigns exactly", "[quant][codebook]") {
    const std::vector<float> data = gaussian(300000, 2, 0.05f);
    CodebookOptions options;
    options.bits = 5;
    options.maxPoints = 4096;   // forces the histogram path
    const WeightQuantization result = CodebookQuantizer(options).quantize({"w", data.data(), {300000}, 0});
    const std::vector<float>& centroids = result.tables[0];
    CHECK(centroids.size() == 32);
    CHECK(std::is_sorted(centroids.begin(), centroids.end()));
    checkNearest(data, result.codes, 0, centroids);
    // Close to the exact clustering of the same data.
    options.maxPoints = 1 << 20;
    const double exactError = CodebookQuantizer(options).quantize({"w", data.data(), {300000}, 0}).meanSquaredError;
    INFO("histogram " << result.meanSquaredError << " exact " << exactError);
    CHECK(result.meanSquaredError <= exactError * 1.02);
}

TEST_CASE("k-means beats uniform quantization at the same bits on a Gaussian", "[quant][codebook]") {
    const std::vector<float> data = gaussian(50000, 3);
    for (const int bits : {2, 3, 4}) {
        CodebookOptions options;
        options.bits = bits;
        const double codebookError = CodebookQuantizer(options).quantize({"w", data.data(), {50000}, 0}).meanSquaredError;
        const UniformQuantizer uniform({bits, Signedness::Signed, RangeMode::Asymmetric, Granularity::PerTensor});
        const double uniformError = uniform.quantize({"w", data.data(), {50000}, 0}).meanSquaredError;
        INFO("bits " << bits << " codebook " << codebookError << " uniform " << uniformError);
        CHECK(codebookError < uniformError);
    }
    // 1-bit k-means on N(0, 1) converges to +-sqrt(2/pi).
    CodebookOptions oneBit;
    oneBit.bits = 1;
    const std::vector<float> centroids = CodebookQuantizer(oneBit).fitCodebook(data.data(), data.size());
    CHECK(centroids[0] == Approx(-std::sqrt(2.0 / M_PI)).margin(0.02));
    CHECK(centroids[1] == Approx(std::sqrt(2.0 / M_PI)).margin(0.02));
}

TEST_CASE("codebook quantization is deterministic for a seed", "[quant][codebook]") {
    const std::vector<float> data = gaussian(10000, 4);
    CodebookOptions options;
    options.bits = 3;
    options.init = CodebookInit::KMeansPlusPlus;
    options.seed = 42;
    const WeightQuantization first = CodebookQuantizer(options).quantize({"w", data.data(), {10000}, 0});
    const WeightQuantization second = CodebookQuantizer(options).quantize({"w", data.data(), {10000}, 0});
    CHECK(first.tables == second.tables);
    CHECK(first.codes == second.codes);
}

TEST_CASE("per-channel codebooks are fitted per output channel", "[quant][codebook]") {
    // Conv weight [3, 2, 4, 4]: channel c is Gaussian scaled by 10^c.
    std::vector<float> data = gaussian(3 * 32, 5);
    for (size_t channel = 0; channel < 3; ++channel)
        for (size_t i = 0; i < 32; ++i)
            data[channel * 32 + i] *= std::pow(10.0f, float(channel));
    CodebookOptions options;
    options.bits = 2;
    options.granularity = Granularity::PerChannel;
    const WeightQuantization result = CodebookQuantizer(options).quantize({"conv", data.data(), {3, 2, 4, 4}, 0});
    REQUIRE(result.tables.size() == 3);
    CHECK(result.axis == 0);
    for (size_t channel = 0; channel < 3; ++channel) {
        const std::vector<float> values(data.begin() + long(channel * 32), data.begin() + long(channel * 32 + 32));
        checkNearest(values, result.codes, channel * 32, result.tables[channel]);
        const float spread = result.tables[channel].back() - result.tables[channel].front();
        CHECK(spread > 0.5f * std::pow(10.0f, float(channel)));
    }
}

TEST_CASE("per-channel codebooks along axis 1 (ConvTranspose)", "[quant][codebook]") {
    // [2, 3, 2]: channel c along axis 1 holds exactly the values {c, c + 100}.
    std::vector<float> data(12, 0.0f);
    for (size_t outer = 0; outer < 2; ++outer)
        for (size_t channel = 0; channel < 3; ++channel)
            for (size_t inner = 0; inner < 2; ++inner)
                data[(outer * 3 + channel) * 2 + inner] = float(channel) + (outer == 1 ? 100.0f : 0.0f);
    CodebookOptions options;
    options.bits = 1;
    options.granularity = Granularity::PerChannel;
    const WeightQuantization result = CodebookQuantizer(options).quantize({"deconv", data.data(), {2, 3, 2}, 1});
    REQUIRE(result.tables.size() == 3);
    for (size_t channel = 0; channel < 3; ++channel)
        CHECK(result.tables[channel] == std::vector<float>{float(channel), float(channel) + 100.0f});
    CHECK(result.dequantized == data);
}

TEST_CASE("codebook handles fewer distinct values than centroids", "[quant][codebook]") {
    const std::vector<float> data = {0.0f, 0.0f, 1.0f, 1.0f, 1.0f, -2.0f};
    CodebookOptions options;
    options.bits = 4;
    const WeightQuantization result = CodebookQuantizer(options).quantize({"w", data.data(), {6}, 0});
    CHECK(result.tables[0].size() == 16);
    CHECK(std::is_sorted(result.tables[0].begin(), result.tables[0].end()));
    CHECK(result.dequantized == data);
    CHECK(result.meanSquaredError == 0.0);
}

TEST_CASE("codebook quantizer rejects bad settings and data", "[quant][codebook]") {
    CodebookOptions options;
    options.bits = 0;
    CHECK_THROWS_AS(CodebookQuantizer(options), Error);
    options.bits = 9;
    CHECK_THROWS_AS(CodebookQuantizer(options), Error);
    options.bits = 2;
    const std::vector<float> data = {1.0f, INFINITY};
    CHECK_THROWS_WITH(CodebookQuantizer(options).quantize({"emb", data.data(), {2}, 0}), Catch::Contains("emb"));
}
