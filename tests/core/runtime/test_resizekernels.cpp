// Resize and Upsample against hand-computed results for each interpolation and coordinate mode.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

using namespace qs;
using namespace qs::test;

namespace {

/// Resize-13 of `x` with `scales` or `sizes` (the other left empty).
RuntimeTensor runResize(const RuntimeTensor& x, const std::vector<float>& scales, const std::vector<int64_t>& sizes,
                        const std::vector<Attribute>& attributes, const std::vector<float>& roi = {}) {
    RuntimeGraph g(13);
    g.input("x", x);
    std::vector<std::string> inputs = {"x", roi.empty() ? "" : "roi", scales.empty() ? "" : "scales"};
    if (!roi.empty())
        g.constant("roi", RuntimeTensor::fromFloats({static_cast<int64_t>(roi.size())}, roi));
    if (!scales.empty())
        g.constant("scales", RuntimeTensor::fromFloats({static_cast<int64_t>(scales.size())}, scales));
    if (!sizes.empty()) {
        g.constant("sizes", RuntimeTensor::fromInt64s({static_cast<int64_t>(sizes.size())}, sizes));
        inputs.push_back("sizes");
    }
    g.node("Resize", inputs, {"y"}).attributes = attributes;
    g.output("y");
    return g.runOne("y");
}

void checkClose(const std::vector<float>& actual, const std::vector<float>& expected) {
    REQUIRE(actual.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        CHECK(actual[i] == Approx(expected[i]).margin(1e-6));
}

RuntimeTensor row(const std::vector<float>& values) {
    return RuntimeTensor::fromFloats({1, 1, 1, static_cast<int64_t>(values.size())}, values);
}

} // namespace

TEST_CASE("Resize nearest doubles a 2x2 image", "[runtime][resize]") {
    RuntimeTensor y = runResize(RuntimeTensor::fromFloats({1, 1, 2, 2}, {1, 2, 3, 4}), {1, 1, 2, 2}, {}, {});
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 4, 4});
    CHECK(floatsOf(y) == std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
}

TEST_CASE("Resize nearest rounding modes differ at half positions", "[runtime][resize]") {
    // asymmetric scale 2 maps outputs to 0, 0.5, 1, 1.5, 2, 2.5.
    RuntimeTensor x = row({10, 20, 30});
    std::vector<Attribute> floorMode = {stringAttr("coordinate_transformation_mode", "asymmetric"),
                                        stringAttr("nearest_mode", "round_prefer_floor")};
    std::vector<Attribute> ceilMode = {stringAttr("coordinate_transformation_mode", "asymmetric"),
                                       stringAttr("nearest_mode", "round_prefer_ceil")};
    CHECK(floatsOf(runResize(x, {1, 1, 1, 2}, {}, floorMode)) == std::vector<float>{10, 10, 20, 20, 30, 30});
    CHECK(floatsOf(runResize(x, {1, 1, 1, 2}, {}, ceilMode)) == std::vector<float>{10, 20, 20, 30, 30, 30});
}

TEST_CASE("Resize linear with half_pixel clamps at the edges", "[runtime][resize]") {
    checkClose(floatsOf(runResize(row({1, 3}), {1, 1, 1, 2}, {}, {stringAttr("mode", "linear")})),
               {1, 1.5f, 2.5f, 3});
}

TEST_CASE("Resize linear with align_corners and asymmetric", "[runtime][resize]") {
    checkClose(floatsOf(runResize(row({1, 3}), {}, {1, 1, 1, 3},
                                  {stringAttr("mode", "linear"),
                                   stringAttr("coordinate_transformation_mode", "align_corners")})),
               {1, 2, 3});
    checkClose(floatsOf(runResize(row({1, 3}), {1, 1, 1, 2}, {},
                                  {stringAttr("mode", "linear"),
                                   stringAttr("coordinate_transformation_mode", "asymmetric")})),
               {1, 2, 3, 3});
}

TEST_CASE("Resize cubic uses the cubic coefficients", "[runtime][resize]") {
    std::vector<Attribute> attributes = {stringAttr("mode", "cubic"),
                                         stringAttr("coordinate_transformation_mode", "asymmetric")};
    // Coefficients at ratio 0.5 with A = -0.75: -0.09375, 0.59375, 0.59375, -0.09375.
    checkClose(floatsOf(runResize(row({0, 1, 0, 0}), {1, 1, 1, 2}, {}, attributes)),
               {0, 0.59375f, 1, 0.59375f, 0, -0.09375f, 0, 0});
    attributes.push_back(intAttr("exclude_outside", 1));
    std::vector<float> excluded = floatsOf(runResize(row({0, 1, 0, 0}), {1, 1, 1, 2}, {}, attributes));
    CHECK(excluded[1] == Approx(0.59375 / 1.09375));
}

TEST_CASE("Resize tf_crop_and_resize extrapolates outside the region", "[runtime][resize]") {
    RuntimeTensor y = runResize(row({1, 2, 3}), {}, {1, 1, 1, 3},
                                {stringAttr("mode", "linear"),
                                 stringAttr("coordinate_transformation_mode", "tf_crop_and_resize"),
                                 floatAttr("extrapolation_value", 10.0f)},
                                {0, 0, 0, 0.5f, 1, 1, 1, 1.5f});
    checkClose(floatsOf(y), {2, 3, 10});
}

TEST_CASE("Resize nearest copies int64 tensors", "[runtime][resize]") {
    RuntimeGraph g(13);
    g.input("x", RuntimeTensor::fromInt64s({1, 2}, {7, 9}));
    g.constant("scales", RuntimeTensor::fromFloats({2}, {2, 1.5f}));
    g.node("Resize", {"x", "", "scales"}, {"y"});
    g.output("y");
    RuntimeTensor y = g.runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{2, 3});
    CHECK(y.toInt64s() == std::vector<int64_t>{7, 7, 9, 7, 7, 9});
}

TEST_CASE("Upsample repeats with the legacy nearest rule", "[runtime][resize]") {
    RuntimeGraph g(9);
    g.input("x", RuntimeTensor::fromFloats({1, 1, 1, 2}, {1, 2}));
    g.constant("scales", RuntimeTensor::fromFloats({4}, {1, 1, 2, 3}));
    g.node("Upsample", {"x", "scales"}, {"y"});
    g.output("y");
    RuntimeTensor y = g.runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{1, 1, 2, 6});
    CHECK(floatsOf(y) == std::vector<float>{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2});
}

TEST_CASE("Resize reports unknown modes as unsupported", "[runtime][resize]") {
    RuntimeGraph g(13);
    g.input("x", row({1, 2}));
    g.constant("scales", RuntimeTensor::fromFloats({4}, {1, 1, 1, 2}));
    g.node("Resize", {"x", "", "scales"}, {"y"}).attributes = {stringAttr("mode", "lanczos")};
    g.output("y");
    std::vector<UnsupportedNode> unsupported = Executor::findUnsupported(g.model);
    REQUIRE(unsupported.size() == 1);
    CHECK(unsupported[0].reason.find("lanczos") != std::string::npos);
}
