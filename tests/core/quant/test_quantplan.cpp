#include "model/onnxloader.h"
#include "quant/quantplan.h"
#include "util/error.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace qs;
using qs::test::ModelBuilder;
using qs::test::randomValues;

namespace {

Graph loadGraph(const ModelBuilder& builder) {
    return loadOnnxModelFromBytes(builder.serialize(), "net.onnx").model.graph;
}

Graph smallCnn() {
    ModelBuilder builder;
    return loadGraph(test::buildSmallCnn(builder));
}

/// x -> conv1 (bias) -> relu1 -> conv2 (no bias) -> y (graph output), 4 channels, 3x3 convs with pads 1.
ModelBuilder& buildConvReluConv(ModelBuilder& b) {
    b.input("x", DataType::Float, {1, 4, 8, 8});
    b.initializer("w1", {4, 4, 3, 3}, randomValues(144, 1));
    b.initializer("b1", {4}, randomValues(4, 2));
    b.initializer("w2", {4, 4, 3, 3}, randomValues(144, 3));
    b.node("Conv", {"x", "w1", "b1"}, {"c1"}, "conv1").ints("pads", {1, 1, 1, 1});
    b.node("Relu", {"c1"}, {"r1"}, "relu1");
    b.node("Conv", {"r1", "w2"}, {"y"}, "conv2").ints("pads", {1, 1, 1, 1});
    b.output("y", DataType::Float);
    return b;
}

std::vector<std::string> activationTensors(const QuantPlan& plan) {
    std::vector<std::string> tensors;
    for (const ActivationPlan& activation : plan.activations)
        tensors.push_back(activation.tensor);
    return tensors;
}

QuantScheme uniform(int bits, Granularity granularity = Granularity::PerTensor) {
    return QuantScheme{SchemeKind::Uniform, bits, granularity, RangeMode::Symmetric, Signedness::Signed};
}

} // namespace

TEST_CASE("the plan of the demo model", "[quantplan]") {
    const Graph graph = loadOnnxModel(std::string(QS_SOURCE_DIR) + "/resources/demo/model.onnx").model.graph;
    const QuantConfig config;
    const QuantPlan plan = buildQuantPlan(graph, config);

    REQUIRE(plan.layers.size() == 11); // 10 Conv + 1 Gemm
    for (const LayerPlan& layer : plan.layers) {
        INFO(layer.layer.nodeName);
        CHECK(layer.weights.kind == SchemeKind::Uniform);
        CHECK(layer.weights.granularity == Granularity::PerChannel);
        CHECK(layer.activations.bits == 8);
        CHECK(layer.inputActivations.size() == 1);
        CHECK(layer.quantizeBias); // every layer has its own bias and one quantized data input
        CHECK_FALSE(layer.keptFloat());
    }

    const LayerPlan* stem = plan.findLayer("/features/features.0/features.0.0/Conv");
    REQUIRE(stem);
    CHECK(stem->inputActivations == std::vector<std::string>{"input"});
    CHECK(stem->outputActivation ==
          "/features/features.0/features.0.2/Clip_output_0"); // after the ReLU6 Clip

    // The inverted residual's projection has no activation function: its output is the Conv's own.
    const LayerPlan* project = plan.findLayer("/features/features.3/project/project.0/Conv");
    REQUIRE(project);
    CHECK(project->outputActivation == "/features/features.3/project/project.0/Conv_output_0");

    const LayerPlan* classifier = plan.findLayer("/classifier/Gemm");
    REQUIRE(classifier);
    CHECK(classifier->inputActivations == std::vector<std::string>{"/Flatten_output_0"});
    CHECK(classifier->outputActivation.empty()); // "logits" is a graph output
    CHECK_FALSE(plan.findActivation("logits"));

    // input, nine Clip outputs, the projection output, the residual Add (features.4's input), the flattened
    // features.
    REQUIRE(plan.activations.size() == 13);
    CHECK(plan.activations.front().tensor == "input");
    CHECK(plan.activations.back().tensor == "/Flatten_output_0");
    const ActivationPlan* add = plan.findActivation("/features/features.3/Add_output_0");
    REQUIRE(add);
    CHECK(add->layers == std::vector<std::string>{"/features/features.4/depthwise/depthwise.0/Conv"});
    // The block input is both the pointwise output and the expand input.
    const ActivationPlan* blockInput =
        plan.findActivation("/features/features.2/pointwise/pointwise.2/Clip_output_0");
    REQUIRE(blockInput);
    CHECK(blockInput->layers == std::vector<std::string>{"/features/features.2/pointwise/pointwise.0/Conv",
                                                         "/features/features.3/expand/expand.0/Conv"});
    int previousProducer = -2;
    for (const ActivationPlan& activation : plan.activations) {
        INFO(activation.tensor);
        CHECK(activation.scheme.kind == SchemeKind::Uniform);
        CHECK(activation.scheme.granularity == Granularity::PerTensor);
        CHECK(activation.scheme.signedness == Signedness::Unsigned);
        const int producer = graph.producerIndex(activation.tensor);
        CHECK(producer > previousProducer);
        previousProducer = producer;
    }
    CHECK(plan.calibration.method == "mse");
    CHECK(plan.biasCorrection);
}

