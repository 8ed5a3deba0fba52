// Shape and data-movement kernels against hand-computed results.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

using namespace qs;
using namespace qs::test;

namespace {

RuntimeTensor six() { return RuntimeTensor::fromFloats({2, 3}, {1, 2, 3, 4, 5, 6}); }

} // namespace

TEST_CASE("Reshape handles 0 and -1", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2, 3, 2}, std::vector<float>(12, 1.0f)));
    g.constant("shape", RuntimeTensor::fromInt64s({2}, {0, -1}));
    g.node("Reshape", {"x", "shape"}, {"y"});
    g.output("y");
    CHECK(g.runOne("y").dims() == std::vector<int64_t>{2, 6});
}

TEST_CASE("Reshape to an incompatible shape names the node", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("x", six());
    g.constant("shape", RuntimeTensor::fromInt64s({1}, {4}));
    g.node("Reshape", {"x", "shape"}, {"y"});
    g.output("y");
    CHECK_THROWS_WITH(g.run(), Catch::Contains("Reshape_0"));
}

TEST_CASE("Transpose swaps axes", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("x", six());
    g.node("Transpose", {"x"}, {"y"}).attributes = {intsAttr("perm", {1, 0})};
    g.output("y");
    RuntimeTensor y = g.runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{3, 2});
    CHECK(floatsOf(y) == std::vector<float>{1, 4, 2, 5, 3, 6});
}

TEST_CASE("Concat along the last axis", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("a", six());
    g.input("b", RuntimeTensor::fromFloats({2, 1}, {7, 8}));
    g.node("Concat", {"a", "b"}, {"y"}).attributes = {intAttr("axis", -1)};
    g.output("y");
    CHECK(floatsOf(g.runOne("y")) == std::vector<float>{1, 2, 3, 7, 4, 5, 6, 8});
}

TEST_CASE("Split into unequal parts given as an input", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("x", six());
    g.constant("sizes", RuntimeTensor::fromInt64s({2}, {1, 2}));
    g.node("Split", {"x", "sizes"}, {"p", "q"}).attributes = {intAttr("axis", 1)};
    g.output("p");
    g.output("q");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("p")) == std::vector<float>{1, 4});
    CHECK(floatsOf(out.at("q")) == std::vector<float>{2, 3, 5, 6});
}

TEST_CASE("Slice with a negative step reverses", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("x", six());
    g.constant("starts", RuntimeTensor::fromInt64s({1}, {-1}));
    g.constant("ends", RuntimeTensor::fromInt64s({1}, {INT64_MIN}));
    g.constant("axes", RuntimeTensor::fromInt64s({1}, {1}));
    g.constant("steps", RuntimeTensor::fromInt64s({1}, {-2}));
    g.node("Slice", {"x", "starts", "ends", "axes", "steps"}, {"y"});
    g.output("y");
    RuntimeTensor y = g.runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{2, 2});
    CHECK(floatsOf(y) == std::vector<float>{3, 1, 6, 4});
}

TEST_CASE("Gather picks rows with negative indices", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("x", six());
    g.constant("i", RuntimeTensor::fromInt64s({2}, {-1, 0}));
    g.node("Gather", {"x", "i"}, {"y"});
    g.output("y");
    CHECK(floatsOf(g.runOne("y")) == std::vector<float>{4, 5, 6, 1, 2, 3});
}

TEST_CASE("Squeeze and Unsqueeze take axes as attribute before opset 13 and input after", "[runtime][shape]") {
    RuntimeGraph old(11);
    old.input("x", RuntimeTensor::fromFloats({1, 3}, {1, 2, 3}));
    old.node("Squeeze", {"x"}, {"s"}).attributes = {intsAttr("axes", {0})};
    old.node("Unsqueeze", {"s"}, {"u"}).attributes = {intsAttr("axes", {1})};
    old.output("u");
    CHECK(old.runOne("u").dims() == std::vector<int64_t>{3, 1});

    RuntimeGraph current(13);
    current.input("x", RuntimeTensor::fromFloats({1, 3}, {1, 2, 3}));
    current.constant("a0", RuntimeTensor::fromInt64s({1}, {0}));
    current.constant("a1", RuntimeTensor::fromInt64s({1}, {-1}));
    current.node("Squeeze", {"x", "a0"}, {"s"});
    current.node("Unsqueeze", {"s", "a1"}, {"u"});
    current.output("u");
    CHECK(current.runOne("u").dims() == std::vector<int64_t>{3, 1});
}

TEST_CASE("Shape, Gather, Cast and ConstantOfShape compute shapes", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("x", six());
    g.constant("last", RuntimeTensor::fromInt64s({1}, {1}));
    g.node("Shape", {"x"}, {"shape"});
    g.node("Gather", {"shape", "last"}, {"width"});
    g.node("ConstantOfShape", {"width"}, {"zeros"});
    g.node("Cast", {"width"}, {"widthf"}).attributes = {intAttr("to", static_cast<int64_t>(DataType::Float))};
    g.output("shape");
    g.output("zeros");
    g.output("widthf");
    TensorMap out = g.run();
    CHECK(out.at("shape").toInt64s() == std::vector<int64_t>{2, 3});
    CHECK(out.at("zeros").dims() == std::vector<int64_t>{3});
    CHECK(floatsOf(out.at("zeros")) == std::vector<float>{0, 0, 0});
    CHECK(floatsOf(out.at("widthf")) == std::vector<float>{3});
}

TEST_CASE("Expand, Tile and Pad", "[runtime][shape]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2, 1}, {1, 2}));
    g.constant("shape", RuntimeTensor::fromInt64s({2}, {2, 2}));
    g.constant("repeats", RuntimeTensor::fromInt64s({2}, {1, 2}));
    g.constant("pads", RuntimeTensor::fromInt64s({4}, {0, 1, 0, 0}));
    g.node("Expand", {"x", "shape"}, {"e"});
    g.node("Tile", {"x", "repeats"}, {"t"});
    g.node("Pad", {"x", "pads"}, {"p"}).attributes = {stringAttr("mode", "edge")};
    g.output("e");
    g.output("t");
    g.output("p");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("e")) == std::vector<float>{1, 1, 2, 2});
    CHECK(floatsOf(out.at("t")) == std::vector<float>{1, 1, 2, 2});
    CHECK(out.at("p").dims() == std::vector<int64_t>{2, 2});
    CHECK(floatsOf(out.at("p")) == std::vector<float>{1, 1, 2, 2});
}
