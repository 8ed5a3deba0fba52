// The calibration pass: histograms equal to ones built from the tensors directly, skipped files, cancelling and
// the error for a tensor the model never produces.

#include "../data/imagefixtures.h"

#include "fixtures/modelbuilder.h"
#include "model/onnxloader.h"
#include "quant/calibration.h"

#include <catch2/catch.hpp>

#include <map>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

Model demoModel() {
    return loadOnnxModel(demoDir() + "/model.onnx").model;
}

/// The input, the first Conv's output and the last Gemm's input: a graph input, an intermediate tensor and one
/// after the pooling.
std::vector<std::string> demoTensors(const Graph& graph) {
    std::vector<std::string> names = {"input"};
    for (const Node& node : graph.nodes)
        if (node.opType == "Conv") {
            names.push_back(node.outputs[0]);
            break;
        }
    for (const Node& node : graph.nodes)
        if (node.opType == "Gemm")
            names.push_back(node.inputs[0]);
    return names;
}

ImageFolderScan demoCalibrationScan(size_t maxImages) {
    ImageFolderOptions options;
    options.maxImages = maxImages;
    return scanImageFolder(demoDir() + "/calib", options);
}

} // namespace

TEST_CASE("Calibration histograms equal histograms of the tensors themselves", "[calibration]") {
    const Model model = demoModel();
    const std::vector<std::string> names = demoTensors(model.graph);
    REQUIRE(names.size() == 3);
    const ImageFolderScan scan = demoCalibrationScan(40);
    ExecutorOptions executorOptions;
    executorOptions.threadCount = 1;
    Executor executor(model, executorOptions);

    std::vector<double> fractions;
    BatchLoader loader(scan, demoPreprocess(), 16);
    const CalibrationResult result =
        calibrate(executor, "input", loader, names, [&fractions](double fraction, const std::string&) {
            fractions.push_back(fraction);
            return true;
        });
    CHECK(result.imageCount == 40);
    CHECK(result.skipped.empty());
    CHECK(result.seconds > 0.0);
    CHECK(result.imagesPerSecond() > 0.0);
    REQUIRE(result.histograms.size() == names.size());
    REQUIRE_FALSE(fractions.empty());
    CHECK(fractions.back() == 1.0);
    for (size_t i = 1; i < fractions.size(); ++i)
        CHECK(fractions[i - 1] <= fractions[i]);

    // The same batches, the tensors copied out and histogrammed here.
    std::map<std::string, TensorHistogram> expected;
    for (const std::string& name : names)
        expected.emplace(name, TensorHistogram());
    RunOptions options;
    options.observer = [&expected](const std::string& name, const RuntimeTensor& tensor) {
        auto found = expected.find(name);
        if (found == expected.end())
            return;
        const RuntimeTensor copy = tensor.clone();
        found->second.add(copy.data<float>(), static_cast<size_t>(copy.elementCount()));
    };
    BatchLoader again(scan, demoPreprocess(), 16);
    Batch batch;
    while (again.next(batch))
        executor.run({{"input", batch.tensor}}, options);

    for (const std::string& name : names) {
        INFO("tensor " << name);
        const TensorHistogram& got = result.histograms.at(name);
        const TensorHistogram& want = expected.at(name);
        CHECK(got.totalCount() == want.totalCount());
        CHECK(got.minValue() == want.minValue());
        CHECK(got.maxValue() == want.maxValue());
        CHECK(got.lowerEdge() == want.lowerEdge());
        CHECK(got.binWidth() == want.binWidth());
        CHECK(got.counts() == want.counts());
    }
    // The input is 40 images of 28 x 28 pixels, normalized from [0, 1].
    const TensorHistogram& input = result.histograms.at("input");
    CHECK(input.totalCount() == 40u * 28u * 28u);
    CHECK(input.minValue() >= (0.0f - 0.2860f) / 0.3530f - 1e-5f);
    CHECK(input.maxValue() <= (1.0f - 0.2860f) / 0.3530f + 1e-5f);
}

TEST_CASE("Calibration records skipped files and counts only decoded images", "[calibration]") {
    TempDir dir;
    writeImage(dir.file("a.png"), gradientGray(4, 4));
    dir.writeFile("b.png", truncatedPngBytes());
    writeImage(dir.file("c.png"), gradientGray(4, 4));
    const ImageFolderScan scan = scanImageFolder(dir.path());

    ModelBuilder builder;
    builder.input("x", DataType::Float, {"batch", 1, 4, 4});
    builder.node("Relu", {"x"}, {"y"}, "relu");
    builder.output("y", DataType::Float);
    const Model model = loadOnnxModelFromBytes(builder.serialize(), "relu.onnx").model;
    Executor executor(model);

    PreprocessConfig config;
    config.color = ColorOrder::Gray;
    BatchLoader loader(scan, config, 2);
    const CalibrationResult result = calibrate(executor, "x", loader, {"x", "y"});
    CHECK(result.imageCount == 2);
    REQUIRE(result.skipped.size() == 1);
    CHECK_THAT(result.skipped[0].path, Contains("b.png"));
    // Pixels 10*y + x of two 4x4 images.
    const TensorHistogram& x = result.histograms.at("x");
    CHECK(x.totalCount() == 32);
    CHECK(x.minValue() == 0.0f);
    CHECK(x.maxValue() == 33.0f);
    CHECK(result.histograms.at("y").maxValue() == 33.0f);
}

TEST_CASE("Calibration names a requested tensor the model never produces", "[calibration]") {
    const Model model = demoModel();
    Executor executor(model);
    BatchLoader loader(demoCalibrationScan(4), demoPreprocess(), 4);
    try {
        calibrate(executor, "input", loader, {"input", "no_such_tensor"});
        FAIL("expected an error");
    } catch (const Cancelled&) {
        FAIL("not a cancellation");
    } catch (const Error& error) {
        CHECK_THAT(error.what(), Contains("no_such_tensor"));
        CHECK_THAT(error.what(), !Contains("'input'"));
    }
}

TEST_CASE("Calibration stops when the progress callback cancels", "[calibration]") {
    const Model model = demoModel();
    Executor executor(model);
    BatchLoader loader(demoCalibrationScan(64), demoPreprocess(), 8);
    int calls = 0;
    auto cancelSecond = [&calls](double, const std::string&) { return ++calls < 2; };
    CHECK_THROWS_AS(calibrate(executor, "input", loader, {"input"}, cancelSecond), Cancelled);
    CHECK(calls == 2);
    CHECK(loader.deliveredCount() < 64);
}
