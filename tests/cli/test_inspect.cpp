// `quantscope-cli inspect` on small models built in code: stored counts versus the normalized graph,
// parameters held by Constant nodes, shapes with symbolic and unknown dimensions, and the text view.

#include "fixtures/modelbuilder.h"
#include "processrunner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using nlohmann::json;
using qs::DataType;
using qs::test::DimSpec;
using qs::test::ModelBuilder;
using qs::test::runCli;
using qs::test::TempDir;

namespace {

json inspectJson(const std::string& modelPath) {
    const qs::test::ProcessResult result = runCli({"inspect", modelPath, "--json"});
    INFO("stderr: " << result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.err.empty());
    return json::parse(result.out);
}

const json* findLayer(const json& report, const std::string& name) {
    for (const json& layer : report["layers"]) {
        if (layer["name"] == name)
            return &layer;
    }
    return nullptr;
}

} // namespace

TEST_CASE("inspect reports the small CNN as stored in the file", "[cli][inspect]") {
    TempDir dir;
    const std::string path = dir.file("small_cnn.onnx");
    qs::test::makeSmallCnn(path);
    const json report = inspectJson(path);

    CHECK(report["opset"] == 13);
    CHECK(report["ir_version"] == 7);
    CHECK(report["nodes"] == 9);        // 7 compute nodes + 1 Constant + 1 Identity
    CHECK(report["initializers"] == 5); // fc.weight lives in a Constant node, not an initializer
    CHECK(report["parameters"] == 394);
    CHECK(report["op_counts"] == json{{"Constant", 1},
                                      {"Conv", 2},
                                      {"Flatten", 1},
                                      {"Gemm", 1},
                                      {"GlobalAveragePool", 1},
                                      {"Identity", 1},
                                      {"Relu", 2}});
    CHECK(report["normalized"]["nodes"] == 7);
    CHECK(report["normalized"]["constant_nodes_folded"] == 1);
    CHECK(report["normalized"]["identities_removed"] == 1);
    CHECK(report["inputs"] ==
          json::parse(R"([{"name":"input","dtype":"float32","shape":["batch",3,16,16]}])"));
    CHECK(report["outputs"] == json::parse(R"([{"name":"logits","dtype":"float32","shape":["batch",10]}])"));
    CHECK(report["file_size_bytes"].get<int64_t>() > 394 * 4);
    CHECK(report["weights_bytes"].get<int64_t>() == 394 * 4);
}

TEST_CASE("inspect lists the small CNN's quantizable layers with weight statistics", "[cli][inspect]") {
    TempDir dir;
    const std::string path = dir.file("small_cnn.onnx");
    qs::test::makeSmallCnn(path);
    const json report = inspectJson(path);

    REQUIRE(report["layers"].size() == 3);
    const json* conv1 = findLayer(report, "conv1");
    const json* dwconv = findLayer(report, "dwconv");
    const json* fc = findLayer(report, "fc");
    REQUIRE(conv1);
    REQUIRE(dwconv);
    REQUIRE(fc);
    CHECK((*conv1)["op"] == "Conv");
    CHECK((*conv1)["weight"] == "conv1.weight");
    CHECK((*conv1)["weight_shape"] == json::array({8, 3, 3, 3}));
    CHECK((*conv1)["parameters"] == 8 * 3 * 3 * 3 + 8);
    CHECK((*dwconv)["groups"] == 8);
    CHECK((*dwconv)["parameters"] == 8 * 9 + 8);
    CHECK((*fc)["op"] == "Gemm");
    CHECK((*fc)["weight_shape"] == json::array({10, 8}));
    CHECK((*fc)["parameters"] == 90);
    CHECK(report["quantizable_parameters"] == 394);
    const json& stats = (*conv1)["weight_stats"];
    REQUIRE(stats.is_object());
    CHECK(stats["count"] == 216);
    CHECK(stats["min"].get<double>() >= -1.0);
    CHECK(stats["max"].get<double>() <= 1.0);
    CHECK(stats["min"].get<double>() < stats["max"].get<double>());
}

TEST_CASE("inspect counts float Constant nodes as parameters but not integer ones", "[cli][inspect]") {
    TempDir dir;
    ModelBuilder builder;
    builder.input("x", DataType::Float, {"N", 4});
    builder.constantNode("w", {4, 3}, qs::test::randomValues(12, 7));
    qs::Tensor shape;
    shape.name = "shape_value";
    shape.type = DataType::Int64;
    shape.dims = {2};
    shape.data.resize(2 * sizeof(int64_t));
    shape.as<int64_t>()[0] = -1;
    shape.as<int64_t>()[1] = 3;
    builder.node("Constant", {}, {"target_shape"}, "shape_const").tensor("value", shape);
    builder.initializer("b", {3}, {0.5f, -0.5f, 0.25f});
    builder.node("MatMul", {"x", "w"}, {"xw"}, "matmul");
    builder.node("Add", {"xw", "b"}, {"sum"}, "add");
    builder.node("Reshape", {"sum", "target_shape"}, {"y"}, "reshape");
    builder.output("y", DataType::Float);
    builder.save(dir.file("constants.onnx"));

    const json report = inspectJson(dir.file("constants.onnx"));
    CHECK(report["nodes"] == 5);
    CHECK(report["initializers"] == 1);
    CHECK(report["parameters"] == 12 + 3);
    CHECK(report["op_counts"]["Constant"] == 2);
    REQUIRE(report["layers"].size() == 1);
    CHECK(report["layers"][0]["op"] == "MatMul");
    CHECK(report["layers"][0]["weight_shape"] == json::array({4, 3}));
}

