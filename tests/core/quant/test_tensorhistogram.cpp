#include "quant/tensorhistogram.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using namespace qs;

namespace {

double sumOf(const std::vector<double>& counts) {
    return std::accumulate(counts.begin(), counts.end(), 0.0);
}

} // namespace

TEST_CASE("histogram tracks count, min and max", "[quant][histogram]") {
    TensorHistogram histogram;
    CHECK(histogram.empty());
    CHECK(histogram.binCount() == 2048);
    const std::vector<float> data = {1.0f, 2.0f, 3.0f, NAN, 4.0f, INFINITY};
    histogram.add(data.data(), data.size());
    CHECK(histogram.totalCount() == 4);
    CHECK(histogram.nonFiniteCount() == 2);
    CHECK(histogram.minValue() == 1.0f);
    CHECK(histogram.maxValue() == 4.0f);
    CHECK(sumOf(histogram.counts()) == 4.0);
    CHECK(histogram.lowerEdge() <= 1.0);
    CHECK(histogram.upperEdge() >= 4.0);
}

TEST_CASE("re-binning when the range grows preserves count, min and max", "[quant][histogram]") {
    TensorHistogram histogram;
    std::mt19937 generator(1);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> batch(1000);
    uint64_t expected = 0;
    float expectedMin = INFINITY;
    float expectedMax = -INFINITY;
    for (const float spread : {0.01f, 1.0f, 50.0f, 3.0f, 1000.0f}) {
        for (float& value : batch) {
            value = normal(generator) * spread + (spread > 100.0f ? 500.0f : 0.0f);
            expectedMin = std::min(expectedMin, value);
            expectedMax = std::max(expectedMax, value);
        }
        const double widthBefore = histogram.binWidth();
        histogram.add(batch.data(), batch.size());
        expected += batch.size();
        CHECK(histogram.totalCount() == expected);
        CHECK(sumOf(histogram.counts()) == Approx(double(expected)));
        CHECK(histogram.minValue() == expectedMin);
        CHECK(histogram.maxValue() == expectedMax);
        CHECK(histogram.lowerEdge() <= expectedMin);
        CHECK(histogram.upperEdge() >= expectedMax);
        if (widthBefore > 0.0) {
            const double ratio = histogram.binWidth() / widthBefore;
            CHECK(ratio == std::exp2(std::round(std::log2(ratio))));   // grows by powers of two only
        }
    }
}

TEST_CASE("re-binning keeps every value in the bin that contains it", "[quant][histogram]") {
    TensorHistogram histogram;
    const std::vector<float> first = {0.0f, 1.0f};
    histogram.add(first.data(), first.size());
    const std::vector<float> second = {-3.0f, 10.0f};
    histogram.add(second.data(), second.size());
    for (const float value : {0.0f, 1.0f, -3.0f, 10.0f}) {
        const auto bin = static_cast<size_t>(
            std::min(2047.0, std::floor((value - histogram.lowerEdge()) / histogram.binWidth())));
        INFO("value " << value);
        CHECK(histogram.counts()[bin] >= 1.0);
    }
}

TEST_CASE("merging histograms adds their values", "[quant][histogram]") {
    TensorHistogram left;
    TensorHistogram right;
    std::vector<float> a(5000);
    std::vector<float> b(3000);
    std::mt19937 generator(3);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    for (float& value : a)
        value = uniform(generator);
    for (float& value : b)
        value = uniform(generator) * 4.0f + 2.0f;
    left.add(a.data(), a.size());
    right.add(b.data(), b.size());
    left.merge(right);
    CHECK(left.totalCount() == 8000);
    CHECK(sumOf(left.counts()) == Approx(8000.0));
    CHECK(left.minValue() == std::min(*std::min_element(a.begin(), a.end()), *std::min_element(b.begin(), b.end())));
    CHECK(left.maxValue() == *std::max_element(b.begin(), b.end()));
    // Half of b lies above 2, none of a does.
    CHECK(left.totalCount() - left.countBelow(2.0) == Approx(1500.0).epsilon(0.05));
    TensorHistogram empty;
    empty.merge(left);
    CHECK(empty.totalCount() == 8000);
}

TEST_CASE("quantiles of a uniform distribution", "[quant][histogram]") {
    TensorHistogram histogram;
    std::vector<float> data(100001);
    for (size_t i = 0; i < data.size(); ++i)
        data[i] = float(i) / 100000.0f * 10.0f;
    histogram.add(data.data(), data.size());
    CHECK(histogram.quantile(0.5) == Approx(5.0).margin(0.01));
    CHECK(histogram.quantile(0.9) == Approx(9.0).margin(0.01));
    CHECK(histogram.quantile(1.0) == Approx(10.0).margin(0.01));
    CHECK(histogram.countBelow(2.5) == Approx(25000.0).epsilon(0.01));
}

TEST_CASE("histogram needs at least 2048 bins", "[quant][histogram]") {
    CHECK_THROWS_AS(TensorHistogram(100), Error);
    CHECK_NOTHROW(TensorHistogram(4096));
}
