#include "model/floatconversion.h"
#include "model/graph.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace qs;

TEST_CASE("data type sizes, names and float classification", "[model][datatype]") {
    CHECK(dataTypeSize(DataType::Float) == 4);
    CHECK(dataTypeSize(DataType::Int64) == 8);
    CHECK(dataTypeSize(DataType::Float16) == 2);
    CHECK(dataTypeSize(DataType::Complex128) == 16);
    CHECK(dataTypeSize(DataType::Int4) == 1);
    CHECK(dataTypeSize(DataType::String) == 0);
    CHECK(dataTypeName(DataType::Float) == "float32");
    CHECK(dataTypeName(DataType::Int64) == "int64");
    CHECK(dataTypeName(DataType::Bool) == "bool");
    CHECK(isFloatingPoint(DataType::Float16));
    CHECK(isFloatingPoint(DataType::BFloat16));
    CHECK(isFloatingPoint(DataType::Double));
    CHECK_FALSE(isFloatingPoint(DataType::Int8));
    CHECK_FALSE(isFloatingPoint(DataType::String));
}

TEST_CASE("half and bfloat16 conversions round-trip", "[model][datatype]") {
    CHECK(float16ToFloat(0x3C00) == 1.0f);
    CHECK(float16ToFloat(0xC000) == -2.0f);
    CHECK(float16ToFloat(0x7BFF) == 65504.0f);
    CHECK(float16ToFloat(0x0001) == std::ldexp(1.0f, -24));
    CHECK(std::isinf(float16ToFloat(0x7C00)));
    CHECK(std::isnan(float16ToFloat(0x7E00)));
    CHECK(floatToFloat16(1.0f) == 0x3C00);
    CHECK(floatToFloat16(-2.0f) == 0xC000);
    CHECK(floatToFloat16(1e6f) == 0x7C00);
    CHECK(floatToFloat16(std::ldexp(1.0f, -24)) == 0x0001);
    for (uint32_t bits = 0; bits < 0x7C00; bits += 7)
        CHECK(floatToFloat16(float16ToFloat(uint16_t(bits))) == bits);
    CHECK(bfloat16ToFloat(0x3F80) == 1.0f);
    CHECK(floatToBfloat16(1.0f) == 0x3F80);
    CHECK(bfloat16ToFloat(floatToBfloat16(3.140625f)) == 3.140625f);
}

TEST_CASE("float8 decoding follows each variant's layout", "[model][datatype]") {
    CHECK(float8ToFloat(0x38, DataType::Float8E4M3FN) == 1.0f);
    CHECK(float8ToFloat(0x7E, DataType::Float8E4M3FN) == 448.0f);
    CHECK(std::isnan(float8ToFloat(0x7F, DataType::Float8E4M3FN)));
    CHECK(float8ToFloat(0x3C, DataType::Float8E5M2) == 1.0f);
    CHECK(std::isinf(float8ToFloat(0x7C, DataType::Float8E5M2)));
    CHECK(float8ToFloat(0x40, DataType::Float8E4M3FNUZ) == 1.0f);
    CHECK(std::isnan(float8ToFloat(0x80, DataType::Float8E5M2FNUZ)));
}

TEST_CASE("tensor helpers convert values and count elements", "[model][graph]") {
    Tensor tensor = test::makeFloatTensor("t", {2, 3}, {1, -2, 3, 0, 5.5f, 6});
    CHECK(tensor.elementCount() == 6);
    CHECK(tensor.toDoubles() == std::vector<double>{1, -2, 3, 0, 5.5, 6});
    CHECK(tensor.toInt64s() == std::vector<int64_t>{1, -2, 3, 0, 5, 6});
    Tensor scalar;
    scalar.type = DataType::Int8;
    scalar.data = {0xFE};
    CHECK(scalar.elementCount() == 1);
    CHECK(scalar.toInt64s() == std::vector<int64_t>{-2});
    Tensor half;
    half.type = DataType::Float16;
    half.dims = {2};
    half.data = {0x00, 0x3C, 0x00, 0xC0};
    CHECK(half.toDoubles() == std::vector<double>{1.0, -2.0});
    Tensor text;
    text.name = "labels";
    text.type = DataType::String;
    text.strings = {"a"};
    CHECK_THROWS_WITH(text.toInt64s(), Catch::Contains("labels"));
}

TEST_CASE("dims, attributes, graph lookups and opset", "[model][graph]") {
    CHECK(Dim::fixed(3).toString() == "3");
    CHECK(Dim::symbolic("batch").toString() == "batch");
    CHECK(Dim{}.toString() == "?");

    Node node;
    node.name = "conv";
    Attribute group;
    group.name = "group";
    group.kind = Attribute::Kind::Int;
    group.i = 4;
    Attribute pads;
    pads.name = "pads";
    pads.kind = Attribute::Kind::Ints;
    pads.ints = {1, 1};
    node.attributes = {group, pads};
    CHECK(node.intAttr("group", 1) == 4);
    CHECK(node.intAttr("missing", 7) == 7);
    CHECK(node.floatAttr("group", 0.5f) == 0.5f);
    CHECK(node.intsAttr("pads") == std::vector<int64_t>{1, 1});
    CHECK(node.intsAttr("strides").empty());
    CHECK(node.stringAttr("auto_pad", "NOTSET") == "NOTSET");

    Graph graph;
    graph.nodes.push_back(Node{"a", "Relu", "", {"x"}, {"y"}, {}});
    graph.nodes.push_back(Node{"b", "Add", "", {"y", "y"}, {"z"}, {}});
    graph.nodes.push_back(Node{"c", "Mul", "", {"y", "w"}, {"v"}, {}});
    graph.initializers["w"] = test::makeFloatTensor("w", {2}, {1, 2});
    Tensor ints;
    ints.name = "shape";
    ints.type = DataType::Int64;
    ints.dims = {3};
    ints.data.resize(24);
    graph.initializers["shape"] = ints;
    CHECK(graph.producerIndex("z") == 1);
    CHECK(graph.producerIndex("x") == -1);
    CHECK(graph.consumerIndices("y") == std::vector<int>{1, 2});
    CHECK(graph.nodeIndex("c") == 2);
    CHECK(graph.nodeIndex("nope") == -1);
    CHECK(graph.initializer("w") != nullptr);
    CHECK(graph.initializer("x") == nullptr);
    CHECK(countParameters(graph) == 2);

    ModelInfo info;
    CHECK(info.opset() == 0);
    info.opsetImports["ai.onnx"] = 17;
    CHECK(info.opset() == 17);
    info.opsetImports[""] = 13;
    info.opsetImports["com.microsoft"] = 1;
    CHECK(info.opset() == 13);
}
