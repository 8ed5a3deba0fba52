// Conv, pooling, Gemm and MatMul kernels against hand-computed results.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

using namespace qs;
using namespace qs::test;

namespace {

std::vector<float> iota(int count, float start = 1.0f) {
    std::vector<float> values(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        values[i] = start + static_cast<float>(i);
    return values;
}

std::vector<float> randomFloats(int64_t count, uint32_t seed) {
    std::vector<float> values(static_cast<size_t>(count));
    uint32_t state = seed * 2654435761u + 1;
    for (float& value : values) {
        state = state * 1664525u + 1013904223u;
        value = static_cast<float>(state >> 8) / static_cast<float>(1u << 24) - 0.5f;
    }
    return values;
}

RuntimeGraph convGraph(const std::vector<Attribute>& attributes, bool withBias, float biasValue = 0.0f) {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 1, 3, 3}, iota(9)));
    g.constant("w", RuntimeTensor::fromFloats({1, 1, 2, 2}, {1, 1, 1, 1}));
    std::vector<std::string> inputs = {"x", "w"};
    if (withBias) {
        g.constant("b", RuntimeTensor::fromFloats({1}, {biasValue}));
        inputs.push_back("b");
    }
    g.node("Conv", inputs, {"y"}).attributes = attributes;
    g.output("y");
    return g;
}

} // namespace

TEST_CASE("Conv sums 2x2 windows without padding", "[runtime][conv]") {
    RuntimeTensor y = convGraph({}, false).runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 2, 2});
    CHECK(floatsOf(y) == std::vector<float>{12, 16, 24, 28});
}

TEST_CASE("Conv adds the bias", "[runtime][conv]") {
    CHECK(floatsOf(convGraph({}, true, 1.0f).runOne("y")) == std::vector<float>{13, 17, 25, 29});
}

TEST_CASE("Conv with symmetric pads and stride 2", "[runtime][conv]") {
    RuntimeTensor y = convGraph({intsAttr("pads", {1, 1, 1, 1}), intsAttr("strides", {2, 2})}, false).runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 2, 2});
    CHECK(floatsOf(y) == std::vector<float>{1, 5, 11, 28});
}

TEST_CASE("Conv with asymmetric pads and SAME_UPPER agree", "[runtime][conv]") {
    RuntimeTensor padded = convGraph({intsAttr("pads", {0, 0, 1, 1})}, false).runOne("y");
    RuntimeTensor same = convGraph({stringAttr("auto_pad", "SAME_UPPER")}, false).runOne("y");
    CHECK(padded.dims() == std::vector<int64_t>{1, 1, 3, 3});
    CHECK(floatsOf(padded) == std::vector<float>{12, 16, 9, 24, 28, 15, 15, 17, 9});
    CHECK(floatsOf(same) == floatsOf(padded));
}

TEST_CASE("Conv with dilation 2", "[runtime][conv]") {
    RuntimeTensor y = convGraph({intsAttr("dilations", {2, 2})}, false).runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 1, 1});
    CHECK(floatsOf(y) == std::vector<float>{20});
}

TEST_CASE("Depthwise Conv scales each channel", "[runtime][conv]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 2, 2, 2}, iota(8)));
    g.constant("w", RuntimeTensor::fromFloats({2, 1, 1, 1}, {2, 3}));
    g.node("Conv", {"x", "w"}, {"y"}).attributes = {intAttr("group", 2)};
    g.output("y");
    CHECK(floatsOf(g.runOne("y")) == std::vector<float>{2, 4, 6, 8, 15, 18, 21, 24});
}

