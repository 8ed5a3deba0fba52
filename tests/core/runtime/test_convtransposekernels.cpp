// ConvTranspose against hand-computed results: weight layout, strides, pads, output_padding, output_shape,
// auto_pad, groups and bias.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

using namespace qs;
using namespace qs::test;

namespace {

RuntimeTensor runConvTranspose(const RuntimeTensor& x, const RuntimeTensor& w, const std::vector<Attribute>& attributes,
                               const RuntimeTensor* bias = nullptr) {
    RuntimeGraph g;
    g.input("x", x);
    g.constant("w", w);
    std::vector<std::string> inputs = {"x", "w"};
    if (bias) {
        g.constant("b", *bias);
        inputs.push_back("b");
    }
    g.node("ConvTranspose", inputs, {"y"}).attributes = attributes;
    g.output("y");
    return g.runOne("y");
}

RuntimeTensor x2x2() { return RuntimeTensor::fromFloats({1, 1, 2, 2}, {1, 2, 3, 4}); }
RuntimeTensor ones2x2() { return RuntimeTensor::fromFloats({1, 1, 2, 2}, {1, 1, 1, 1}); }

} // namespace

TEST_CASE("ConvTranspose with stride 1 spreads every input over the kernel", "[runtime][convtranspose]") {
    RuntimeTensor y = runConvTranspose(x2x2(), ones2x2(), {});
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 3, 3});
    CHECK(floatsOf(y) == std::vector<float>{1, 3, 2, 4, 10, 6, 3, 7, 4});
}

TEST_CASE("ConvTranspose with stride 2 writes disjoint blocks", "[runtime][convtranspose]") {
    RuntimeTensor y = runConvTranspose(x2x2(), ones2x2(), {intsAttr("strides", {2, 2})});
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 4, 4});
    CHECK(floatsOf(y) == std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
}

TEST_CASE("ConvTranspose output_padding adds rows only the bias reaches", "[runtime][convtranspose]") {
    RuntimeTensor bias = RuntimeTensor::fromFloats({1}, {0.5f});
    RuntimeTensor y = runConvTranspose(x2x2(), ones2x2(),
                                       {intsAttr("strides", {2, 2}), intsAttr("output_padding", {1, 1})}, &bias);
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 5, 5});
    CHECK(floatsOf(y) == std::vector<float>{1.5f, 1.5f, 2.5f, 2.5f, 0.5f, 1.5f, 1.5f, 2.5f, 2.5f, 0.5f,
                                            3.5f, 3.5f, 4.5f, 4.5f, 0.5f, 3.5f, 3.5f, 4.5f, 4.5f, 0.5f,
                                            0.5f, 0.5f, 0.5f, 0.5f, 0.5f});
}

TEST_CASE("ConvTranspose output_shape beyond the full output extends its end", "[runtime][convtranspose]") {
    RuntimeTensor y =
        runConvTranspose(x2x2(), ones2x2(), {intsAttr("strides", {2, 2}), intsAttr("output_shape", {5, 5})});
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 5, 5});
    CHECK(floatsOf(y) == std::vector<float>{1, 1, 2, 2, 0, 1, 1, 2, 2, 0, 3, 3, 4, 4, 0, 3, 3, 4, 4, 0,
                                            0, 0, 0, 0, 0});
}

TEST_CASE("ConvTranspose pads crop the full output", "[runtime][convtranspose]") {
    RuntimeTensor y = runConvTranspose(x2x2(), ones2x2(), {intsAttr("pads", {1, 1, 1, 1})});
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 1, 1});
    CHECK(floatsOf(y) == std::vector<float>{10});
}

TEST_CASE("ConvTranspose 1-D with asymmetric pads", "[runtime][convtranspose]") {
    RuntimeTensor y = runConvTranspose(RuntimeTensor::fromFloats({1, 1, 3}, {1, 2, 3}),
                                       RuntimeTensor::fromFloats({1, 1, 3}, {1, 1, 1}),
                                       {intsAttr("strides", {2}), intsAttr("pads", {1, 0})});
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 6});
    CHECK(floatsOf(y) == std::vector<float>{1, 3, 2, 5, 3, 3});
}

TEST_CASE("ConvTranspose output_shape and SAME_UPPER give input times stride", "[runtime][convtranspose]") {
    RuntimeTensor viaShape =
        runConvTranspose(x2x2(), ones2x2(), {intsAttr("strides", {2, 2}), intsAttr("output_shape", {3, 3})});
    CHECK(viaShape.dims() == std::vector<int64_t>{1, 1, 3, 3});
    // Total padding 1 per axis; without SAME_UPPER it goes at the beginning.
    CHECK(floatsOf(viaShape) == std::vector<float>{1, 2, 2, 3, 4, 4, 3, 4, 4});
    RuntimeTensor same = runConvTranspose(x2x2(), ones2x2(), {intsAttr("strides", {2, 2}),
                                                              stringAttr("auto_pad", "SAME_UPPER")});
    CHECK(same.dims() == std::vector<int64_t>{1, 1, 4, 4});
}

TEST_CASE("ConvTranspose reads weights as [Cin, Cout, k]", "[runtime][convtranspose]") {
    RuntimeTensor y = runConvTranspose(RuntimeTensor::fromFloats({1, 2, 1, 1}, {1, 2}),
                                       RuntimeTensor::fromFloats({2, 3, 1, 1}, {1, 2, 3, 4, 5, 6}), {});
    CHECK(y.dims() == std::vector<int64_t>{1, 3, 1, 1});
    CHECK(floatsOf(y) == std::vector<float>{9, 12, 15});
}

TEST_CASE("ConvTranspose with groups keeps channels apart", "[runtime][convtranspose]") {
    RuntimeTensor y = runConvTranspose(RuntimeTensor::fromFloats({1, 4, 1, 1}, {1, 2, 3, 4}),
                                       RuntimeTensor::fromFloats({4, 1, 1, 1}, {3, 5, 7, 9}), {intAttr("group", 2)});
    // Group 0: out0 = 1*3 + 2*5; group 1: out1 = 3*7 + 4*9.
    CHECK(y.dims() == std::vector<int64_t>{1, 2, 1, 1});
    CHECK(floatsOf(y) == std::vector<float>{13, 57});
}

TEST_CASE("ConvTranspose rejects mismatched channels with the node name", "[runtime][convtranspose]") {
    CHECK_THROWS_WITH(runConvTranspose(RuntimeTensor::fromFloats({1, 2, 1, 1}, {1, 2}), ones2x2(), {}),
                      Catch::Contains("ConvTranspose_0") && Catch::Contains("channels"));
}