TEST_CASE("a layer's output is taken after the Relu that follows it", "[quantplan]") {
    ModelBuilder builder;
    const Graph graph = loadGraph(buildConvReluConv(builder));
    const QuantPlan plan = buildQuantPlan(graph, QuantConfig{});
    REQUIRE(plan.layers.size() == 2);
    CHECK(plan.layers[0].inputActivations == std::vector<std::string>{"x"});
    CHECK(plan.layers[0].outputActivation == "r1");
    CHECK(plan.layers[1].inputActivations == std::vector<std::string>{"r1"});
    CHECK(plan.layers[1].outputActivation.empty()); // "y" is a graph output
    CHECK(activationTensors(plan) == std::vector<std::string>{"x", "r1"});
    CHECK_FALSE(plan.findActivation("c1"));
    CHECK(plan.findActivation("r1")->layers == std::vector<std::string>{"conv1", "conv2"});

    QuantConfig noOutputs;
    noOutputs.quantizeOutputs = false;
    const QuantPlan inputsOnly = buildQuantPlan(graph, noOutputs);
    CHECK(inputsOnly.layers[0].outputActivation.empty());
    CHECK(activationTensors(inputsOnly) == std::vector<std::string>{"x", "r1"}); // r1 is still conv2's input
}

TEST_CASE("the output stays before a Relu that is not its only consumer", "[quantplan]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {1, 2, 4, 4});
    b.initializer("w", {2, 2, 1, 1}, randomValues(4, 1));
    b.node("Conv", {"x", "w"}, {"c"}, "conv");
    b.node("Relu", {"c"}, {"r"}, "relu");
    b.node("Add", {"c", "r"}, {"y"}, "add");
    b.output("y", DataType::Float);
    const QuantPlan plan = buildQuantPlan(loadGraph(b), QuantConfig{});
    CHECK(plan.layers[0].outputActivation == "c");
}

TEST_CASE("the output moves past Relu then Clip, but no further", "[quantplan]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {1, 2, 4, 4});
    b.initializer("w", {2, 2, 1, 1}, randomValues(4, 1));
    b.initializer("lo", {}, {0.0f});
    b.initializer("hi", {}, {6.0f});
    b.node("Conv", {"x", "w"}, {"c"}, "conv");
    b.node("Relu", {"c"}, {"r"}, "relu");
    b.node("Clip", {"r", "lo", "hi"}, {"k"}, "clip");
    b.node("Relu", {"k"}, {"r2"}, "relu2");
    b.node("Sigmoid", {"r2"}, {"y"}, "sigmoid");
    b.output("y", DataType::Float);
    const QuantPlan plan = buildQuantPlan(loadGraph(b), QuantConfig{});
    CHECK(plan.layers[0].outputActivation == "k");
}

