// TopK, GatherND, ScatterElements, NonZero, OneHot, CumSum, Trilu, Compress and LRN against hand-computed results.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace qs;
using namespace qs::test;

namespace {

RuntimeTensor boolTensor(std::vector<int64_t> dims, const std::vector<uint8_t>& values) {
    RuntimeTensor tensor(DataType::Bool, std::move(dims));
    std::memcpy(tensor.raw(), values.data(), values.size());
    return tensor;
}

RuntimeTensor int64Scalar(int64_t value) { return RuntimeTensor::fromInt64s({}, {value}); }

} // namespace

TEST_CASE("TopK returns the largest values with lower indices first on ties", "[runtime][topk]") {
    RuntimeGraph g(11);
    g.input("x", RuntimeTensor::fromFloats({2, 4}, {3, 1, 3, 2, 5, 6, 4, 6}));
    g.constant("k", RuntimeTensor::fromInt64s({1}, {2}));
    g.node("TopK", {"x", "k"}, {"values", "indices"});
    g.output("values");
    g.output("indices");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("values")) == std::vector<float>{3, 3, 6, 6});
    CHECK(out.at("indices").toInt64s() == std::vector<int64_t>{0, 2, 1, 3});
}

TEST_CASE("TopK smallest along axis 0 and the opset 1 attribute", "[runtime][topk]") {
    RuntimeGraph g(11);
    g.input("x", RuntimeTensor::fromFloats({2, 3}, {3, 1, 7, 2, 5, 7}));
    g.constant("k", RuntimeTensor::fromInt64s({1}, {1}));
    g.node("TopK", {"x", "k"}, {"values", "indices"}).attributes = {intAttr("axis", 0), intAttr("largest", 0)};
    g.output("values");
    g.output("indices");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("values")) == std::vector<float>{2, 1, 7});
    CHECK(out.at("indices").toInt64s() == std::vector<int64_t>{1, 0, 0});

    RuntimeGraph old(1);
    old.input("x", RuntimeTensor::fromFloats({4}, {4, 8, 1, 8}));
    old.node("TopK", {"x"}, {"values", "indices"}).attributes = {intAttr("k", 3)};
    old.output("values");
    old.output("indices");
    TensorMap oldOut = old.run();
    CHECK(floatsOf(oldOut.at("values")) == std::vector<float>{8, 8, 4});
    CHECK(oldOut.at("indices").toInt64s() == std::vector<int64_t>{1, 3, 0});
}

TEST_CASE("TopK rejects k beyond the axis", "[runtime][topk]") {
    RuntimeGraph g(11);
    g.input("x", RuntimeTensor::fromFloats({2}, {1, 2}));
    g.constant("k", RuntimeTensor::fromInt64s({1}, {3}));
    g.node("TopK", {"x", "k"}, {"values", "indices"});
    g.output("values");
    CHECK_THROWS_WITH(g.run(), Catch::Contains("TopK_0") && Catch::Contains("out of range"));
}

TEST_CASE("GatherND picks elements, slices and batches", "[runtime][indexing]") {
    RuntimeGraph g;
    g.input("data", RuntimeTensor::fromFloats({2, 2}, {0, 1, 2, 3}));
    g.constant("pairs", RuntimeTensor::fromInt64s({2, 2}, {0, 0, 1, 1}));
    g.constant("rows", RuntimeTensor::fromInt64s({2, 1}, {1, -2}));
    g.node("GatherND", {"data", "pairs"}, {"elements"});
    g.node("GatherND", {"data", "rows"}, {"slices"});
    g.output("elements");
    g.output("slices");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("elements")) == std::vector<float>{0, 3});
    CHECK(out.at("slices").dims() == std::vector<int64_t>{2, 2});
    CHECK(floatsOf(out.at("slices")) == std::vector<float>{2, 3, 0, 1});

    RuntimeGraph batched;
    batched.input("data", RuntimeTensor::fromFloats({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}));
    batched.constant("indices", RuntimeTensor::fromInt64s({2, 1}, {1, 0}));
    batched.node("GatherND", {"data", "indices"}, {"y"}).attributes = {intAttr("batch_dims", 1)};
    batched.output("y");
    CHECK(floatsOf(batched.runOne("y")) == std::vector<float>{2, 3, 4, 5});
}