TEST_CASE("Conv followed by Relu is fused without hooks and identical with them", "[runtime][conv]") {
    RuntimeGraph g = convGraph({}, true, -20.0f);
    g.model.graph.nodes[0].outputs = {"pre"};
    g.node("Relu", {"pre"}, {"y"});
    TensorMap fused = g.run();
    CHECK(floatsOf(fused.at("y")) == std::vector<float>{0, 0, 4, 8});

    std::vector<float> observedPre;
    RunOptions hooks;
    hooks.observer = [&](const std::string& name, const RuntimeTensor& tensor) {
        if (name == "pre")
            observedPre = floatsOf(tensor);
    };
    TensorMap hooked = g.run({}, hooks);
    CHECK(floatsOf(hooked.at("y")) == std::vector<float>{0, 0, 4, 8});
    CHECK(observedPre == std::vector<float>{-8, -4, 4, 8});
}

TEST_CASE("Conv rejects mismatched channels with the node name", "[runtime][conv]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 2, 2, 2}, iota(8)));
    g.constant("w", RuntimeTensor::fromFloats({1, 1, 1, 1}, {1}));
    g.node("Conv", {"x", "w"}, {"y"});
    g.output("y");
    CHECK_THROWS_WITH(g.run(), Catch::Contains("Conv_0") && Catch::Contains("channels"));
}

TEST_CASE("MaxPool and AveragePool 2x2 stride 2", "[runtime][pool]") {
    for (const char* op : {"MaxPool", "AveragePool"}) {
        RuntimeGraph g;
        g.input("x", RuntimeTensor::fromFloats({1, 1, 4, 4}, iota(16)));
        g.node(op, {"x"}, {"y"}).attributes = {intsAttr("kernel_shape", {2, 2}), intsAttr("strides", {2, 2})};
        g.output("y");
        std::vector<float> expected = std::string(op) == "MaxPool" ? std::vector<float>{6, 8, 14, 16}
                                                                   : std::vector<float>{3.5f, 5.5f, 11.5f, 13.5f};
        CHECK(floatsOf(g.runOne("y")) == expected);
    }
}

TEST_CASE("MaxPool with ceil_mode keeps the partial window", "[runtime][pool]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 1, 3, 3}, iota(9)));
    g.node("MaxPool", {"x"}, {"y"}).attributes = {intsAttr("kernel_shape", {2, 2}), intsAttr("strides", {2, 2}),
                                                  intAttr("ceil_mode", 1)};
    g.output("y");
    RuntimeTensor y = g.runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 2, 2});
    CHECK(floatsOf(y) == std::vector<float>{5, 6, 8, 9});
}

TEST_CASE("AveragePool excludes padding by default", "[runtime][pool]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 1, 2, 2}, {1, 2, 3, 4}));
    g.node("AveragePool", {"x"}, {"y"}).attributes = {intsAttr("kernel_shape", {2, 2}), intsAttr("pads", {1, 1, 0, 0})};
    g.output("y");
    CHECK(floatsOf(g.runOne("y")) == std::vector<float>{1, 1.5f, 2, 2.5f});
}

TEST_CASE("GlobalAveragePool averages each plane", "[runtime][pool]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 2, 2, 2}, iota(8)));
    g.node("GlobalAveragePool", {"x"}, {"y"});
    g.output("y");
    RuntimeTensor y = g.runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{1, 2, 1, 1});
    CHECK(floatsOf(y) == std::vector<float>{2.5f, 6.5f});
}

TEST_CASE("Gemm with transB, alpha, beta and a broadcast bias", "[runtime][matmul]") {
    RuntimeGraph g;
    g.input("a", RuntimeTensor::fromFloats({2, 3}, {1, 2, 3, 4, 5, 6}));
    g.constant("b", RuntimeTensor::fromFloats({2, 3}, {1, 0, 0, 0, 1, 1}));
    g.constant("c", RuntimeTensor::fromFloats({2}, {10, 20}));
    g.node("Gemm", {"a", "b", "c"}, {"y"}).attributes = {intAttr("transB", 1), floatAttr("alpha", 2.0f),
                                                         floatAttr("beta", 0.5f)};
    g.output("y");
    // A * B^T = [[1, 5], [4, 11]]
    CHECK(floatsOf(g.runOne("y")) == std::vector<float>{7, 20, 13, 32});
}

