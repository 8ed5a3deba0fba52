// Elementwise, shape and normalization kernels against hand-computed results.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace qs;
using namespace qs::test;

namespace {

RuntimeTensor runBinary(const std::string& op, const RuntimeTensor& a, const RuntimeTensor& b) {
    RuntimeGraph g;
    g.input("a", a);
    g.input("b", b);
    g.node(op, {"a", "b"}, {"y"});
    g.output("y");
    return g.runOne("y");
}

std::vector<int64_t> int64sOf(const RuntimeTensor& tensor) { return tensor.toInt64s(); }

} // namespace

TEST_CASE("Add broadcasts a row over a matrix", "[runtime][elementwise]") {
    RuntimeTensor y = runBinary("Add", RuntimeTensor::fromFloats({2, 3}, {1, 2, 3, 4, 5, 6}),
                                RuntimeTensor::fromFloats({3}, {10, 20, 30}));
    CHECK(y.dims() == std::vector<int64_t>{2, 3});
    CHECK(floatsOf(y) == std::vector<float>{11, 22, 33, 14, 25, 36});
}

TEST_CASE("Sub broadcasts a column against a row", "[runtime][elementwise]") {
    RuntimeTensor y = runBinary("Sub", RuntimeTensor::fromFloats({2, 1}, {10, 20}),
                                RuntimeTensor::fromFloats({1, 3}, {1, 2, 3}));
    CHECK(y.dims() == std::vector<int64_t>{2, 3});
    CHECK(floatsOf(y) == std::vector<float>{9, 8, 7, 19, 18, 17});
}

TEST_CASE("Integer Div and Mul work on int64 shape arithmetic", "[runtime][elementwise]") {
    CHECK(int64sOf(runBinary("Div", RuntimeTensor::fromInt64s({3}, {7, 8, -9}), RuntimeTensor::fromInt64s({}, {2}))) ==
          std::vector<int64_t>{3, 4, -4});
    CHECK(int64sOf(runBinary("Mul", RuntimeTensor::fromInt64s({2}, {3, 4}), RuntimeTensor::fromInt64s({1}, {5}))) ==
          std::vector<int64_t>{15, 20});
}

TEST_CASE("Comparisons give bool tensors and Where selects with them", "[runtime][elementwise]") {
    RuntimeTensor mask = runBinary("Less", RuntimeTensor::fromFloats({3}, {1, 5, 3}), RuntimeTensor::fromFloats({}, {3}));
    CHECK(mask.type() == DataType::Bool);
    CHECK(mask.toInt64s() == std::vector<int64_t>{1, 0, 0});

    RuntimeGraph g;
    g.input("c", mask);
    g.input("x", RuntimeTensor::fromFloats({3}, {1, 2, 3}));
    g.input("y", RuntimeTensor::fromFloats({1}, {-1}));
    g.node("Where", {"c", "x", "y"}, {"z"});
    g.output("z");
    CHECK(floatsOf(g.runOne("z")) == std::vector<float>{1, -1, -1});
}

TEST_CASE("Mismatched broadcast shapes name the node", "[runtime][elementwise]") {
    CHECK_THROWS_WITH(runBinary("Add", RuntimeTensor::fromFloats({2}, {1, 2}), RuntimeTensor::fromFloats({3}, {1, 2, 3})),
                      Catch::Contains("Add_0") && Catch::Contains("broadcast"));
}

