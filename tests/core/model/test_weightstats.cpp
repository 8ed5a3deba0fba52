#include "model/floatconversion.h"
#include "model/weightstats.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <numeric>

using namespace qs;

TEST_CASE("weight statistics match hand-computed values", "[model][weightstats]") {
    // [2 channels, 3]: channel 0 = {1, 2.5, 3}, channel 1 = {-4, 0, 8}
    const Tensor tensor = test::makeFloatTensor("w", {2, 3}, {1, 2.5f, 3, -4, 0, 8});
    const WeightStats stats = computeWeightStats(tensor, 0, 4);
    CHECK(stats.count == 6);
    CHECK(stats.min == -4.0);
    CHECK(stats.max == 8.0);
    CHECK(stats.mean == Approx(10.5 / 6.0));
    // population variance: mean of squares minus squared mean
    const double meanSquares = (1 + 6.25 + 9 + 16 + 0 + 64) / 6.0;
    CHECK(stats.std == Approx(std::sqrt(meanSquares - (1.75 * 1.75))));
    CHECK(stats.absMax == 8.0);
    CHECK(stats.zeros == 1);
    // Bins of width 3 over [-4, 8]: [-4,-1) holds -4; [-1,2) holds 0, 1; [2,5) holds 2.5, 3; [5,8] holds 8.
    CHECK(stats.histogram.lower == -4.0);
    CHECK(stats.histogram.upper == 8.0);
    CHECK(stats.histogram.binWidth() == 3.0);
    CHECK(stats.histogram.counts == std::vector<int64_t>{1, 2, 2, 1});
    REQUIRE(stats.channels.size() == 2);
    CHECK(stats.channels[0].min == 1.0);
    CHECK(stats.channels[0].max == 3.0);
    CHECK(stats.channels[0].mean == Approx(6.5 / 3.0));
    const double channel0Mean = 6.5 / 3.0;
    CHECK(stats.channels[0].std == Approx(std::sqrt(((1 - channel0Mean) * (1 - channel0Mean) +
                                                     (2.5 - channel0Mean) * (2.5 - channel0Mean) +
                                                     (3 - channel0Mean) * (3 - channel0Mean)) / 3.0)));
    CHECK(stats.channels[1].min == -4.0);
    CHECK(stats.channels[1].max == 8.0);
    CHECK(stats.channels[1].mean == Approx(4.0 / 3.0));
}

TEST_CASE("interleaved channels (last axis) give the same ranges as a transposed copy", "[model][weightstats]") {
    const std::vector<float> values = test::randomValues(64 * 5, 7);
    std::vector<float> transposed(values.size());
    for (int row = 0; row < 64; ++row)
        for (int column = 0; column < 5; ++column)
            transposed[size_t(column * 64 + row)] = values[size_t(row * 5 + column)];
    const WeightStats byColumn = computeWeightStats(test::makeFloatTensor("a", {64, 5}, values), 1);
    const WeightStats byRow = computeWeightStats(test::makeFloatTensor("b", {5, 64}, transposed), 0);
    REQUIRE(byColumn.channels.size() == 5);
    REQUIRE(byRow.channels.size() == 5);
    for (size_t c = 0; c < 5; ++c) {
        CHECK(byColumn.channels[c].min == byRow.channels[c].min);
        CHECK(byColumn.channels[c].max == byRow.channels[c].max);
        CHECK(byColumn.channels[c].mean == Approx(byRow.channels[c].mean));
        CHECK(byColumn.channels[c].std == Approx(byRow.channels[c].std));
    }
    CHECK(byColumn.histogram.counts == byRow.histogram.counts);
}