TEST_CASE("inspect keeps symbolic and unknown dimensions and hides initializers listed as inputs",
          "[cli][inspect]") {
    TempDir dir;
    ModelBuilder builder;
    builder.input("x", DataType::Float, {"batch", DimSpec::unknown(), 4});
    builder.input("w", DataType::Float, {4, 2});
    builder.initializer("w", {4, 2}, qs::test::randomValues(8, 3));
    builder.node("Identity", {"w"}, {"w_tied"}, "tie");
    builder.node("MatMul", {"x", "w_tied"}, {"y"}, "proj");
    builder.output("y", DataType::Float, {"batch", DimSpec::unknown(), 2});
    builder.save(dir.file("dims.onnx"));

    const json report = inspectJson(dir.file("dims.onnx"));
    REQUIRE(report["inputs"].size() == 1);
    CHECK(report["inputs"][0] == json::parse(R"({"name":"x","dtype":"float32","shape":["batch",null,4]})"));
    REQUIRE(report["outputs"].size() == 1);
    CHECK(report["outputs"][0]["name"] == "y");
    CHECK(report["nodes"] == 2);
    CHECK(report["op_counts"] == json{{"Identity", 1}, {"MatMul", 1}});
    CHECK(report["parameters"] == 8);
    REQUIRE(report["layers"].size() == 1);
    CHECK(report["layers"][0]["name"] == "proj");
}

TEST_CASE("inspect reports producer, opsets and metadata", "[cli][inspect]") {
    TempDir dir;
    ModelBuilder builder(17, 8);
    builder.setProducer("exporter", "2.1");
    builder.addMetadata("author", "quantscope tests");
    builder.opsetImport("ai.onnx.ml", 3);
    builder.input("x", DataType::Float, {1, 4});
    builder.node("Relu", {"x"}, {"y"}, "relu");
    builder.output("y", DataType::Float, {1, 4});
    builder.save(dir.file("meta.onnx"));

    const json report = inspectJson(dir.file("meta.onnx"));
    CHECK(report["opset"] == 17);
    CHECK(report["ir_version"] == 8);
    CHECK(report["opsets"] == json{{"ai.onnx", 17}, {"ai.onnx.ml", 3}});
    CHECK(report["producer"] == "exporter 2.1");
    CHECK(report["producer_name"] == "exporter");
    CHECK(report["producer_version"] == "2.1");
    CHECK(report["metadata"] == json{{"author", "quantscope tests"}});
    CHECK(report["parameters"] == 0);
    CHECK(report["layers"].empty());
}

TEST_CASE("inspect without --json prints a readable summary", "[cli][inspect]") {
    TempDir dir;
    const std::string path = dir.file("small_cnn.onnx");
    qs::test::makeSmallCnn(path);
    const qs::test::ProcessResult result = runCli({"inspect", path});
    INFO("stderr: " << result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.err.empty());
    const std::string& text = result.out;
    CHECK_THROWS(json::parse(text));
    for (const char* expected : {"small_cnn.onnx",
                                 "Opsets",
                                 "ai.onnx 13",
                                 "Parameters",
                                 "394",
                                 "Inputs",
                                 "[batch, 3, 16, 16]",
                                 "Outputs",
                                 "logits",
                                 "Operators",
                                 "Conv",
                                 "Relu",
                                 "Gemm",
                                 "GlobalAveragePool",
                                 "Constant",
                                 "Identity",
                                 "Quantizable layers (3",
                                 "conv1",
                                 "dwconv",
                                 "[8, 3, 3, 3]",
                                 "[10, 8]"})
        CHECK(text.find(expected) != std::string::npos);
}

// Shape inference invents names ("unk__0") for dimensions the file leaves unknown; the report still shows the
// graph output as declared.
TEST_CASE("inspect reports an output's unknown dimension as unknown", "[cli][inspect]") {
    TempDir dir;
    ModelBuilder builder;
    builder.input("x", DataType::Float, {"batch", DimSpec::unknown(), 4});
    builder.node("Relu", {"x"}, {"y"}, "relu");
    builder.output("y", DataType::Float, {"batch", DimSpec::unknown(), 4});
    builder.save(dir.file("unknown_dim.onnx"));

    const json report = inspectJson(dir.file("unknown_dim.onnx"));
    REQUIRE(report["outputs"].size() == 1);
    CHECK(report["outputs"][0]["shape"] == json::parse(R"(["batch",null,4])"));
}