TEST_CASE("Unary activations", "[runtime][elementwise]") {
    RuntimeTensor x = RuntimeTensor::fromFloats({4}, {-6, -1, 0, 2});
    auto unary = [&](const std::string& op, std::vector<Attribute> attributes = {}) {
        RuntimeGraph g;
        g.input("x", x);
        g.node(op, {"x"}, {"y"}).attributes = attributes;
        g.output("y");
        return floatsOf(g.runOne("y"));
    };
    CHECK(unary("Relu") == std::vector<float>{0, 0, 0, 2});
    CHECK(unary("LeakyRelu", {floatAttr("alpha", 0.5f)}) == std::vector<float>{-3, -0.5f, 0, 2});
    std::vector<float> hardSwish = unary("HardSwish");
    CHECK(hardSwish[0] == 0.0f);
    CHECK(hardSwish[1] == Approx(-1.0f / 3.0f));
    CHECK(hardSwish[3] == Approx(5.0f / 3.0f));
    CHECK(unary("Neg") == std::vector<float>{6, 1, 0, -2});
    std::vector<float> sigmoid = unary("Sigmoid");
    CHECK(sigmoid[2] == Approx(0.5f));
    CHECK(sigmoid[3] == Approx(1.0f / (1.0f + std::exp(-2.0f))));
}

TEST_CASE("Clip reads bounds from attributes before opset 11 and inputs after", "[runtime][elementwise]") {
    RuntimeGraph old(6);
    old.input("x", RuntimeTensor::fromFloats({3}, {-2, 0.5f, 9}));
    old.node("Clip", {"x"}, {"y"}).attributes = {floatAttr("min", 0.0f), floatAttr("max", 1.0f)};
    old.output("y");
    CHECK(floatsOf(old.runOne("y")) == std::vector<float>{0, 0.5f, 1});

    RuntimeGraph current(13);
    current.input("x", RuntimeTensor::fromFloats({3}, {-2, 0.5f, 9}));
    current.constant("hi", RuntimeTensor::fromFloats({}, {6}));
    current.node("Clip", {"x", "", "hi"}, {"y"});
    current.output("y");
    CHECK(floatsOf(current.runOne("y")) == std::vector<float>{-2, 0.5f, 6});
}

TEST_CASE("Softmax coerces to 2-D before opset 13 and uses one axis after", "[runtime][normalization]") {
    std::vector<float> values = {0, 0, 0, 0};
    for (int64_t opset : {11, 13}) {
        RuntimeGraph g(opset);
        g.input("x", RuntimeTensor::fromFloats({1, 2, 2}, values));
        g.node("Softmax", {"x"}, {"y"}).attributes = {intAttr("axis", 1)};
        g.output("y");
        std::vector<float> y = floatsOf(g.runOne("y"));
        float expected = opset < 13 ? 0.25f : 0.5f;
        for (float v : y)
            CHECK(v == Approx(expected));
    }
}

TEST_CASE("BatchNormalization applies per-channel statistics", "[runtime][normalization]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 2, 1, 2}, {1, 2, 3, 4}));
    g.constant("s", RuntimeTensor::fromFloats({2}, {1, 2}));
    g.constant("b", RuntimeTensor::fromFloats({2}, {0, 1}));
    g.constant("m", RuntimeTensor::fromFloats({2}, {1, 3}));
    g.constant("v", RuntimeTensor::fromFloats({2}, {4, 1}));
    g.node("BatchNormalization", {"x", "s", "b", "m", "v"}, {"y"}).attributes = {floatAttr("epsilon", 0.0f)};
    g.output("y");
    CHECK(floatsOf(g.runOne("y")) == std::vector<float>{0, 0.5f, 1, 3});
}

TEST_CASE("LayerNormalization normalizes the last axis", "[runtime][normalization]") {
    RuntimeGraph g(17);
    g.input("x", RuntimeTensor::fromFloats({1, 2}, {1, 3}));
    g.constant("s", RuntimeTensor::fromFloats({2}, {2, 2}));
    g.constant("b", RuntimeTensor::fromFloats({2}, {1, 1}));
    g.node("LayerNormalization", {"x", "s", "b"}, {"y"}).attributes = {floatAttr("epsilon", 0.0f)};
    g.output("y");
    std::vector<float> y = floatsOf(g.runOne("y"));
    CHECK(y[0] == Approx(-1.0f));
    CHECK(y[1] == Approx(3.0f));
}

