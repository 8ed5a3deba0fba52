// Impossible shapes from crafted models are errors that name the node, never a wrapped-around element count,
// a huge allocation or a crash: every tensor the runtime allocates has its element count checked for overflow
// and its size checked against the per-tensor limit.

#include "runtimegraph.h"

#include "fixtures/modelbuilder.h"
#include "runtime/npy.h"
#include "runtime/runtimetensor.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <limits>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

constexpr int64_t kHuge = (int64_t(1) << 62) + 1; ///< times 4 wraps around to 4 in 64 bits

Attribute tensorAttr(const std::string& name, const Tensor& value) {
    Attribute attribute;
    attribute.name = name;
    attribute.kind = Attribute::Kind::Tensor;
    attribute.tensor = std::make_shared<Tensor>(value);
    return attribute;
}

} // namespace

TEST_CASE("Element counts that overflow 64 bits are errors", "[runtime][limits]") {
    CHECK_THROWS_WITH(elementCountOf({kHuge, 4}), Contains("[4611686018427387905,4]"));
    CHECK_THROWS_WITH(elementCountOf({int64_t(1) << 32, int64_t(1) << 32}), Contains("more elements"));
    CHECK(elementCountOf({kHuge, 0, kHuge}) == 0); // an empty tensor stays empty
    CHECK(elementCountOf({2, 3}) == 6);
    CHECK_THROWS_WITH(RuntimeTensor(DataType::Float, {int64_t(1) << 61, 8}), Contains("64-bit"));
}

TEST_CASE("A tensor larger than the limit is refused before it is allocated", "[runtime][limits]") {
    CHECK_THROWS_WITH(RuntimeTensor(DataType::Float, {int64_t(1) << 40}), Contains("more than the limit"));
    setTensorByteLimit(1 << 20);
    CHECK_THROWS_WITH(RuntimeTensor(DataType::Float, {1024, 1024}), Contains("[1024,1024]"));
    CHECK_NOTHROW(RuntimeTensor(DataType::Float, {512, 512}));
    setTensorByteLimit(0);
    CHECK_NOTHROW(RuntimeTensor(DataType::Float, {1024, 1024}));
}

TEST_CASE("Shape-computing nodes with impossible shapes name the node", "[runtime][limits]") {
    SECTION("Expand, then Softmax") {
        RuntimeGraph g;
        g.input("x", RuntimeTensor::fromFloats({1, 4}, {1, 2, 3, 4}));
        g.constant("shape", RuntimeTensor::fromInt64s({2}, {kHuge, 4}));
        g.node("Expand", {"x", "shape"}, {"y"});
        g.node("Softmax", {"y"}, {"z"});
        g.output("z");
        CHECK_THROWS_WITH(g.run(), Contains("Expand_0"));
    }
    SECTION("ConstantOfShape") {
        RuntimeGraph g;
        g.input("shape", RuntimeTensor::fromInt64s({2}, {kHuge, 4}));
        Tensor one;
        one.type = DataType::Float;
        one.dims = {1};
        one.data.resize(4);
        g.node("ConstantOfShape", {"shape"}, {"y"}).attributes = {tensorAttr("value", one)};
        g.output("y");
        CHECK_THROWS_WITH(g.run(), Contains("ConstantOfShape_0"));
    }
    SECTION("Tile") {
        RuntimeGraph g;
        g.input("x", RuntimeTensor::fromFloats({1, 4}, {1, 2, 3, 4}));
        g.constant("repeats", RuntimeTensor::fromInt64s({2}, {kHuge, 1}));
        g.node("Tile", {"x", "repeats"}, {"y"});
        g.output("y");
        CHECK_THROWS_WITH(g.run(), Contains("Tile_0"));
    }
    SECTION("a broadcasting Add of two large shapes") {
        RuntimeGraph g;
        g.input("a", RuntimeTensor(DataType::Float, {1 << 16, 1}));
        g.input("b", RuntimeTensor(DataType::Float, {1, 1 << 16}));
        g.node("Add", {"a", "b"}, {"c"});
        g.output("c");
        setTensorByteLimit(1 << 30); // 2^32 floats = 16 GiB: above the limit
        CHECK_THROWS_WITH(g.run(), Contains("Add_0") && Contains("limit"));
        setTensorByteLimit(0);
    }
}

TEST_CASE("An .npy whose header shape overflows is an error naming the file", "[runtime][limits][npy]") {
    TempDir dir;
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387905, 4), }";
    header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
    header += '\n';
    std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
    bytes += char(header.size() & 0xff);
    bytes += char(header.size() >> 8);
    bytes += header;
    bytes += std::string(16, '\0');
    const std::string path = dir.writeFile("overflow.npy", bytes);
    CHECK_THROWS_WITH(readNpy(path), Contains("overflow.npy") && Contains("64-bit"));

    const std::string huge = "{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776,), }";
    std::string hugeHeader = huge;
    hugeHeader.append((64 - (10 + hugeHeader.size() + 1) % 64) % 64, ' ');
    hugeHeader += '\n';
    std::string hugeBytes = std::string("\x93NUMPY\x01\x00", 8);
    hugeBytes += char(hugeHeader.size() & 0xff);
    hugeBytes += char(hugeHeader.size() >> 8);
    hugeBytes += hugeHeader + std::string(16, '\0');
    // 4 TiB declared, 16 bytes present: refused by the limit or as truncated, never allocated.
    CHECK_THROWS_WITH(readNpy(dir.writeFile("huge.npy", hugeBytes)), Contains("huge.npy"));
}

TEST_CASE("A Clip bound that is NaN is an error naming the node, fused or not", "[runtime][limits]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    SECTION("alone") {
        RuntimeGraph g;
        g.input("x", RuntimeTensor::fromFloats({1, 4}, {1, 2, 3, 4}));
        g.constant("low", RuntimeTensor::fromFloats({}, {nan}));
        g.constant("high", RuntimeTensor::fromFloats({}, {6}));
        g.node("Clip", {"x", "low", "high"}, {"y"});
        g.output("y");
        CHECK_THROWS_WITH(g.run(), Contains("Clip_0") && Contains("min is NaN"));
    }
    SECTION("after a convolution it would be fused into") {
        RuntimeGraph g;
        g.input("x", RuntimeTensor::fromFloats({1, 1, 2, 2}, {1, 2, 3, 4}));
        g.constant("w", RuntimeTensor::fromFloats({1, 1, 1, 1}, {1}));
        g.constant("low", RuntimeTensor::fromFloats({}, {0}));
        g.constant("high", RuntimeTensor::fromFloats({}, {nan}));
        g.node("Conv", {"x", "w"}, {"c"});
        g.node("Clip", {"c", "low", "high"}, {"y"});
        g.output("y");
        CHECK_THROWS_WITH(g.run(), Contains("Clip_1") && Contains("max is NaN"));
    }
}