TEST_CASE("a Relu output that is a graph output is not quantized", "[quantplan]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {1, 2, 4, 4});
    b.initializer("w", {2, 2, 1, 1}, randomValues(4, 1));
    b.node("Conv", {"x", "w"}, {"c"}, "conv");
    b.node("Relu", {"c"}, {"y"}, "relu");
    b.output("y", DataType::Float);
    const QuantPlan plan = buildQuantPlan(loadGraph(b), QuantConfig{});
    CHECK(plan.layers[0].outputActivation.empty());
    CHECK(activationTensors(plan) == std::vector<std::string>{"x"});
}

TEST_CASE("float_op_types and float_layers keep layers float", "[quantplan]") {
    const Graph graph = smallCnn();
    QuantConfig config;
    config.floatOpTypes = {"Gemm"};
    QuantPlan plan = buildQuantPlan(graph, config);
    REQUIRE(plan.layers.size() == 3);
    const LayerPlan* fc = plan.findLayer("fc");
    REQUIRE(fc);
    CHECK(fc->keptFloat());
    CHECK(fc->inputActivations.empty());
    CHECK_FALSE(fc->quantizeBias);
    CHECK(activationTensors(plan) == std::vector<std::string>{"input", "relu1_out", "relu2_out"});
    CHECK_FALSE(plan.findLayer("conv1")->keptFloat());

    config.floatOpTypes.clear();
    config.floatLayers = {"conv1"};
    plan = buildQuantPlan(graph, config);
    CHECK(plan.findLayer("conv1")->keptFloat());
    CHECK(activationTensors(plan) == std::vector<std::string>{"relu1_out", "relu2_out", "flatten_out"});
    CHECK(plan.findActivation("relu1_out")->layers == std::vector<std::string>{"dwconv"});

    // Float wins over an override.
    LayerOverride conv1;
    conv1.nodeName = "conv1";
    conv1.weights = uniform(4);
    config.layers = {conv1};
    CHECK(buildQuantPlan(graph, config).findLayer("conv1")->weights.kind == SchemeKind::Float);
}

TEST_CASE("overrides change one layer's schemes", "[quantplan]") {
    const Graph graph = smallCnn();
    QuantConfig config;
    LayerOverride dwconv;
    dwconv.nodeName = "dwconv";
    dwconv.weights = QuantScheme{SchemeKind::Codebook, 3, Granularity::PerChannel, RangeMode::Symmetric,
                                 Signedness::Signed};
    config.layers = {dwconv};
    const QuantPlan plan = buildQuantPlan(graph, config);
    CHECK(plan.findLayer("dwconv")->weights.kind == SchemeKind::Codebook);
    CHECK(plan.findLayer("dwconv")->weights.bits == 3);
    CHECK(plan.findLayer("conv1")->weights.kind == SchemeKind::Uniform);
    CHECK(plan.findLayer("conv1")->weights.bits == 8);
}

TEST_CASE("a tensor shared by layers with different widths gets the widest", "[quantplan]") {
    ModelBuilder builder;
    const Graph graph = loadGraph(buildConvReluConv(builder));
    QuantConfig config;
    LayerOverride conv2;
    conv2.nodeName = "conv2";
    conv2.activations = QuantScheme{SchemeKind::Uniform, 16, Granularity::PerTensor, RangeMode::Symmetric,
                                    Signedness::Signed};
    config.layers = {conv2};
    const QuantPlan plan = buildQuantPlan(graph, config);
    const ActivationPlan* shared = plan.findActivation("r1");
    REQUIRE(shared);
    CHECK(shared->scheme.bits == 16);
    CHECK(shared->layers == std::vector<std::string>{"conv1", "conv2"});
    // Range mode and signedness come from the first layer that asked (conv1: asymmetric, unsigned).
    CHECK(shared->scheme.rangeMode == RangeMode::Asymmetric);
    CHECK(shared->scheme.signedness == Signedness::Unsigned);
    CHECK(plan.findActivation("x")->scheme.bits == 8);
    // The layer keeps its own scheme.
    CHECK(plan.findLayer("conv1")->activations.bits == 8);
    CHECK(plan.findLayer("conv2")->activations.bits == 16);
}