TEST_CASE("ReduceMean and ArgMax", "[runtime][reduce]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2, 3}, {1, 5, 3, 4, 2, 6}));
    g.node("ReduceMean", {"x"}, {"mean"}).attributes = {intsAttr("axes", {1}), intAttr("keepdims", 0)};
    g.node("ArgMax", {"x"}, {"arg"}).attributes = {intAttr("axis", 1)};
    g.output("mean");
    g.output("arg");
    TensorMap out = g.run();
    CHECK(out.at("mean").dims() == std::vector<int64_t>{2});
    CHECK(floatsOf(out.at("mean")) == std::vector<float>{3, 4});
    CHECK(out.at("arg").dims() == std::vector<int64_t>{2, 1});
    CHECK(out.at("arg").toInt64s() == std::vector<int64_t>{1, 2});
}

TEST_CASE("QuantizeLinear rounds half to even and saturates; DequantizeLinear inverts per axis",
          "[runtime][quantize]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2, 3}, {0.5f, 1.5f, -100, 2.5f, 3.0f, 1000}));
    g.constant("s", RuntimeTensor::fromFloats({}, {1.0f}));
    RuntimeTensor zero(DataType::Int8, {});
    zero.data<int8_t>()[0] = 1;
    g.constant("z", zero);
    g.node("QuantizeLinear", {"x", "s", "z"}, {"q"});
    g.constant("axisScale", RuntimeTensor::fromFloats({2}, {2.0f, 0.5f}));
    g.node("DequantizeLinear", {"q", "axisScale"}, {"d"}).attributes = {intAttr("axis", 0)};
    g.output("q");
    g.output("d");
    TensorMap out = g.run();
    REQUIRE(out.at("q").type() == DataType::Int8);
    CHECK(out.at("q").toInt64s() == std::vector<int64_t>{1, 3, -99, 3, 4, 127});
    CHECK(floatsOf(out.at("d")) == std::vector<float>{2, 6, -198, 1.5f, 2, 63.5f});
}

TEST_CASE("float64 tensors keep double precision through math, Mean, shape ops and Cast", "[runtime][elementwise]") {
    RuntimeTensor a(DataType::Double, {2});
    a.data<double>()[0] = 1.0 + 1e-12;
    a.data<double>()[1] = -2.0;
    RuntimeGraph g;
    g.input("a", a);
    g.node("Abs", {"a"}, {"abs"});
    g.node("Mean", {"a", "abs"}, {"mean"});
    g.node("Mul", {"mean", "mean"}, {"square"});
    g.node("Unsqueeze", {"square", "axes"}, {"column"});
    g.constant("axes", RuntimeTensor::fromInt64s({1}, {1}));
    g.node("Cast", {"column"}, {"single"}).attributes = {intAttr("to", int(DataType::Float))};
    g.output("mean");
    g.output("column");
    g.output("single");
    REQUIRE(Executor::findUnsupported(g.model).empty());
    TensorMap out = g.run();
    REQUIRE(out.at("mean").type() == DataType::Double);
    CHECK(out.at("mean").data<double>()[0] == 1.0 + 1e-12);
    CHECK(out.at("mean").data<double>()[1] == 0.0);
    CHECK(out.at("column").dims() == std::vector<int64_t>{2, 1});
    CHECK(out.at("column").data<double>()[0] == (1.0 + 1e-12) * (1.0 + 1e-12));
    CHECK(floatsOf(out.at("single")) == std::vector<float>{1.0f, 0.0f});
}

TEST_CASE("Operators without float64 kernels report float64 tensors as unsupported", "[runtime][elementwise]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor(DataType::Double, {1, 1, 2, 2}));
    g.node("MaxPool", {"x"}, {"y"}).attributes = {intsAttr("kernel_shape", {2, 2})};
    g.output("y");
    std::vector<UnsupportedNode> unsupported = Executor::findUnsupported(g.model);
    REQUIRE(unsupported.size() == 1);
    CHECK(unsupported[0].reason.find("float64") != std::string::npos);
}
