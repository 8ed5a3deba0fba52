#include "fixtures/modelbuilderproto.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace qs;
using qs::test::ModelBuilder;

TEST_CASE("the model builder writes what it was told", "[model][builder]") {
    ModelBuilder b(11, 6);
    b.input("x", DataType::Float, {"n", 3, test::DimSpec::unknown()});
    b.initializer("w", {2}, {1.0f, 2.0f});
    b.node("Add", {"x", "w"}, {"y"}, "add").attr("note", "text").ints("list", {1, 2});
    b.output("y", DataType::Float);
    onnx::ModelProto parsed;
    REQUIRE(parsed.ParseFromString(b.serialize()));
    CHECK(parsed.ir_version() == 6);
    REQUIRE(parsed.opset_import_size() == 1);
    CHECK(parsed.opset_import(0).version() == 11);
    const onnx::TensorShapeProto& shape = parsed.graph().input(0).type().tensor_type().shape();
    REQUIRE(shape.dim_size() == 3);
    CHECK(shape.dim(0).dim_param() == "n");
    CHECK(shape.dim(1).dim_value() == 3);
    CHECK_FALSE(shape.dim(2).has_dim_value());
    CHECK_FALSE(shape.dim(2).has_dim_param());
    CHECK_FALSE(parsed.graph().output(0).type().tensor_type().has_shape());
    CHECK(parsed.graph().initializer(0).raw_data().size() == 8);
    REQUIRE(parsed.graph().node(0).attribute_size() == 2);
    CHECK(parsed.graph().node(0).attribute(0).s() == "text");
}

TEST_CASE("TempDir removes its folder", "[model][builder]") {
    std::string path;
    {
        test::TempDir dir;
        path = dir.path();
        dir.writeFile("a.txt", "hello");
        CHECK(std::filesystem::exists(dir.file("a.txt")));
    }
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("randomValues is deterministic and bounded", "[model][builder]") {
    const std::vector<float> first = test::randomValues(100, 5, 0.25f);
    CHECK(first == test::randomValues(100, 5, 0.25f));
    CHECK(first != test::randomValues(100, 6, 0.25f));
    for (float value : first)
        CHECK((value >= -0.25f && value < 0.25f));
}
