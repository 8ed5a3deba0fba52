#include "quant/entropyestimator.h"
#include "quant/linearquantization.h"
#include "quant/minmaxestimator.h"
#include "quant/mseestimator.h"
#include "quant/percentileestimator.h"
#include "quant/quantparams.h"
#include "quant/rangeestimatorfactory.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace qs;

namespace {

std::vector<float> gaussian(size_t count, uint32_t seed) {
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> data(count);
    for (float& value : data)
        value = normal(generator);
    return data;
}

TensorHistogram histogramOf(const std::vector<float>& data, size_t batch = 10000) {
    TensorHistogram histogram;
    for (size_t begin = 0; begin < data.size(); begin += batch)
        histogram.add(data.data() + begin, std::min(batch, data.size() - begin));
    return histogram;
}

/// Actual mean squared error of int8 symmetric quantization of `data` with `range`.
double quantizationError(const std::vector<float>& data, const ActivationRange& range) {
    const QuantParams params = uniformParamsFromRange(range.min, range.max, 8, Signedness::Signed, RangeMode::Symmetric);
    double sum = 0.0;
    for (const float x : data) {
        const int32_t q = quantizeLinearValue(x, params.scales[0], 0, params.qmin, params.qmax);
        const double difference = double(x) - dequantizeLinearValue(q, params.scales[0], 0);
        sum += difference * difference;
    }
    return sum / double(data.size());
}

} // namespace

TEST_CASE("minmax on uniform data returns the true range", "[quant][range]") {
    std::mt19937 generator(1);
    std::uniform_real_distribution<float> uniform(-2.0f, 5.0f);
    std::vector<float> data(100000);
    for (float& value : data)
        value = uniform(generator);
    const TensorHistogram histogram = histogramOf(data);
    const ActivationRange range = MinMaxEstimator(RangeMode::Asymmetric).estimate(histogram, "x");
    CHECK(range.min == *std::min_element(data.begin(), data.end()));
    CHECK(range.max == *std::max_element(data.begin(), data.end()));
    const ActivationRange symmetric = MinMaxEstimator(RangeMode::Symmetric).estimate(histogram, "x");
    CHECK(symmetric.max == range.max);
    CHECK(symmetric.min == -range.max);
}

TEST_CASE("percentile 99.99 of a Gaussian is near the analytic quantile", "[quant][range]") {
    const std::vector<float> data = gaussian(2000000, 2);
    const TensorHistogram histogram = histogramOf(data, 100000);
    // P(|x| <= 3.8906) = 0.9999 and P(x <= 3.7190) = 0.9999 for N(0, 1).
    const ActivationRange symmetric = PercentileEstimator(99.99, RangeMode::Symmetric).estimate(histogram, "x");
    CHECK(symmetric.max == Approx(3.8906).margin(0.1));
    CHECK(symmetric.min == -symmetric.max);
    const ActivationRange asymmetric = PercentileEstimator(99.99, RangeMode::Asymmetric).estimate(histogram, "x");
    CHECK(asymmetric.max == Approx(3.7190).margin(0.1));
    CHECK(asymmetric.min == Approx(-3.7190).margin(0.1));
    const ActivationRange median = PercentileEstimator(50.0, RangeMode::Symmetric).estimate(histogram, "x");
    CHECK(median.max == Approx(0.6745).margin(0.02));
    CHECK_THROWS_AS(PercentileEstimator(0.0), Error);
    CHECK_THROWS_AS(PercentileEstimator(100.5), Error);
}

TEST_CASE("entropy threshold of a Gaussian with outliers lies between 2 sigma and the max", "[quant][range]") {
    std::vector<float> data = gaussian(1000000, 3);
    for (size_t i = 0; i < 20; ++i)
        data[i * 1000] = (i % 2 == 0 ? 1.0f : -1.0f) * (30.0f + float(i));
    const TensorHistogram histogram = histogramOf(data);
    const ActivationRange range = EntropyEstimator({8, RangeMode::Symmetric}).estimate(histogram, "x");
    INFO("threshold " << range.max);
    CHECK(range.max > 2.0f);
    CHECK(range.max < 49.0f);
    CHECK(range.min == -range.max);
}

TEST_CASE("entropy divergence is zero only when nothing is lost", "[quant][range]") {
    std::vector<double> counts(2048, 0.0);
    for (size_t bin = 0; bin < 256; ++bin)
        counts[bin] = double(bin + 1);
    CHECK(EntropyEstimator::divergence(counts, 256, 256) == Approx(0.0).margin(1e-12));
    CHECK(EntropyEstimator::divergence(counts, 256, 16) > 0.0);
    // Clipping the tail (moved into the last bin) also costs divergence.
    CHECK(EntropyEstimator::divergence(counts, 128, 128) > 0.0);
}

TEST_CASE("MSE range is no worse than minmax", "[quant][range]") {
    std::vector<float> data = gaussian(500000, 4);
    for (size_t i = 0; i < 10; ++i)
        data[i * 777] = 25.0f;
    const TensorHistogram histogram = histogramOf(data);
    const ActivationRange mse = MseEstimator({8, RangeMode::Symmetric}).estimate(histogram, "x");
    const ActivationRange minmax = MinMaxEstimator(RangeMode::Symmetric).estimate(histogram, "x");
    const double mseError = quantizationError(data, mse);
    const double minmaxError = quantizationError(data, minmax);
    INFO("mse range " << mse.max << " error " << mseError << ", minmax error " << minmaxError);
    CHECK(mseError <= minmaxError);
    CHECK(mse.max < minmax.max);
    CHECK(MseEstimator::expectedError(histogram, mse, 8, RangeMode::Symmetric) <=
          MseEstimator::expectedError(histogram, minmax, 8, RangeMode::Symmetric));
}

TEST_CASE("MSE on clean uniform data keeps nearly the full range", "[quant][range]") {
    std::mt19937 generator(5);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    std::vector<float> data(200000);
    for (float& value : data)
        value = uniform(generator);
    const ActivationRange range = MseEstimator({8, RangeMode::Symmetric}).estimate(histogramOf(data), "x");
    CHECK(range.max > 0.97f);
    CHECK(range.max <= 1.0f);
}

TEST_CASE("asymmetric estimators stay inside non-negative data", "[quant][range]") {
    std::vector<float> data = gaussian(200000, 6);
    for (float& value : data)
        value = std::fabs(value);
    const TensorHistogram histogram = histogramOf(data);
    for (const std::string& method : rangeEstimatorNames()) {
        const auto estimator = makeRangeEstimator(method, {8, RangeMode::Asymmetric});
        const ActivationRange range = estimator->estimate(histogram, "relu_out");
        INFO(method << ": [" << range.min << ", " << range.max << "]");
        CHECK(estimator->name() == method);
        CHECK(range.min >= 0.0f);
        CHECK(range.max > 2.0f);
        CHECK(range.max <= histogram.maxValue());
    }
}

TEST_CASE("estimators report an empty histogram with the tensor name", "[quant][range]") {
    const TensorHistogram empty;
    for (const std::string& method : rangeEstimatorNames())
        CHECK_THROWS_WITH(makeRangeEstimator(method, {})->estimate(empty, "conv3_out"), Catch::Contains("conv3_out"));
    CHECK_THROWS_WITH(makeRangeEstimator("kl", {}), Catch::Contains("minmax"));
}
