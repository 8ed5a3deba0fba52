// Turning a plan and calibration histograms into numbers: activation parameters on known distributions, weights
// exactly as their quantizer gives them, and int32 biases checked against hand arithmetic.

#include "fixtures/modelbuilder.h"
#include "model/layers.h"
#include "model/onnxloader.h"
#include "quant/codebookquantizer.h"
#include "quant/quantizedtensors.h"
#include "quant/uniformquantizer.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

const QuantScheme uint8Asymmetric{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Asymmetric,
                                  Signedness::Unsigned};
const QuantScheme int8Symmetric{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Symmetric,
                                Signedness::Signed};
const QuantScheme int8PerChannel{SchemeKind::Uniform, 8, Granularity::PerChannel, RangeMode::Symmetric,
                                 Signedness::Signed};
const QuantScheme floatScheme{SchemeKind::Float, 32, Granularity::PerTensor, RangeMode::Symmetric,
                              Signedness::Signed};

TensorHistogram histogramOf(const std::vector<float>& values) {
    TensorHistogram histogram;
    histogram.add(values.data(), values.size());
    return histogram;
}

/// `count` values evenly spread over [low, high].
std::vector<float> evenlySpread(float low, float high, size_t count) {
    std::vector<float> values(count);
    for (size_t i = 0; i < count; ++i)
        values[i] = low + (high - low) * static_cast<float>(i) / static_cast<float>(count - 1);
    return values;
}

std::vector<float> gaussian(size_t count, uint32_t seed) {
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> values(count);
    for (float& value : values)
        value = normal(generator);
    return values;
}

ActivationPlan activation(const std::string& tensor, const QuantScheme& scheme) {
    ActivationPlan plan;
    plan.tensor = tensor;
    plan.scheme = scheme;
    return plan;
}

Model smallCnn() {
    ModelBuilder builder;
    return loadOnnxModelFromBytes(buildSmallCnn(builder).serialize(), "small.onnx").model;
}

LayerPlan layerPlan(const Graph& graph, const std::string& nodeName, const QuantScheme& weights) {
    for (const QuantizableLayer& layer : findQuantizableLayers(graph))
        if (layer.nodeName == nodeName) {
            LayerPlan plan;
            plan.layer = layer;
            plan.weights = weights;
            plan.activations = floatScheme;
            return plan;
        }
    throw Error("test: no layer " + nodeName);
}

std::vector<float> floatsOf(const Tensor& tensor) {
    return std::vector<float>(tensor.as<float>(), tensor.as<float>() + tensor.elementCount());
}

} // namespace

TEST_CASE("Activation parameters follow the plan's range method on known distributions", "[quantizedtensors]") {
    const Model model = smallCnn();
    CalibrationResult calibration;
    calibration.histograms.emplace("zero_to_six", histogramOf(evenlySpread(0.0f, 6.0f, 10001)));
    calibration.histograms.emplace("plus_minus_two", histogramOf(evenlySpread(-2.0f, 2.0f, 10001)));
    calibration.histograms.emplace("zero_to_ten", histogramOf(evenlySpread(0.0f, 10.0f, 100001)));
    std::vector<float> outliers = gaussian(200000, 5);
    for (size_t i = 0; i < 10; ++i)
        outliers[i * 1000] = i % 2 == 0 ? 50.0f : -50.0f;
    calibration.histograms.emplace("gaussian", histogramOf(outliers));

    QuantPlan plan;
    plan.activations = {activation("zero_to_six", uint8Asymmetric), activation("plus_minus_two", int8Symmetric)};
    plan.calibration.method = "minmax";
    QuantizedTensors tensors = quantizeTensors(model.graph, plan, calibration);
    REQUIRE(tensors.activations.size() == 2);
    const QuantParams& relu6 = tensors.activations.at("zero_to_six");
    CHECK(relu6.scales == std::vector<float>{6.0f / 255.0f});
    CHECK(relu6.zeroPoints == std::vector<int32_t>{0});
    CHECK(relu6.signedness == Signedness::Unsigned);
    CHECK(relu6.axis == -1);
    const QuantParams& symmetric = tensors.activations.at("plus_minus_two");
    CHECK(symmetric.scales == std::vector<float>{4.0f / 254.0f});
    CHECK(symmetric.zeroPoints == std::vector<int32_t>{0});
    CHECK(symmetric.qmin == -127);

    // Asymmetric 90th percentile of [0, 10]: the range [1, 9] widened to include zero.
    plan.activations = {activation("zero_to_ten", uint8Asymmetric)};
    plan.calibration.method = "percentile";
    plan.calibration.percentile = 90.0;
    tensors = quantizeTensors(model.graph, plan, calibration);
    CHECK(tensors.activations.at("zero_to_ten").scale(0) == Approx(9.0 / 255.0).epsilon(1e-3));
    CHECK(tensors.activations.at("zero_to_ten").zeroPoint(0) == 0);

    // A Gaussian with ten outliers at +-50: min/max covers them, entropy clips them (zero point stays centred).
    plan.activations = {activation("gaussian", uint8Asymmetric)};
    plan.calibration.method = "minmax";
    const float minMaxScale = quantizeTensors(model.graph, plan, calibration).activations.at("gaussian").scale(0);
    plan.calibration.method = "entropy";
    const QuantParams entropy = quantizeTensors(model.graph, plan, calibration).activations.at("gaussian");
    CHECK(minMaxScale == 100.0f / 255.0f);
    CHECK(entropy.scale(0) < 0.2f * minMaxScale);
    CHECK(entropy.scale(0) > 3.0f * 2.0f / 255.0f);
    CHECK(std::abs(entropy.zeroPoint(0) - 128) <= 8);
}