TEST_CASE("ScatterElements writes along the axis and reduces duplicates", "[runtime][indexing]") {
    RuntimeGraph g;
    g.input("data", RuntimeTensor::fromFloats({3, 3}, std::vector<float>(9, 0.0f)));
    g.constant("indices", RuntimeTensor::fromInt64s({2, 3}, {1, 0, 2, 0, 2, 1}));
    g.constant("updates", RuntimeTensor::fromFloats({2, 3}, {1.0f, 1.1f, 1.2f, 2.0f, 2.1f, 2.2f}));
    g.node("ScatterElements", {"data", "indices", "updates"}, {"y"});
    g.output("y");
    CHECK(floatsOf(g.runOne("y")) == std::vector<float>{2.0f, 1.1f, 0, 1.0f, 0, 2.2f, 0, 2.1f, 1.2f});

    RuntimeGraph add(16);
    add.input("data", RuntimeTensor::fromFloats({1, 5}, {1, 2, 3, 4, 5}));
    add.constant("indices", RuntimeTensor::fromInt64s({1, 2}, {1, -4}));
    add.constant("updates", RuntimeTensor::fromFloats({1, 2}, {1.5f, 2.5f}));
    add.node("ScatterElements", {"data", "indices", "updates"}, {"y"}).attributes = {
        intAttr("axis", 1), stringAttr("reduction", "add")};
    add.output("y");
    CHECK(floatsOf(add.runOne("y")) == std::vector<float>{1, 6, 3, 4, 5});
}

TEST_CASE("NonZero lists coordinates per axis", "[runtime][indexing]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2, 2}, {1, 0, 1, 1}));
    g.node("NonZero", {"x"}, {"y"});
    g.output("y");
    RuntimeTensor y = g.runOne("y");
    CHECK(y.dims() == std::vector<int64_t>{2, 3});
    CHECK(y.toInt64s() == std::vector<int64_t>{0, 1, 1, 0, 0, 1});
}

TEST_CASE("OneHot with negative indices and axes", "[runtime][indexing]") {
    RuntimeGraph g(11);
    g.input("indices", RuntimeTensor::fromInt64s({3}, {0, 2, -1}));
    g.constant("depth", int64Scalar(3));
    g.constant("values", RuntimeTensor::fromFloats({2}, {0, 5}));
    g.node("OneHot", {"indices", "depth", "values"}, {"last"});
    g.node("OneHot", {"indices", "depth", "values"}, {"first"}).attributes = {intAttr("axis", 0)};
    g.output("last");
    g.output("first");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("last")) == std::vector<float>{5, 0, 0, 0, 0, 5, 0, 0, 5});
    CHECK(floatsOf(out.at("first")) == std::vector<float>{5, 0, 0, 0, 0, 0, 0, 5, 5});
}

TEST_CASE("CumSum inclusive, exclusive and reverse", "[runtime][indexing]") {
    auto cumsum = [](int64_t exclusive, int64_t reverse) {
        RuntimeGraph g(14);
        g.input("x", RuntimeTensor::fromFloats({3}, {1, 2, 3}));
        g.constant("axis", int64Scalar(0));
        g.node("CumSum", {"x", "axis"}, {"y"}).attributes = {intAttr("exclusive", exclusive),
                                                               intAttr("reverse", reverse)};
        g.output("y");
        return floatsOf(g.runOne("y"));
    };
    CHECK(cumsum(0, 0) == std::vector<float>{1, 3, 6});
    CHECK(cumsum(1, 0) == std::vector<float>{0, 1, 3});
    CHECK(cumsum(0, 1) == std::vector<float>{6, 5, 3});
    CHECK(cumsum(1, 1) == std::vector<float>{5, 3, 0});
}

