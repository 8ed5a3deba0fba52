// Empirical bias correction on the demo model with 4-bit per-tensor weights: per-channel output means move
// back to the float model's and accuracy does not drop; int32 biases are re-quantized; cancelling.

#include "../data/imagefixtures.h"

#include "fixtures/modelbuilder.h"
#include "model/layers.h"
#include "model/onnxloader.h"
#include "workflow/biascorrection.h"
#include "workflow/simulation.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>

#include <cmath>
#include <unordered_map>

using namespace qs;
using namespace qs::test;

namespace {

const QuantScheme int4PerTensor{SchemeKind::Uniform, 4, Granularity::PerTensor, RangeMode::Symmetric,
                                Signedness::Signed};
const QuantScheme int8PerChannel{SchemeKind::Uniform, 8, Granularity::PerChannel, RangeMode::Symmetric,
                                 Signedness::Signed};

/// Every layer's weights quantized (depthwise ones with `depthwise`), activations float.
QuantPlan weightsOnlyPlan(const Graph& graph, const QuantScheme& weights, const QuantScheme& depthwise) {
    QuantPlan plan;
    for (const QuantizableLayer& layer : findQuantizableLayers(graph)) {
        LayerPlan layerPlan;
        layerPlan.layer = layer;
        layerPlan.weights = layer.groups > 1 ? depthwise : weights;
        layerPlan.activations = QuantScheme{SchemeKind::Float, 32, Granularity::PerTensor,
                                            RangeMode::Symmetric, Signedness::Signed};
        plan.layers.push_back(layerPlan);
    }
    return plan;
}

/// Per-channel sums of every layer's output (channels on axis 1, or last for Gemm) over a data set.
class ChannelMeans {
public:
    ChannelMeans(const Graph& graph, const QuantPlan& plan) {
        for (const LayerPlan& layer : plan.layers) {
            const Node& node = graph.nodes[graph.nodeIndex(layer.layer.nodeName)];
            layers_[node.outputs[0]].channelsLast = node.opType == "Gemm";
        }
    }

    void measure(Executor& executor, const ImageFolderScan& scan, RunOptions options) {
        options.observer = [this](const std::string& name, const RuntimeTensor& tensor) {
            auto found = layers_.find(name);
            if (found == layers_.end())
                return;
            Sums& sums = found->second;
            const std::vector<int64_t>& dims = tensor.dims();
            const size_t axis = sums.channelsLast ? dims.size() - 1 : 1;
            const auto channels = static_cast<size_t>(dims[axis]);
            size_t inner = 1;
            for (size_t d = axis + 1; d < dims.size(); ++d)
                inner *= static_cast<size_t>(dims[d]);
            sums.values.resize(channels, 0.0);
            const size_t count = static_cast<size_t>(tensor.elementCount());
            for (size_t i = 0; i < count; ++i)
                sums.values[(i / inner) % channels] += tensor.data<float>()[i];
            sums.perChannel += static_cast<double>(count / channels);
        };
        BatchLoader loader(scan, demoPreprocess(), 32);
        Batch batch;
        while (loader.next(batch))
            executor.run({{"input", batch.tensor}}, options);
    }

    /// Mean over layers and channels of |this mean - other mean|, and the same for the first layer alone.
    double meanAbsDifference(const ChannelMeans& other, const std::string& onlyTensor = {}) const {
        double total = 0.0;
        size_t count = 0;
        for (const auto& entry : layers_) {
            if (!onlyTensor.empty() && entry.first != onlyTensor)
                continue;
            const Sums& mine = entry.second;
            const Sums& theirs = other.layers_.at(entry.first);
            for (size_t c = 0; c < mine.values.size(); ++c, ++count)
                total += std::fabs(mine.values[c] / mine.perChannel - theirs.values[c] / theirs.perChannel);
        }
        return count > 0 ? total / static_cast<double>(count) : 0.0;
    }

private:
    struct Sums {
        bool channelsLast = false;
        std::vector<double> values;
        double perChannel = 0.0;
    };
    std::unordered_map<std::string, Sums> layers_;
};

double topOneAccuracy(Executor& executor, const ImageFolderScan& scan, const RunOptions& options) {
    BatchLoader loader(scan, demoPreprocess(), 100);
    Batch batch;
    size_t correct = 0;
    size_t total = 0;
    while (loader.next(batch)) {
        const TensorMap outputs = executor.run({{"input", batch.tensor}}, options);
        const float* logits = outputs.at("logits").data<float>();
        for (size_t i = 0; i < batch.size(); ++i, ++total) {
            const float* row = logits + i * 10;
            correct += static_cast<int>(std::max_element(row, row + 10) - row) == batch.labels[i] ? 1 : 0;
        }
    }
    return static_cast<double>(correct) / static_cast<double>(total);
}

} // namespace

