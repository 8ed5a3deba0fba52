// QuantizeLinear / DequantizeLinear with 16-bit and int32 tensors, in the default domain and in ONNX Runtime's
// "com.microsoft" contrib domain, and Cast to and from 16-bit integers, against hand-computed values.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace qs;
using namespace qs::test;

namespace {

template <typename T>
RuntimeTensor typedTensor(DataType type, std::vector<int64_t> dims, const std::vector<T>& values) {
    RuntimeTensor tensor(type, std::move(dims));
    REQUIRE(static_cast<int64_t>(values.size()) == tensor.elementCount());
    if (!values.empty())
        std::memcpy(tensor.raw(), values.data(), tensor.sizeBytes());
    return tensor;
}

Node& contribNode(RuntimeGraph& g, const std::string& opType, const std::vector<std::string>& inputs,
                  const std::string& output) {
    Node& node = g.node(opType, inputs, {output});
    node.domain = "com.microsoft";
    return node;
}

} // namespace

TEST_CASE("com.microsoft QuantizeLinear to int16 rounds half to even and saturates", "[runtime][quantize]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({6}, {1.25f, 1.75f, -0.25f, -0.75f, 20000, -20000}));
    g.constant("s", RuntimeTensor::fromFloats({}, {0.5f}));
    g.constant("z", typedTensor<int16_t>(DataType::Int16, {}, {10}));
    contribNode(g, "QuantizeLinear", {"x", "s", "z"}, "q");
    g.output("q");
    RuntimeTensor q = g.runOne("q");
    REQUIRE(q.type() == DataType::Int16);
    // 2.5 -> 2, 3.5 -> 4, -0.5 -> 0, -1.5 -> -2 (half to even), then + 10; 40010 and -39990 saturate.
    CHECK(q.toInt64s() == std::vector<int64_t>{12, 14, 10, 8, 32767, -32768});
}

TEST_CASE("com.microsoft QuantizeLinear to uint16 per axis", "[runtime][quantize]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 2, 2}, {2.5f, -3, 0.125f, 20000}));
    g.constant("s", RuntimeTensor::fromFloats({2}, {1.0f, 0.25f}));
    g.constant("z", typedTensor<uint16_t>(DataType::UInt16, {2}, {0, 100}));
    contribNode(g, "QuantizeLinear", {"x", "s", "z"}, "q").attributes = {intAttr("axis", 1)};
    g.output("q");
    RuntimeTensor q = g.runOne("q");
    REQUIRE(q.type() == DataType::UInt16);
    // channel 0: 2.5 -> 2, -3 saturates to 0; channel 1: 0.5 -> 0 (+100), 80000 + 100 saturates to 65535.
    CHECK(q.toInt64s() == std::vector<int64_t>{2, 0, 100, 65535});
}

TEST_CASE("com.microsoft DequantizeLinear reads int16, uint16, int8 and uint8", "[runtime][quantize]") {
    RuntimeGraph g;
    g.input("a", typedTensor<int16_t>(DataType::Int16, {3}, {-32768, 0, 32767}));
    g.constant("sa", RuntimeTensor::fromFloats({}, {0.5f}));
    g.constant("za", typedTensor<int16_t>(DataType::Int16, {}, {-2}));
    contribNode(g, "DequantizeLinear", {"a", "sa", "za"}, "da");
    g.input("b", typedTensor<uint16_t>(DataType::UInt16, {2, 2}, {0, 65535, 7, 9}));
    g.constant("sb", RuntimeTensor::fromFloats({2}, {1.0f, 0.125f}));
    g.constant("zb", typedTensor<uint16_t>(DataType::UInt16, {2}, {32768, 1}));
    contribNode(g, "DequantizeLinear", {"b", "sb", "zb"}, "db").attributes = {intAttr("axis", 0)};
    g.input("c", typedTensor<int8_t>(DataType::Int8, {2}, {-128, 127}));
    g.constant("sc", RuntimeTensor::fromFloats({}, {0.25f}));
    contribNode(g, "DequantizeLinear", {"c", "sc"}, "dc");
    g.input("d", typedTensor<uint8_t>(DataType::UInt8, {2}, {0, 255}));
    g.constant("zd", typedTensor<uint8_t>(DataType::UInt8, {}, {128}));
    contribNode(g, "DequantizeLinear", {"d", "sc", "zd"}, "dd");
    for (const char* name : {"da", "db", "dc", "dd"})
        g.output(name);
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("da")) == std::vector<float>{-16383.0f, 1.0f, 16384.5f});
    CHECK(floatsOf(out.at("db")) == std::vector<float>{-32768.0f, 32767.0f, 0.75f, 1.0f});
    CHECK(floatsOf(out.at("dc")) == std::vector<float>{-32.0f, 31.75f});
    CHECK(floatsOf(out.at("dd")) == std::vector<float>{-32.0f, 31.75f});
}