TEST_CASE("the bias is quantized only under the documented conditions", "[quantplan]") {
    SECTION("uniform weights, one quantized input, own bias") {
        const QuantPlan plan = buildQuantPlan(smallCnn(), QuantConfig{});
        CHECK(plan.findLayer("conv1")->quantizeBias);
        CHECK(plan.findLayer("dwconv")->quantizeBias);
        CHECK(plan.findLayer("fc")->quantizeBias);
    }
    SECTION("no bias") {
        ModelBuilder builder;
        const QuantPlan plan = buildQuantPlan(loadGraph(buildConvReluConv(builder)), QuantConfig{});
        CHECK(plan.findLayer("conv1")->quantizeBias);
        CHECK_FALSE(plan.findLayer("conv2")->quantizeBias);
    }
    SECTION("non-uniform weights") {
        QuantConfig config;
        config.weights = QuantScheme{SchemeKind::Codebook, 4, Granularity::PerChannel, RangeMode::Symmetric,
                                     Signedness::Signed};
        const QuantPlan plan = buildQuantPlan(smallCnn(), config);
        CHECK_FALSE(plan.findLayer("conv1")->quantizeBias);
    }
    SECTION("activations kept float") {
        QuantConfig config;
        config.activations.kind = SchemeKind::Float;
        const QuantPlan plan = buildQuantPlan(smallCnn(), config);
        CHECK(plan.activations.empty());
        CHECK_FALSE(plan.findLayer("conv1")->quantizeBias);
        CHECK_FALSE(plan.findLayer("conv1")->keptFloat()); // the weights are still quantized
    }
    SECTION("a bias shared by two layers") {
        ModelBuilder b;
        b.input("x", DataType::Float, {1, 2, 4, 4});
        b.initializer("w1", {2, 2, 1, 1}, randomValues(4, 1));
        b.initializer("w2", {2, 2, 1, 1}, randomValues(4, 2));
        b.initializer("b", {2}, randomValues(2, 3));
        b.node("Conv", {"x", "w1", "b"}, {"c1"}, "conv1");
        b.node("Conv", {"c1", "w2", "b"}, {"y"}, "conv2");
        b.output("y", DataType::Float);
        const QuantPlan plan = buildQuantPlan(loadGraph(b), QuantConfig{});
        CHECK_FALSE(plan.findLayer("conv1")->quantizeBias);
        CHECK_FALSE(plan.findLayer("conv2")->quantizeBias);
    }
    SECTION("a MatMul's bias in the following Add") {
        ModelBuilder b;
        b.input("x", DataType::Float, {2, 4});
        b.initializer("w", {4, 3}, randomValues(12, 1));
        b.initializer("bias", {3}, randomValues(3, 2));
        b.node("MatMul", {"x", "w"}, {"m"}, "proj");
        b.node("Add", {"m", "bias"}, {"a"}, "add");
        b.node("Relu", {"a"}, {"r"}, "relu");
        b.node("Softmax", {"r"}, {"y"}, "softmax");
        b.output("y", DataType::Float);
        const QuantPlan plan = buildQuantPlan(loadGraph(b), QuantConfig{});
        const LayerPlan* proj = plan.findLayer("proj");
        REQUIRE(proj);
        CHECK(proj->layer.biasName == "bias");
        CHECK(proj->inputActivations == std::vector<std::string>{"x"});
        CHECK(proj->outputActivation == "r"); // after the bias Add and the Relu
        CHECK(proj->quantizeBias);
    }
}

TEST_CASE("config names that match no layer are errors naming the key", "[quantplan]") {
    const Graph graph = smallCnn();
    QuantConfig config;
    LayerOverride typo;
    typo.nodeName = "conv2";
    typo.weights = uniform(4);
    config.layers = {typo};
    CHECK_THROWS_WITH(buildQuantPlan(graph, config),
                      Catch::StartsWith("layers.conv2: the model has no node named 'conv2'") &&
                          Catch::Contains("did you mean 'conv1'"));
    config.layers[0].nodeName = "relu1";
    CHECK_THROWS_WITH(buildQuantPlan(graph, config),
                      Catch::StartsWith("layers.relu1: node 'relu1' (Relu) is not a quantizable layer"));

    config.layers.clear();
    config.floatLayers = {"conv1", "head"};
    CHECK_THROWS_WITH(buildQuantPlan(graph, config),
                      Catch::StartsWith("float_layers: the model has no node named "
                                        "'head'"));
}