TEST_CASE("Bias correction moves 4-bit layer output means back without losing accuracy", "[biascorrection]") {
    const Model model = loadOnnxModel(demoDir() + "/model.onnx").model;
    const Graph& graph = model.graph;
    // All layers 4-bit per tensor (the depthwise layers, whose channel ranges differ by up to 395x, then lose
    // the model its accuracy), and the same with the depthwise layers 8-bit per channel.
    const bool depthwiseInt8 = GENERATE(false, true);
    INFO("depthwise layers " << (depthwiseInt8 ? "int8 per channel" : "int4 per tensor"));
    const QuantPlan plan =
        weightsOnlyPlan(graph, int4PerTensor, depthwiseInt8 ? int8PerChannel : int4PerTensor);
    REQUIRE(plan.layers.size() >= 10);
    QuantizedTensors tensors = quantizeTensors(graph, plan, CalibrationResult());
    const QuantizedTensors uncorrected = tensors;
    Executor executor(model);
    const ImageFolderScan calib = scanImageFolder(demoDir() + "/calib");

    std::vector<double> fractions;
    BatchLoader loader(calib, demoPreprocess(), 32);
    auto record = [&fractions](double fraction, const std::string&) {
        fractions.push_back(fraction);
        return true;
    };
    const BiasCorrectionReport report =
        correctBiases(executor, graph, plan, "input", loader, tensors, record);
    size_t withBias = 0;
    for (const LayerPlan& layer : plan.layers)
        withBias += layer.layer.biasName.empty() ? 0 : 1;
    CHECK(report.layerCount == withBias);
    CHECK(report.imageCount == 256);
    CHECK(report.meanAbsShift > 0.0);
    CHECK(tensors.floatBiases.size() == withBias);
    CHECK(tensors.biases.empty());
    CHECK(tensors.weights.size() == uncorrected.weights.size());
    REQUIRE_FALSE(fractions.empty());
    CHECK(fractions.back() == 1.0);

    ChannelMeans floatMeans(graph, plan);
    floatMeans.measure(executor, calib, RunOptions());
    ChannelMeans before(graph, plan);
    const QuantSimulation beforeSimulation(graph, plan, uncorrected);
    before.measure(executor, calib, beforeSimulation.runOptions());
    ChannelMeans after(graph, plan);
    const QuantSimulation afterSimulation(graph, plan, tensors);
    after.measure(executor, calib, afterSimulation.runOptions());

    const double errorBefore = before.meanAbsDifference(floatMeans);
    const double errorAfter = after.meanAbsDifference(floatMeans);
    INFO("mean |channel mean error| before " << errorBefore << ", after " << errorAfter);
    CHECK(errorAfter < 0.5 * errorBefore);
    // The first layer sees the float input in both runs, so its channel means now agree up to rounding.
    const std::string firstOutput = graph.nodes[graph.nodeIndex(plan.layers[0].layer.nodeName)].outputs[0];
    CHECK(before.meanAbsDifference(floatMeans, firstOutput) > 1e-4);
    CHECK(after.meanAbsDifference(floatMeans, firstOutput) < 1e-5);

    const ImageFolderScan eval = scanImageFolder(demoDir() + "/eval");
    const double floatAccuracy = topOneAccuracy(executor, eval, RunOptions());
    const double accuracyBefore = topOneAccuracy(executor, eval, beforeSimulation.runOptions());
    const double accuracyAfter = topOneAccuracy(executor, eval, afterSimulation.runOptions());
    INFO("top-1 float " << floatAccuracy << ", 4-bit " << accuracyBefore << ", corrected " << accuracyAfter);
    CHECK(floatAccuracy > 0.9);
    CHECK(accuracyAfter >= accuracyBefore);
}

