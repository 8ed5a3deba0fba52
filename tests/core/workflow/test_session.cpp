// The quantization session: steps on their own and again, calibration of every candidate tensor, incremental
// re-quantization after an edit, previews equal to what the session computes, cancellation inside inference.

#include "workflow/layerpreview.h"
#include "workflow/quantizationpipeline.h"
#include "workflow/quantizationsession.h"

#include "model/layers.h"
#include "model/onnxloader.h"
#include "quant/quantconfig.h"
#include "runtime/constantevaluation.h"

#include "../data/imagefixtures.h"
#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <thread>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

std::shared_ptr<const Model> demoModel() {
    static const std::shared_ptr<const Model> model =
        std::make_shared<const Model>(loadOnnxModel(demoDir() + "/model.onnx").model);
    return model;
}

QuantConfig demoConfig() {
    QuantConfig config = loadQuantConfig(std::string(QS_SOURCE_DIR) + "/resources/configs/demo-w8a8.json");
    config.calibration.maxImages = 64;
    return config;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string firstLayerName(const QuantizationSession& session) {
    return session.plan().layers.front().layer.nodeName;
}

} // namespace

TEST_CASE("The session calibrates every candidate tensor so that an edit needs no new pass",
          "[workflow][session]") {
    QuantizationSession session(demoModel(), SessionOptions{1, {}});
    session.setConfig(demoConfig());
    const std::vector<std::string>& candidates = session.candidateTensors();
    REQUIRE(!candidates.empty());
    for (const ActivationPlan& activation : session.plan().activations)
        CHECK(contains(candidates, activation.tensor));

    const CalibrationResult& calibration = session.calibrate(demoDir() + "/calib");
    CHECK(calibration.imageCount == 64);
    for (const std::string& tensor : candidates)
        CHECK(calibration.histograms.count(tensor) == 1);

    QuantizeReport first = session.quantize();
    CHECK(session.isQuantized());
    CHECK(first.requantizedLayers.size() == session.plan().layers.size());

    SECTION("an edit of one layer re-quantizes that layer only") {
        QuantConfig edited = session.config();
        const std::string layer = firstLayerName(session);
        LayerOverride override;
        override.nodeName = layer;
        override.weights = QuantScheme{SchemeKind::Codebook, 4, Granularity::PerTensor, RangeMode::Symmetric,
                                       Signedness::Signed};
        edited.layers.push_back(override);
        const std::vector<std::string> changed = session.setConfig(edited);
        CHECK(changed == std::vector<std::string>{layer});
        const QuantizeReport second = session.quantize();
        CHECK(second.requantizedLayers == std::vector<std::string>{layer});
        CHECK(session.tensors().weights.at(session.plan().layers.front().layer.weightName).scheme ==
              SchemeKind::Codebook);
    }
    SECTION("a new range method recomputes activation parameters but no weight") {
        QuantConfig edited = session.config();
        edited.calibration.method = "percentile";
        session.setConfig(edited);
        const QuantizeReport second = session.quantize();
        CHECK(second.requantizedLayers.empty());
        CHECK(second.recomputedActivations.size() == session.plan().activations.size());
    }
    SECTION("a range method set for one layer recomputes only the activations that layer asked for") {
        QuantConfig edited = session.config();
        const std::string target = session.plan().layers[3].layer.nodeName; // the plan is rebuilt below
        LayerOverride override;
        override.nodeName = target;
        override.range = RangeMethod{"percentile", 99.0};
        edited.layers.push_back(override);
        const std::vector<std::string> changed = session.setConfig(edited);
        CHECK(changed == std::vector<std::string>{target});
        const QuantizeReport second = session.quantize();
        CHECK(second.requantizedLayers.empty());
        REQUIRE(!second.recomputedActivations.empty());
        for (const std::string& tensor : second.recomputedActivations) {
            const ActivationPlan* activation = session.plan().findActivation(tensor);
            REQUIRE(activation);
            CHECK(activation->layers.front() == target);
            CHECK(session.plan().rangeSettings(*activation).method == "percentile");
        }
        // The config round-trips through its JSON form with the per-layer method.
        const QuantConfig reread = parseQuantConfig(quantConfigToJson(edited), "roundtrip.json");
        REQUIRE(reread.layers.size() == 1);
        REQUIRE(reread.layers.front().range);
        CHECK(*reread.layers.front().range == RangeMethod{"percentile", 99.0});
        CHECK_THROWS_WITH(
            parseQuantConfig(R"({"layers": {"x": {"calibration": {"method": "median"}}}})", "bad.json"),
            Contains("bad.json") && Contains("layers.x.calibration.method"));
    }
    SECTION("an invalid config is refused and the plan stays") {
        QuantConfig bad = session.config();
        LayerOverride override;
        override.nodeName = "no-such-layer";
        bad.layers.push_back(override);
        const size_t layers = session.plan().layers.size();
        CHECK_THROWS_WITH(session.setConfig(bad), Contains("no-such-layer"));
        CHECK(session.plan().layers.size() == layers);
        CHECK(session.config().layers.empty());
    }
}