TEST_CASE("per-channel ranges follow the requested axis", "[model][weightstats]") {
    // dims [2, 3, 2]; axis 1 groups elements whose middle index matches.
    std::vector<float> values(12);
    std::iota(values.begin(), values.end(), 0.0f);
    const Tensor tensor = test::makeFloatTensor("w", {2, 3, 2}, values);
    const WeightStats stats = computeWeightStats(tensor, 1);
    REQUIRE(stats.channels.size() == 3);
    CHECK(stats.channels[0].min == 0.0);   // {0, 1, 6, 7}
    CHECK(stats.channels[0].max == 7.0);
    CHECK(stats.channels[0].mean == Approx(3.5));
    CHECK(stats.channels[2].min == 4.0);   // {4, 5, 10, 11}
    CHECK(stats.channels[2].max == 11.0);
    CHECK(computeWeightStats(tensor, -1).channels.empty());
    CHECK(std::accumulate(stats.histogram.counts.begin(), stats.histogram.counts.end(), int64_t(0)) == 12);
    CHECK_THROWS_WITH(computeWeightStats(tensor, 3), Catch::Contains("'w'"));
}

TEST_CASE("a constant tensor gets a degenerate but valid histogram", "[model][weightstats]") {
    const Tensor tensor = test::makeFloatTensor("c", {4}, {0.5f, 0.5f, 0.5f, 0.5f});
    const WeightStats stats = computeWeightStats(tensor, 0, 10);
    CHECK(stats.min == 0.5);
    CHECK(stats.max == 0.5);
    CHECK(stats.std == 0.0);
    CHECK(stats.histogram.lower < 0.5);
    CHECK(stats.histogram.upper > 0.5);
    CHECK(std::accumulate(stats.histogram.counts.begin(), stats.histogram.counts.end(), int64_t(0)) == 4);
    REQUIRE(stats.channels.size() == 4);
}

TEST_CASE("float16 and double tensors give the same statistics as float32", "[model][weightstats]") {
    const std::vector<float> values = {0.25f, -1.5f, 2.0f, 0.0f, 4.0f, -0.125f};
    Tensor half;
    half.name = "h";
    half.type = DataType::Float16;
    half.dims = {6};
    for (float value : values) {
        const uint16_t bits = floatToFloat16(value);
        half.data.push_back(uint8_t(bits & 0xFF));
        half.data.push_back(uint8_t(bits >> 8));
    }
    Tensor wide;
    wide.name = "d";
    wide.type = DataType::Double;
    wide.dims = {6};
    for (float value : values) {
        const double v = value;
        const auto* bytes = reinterpret_cast<const uint8_t*>(&v);
        wide.data.insert(wide.data.end(), bytes, bytes + 8);
    }
    const WeightStats reference = computeWeightStats(test::makeFloatTensor("f", {6}, values), -1);
    for (const Tensor* tensor : {&half, &wide}) {
        const WeightStats stats = computeWeightStats(*tensor, -1);
        CHECK(stats.min == reference.min);
        CHECK(stats.max == reference.max);
        CHECK(stats.mean == Approx(reference.mean));
        CHECK(stats.std == Approx(reference.std));
        CHECK(stats.zeros == 1);
        CHECK(stats.histogram.counts == reference.histogram.counts);
    }
}

TEST_CASE("non-float tensors and empty tensors", "[model][weightstats]") {
    Tensor ints;
    ints.name = "indices";
    ints.type = DataType::Int64;
    ints.dims = {1};
    ints.data.resize(8);
    CHECK_THROWS_WITH(computeWeightStats(ints, -1), Catch::Contains("indices"));
    const Tensor empty = test::makeFloatTensor("empty", {0, 3}, {});
    const WeightStats stats = computeWeightStats(empty, 0);
    CHECK(stats.count == 0);
    CHECK(stats.channels.empty());
}

TEST_CASE("non-finite values are left out of the moments", "[model][weightstats]") {
    const Tensor tensor = test::makeFloatTensor("n", {2, 3}, {1.0f, NAN, 3.0f, INFINITY, -2.0f, 0.0f});
    const WeightStats stats = computeWeightStats(tensor, 0, 4);
    CHECK(stats.count == 6);
    CHECK(stats.mean == Approx(0.5));
    CHECK(stats.min == -2.0);
    CHECK(stats.max == 3.0);
    CHECK(std::accumulate(stats.histogram.counts.begin(), stats.histogram.counts.end(), int64_t(0)) == 4);
    REQUIRE(stats.channels.size() == 2);
    CHECK(stats.channels[0].mean == Approx(2.0));
    CHECK(stats.channels[1].max == 0.0);
}