TEST_CASE("a shared weight given two schemes is an error naming both layers", "[quantplan]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {1, 2, 4, 4});
    b.initializer("w", {2, 2, 1, 1}, randomValues(4, 1));
    b.node("Conv", {"x", "w"}, {"c1"}, "first");
    b.node("Conv", {"c1", "w"}, {"y"}, "second");
    b.output("y", DataType::Float);
    const Graph graph = loadGraph(b);
    QuantConfig config;
    CHECK_NOTHROW(buildQuantPlan(graph, config));
    LayerOverride second;
    second.nodeName = "second";
    second.weights = uniform(4, Granularity::PerChannel);
    config.layers = {second};
    CHECK_THROWS_WITH(buildQuantPlan(graph, config),
                      Catch::Contains("'first'") && Catch::Contains("'second'") && Catch::Contains("'w'"));
}

TEST_CASE("embedding lookups quantize their table only", "[quantplan]") {
    ModelBuilder b;
    b.input("ids", DataType::Int64, {1, 5});
    b.initializer("table", {20, 8}, randomValues(160, 1));
    b.initializer("w", {8, 4}, randomValues(32, 2));
    b.node("Gather", {"table", "ids"}, {"emb"}, "embed");
    b.node("MatMul", {"emb", "w"}, {"y"}, "proj");
    b.output("y", DataType::Float);
    const QuantPlan plan = buildQuantPlan(loadGraph(b), QuantConfig{});
    const LayerPlan* embed = plan.findLayer("embed");
    REQUIRE(embed);
    CHECK(embed->weights.kind == SchemeKind::Uniform);
    CHECK(embed->activations.kind == SchemeKind::Float);
    CHECK(embed->inputActivations.empty());
    CHECK(embed->outputActivation.empty());
    CHECK(activationTensors(plan) == std::vector<std::string>{"emb"}); // requested by proj only
    CHECK(plan.findActivation("emb")->layers == std::vector<std::string>{"proj"});
}

TEST_CASE("integer inputs are never activations", "[quantplan]") {
    ModelBuilder b;
    b.input("x", DataType::Int32, {2, 4});
    b.initializer("w", {4, 3}, randomValues(12, 1));
    b.node("Cast", {"x"}, {"xf"}, "cast").attr("to", int64_t(1));
    b.node("MatMul", {"xf", "w"}, {"m"}, "proj");
    b.node("Relu", {"m"}, {"y"}, "relu");
    b.output("y", DataType::Float);
    const QuantPlan plan = buildQuantPlan(loadGraph(b), QuantConfig{});
    CHECK(activationTensors(plan) == std::vector<std::string>{"xf"});
}

TEST_CASE("only layers with 8-bit uniform weights get a quantized output", "[quantplan]") {
    const Graph graph = loadOnnxModel(std::string(QS_SOURCE_DIR) + "/resources/demo/model.onnx").model.graph;
    for (SchemeKind kind : {SchemeKind::Codebook, SchemeKind::Log, SchemeKind::Uniform, SchemeKind::Float}) {
        QuantConfig config;
        config.weights.kind = kind;
        config.weights.bits = 4;
        const QuantPlan plan = buildQuantPlan(graph, config);
        for (const LayerPlan& layer : plan.layers) {
            INFO(schemeKindName(kind) << " " << layer.layer.nodeName);
            CHECK(layer.inputActivations.size() == 1);
            CHECK(layer.outputActivation.empty());
        }
    }
    QuantConfig eightBit;
    const QuantPlan plan = buildQuantPlan(graph, eightBit);
    size_t withOutput = 0;
    for (const LayerPlan& layer : plan.layers)
        withOutput += layer.outputActivation.empty() ? 0 : 1;
    CHECK(withOutput == plan.layers.size() - 1); // all but the Gemm whose output is the graph output
}