TEST_CASE("Session steps give the pipeline's results and previews match the session", "[workflow][session]") {
    QuantConfig config = demoConfig();
    PipelineRequest request;
    request.model = demoModel().get();
    request.config = config;
    request.calibrationFolder = demoDir() + "/calib";
    request.evaluationFolder = demoDir() + "/eval";
    request.threadCount = 1;
    const PipelineResult pipeline = runQuantizationPipeline(request);

    QuantizationSession session(demoModel(), SessionOptions{1, {}});
    session.setConfig(config);
    session.calibrate(demoDir() + "/calib");
    session.quantize();
    session.correctBiases();
    const EvaluationResult evaluation = session.evaluate(demoDir() + "/eval");
    REQUIRE(pipeline.evaluation);
    CHECK(evaluation.imageCount == pipeline.evaluation->imageCount);
    CHECK(evaluation.candidateTop1 == pipeline.evaluation->candidateTop1);
    CHECK(evaluation.agreementTop1 == pipeline.evaluation->agreementTop1);

    SECTION("the weight preview is the session's quantization") {
        const LayerPlan& layer = session.plan().layers.front();
        const WeightPreview preview = previewLayerWeights(session.model().graph, layer.layer, layer.weights);
        CHECK(preview.quantization.dequantized ==
              session.tensors().weights.at(layer.layer.weightName).dequantized);
        CHECK(preview.grid.levels.size() == 256);
        CHECK(std::isfinite(preview.grid.sqnrDb));
        CHECK(preview.grid.sqnrDb > 20.0);
        CHECK(preview.grid.clippedFraction == 0.0);
    }
    SECTION("the activation preview uses the session's parameters") {
        const ActivationPlan& activation = session.plan().activations.front();
        const TensorHistogram& histogram = session.calibration()->histograms.at(activation.tensor);
        const QuantizationGrid grid =
            previewActivation(histogram, activation.scheme, config.calibration, activation.tensor);
        const QuantParams& params = session.tensors().activations.at(activation.tensor);
        CHECK(grid.clipMin == Approx((params.qmin - params.zeroPoint(0)) * double(params.scale(0))));
        CHECK(grid.clipMax == Approx((params.qmax - params.zeroPoint(0)) * double(params.scale(0))));
        CHECK(grid.clippedFraction >= 0.0);
        CHECK(grid.clippedFraction < 0.05);
        const Histogram display = displayHistogram(histogram, 128);
        CHECK(display.counts.size() <= 128);
        int64_t total = 0;
        for (int64_t count : display.counts)
            total += count;
        CHECK(double(total) == Approx(double(histogram.totalCount())).epsilon(0.001));
        CHECK(display.lower <= histogram.minValue());
        CHECK(display.upper >= histogram.maxValue());
    }
    SECTION("a tight percentile clips more than minmax, and the preview says so") {
        const ActivationPlan& activation = session.plan().activations.back();
        const TensorHistogram& histogram = session.calibration()->histograms.at(activation.tensor);
        CalibrationSettings minmax;
        minmax.method = "minmax";
        CalibrationSettings percentile;
        percentile.method = "percentile";
        percentile.percentile = 90.0;
        const QuantizationGrid wide =
            previewActivation(histogram, activation.scheme, minmax, activation.tensor);
        const QuantizationGrid tight =
            previewActivation(histogram, activation.scheme, percentile, activation.tensor);
        CHECK(wide.clippedFraction == Approx(0.0).margin(1e-9));
        CHECK(tight.clippedFraction > 0.01);
    }
    SECTION("the export of the session is written and never over the model") {
        const std::string folder = std::string(QS_BINARY_DIR) + "/test-session-export";
        std::filesystem::create_directories(folder);
        const ExportResult exported = session.exportModel(folder + "/demo-int8.onnx");
        CHECK(std::filesystem::exists(exported.modelPath));
        CHECK(exported.fileBytes > 0);
        CHECK_THROWS(session.exportModel(demoDir() + "/model.onnx"));

        // The exported (already quantized) model shows its layers with the weights it stores.
        const LoadResult reloaded = loadOnnxModel(exported.modelPath);
        CHECK(findQuantizableLayers(reloaded.model.graph).empty());
        const std::vector<QuantizableLayer> stored = findModelLayers(reloaded.model.graph);
        REQUIRE(stored.size() == session.plan().layers.size());
        for (size_t i = 0; i < stored.size(); ++i) {
            const LayerPlan& planned = session.plan().layers[i];
            INFO(planned.layer.nodeName);
            CHECK(stored[i].nodeName == planned.layer.nodeName);
            CHECK_THAT(stored[i].storedAs, Contains("DequantizeLinear"));
            const Tensor decoded = evaluateConstantTensor(reloaded.model, stored[i].weightName);
            const std::vector<float>& expected =
                session.tensors().weights.at(planned.layer.weightName).dequantized;
            REQUIRE(decoded.elementCount() == int64_t(expected.size()));
            CHECK(std::equal(expected.begin(), expected.end(), decoded.as<float>()));
        }
    }
}