TEST_CASE("Trilu keeps the upper or lower triangle", "[runtime][indexing]") {
    RuntimeGraph g(14);
    g.input("x", RuntimeTensor::fromFloats({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}));
    g.constant("k", int64Scalar(-1));
    g.node("Trilu", {"x"}, {"upper"});
    g.node("Trilu", {"x", "k"}, {"lower"}).attributes = {intAttr("upper", 0)};
    g.output("upper");
    g.output("lower");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("upper")) == std::vector<float>{1, 2, 3, 0, 5, 6, 0, 0, 9});
    CHECK(floatsOf(out.at("lower")) == std::vector<float>{0, 0, 0, 4, 0, 0, 7, 8, 0});
}

TEST_CASE("Compress selects along an axis or the flattened input", "[runtime][indexing]") {
    RuntimeGraph g(11);
    g.input("x", RuntimeTensor::fromFloats({3, 2}, {1, 2, 3, 4, 5, 6}));
    g.constant("rows", boolTensor({3}, {0, 1, 1}));
    g.constant("flat", boolTensor({5}, {0, 1, 0, 0, 1}));
    g.node("Compress", {"x", "rows"}, {"byRow"}).attributes = {intAttr("axis", 0)};
    g.node("Compress", {"x", "flat"}, {"flattened"});
    g.output("byRow");
    g.output("flattened");
    TensorMap out = g.run();
    CHECK(out.at("byRow").dims() == std::vector<int64_t>{2, 2});
    CHECK(floatsOf(out.at("byRow")) == std::vector<float>{3, 4, 5, 6});
    CHECK(floatsOf(out.at("flattened")) == std::vector<float>{2, 5});
}

TEST_CASE("LRN divides by the local sum of squares across channels", "[runtime][lrn]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 3, 1, 1}, {1, 2, 3}));
    g.node("LRN", {"x"}, {"y"}).attributes = {intAttr("size", 3), floatAttr("alpha", 3.0f), floatAttr("beta", 1.0f),
                                              floatAttr("bias", 1.0f)};
    g.output("y");
    std::vector<float> y = floatsOf(g.runOne("y"));
    REQUIRE(y.size() == 3);
    CHECK(y[0] == Approx(1.0 / 6.0));
    CHECK(y[1] == Approx(2.0 / 15.0));
    CHECK(y[2] == Approx(3.0 / 14.0));
}

TEST_CASE("NonMaxSuppression keeps the best boxes per class and drops overlapping ones", "[runtime][indexing]") {
    RuntimeGraph g;
    // Box 1 overlaps box 0 heavily (IoU 0.81), box 2 is apart; box 3 is below the score threshold.
    g.input("boxes", RuntimeTensor::fromFloats({1, 4, 4}, {0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 0, 2, 1, 3, 5, 5, 6, 6}));
    g.input("scores", RuntimeTensor::fromFloats({1, 2, 4}, {0.9f, 0.95f, 0.5f, 0.1f, 0.3f, 0.2f, 0.2f, 0.7f}));
    g.constant("max", RuntimeTensor::fromInt64s({1}, {2}));
    g.constant("iou", RuntimeTensor::fromFloats({1}, {0.5f}));
    g.constant("threshold", RuntimeTensor::fromFloats({1}, {0.15f}));
    g.node("NonMaxSuppression", {"boxes", "scores", "max", "iou", "threshold"}, {"selected"});
    g.output("selected");
    RuntimeTensor selected = g.runOne("selected");
    REQUIRE(selected.dims() == std::vector<int64_t>{4, 3});
    // class 0: box 1 (0.95), box 0 suppressed, box 2; class 1: box 3 (0.7), box 0 (0.3), then the limit of 2.
    CHECK(selected.toInt64s() == std::vector<int64_t>{0, 0, 1, 0, 0, 2, 0, 1, 3, 0, 1, 0});
}
