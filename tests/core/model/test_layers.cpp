#include "model/layers.h"
#include "model/onnxloader.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

using namespace qs;
using qs::test::ModelBuilder;

namespace {

std::vector<QuantizableLayer> layersOf(const ModelBuilder& b) {
    return findQuantizableLayers(loadOnnxModelFromBytes(b.serialize(), "layers.onnx").model.graph);
}

std::vector<float> zeros(size_t count) {
    return std::vector<float>(count, 0.0f);
}

} // namespace

TEST_CASE("Conv and depthwise Conv weights index output channels on axis 0", "[model][layers]") {
    ModelBuilder b;
    const std::vector<QuantizableLayer> layers = findQuantizableLayers(
        loadOnnxModelFromBytes(test::buildSmallCnn(b).serialize(), "cnn.onnx").model.graph);
    REQUIRE(layers.size() == 3);
    CHECK(layers[0].nodeName == "conv1");
    CHECK(layers[0].opType == "Conv");
    CHECK(layers[0].weightName == "conv1.weight");
    CHECK(layers[0].biasName == "conv1.bias");
    CHECK(layers[0].weightShape == std::vector<int64_t>{8, 3, 3, 3});
    CHECK(layers[0].outputChannelAxis == 0);
    CHECK(layers[0].parameters == 216 + 8);
    CHECK(layers[0].groups == 1);
    CHECK(layers[1].nodeName == "dwconv");
    CHECK(layers[1].groups == 8);
    CHECK(layers[1].parameters == 72 + 8);
    CHECK(layers[2].nodeName == "fc");
    CHECK(layers[2].opType == "Gemm");
    CHECK(layers[2].weightName == "fc.weight");
    CHECK(layers[2].biasName == "fc.bias_stored");
    CHECK(layers[2].outputChannelAxis == 0);
    CHECK(layers[2].parameters == 90);
}

TEST_CASE("ConvTranspose weights index output channels on axis 1", "[model][layers]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {1, 4, 5, 5});
    b.initializer("up.weight", {4, 3, 2, 2}, zeros(48));
    b.node("ConvTranspose", {"x", "up.weight"}, {"y"}, "up").ints("strides", {2, 2});
    b.output("y", DataType::Float);
    const auto layers = layersOf(b);
    REQUIRE(layers.size() == 1);
    CHECK(layers[0].opType == "ConvTranspose");
    CHECK(layers[0].outputChannelAxis == 1);
    CHECK(layers[0].biasName.empty());
    CHECK(layers[0].parameters == 48);
}

TEST_CASE("Gemm's axis follows transB", "[model][layers]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2, 3});
    b.initializer("w_kn", {3, 4}, zeros(12));
    b.initializer("w_nk", {4, 4}, zeros(16));
    b.initializer("bias", {4}, zeros(4));
    b.node("Gemm", {"x", "w_kn"}, {"h"}, "plain");
    b.node("Gemm", {"h", "w_nk", "bias"}, {"y"}, "transposed").attr("transB", 1);
    b.output("y", DataType::Float);
    const auto layers = layersOf(b);
    REQUIRE(layers.size() == 2);
    CHECK(layers[0].nodeName == "plain");
    CHECK(layers[0].outputChannelAxis == 1);
    CHECK(layers[0].biasName.empty());
    CHECK(layers[1].outputChannelAxis == 0);
    CHECK(layers[1].biasName == "bias");
    CHECK(layers[1].parameters == 20);
}

TEST_CASE("MatMul uses the last weight axis and finds a following bias Add", "[model][layers]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {"batch", 8, 16});
    b.initializer("proj.weight", {16, 32}, zeros(512));
    b.initializer("proj.bias", {32}, zeros(32));
    b.initializer("batched", {2, 32, 4}, zeros(256));
    b.initializer("left", {5, 2}, zeros(10));
    b.node("MatMul", {"x", "proj.weight"}, {"h"}, "proj");
    b.node("Add", {"proj.bias", "h"}, {"hb"}, "proj_bias");
    b.node("MatMul", {"hb", "batched"}, {"g"}, "batched_mm");
    b.node("MatMul", {"left", "g"}, {"y"}, "left_mm");
    b.output("y", DataType::Float);
    const auto layers = layersOf(b);
    REQUIRE(layers.size() == 3);
    CHECK(layers[0].weightName == "proj.weight");
    CHECK(layers[0].outputChannelAxis == 1);
    CHECK(layers[0].biasName == "proj.bias");
    CHECK(layers[0].parameters == 544);
    CHECK(layers[1].weightName == "batched");
    CHECK(layers[1].outputChannelAxis == 2);
    CHECK(layers[1].biasName.empty());
    CHECK(layers[2].weightName == "left");
    CHECK(layers[2].outputChannelAxis == 0);
}