TEST_CASE("A session step is cancelled inside inference and keeps the earlier results",
          "[workflow][session]") {
    QuantizationSession session(demoModel(), SessionOptions{1, {}});
    session.setConfig(demoConfig());
    session.calibrate(demoDir() + "/calib");
    session.quantize();
    const std::shared_ptr<const CalibrationResult> before = session.calibration();

    session.cancelFlag()->store(true);
    CHECK_THROWS_AS(session.calibrate(demoDir() + "/calib"), Cancelled);
    CHECK(session.calibration() == before);
    CHECK(session.isQuantized());
    session.cancelFlag()->store(false);

    bool cancelNow = false;
    auto progress = [&cancelNow](double fraction, const std::string&) {
        return !(cancelNow = fraction > 0.2);
    };
    CHECK_THROWS_AS(session.evaluate(demoDir() + "/eval", progress), Cancelled);
    CHECK(cancelNow);
    CHECK(session.calibration() == before);
}

TEST_CASE("An output that is not class scores is refused before calibration reads an image",
          "[workflow][session]") {
    // A dense output like a detector's [N, 4 + classes, anchors]: the first float output is a feature map.
    test::ModelBuilder b;
    b.input("input", DataType::Float, {"batch", 1, 28, 28});
    b.initializer("conv.weight", {6, 1, 3, 3}, test::randomValues(54, 5, 0.5f));
    b.node("Conv", {"input", "conv.weight"}, {"features"}, "conv");
    b.initializerInt64("shape", {3}, {0, 6, -1});
    b.node("Reshape", {"features", "shape"}, {"boxes"}, "flatten");
    b.output("boxes", DataType::Float, {"batch", 6, 676});
    const auto model =
        std::make_shared<const Model>(loadOnnxModelFromBytes(b.serialize(), "dense.onnx").model);

    PipelineRequest request;
    request.model = model.get();
    request.config = demoConfig();
    request.calibrationFolder = demoDir() + "/calib";
    request.evaluationFolder = demoDir() + "/eval";
    request.threadCount = 1;
    double furthest = 0.0;
    CHECK_THROWS_WITH(runQuantizationPipeline(request,
                                              [&](double fraction, const std::string&) {
                                                  furthest = std::max(furthest, fraction);
                                                  return true;
                                              }),
                      Contains("'boxes'") && Contains("[batch,6,676]") && Contains("without evaluation"));
    CHECK(furthest == 0.0);

    QuantizationSession session(model, SessionOptions{1, {}});
    session.setConfig(demoConfig());
    CHECK_THROWS_WITH(session.checkDataFolder(demoDir() + "/eval", false), Contains("'boxes'"));
    CHECK_NOTHROW(session.checkDataFolder(demoDir() + "/calib", true));

    request.evaluationFolder.clear();
    CHECK_NOTHROW(runQuantizationPipeline(request));
}

TEST_CASE("Steps that need earlier ones say so", "[workflow][session]") {
    QuantizationSession session(demoModel(), SessionOptions{1, {}});
    session.setConfig(demoConfig());
    CHECK_THROWS_WITH(session.quantize(), Contains("calibrat"));
    CHECK_THROWS_WITH(session.evaluate(demoDir() + "/eval"), Contains("quantize"));
    CHECK_THROWS_WITH(session.exportModel("/tmp/x.onnx"), Contains("quantize"));
    CHECK_THROWS_WITH(session.checkDataFolder(demoDir() + "/no-such-folder", true),
                      Contains("no-such-folder"));
}
