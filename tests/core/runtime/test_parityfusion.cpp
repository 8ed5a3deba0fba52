// Fused execution paths give the same values as running every node on its own: Conv followed by SiLU
// (Sigmoid then Mul), per-channel broadcast multiplication and global average pooling, compared with and without
// fusion and with values computed directly in the test.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace qs;
using namespace qs::test;

namespace {

std::vector<float> patternedValues(size_t count, float scale) {
    std::vector<float> values(count, 0.0f);
    for (size_t i = 0; i < count; ++i)
        values[i] = scale * std::sin(0.37f * static_cast<float>(i) + 0.1f);
    return values;
}

/// 1x1 convolution (16 -> 16 channels, 5x5) followed by x * sigmoid(x) written as two nodes.
RuntimeGraph siluGraph(bool mulSigmoidFirst) {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 16, 5, 5}, patternedValues(16 * 25, 2.0f)));
    g.constant("w", RuntimeTensor::fromFloats({16, 16, 1, 1}, patternedValues(16 * 16, 0.5f)));
    g.constant("b", RuntimeTensor::fromFloats({16}, patternedValues(16, 0.3f)));
    g.node("Conv", {"x", "w", "b"}, {"c"});
    g.node("Sigmoid", {"c"}, {"s"});
    if (mulSigmoidFirst)
        g.node("Mul", {"s", "c"}, {"y"});
    else
        g.node("Mul", {"c", "s"}, {"y"});
    g.output("y");
    return g;
}

std::vector<float> expectedSilu() {
    std::vector<float> x = patternedValues(16 * 25, 2.0f);
    std::vector<float> w = patternedValues(16 * 16, 0.5f);
    std::vector<float> b = patternedValues(16, 0.3f);
    std::vector<float> y(16 * 25, 0.0f);
    for (int o = 0; o < 16; ++o)
        for (int p = 0; p < 25; ++p) {
            double sum = b[o];
            for (int i = 0; i < 16; ++i)
                sum += double(w[o * 16 + i]) * x[i * 25 + p];
            y[o * 25 + p] = static_cast<float>(sum / (1.0 + std::exp(-sum)));
        }
    return y;
}

} // namespace

TEST_CASE("Conv followed by Sigmoid and Mul equals the unfused computation", "[runtime][parity]") {
    for (bool mulSigmoidFirst : {false, true}) {
        RuntimeGraph g = siluGraph(mulSigmoidFirst);
        ExecutorOptions unfused;
        unfused.fuseActivations = false;
        std::vector<float> fusedValues = floatsOf(g.run().at("y"));
        std::vector<float> unfusedValues = floatsOf(g.run(unfused).at("y"));
        std::vector<float> expected = expectedSilu();
        REQUIRE(fusedValues.size() == expected.size());
        REQUIRE(unfusedValues.size() == expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            CHECK(fusedValues[i] == Approx(expected[i]).margin(1e-5).epsilon(1e-4));
            CHECK(unfusedValues[i] == Approx(expected[i]).margin(1e-5).epsilon(1e-4));
        }
    }
}

TEST_CASE("A SiLU whose convolution output is also a graph output is not fused away", "[runtime][parity]") {
    RuntimeGraph g = siluGraph(false);
    g.output("c");
    TensorMap outputs = g.run();
    REQUIRE(outputs.count("c") == 1);
    std::vector<float> c = floatsOf(outputs.at("c"));
    std::vector<float> y = floatsOf(outputs.at("y"));
    REQUIRE(c.size() == y.size());
    for (size_t i = 0; i < c.size(); ++i)
        CHECK(y[i] == Approx(c[i] / (1.0f + std::exp(-c[i]))).margin(1e-6));
}

TEST_CASE("Per-channel broadcast multiplication matches the direct loop", "[runtime][parity]") {
    RuntimeGraph g;
    std::vector<float> x = patternedValues(2 * 3 * 4 * 5, 1.0f);
    std::vector<float> s = patternedValues(2 * 3, 3.0f);
    g.input("x", RuntimeTensor::fromFloats({2, 3, 4, 5}, x));
    g.input("s", RuntimeTensor::fromFloats({2, 3, 1, 1}, s));
    g.node("Mul", {"x", "s"}, {"y"});
    g.node("Sub", {"s", "x"}, {"z"});
    g.output("y");
    g.output("z");
    TensorMap outputs = g.run();
    std::vector<float> y = floatsOf(outputs.at("y"));
    std::vector<float> z = floatsOf(outputs.at("z"));
    REQUIRE(y.size() == x.size());
    REQUIRE(z.size() == x.size());
    for (size_t i = 0; i < x.size(); ++i) {
        CHECK(y[i] == x[i] * s[i / 20]);
        CHECK(z[i] == s[i / 20] - x[i]);
    }
}

TEST_CASE("Global average pooling of odd-sized planes matches the mean", "[runtime][parity]") {
    RuntimeGraph g;
    std::vector<float> x = patternedValues(3 * 13 * 7, 1.0f);
    g.input("x", RuntimeTensor::fromFloats({1, 3, 13, 7}, x));
    g.node("GlobalAveragePool", {"x"}, {"y"});
    g.output("y");
    std::vector<float> y = floatsOf(g.runOne("y"));
    REQUIRE(y.size() == 3);
    for (int c = 0; c < 3; ++c) {
        double sum = 0.0;
        for (int i = 0; i < 91; ++i)
            sum += x[c * 91 + i];
        CHECK(y[c] == Approx(sum / 91.0).margin(1e-6));
    }
}