TEST_CASE("Gather on a float table is an embedding; non-constant or integer weights are not layers",
          "[model][layers]") {
    ModelBuilder b;
    b.input("tokens", DataType::Int64, {"batch", 7});
    b.input("x", DataType::Float, {2, 3});
    b.input("w_dynamic", DataType::Float, {3, 3});
    b.initializer("embedding.weight", {100, 16}, zeros(1600));
    b.initializerInt64("int_table", {4, 2}, {0, 1, 2, 3, 4, 5, 6, 7});
    b.node("Gather", {"embedding.weight", "tokens"}, {"embedded"}, "embed");
    b.node("Gather", {"int_table", "tokens"}, {"ints"}, "int_gather");
    b.node("MatMul", {"x", "w_dynamic"}, {"y"}, "dynamic");
    b.output("embedded", DataType::Float);
    b.output("ints", DataType::Int64);
    b.output("y", DataType::Float);
    const auto layers = layersOf(b);
    REQUIRE(layers.size() == 1);
    CHECK(layers[0].nodeName == "embed");
    CHECK(layers[0].opType == "Gather");
    CHECK(layers[0].outputChannelAxis == 0);
    CHECK(layers[0].parameters == 1600);
}

TEST_CASE("LSTM and GRU weights are layers; their recurrence weight and bias count as parameters",
          "[model][layers]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {5, 1, 8});
    b.initializer("lstm.W", {1, 4 * 16, 8}, zeros(4 * 16 * 8));
    b.initializer("lstm.R", {1, 4 * 16, 16}, zeros(4 * 16 * 16));
    b.initializer("lstm.B", {1, 8 * 16}, zeros(8 * 16));
    b.node("LSTM", {"x", "lstm.W", "lstm.R", "lstm.B"}, {"y"}, "lstm").attr("hidden_size", 16);
    b.initializer("gru.W", {2, 3 * 4, 16}, zeros(2 * 3 * 4 * 16));
    b.initializer("gru.R", {2, 3 * 4, 4}, zeros(2 * 3 * 4 * 4));
    b.node("Reshape", {"y", b.initializerInt64("shape", {3}, {5, 1, 16})}, {"y2"}, "reshape");
    b.node("GRU", {"y2", "gru.W", "gru.R"}, {"z"}, "gru")
        .attr("hidden_size", 4)
        .attr("direction", "bidirectional");
    b.output("z", DataType::Float);
    const std::vector<QuantizableLayer> layers = layersOf(b);
    REQUIRE(layers.size() == 2);
    CHECK(layers[0].opType == "LSTM");
    CHECK(layers[0].weightName == "lstm.W");
    CHECK(layers[0].outputChannelAxis == 1);
    CHECK(layers[0].parameters == 4 * 16 * 8 + 4 * 16 * 16 + 8 * 16);
    CHECK(layers[0].otherWeights == std::vector<std::string>{"lstm.R", "lstm.B"});
    CHECK(layers[1].opType == "GRU");
    CHECK(layers[1].parameters == 2 * 3 * 4 * 16 + 2 * 3 * 4 * 4);
}

TEST_CASE("Layers whose weight is decoded from stored codes are shown, not planned", "[model][layers]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {1, 3, 8, 8});
    qs::Tensor codes;
    codes.name = "w.codes";
    codes.type = DataType::Int8;
    codes.dims = {4, 3, 3, 3};
    codes.data.assign(108, 3);
    b.initializer(codes);
    b.initializer("w.scale", {}, {0.5f});
    b.node("DequantizeLinear", {"w.codes", "w.scale"}, {"w"}, "w.dq");
    b.node("Conv", {"x", "w"}, {"y"}, "conv");
    b.output("y", DataType::Float);
    const LoadResult loaded = loadOnnxModelFromBytes(b.serialize(), "stored.onnx");
    CHECK(findQuantizableLayers(loaded.model.graph).empty());
    const std::vector<QuantizableLayer> layers = findModelLayers(loaded.model.graph);
    REQUIRE(layers.size() == 1);
    CHECK(layers[0].nodeName == "conv");
    CHECK(layers[0].storedAs == "int8 + DequantizeLinear");
    CHECK(layers[0].weightShape == std::vector<int64_t>{4, 3, 3, 3});
    CHECK(layers[0].parameters == 108);
}