TEST_CASE("Weights are quantized exactly as their quantizer does, shared ones once", "[quantizedtensors]") {
    const Model model = smallCnn();
    const Graph& graph = model.graph;
    QuantPlan plan;
    plan.codebookInit = CodebookInit::Linear;
    plan.layers.push_back(layerPlan(graph, "conv1", int8PerChannel));
    plan.layers.push_back(layerPlan(graph, "dwconv", {SchemeKind::Codebook, 3, Granularity::PerTensor,
                                                      RangeMode::Symmetric, Signedness::Signed}));
    plan.layers.push_back(layerPlan(graph, "fc", floatScheme));
    const QuantizedTensors tensors = quantizeTensors(graph, plan, CalibrationResult());

    REQUIRE(tensors.weights.size() == 2);
    CHECK(tensors.weights.count("fc.weight") == 0);
    CHECK(tensors.biases.empty());
    CHECK(tensors.floatBiases.empty());

    const Tensor& conv1 = *graph.initializer("conv1.weight");
    const WeightQuantization uniform = UniformQuantizer({8, Signedness::Signed, RangeMode::Symmetric,
                                                         Granularity::PerChannel})
                                           .quantize({"conv1.weight", conv1.as<float>(), conv1.dims, 0});
    const WeightQuantization& gotUniform = tensors.weights.at("conv1.weight");
    CHECK(gotUniform.axis == 0);
    CHECK(gotUniform.codes == uniform.codes);
    CHECK(gotUniform.dequantized == uniform.dequantized);
    CHECK(gotUniform.uniform.scales == uniform.uniform.scales);
    CHECK(gotUniform.uniform.scales.size() == 8);

    CodebookOptions options;
    options.bits = 3;
    options.init = CodebookInit::Linear;
    const Tensor& dw = *graph.initializer("dwconv.weight");
    const WeightQuantization codebook = CodebookQuantizer(options).quantize({"dwconv.weight", dw.as<float>(),
                                                                             dw.dims, 0});
    const WeightQuantization& gotCodebook = tensors.weights.at("dwconv.weight");
    CHECK(gotCodebook.scheme == SchemeKind::Codebook);
    CHECK(gotCodebook.tables == codebook.tables);
    CHECK(gotCodebook.codes == codebook.codes);

    // Two Convs reading one weight: one entry.
    ModelBuilder builder;
    builder.input("x", DataType::Float, {1, 4, 3, 3});
    builder.initializer("w", {4, 4, 1, 1}, randomValues(16, 3));
    builder.node("Conv", {"x", "w"}, {"y"}, "first");
    builder.node("Conv", {"y", "w"}, {"z"}, "second");
    builder.output("z", DataType::Float);
    const Model shared = loadOnnxModelFromBytes(builder.serialize(), "shared.onnx").model;
    QuantPlan sharedPlan;
    sharedPlan.layers.push_back(layerPlan(shared.graph, "first", int8PerChannel));
    sharedPlan.layers.push_back(layerPlan(shared.graph, "second", int8PerChannel));
    const QuantizedTensors sharedTensors = quantizeTensors(shared.graph, sharedPlan, CalibrationResult());
    CHECK(sharedTensors.weights.size() == 1);
    CHECK(sharedTensors.weights.count("w") == 1);
}