TEST_CASE("Default-domain DequantizeLinear reads int32 biases and 16-bit tensors", "[runtime][quantize]") {
    RuntimeGraph g(21);
    g.input("bias", typedTensor<int32_t>(DataType::Int32, {2}, {1000, -7}));
    g.constant("s", RuntimeTensor::fromFloats({2}, {0.01f, 0.5f}));
    g.node("DequantizeLinear", {"bias", "s"}, {"b"}).attributes = {intAttr("axis", 0)};
    g.input("x", typedTensor<int16_t>(DataType::Int16, {2}, {-300, 300}));
    g.constant("xs", RuntimeTensor::fromFloats({}, {0.5f}));
    g.constant("xz", typedTensor<int16_t>(DataType::Int16, {}, {100}));
    g.node("DequantizeLinear", {"x", "xs", "xz"}, {"y"});
    g.output("b");
    g.output("y");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("b")) == std::vector<float>{10.0f, -3.5f});
    CHECK(floatsOf(out.at("y")) == std::vector<float>{-200.0f, 100.0f});
}

TEST_CASE("Default-domain QuantizeLinear takes output_dtype when there is no zero point", "[runtime][quantize]") {
    RuntimeGraph g(21);
    g.input("x", RuntimeTensor::fromFloats({3}, {-40000, 2.5f, 40000}));
    g.constant("s", RuntimeTensor::fromFloats({}, {1.0f}));
    g.node("QuantizeLinear", {"x", "s"}, {"q"}).attributes = {intAttr("output_dtype", int(DataType::Int16))};
    g.output("q");
    RuntimeTensor q = g.runOne("q");
    REQUIRE(q.type() == DataType::Int16);
    CHECK(q.toInt64s() == std::vector<int64_t>{-32768, 2, 32767});
}

TEST_CASE("Cast converts to and from int16 and uint16", "[runtime][quantize]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({3}, {3.75f, -2.25f, 1000}));
    g.node("Cast", {"x"}, {"i16"}).attributes = {intAttr("to", int(DataType::Int16))};
    g.node("Cast", {"i16"}, {"u16"}).attributes = {intAttr("to", int(DataType::UInt16))};
    g.node("Cast", {"i16"}, {"back"}).attributes = {intAttr("to", int(DataType::Float))};
    g.node("Cast", {"u16"}, {"wide"}).attributes = {intAttr("to", int(DataType::Int64))};
    g.output("i16");
    g.output("back");
    g.output("wide");
    TensorMap out = g.run();
    REQUIRE(out.at("i16").type() == DataType::Int16);
    CHECK(out.at("i16").toInt64s() == std::vector<int64_t>{3, -2, 1000});
    CHECK(floatsOf(out.at("back")) == std::vector<float>{3, -2, 1000});
    CHECK(out.at("wide").toInt64s() == std::vector<int64_t>{3, 65534, 1000});
}

TEST_CASE("The executor accepts com.microsoft Q/DQ and reports other contrib operators", "[runtime][quantize]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2}, {1, 2}));
    g.constant("s", RuntimeTensor::fromFloats({}, {0.5f}));
    g.constant("z", typedTensor<int16_t>(DataType::Int16, {}, {0}));
    contribNode(g, "QuantizeLinear", {"x", "s", "z"}, "q");
    contribNode(g, "DequantizeLinear", {"q", "s", "z"}, "d");
    g.output("d");
    CHECK(Executor::findUnsupported(g.model).empty());
    CHECK(floatsOf(g.runOne("d")) == std::vector<float>{1, 2});

    contribNode(g, "FusedGemm", {"d", "d"}, "e");
    std::vector<UnsupportedNode> unsupported = Executor::findUnsupported(g.model);
    REQUIRE(unsupported.size() == 1);
    CHECK(unsupported[0].opType == "FusedGemm");
    CHECK(unsupported[0].domain == "com.microsoft");
}