TEST_CASE("An int32 bias is re-quantized from the corrected float bias", "[biascorrection]") {
    TempDir dir;
    cv::RNG random(7);
    for (int i = 0; i < 6; ++i) {
        cv::Mat image(16, 16, CV_8UC3);
        random.fill(image, cv::RNG::UNIFORM, 0, 256);
        writeImage(dir.file("img" + std::to_string(i) + ".png"), image);
    }
    const ImageFolderScan scan = scanImageFolder(dir.path());
    PreprocessConfig preprocess;
    preprocess.scale = 1.0f / 255.0f;

    ModelBuilder builder;
    const Model model = loadOnnxModelFromBytes(buildSmallCnn(builder).serialize(), "small.onnx").model;
    const Graph& graph = model.graph;
    const QuantScheme int3PerTensor{SchemeKind::Uniform, 3, Granularity::PerTensor, RangeMode::Symmetric,
                                    Signedness::Signed};
    QuantPlan plan = weightsOnlyPlan(graph, int3PerTensor, int3PerTensor);
    REQUIRE(plan.layers[0].layer.nodeName == "conv1");
    plan.layers[0].activations = QuantScheme{SchemeKind::Uniform, 8, Granularity::PerTensor,
                                             RangeMode::Asymmetric, Signedness::Unsigned};
    plan.layers[0].inputActivations = {"input"};
    plan.layers[0].quantizeBias = true;
    plan.activations.push_back({"input", plan.layers[0].activations, {"conv1"}});
    plan.calibration.method = "minmax";

    Executor executor(model);
    BatchLoader calibrationLoader(scan, preprocess, 4);
    const CalibrationResult calibration = calibrate(executor, "input", calibrationLoader, {"input"});
    QuantizedTensors tensors = quantizeTensors(graph, plan, calibration);
    const BiasQuantization original = tensors.biases.at("conv1.bias");

    BatchLoader loader(scan, preprocess, 4);
    const BiasCorrectionReport report = correctBiases(executor, graph, plan, "input", loader, tensors);
    CHECK(report.layerCount == 3);
    CHECK(report.imageCount == 6);
    CHECK(tensors.floatBiases.count("conv1.bias") == 0);
    CHECK(tensors.floatBiases.count("dwconv.bias") == 1);
    CHECK(tensors.floatBiases.count(plan.layers[2].layer.biasName) == 1);
    const BiasQuantization& corrected = tensors.biases.at("conv1.bias");
    CHECK(corrected.scales == original.scales);
    CHECK(corrected.codes != original.codes);
    REQUIRE(corrected.scales.size() == 1);
    for (size_t c = 0; c < corrected.codes.size(); ++c)
        CHECK(corrected.dequantized[c] == static_cast<float>(corrected.codes[c]) * corrected.scales[0]);
}

TEST_CASE("Bias correction stops when the progress callback cancels", "[biascorrection]") {
    const Model model = loadOnnxModel(demoDir() + "/model.onnx").model;
    const QuantPlan plan = weightsOnlyPlan(model.graph, int4PerTensor, int4PerTensor);
    QuantizedTensors tensors = quantizeTensors(model.graph, plan, CalibrationResult());
    Executor executor(model);
    BatchLoader loader(scanImageFolder(demoDir() + "/calib"), demoPreprocess(), 16);
    auto cancel = [](double fraction, const std::string&) { return fraction < 0.1; };
    CHECK_THROWS_AS(correctBiases(executor, model.graph, plan, "input", loader, tensors, cancel), Cancelled);
    CHECK(tensors.floatBiases.empty());
}