TEST_CASE("Bias int32 codes match hand arithmetic", "[quantizedtensors]") {
    QuantParams weight;
    weight.scales = {0.5f, 0.125f, 3.0f, 1e-20f, 0.25f};
    weight.zeroPoints = {0, 0, 0, 0, 0};
    weight.axis = 0;
    const std::vector<float> bias = {1.0f, -0.046875f, 100.3f, 1.0f, 0.15625f};
    const BiasQuantization q = quantizeBias("b", bias.data(), bias.size(), 0.25f, weight);
    // Scales 0.125, 0.03125, 0.75, 2.5e-21, 0.0625 (all exact in float but the fourth).
    REQUIRE(q.scales.size() == 5);
    CHECK(q.scales[0] == 0.125f);
    CHECK(q.scales[1] == 0.03125f);
    CHECK(q.scales[2] == 0.75f);
    CHECK(q.scales[3] == 0.25f * 1e-20f);
    CHECK(q.scales[4] == 0.0625f);
    // 8; -1.5 rounds to even -2; 133.73 -> 134; 4e20 saturates; 2.5 rounds to even 2.
    CHECK(q.codes == std::vector<int32_t>{8, -2, 134, std::numeric_limits<int32_t>::max(), 2});
    CHECK(q.dequantized[0] == 1.0f);
    CHECK(q.dequantized[1] == -0.0625f);
    CHECK(q.dequantized[2] == 100.5f);
    CHECK(q.dequantized[3] == static_cast<float>(std::numeric_limits<int32_t>::max()) * q.scales[3]);
    CHECK(q.dequantized[4] == 0.125f);
    CHECK(q.axis == 0);

    QuantParams perTensor;
    perTensor.scales = {0.5f};
    perTensor.zeroPoints = {0};
    const BiasQuantization single = quantizeBias("b", bias.data(), 2, 0.25f, perTensor);
    CHECK(single.scales == std::vector<float>{0.125f});
    CHECK(single.codes == std::vector<int32_t>{8, 0});

    CHECK_THROWS_WITH(quantizeBias("conv.bias", bias.data(), 3, 0.25f, weight), Contains("conv.bias"));
    const std::vector<float> bad = {1.0f, NAN};
    CHECK_THROWS_WITH(quantizeBias("conv.bias", bad.data(), 2, 0.25f, perTensor), Contains("conv.bias"));
}

TEST_CASE("Planned biases get scale input scale times weight scale", "[quantizedtensors]") {
    const Model model = smallCnn();
    const Graph& graph = model.graph;
    CalibrationResult calibration;
    calibration.histograms.emplace("input", histogramOf(evenlySpread(-1.7f, 2.3f, 5000)));
    QuantPlan plan;
    plan.calibration.method = "minmax";
    plan.activations = {activation("input", uint8Asymmetric)};
    LayerPlan conv1 = layerPlan(graph, "conv1", int8PerChannel);
    conv1.activations = uint8Asymmetric;
    conv1.inputActivations = {"input"};
    conv1.quantizeBias = true;
    plan.layers.push_back(conv1);
    const QuantizedTensors tensors = quantizeTensors(graph, plan, calibration);

    const float inputScale = tensors.activations.at("input").scale(0);
    const TensorHistogram& input = calibration.histograms.at("input");
    CHECK(inputScale == (input.maxValue() - input.minValue()) / 255.0f);
    const std::vector<float>& weightScales = tensors.weights.at("conv1.weight").uniform.scales;
    const BiasQuantization& bias = tensors.biases.at("conv1.bias");
    const std::vector<float> values = floatsOf(*graph.initializer("conv1.bias"));
    REQUIRE(bias.codes.size() == 8);
    REQUIRE(bias.scales.size() == 8);
    for (size_t c = 0; c < 8; ++c) {
        const float scale = inputScale * weightScales[c];
        CHECK(bias.scales[c] == scale);
        const float ratio = values[c] / scale;
        double code = std::floor(static_cast<double>(ratio));
        const double fraction = static_cast<double>(ratio) - code;
        if (fraction > 0.5 || (fraction == 0.5 && std::fmod(code, 2.0) != 0.0))
            code += 1.0;
        CHECK(bias.codes[c] == static_cast<int32_t>(code));
        CHECK(bias.dequantized[c] == static_cast<float>(bias.codes[c]) * scale);
    }
    CHECK(tensors.floatBiases.empty());
}

TEST_CASE("Missing calibration data and cancelling are reported", "[quantizedtensors]") {
    const Model model = smallCnn();
    QuantPlan plan;
    plan.activations = {activation("relu1_out", uint8Asymmetric)};
    CHECK_THROWS_WITH(quantizeTensors(model.graph, plan, CalibrationResult()), Contains("relu1_out"));

    CalibrationResult calibration;
    calibration.histograms.emplace("relu1_out", TensorHistogram());
    CHECK_THROWS_WITH(quantizeTensors(model.graph, plan, calibration), Contains("relu1_out"));

    LayerPlan conv1 = layerPlan(model.graph, "conv1", int8PerChannel);
    conv1.quantizeBias = true;
    conv1.inputActivations = {"input"};
    QuantPlan biasPlan;
    biasPlan.layers.push_back(conv1);
    CHECK_THROWS_WITH(quantizeTensors(model.graph, biasPlan, CalibrationResult()), Contains("conv1"));

    calibration.histograms["relu1_out"] = histogramOf(evenlySpread(0.0f, 1.0f, 100));
    auto cancel = [](double, const std::string&) { return false; };
    CHECK_THROWS_AS(quantizeTensors(model.graph, plan, calibration, cancel), Cancelled);
}