TEST_CASE("MatMul broadcasts a matrix over a batch and promotes vectors", "[runtime][matmul]") {
    RuntimeGraph g;
    g.input("a", RuntimeTensor::fromFloats({2, 1, 2}, {1, 2, 3, 4}));
    g.constant("b", RuntimeTensor::fromFloats({2, 2}, {1, 1, 0, 1}));
    g.constant("v", RuntimeTensor::fromFloats({2}, {1, -1}));
    g.node("MatMul", {"a", "b"}, {"y"});
    g.node("MatMul", {"a", "v"}, {"z"});
    g.output("y");
    g.output("z");
    TensorMap out = g.run();
    CHECK(out.at("y").dims() == std::vector<int64_t>{2, 1, 2});
    CHECK(floatsOf(out.at("y")) == std::vector<float>{1, 3, 3, 7});
    CHECK(out.at("z").dims() == std::vector<int64_t>{2, 1});
    CHECK(floatsOf(out.at("z")) == std::vector<float>{-1, -1});
}

TEST_CASE("Batched MatMul broadcasts batch dims on both sides", "[runtime][matmul]") {
    RuntimeGraph g;
    g.input("a", RuntimeTensor::fromFloats({2, 1, 1, 2}, {1, 2, 3, 4}));
    g.constant("b", RuntimeTensor::fromFloats({1, 2, 2, 1}, {1, 0, 0, 1}));
    g.node("MatMul", {"a", "b"}, {"y"});
    g.output("y");
    RuntimeTensor y = g.runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{2, 2, 1, 1});
    CHECK(floatsOf(y) == std::vector<float>{1, 2, 3, 4});
}

TEST_CASE("A residual block gives the same result in blocked layouts as with every tensor plain",
          "[runtime][conv]") {
    RuntimeGraph g;
    const int64_t channels = 16;
    g.input("x", RuntimeTensor::fromFloats({1, 3, 12, 12}, randomFloats(3 * 12 * 12, 1)));
    g.constant("w0", RuntimeTensor::fromFloats({channels, 3, 3, 3}, randomFloats(channels * 27, 2)));
    g.constant("w1", RuntimeTensor::fromFloats({channels, channels, 3, 3}, randomFloats(channels * channels * 9, 3)));
    g.constant("b1", RuntimeTensor::fromFloats({channels}, randomFloats(channels, 4)));
    g.node("Conv", {"x", "w0"}, {"c0"}).attributes = {intsAttr("pads", {1, 1, 1, 1})};
    g.node("Relu", {"c0"}, {"r0"});
    g.node("Conv", {"r0", "w1", "b1"}, {"c1"}).attributes = {intsAttr("pads", {1, 1, 1, 1})};
    g.node("Add", {"c1", "r0"}, {"sum"});
    g.node("Relu", {"sum"}, {"r1"});
    g.node("MaxPool", {"r1"}, {"p"}).attributes = {intsAttr("kernel_shape", {2, 2}), intsAttr("strides", {2, 2})};
    g.node("GlobalAveragePool", {"p"}, {"gap"});
    g.node("Flatten", {"gap"}, {"y"});
    g.output("y");
    g.output("p");
    TensorMap fast = g.run();
    int observed = 0;
    RunOptions hooks;
    hooks.observer = [&](const std::string&, const RuntimeTensor& tensor) {
        CHECK(tensor.isPlain());
        ++observed;
    };
    TensorMap plain = g.run({}, hooks);
    CHECK(observed == 9);
    for (const char* name : {"y", "p"}) {
        REQUIRE(fast.at(name).dims() == plain.at(name).dims());
        CHECK(fast.at(name).isPlain());
        std::vector<float> a = floatsOf(fast.at(name));
        std::vector<float> b = floatsOf(plain.at(name));
        for (size_t i = 0; i < a.size(); ++i)
            CHECK(a[i] == Approx(b[i]).margin(1e-5));
    }
    CHECK(fast.at("y").dims() == std::vector<int64_t>{1, channels});
}
