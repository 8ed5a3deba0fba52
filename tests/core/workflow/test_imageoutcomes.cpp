// Per-image outcomes of an evaluation (top-1 and confidence of both sides, output SQNR), their review order,
// the flipped images against arg-maxes computed here from both sides' raw outputs, and the session's
// comparison of one image layer by layer.

#include "eval/evaluation.h"
#include "workflow/quantizationsession.h"
#include "workflow/simulation.h"

#include "model/layers.h"
#include "model/onnxloader.h"
#include "quant/quantconfig.h"

#include "../data/imagefixtures.h"
#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

std::shared_ptr<const Model> demoModel() {
    static const std::shared_ptr<const Model> model =
        std::make_shared<const Model>(loadOnnxModel(demoDir() + "/model.onnx").model);
    return model;
}

ImageFolderScan evalScan(size_t maxImages) {
    ImageFolderOptions options;
    options.maxImages = maxImages;
    return scanImageFolder(demoDir() + "/eval", options);
}

/// Every quantizable layer with `weights` and float activations, its weights quantized.
std::pair<QuantPlan, QuantizedTensors> weightOnly(const Graph& graph, const QuantScheme& weights) {
    std::pair<QuantPlan, QuantizedTensors> result;
    for (const QuantizableLayer& layer : findQuantizableLayers(graph)) {
        LayerPlan layerPlan;
        layerPlan.layer = layer;
        layerPlan.weights = weights;
        layerPlan.activations.kind = SchemeKind::Float;
        result.first.layers.push_back(layerPlan);
        result.second.weights[layer.weightName] =
            quantizeLayerWeight(graph, layer, weights, CodebookInit::Density);
    }
    return result;
}

/// Index of the first largest score, computed here.
int64_t argMax(const float* scores, int64_t count) {
    int64_t best = 0;
    for (int64_t i = 1; i < count; ++i)
        if (scores[i] > scores[best])
            best = i;
    return best;
}

QuantConfig demoConfig() {
    QuantConfig config = loadQuantConfig(std::string(QS_SOURCE_DIR) + "/resources/configs/demo-w8a8.json");
    config.calibration.maxImages = 64;
    return config;
}

} // namespace

TEST_CASE("An image outcome has both sides' top-1, softmax confidences and the output SQNR",
          "[imageoutcomes]") {
    const std::vector<float> reference = {2.0f, 1.0f, 0.0f};
    const std::vector<float> candidate = {0.0f, 3.0f, 0.0f};
    const ImageOutcome outcome = imageOutcome(reference.data(), candidate.data(), 3, 2, "a.png");
    CHECK(outcome.file == "a.png");
    CHECK(outcome.label == 2);
    CHECK(outcome.referenceClass == 0);
    CHECK(outcome.candidateClass == 1);
    CHECK(outcome.flipped());
    const double referenceSum = std::exp(2.0) + std::exp(1.0) + 1.0;
    const double candidateSum = std::exp(3.0) + 2.0;
    CHECK(outcome.referenceConfidence == Approx(std::exp(2.0) / referenceSum).epsilon(1e-9));
    CHECK(outcome.candidateConfidence == Approx(std::exp(3.0) / candidateSum).epsilon(1e-9));
    CHECK(outcome.candidateConfidenceOfReferenceClass == Approx(1.0 / candidateSum).epsilon(1e-9));
    // signal 4 + 1, noise 4 + 4: 10 log10(5 / 8).
    CHECK(outcome.outputSqnrDb == Approx(10.0 * std::log10(5.0 / 8.0)).epsilon(1e-9));
    CHECK(outcome.cosine == Approx(3.0 / (std::sqrt(5.0) * 3.0)).epsilon(1e-9));

    const ImageOutcome same = imageOutcome(reference.data(), reference.data(), 3);
    CHECK_FALSE(same.flipped());
    CHECK(std::isinf(same.outputSqnrDb));
    CHECK(same.outputSqnrDb > 0.0);
    CHECK(same.label == -1);
    const std::vector<float> tied = {1.0f, 1.0f, 0.0f};
    CHECK(imageOutcome(tied.data(), tied.data(), 3).referenceClass == 0);
}

TEST_CASE("Images for review: flips by candidate confidence, then the rest by output SQNR",
          "[imageoutcomes]") {
    auto outcome = [](const std::string& file, bool flipped, double confidence, double sqnrDb) {
        ImageOutcome result;
        result.file = file;
        result.referenceClass = 1;
        result.candidateClass = flipped ? 2 : 1;
        result.candidateConfidence = confidence;
        result.outputSqnrDb = sqnrDb;
        return result;
    };
    const std::vector<ImageOutcome> images = {
        outcome("kept-30dB", false, 0.9, 30.0),
        outcome("flip-0.6", true, 0.6, 5.0),
        outcome("kept-10dB", false, 0.5, 10.0),
        outcome("flip-0.9", true, 0.9, 1.0),
        outcome("kept-inf", false, 0.99, std::numeric_limits<double>::infinity()),
        outcome("kept-10dB-later", false, 0.4, 10.0)};
    std::vector<std::string> order;
    for (const ImageOutcome& image : imagesForReview(images))
        order.push_back(image.file);
    CHECK(order == std::vector<std::string>{"flip-0.9", "flip-0.6", "kept-10dB", "kept-10dB-later",
                                            "kept-30dB", "kept-inf"});
    CHECK(imagesForReview({}).empty());
}

TEST_CASE("OutputComparison keeps the outcomes of images added with a file name", "[imageoutcomes]") {
    const std::vector<float> a = {0.0f, 1.0f};
    const std::vector<float> b = {1.0f, 0.0f};
    OutputComparison comparison;
    comparison.add(a.data(), b.data(), 2, 1, "first.png");
    comparison.add(a.data(), a.data(), 2);
    comparison.add(a.data(), a.data(), 2, -1, "third.png");
    const EvaluationResult result = comparison.result();
    CHECK(result.imageCount == 3);
    REQUIRE(result.images.size() == 2);
    CHECK(result.images[0].file == "first.png");
    CHECK(result.images[0].label == 1);
    CHECK(result.images[0].flipped());
    CHECK(result.images[1].file == "third.png");
    CHECK_FALSE(result.images[1].flipped());
}

TEST_CASE("The flipped images are those whose arg-max differs between the two sides' raw outputs",
          "[imageoutcomes]") {
    const Model& model = *demoModel();
    ExecutorOptions executorOptions;
    executorOptions.threadCount = 2;
    Executor executor(model, executorOptions);
    const auto [plan, tensors] =
        weightOnly(model.graph, QuantScheme{SchemeKind::Uniform, 3, Granularity::PerChannel,
                                            RangeMode::Symmetric, Signedness::Signed});
    const QuantSimulation simulation(model.graph, plan, tensors);
    const ImageFolderScan scan = evalScan(200);

    std::vector<std::string> files;
    std::vector<int> labels;
    std::set<std::string> expectedFlips;
    {
        BatchLoader loader(scan, demoPreprocess(), 64);
        Batch batch;
        while (loader.next(batch)) {
            const TensorMap reference = executor.run({{"input", batch.tensor}});
            const TensorMap candidate = executor.run({{"input", batch.tensor}}, simulation.runOptions());
            const RuntimeTensor& expected = reference.at("logits");
            const RuntimeTensor& actual = candidate.at("logits");
            const int64_t classes = expected.dims()[1];
            for (size_t i = 0; i < batch.size(); ++i) {
                files.push_back(batch.paths[i]);
                labels.push_back(batch.labels[i]);
                if (argMax(expected.data<float>() + int64_t(i) * classes, classes) !=
                    argMax(actual.data<float>() + int64_t(i) * classes, classes))
                    expectedFlips.insert(batch.paths[i]);
            }
        }
    }
    REQUIRE(files.size() == 200);
    REQUIRE(!expectedFlips.empty());     // 3-bit weights flip some images ...
    REQUIRE(expectedFlips.size() < 100); // ... but not most

    BatchLoader loader(scan, demoPreprocess(), 50);
    const EvaluationResult result = evaluatePair(
        {&executor, {}, "input", "logits"}, {&executor, simulation.runOptions(), "input", "logits"}, loader);
    REQUIRE(result.images.size() == files.size());
    std::set<std::string> flips;
    for (size_t i = 0; i < result.images.size(); ++i) {
        const ImageOutcome& image = result.images[i];
        CHECK(image.file == files[i]); // loader order
        CHECK(image.label == labels[i]);
        CHECK(image.referenceConfidence > 0.0);
        CHECK(image.referenceConfidence <= 1.0);
        CHECK(image.candidateConfidenceOfReferenceClass <= image.candidateConfidence);
        if (image.flipped())
            flips.insert(image.file);
        else
            CHECK(image.candidateConfidenceOfReferenceClass == image.candidateConfidence);
        CHECK(std::isfinite(image.outputSqnrDb));
    }
    CHECK(flips == expectedFlips);
    CHECK(result.agreementTop1 == Approx(1.0 - double(flips.size()) / 200.0));

    const std::vector<ImageOutcome> review = imagesForReview(result.images);
    REQUIRE(review.size() == result.images.size());
    for (size_t i = 0; i < flips.size(); ++i)
        CHECK(review[i].flipped());
    CHECK_FALSE(review[flips.size()].flipped());
}

TEST_CASE("compareImage gives every quantized layer's SQNR on one image, in plan order",
          "[imageoutcomes][session]") {
    QuantizationSession session(demoModel(), SessionOptions{1, {}});
    QuantConfig config = demoConfig();
    session.setConfig(config);
    CHECK_THROWS_WITH(session.compareImage(demoDir() + "/eval/x.png"), Contains("quantize"));
    session.calibrate(demoDir() + "/calib");
    session.quantize();

    const ImageFolderScan scan = evalScan(10);
    const std::string image = scan.items[3].path;
    const QuantizationSession::ImageComparison comparison = session.compareImage(image);
    CHECK(comparison.outcome.file == image);
    CHECK(comparison.outcome.label == -1);
    const QuantPlan& plan = session.plan();
    REQUIRE(comparison.layers.size() == plan.layers.size());
    for (size_t i = 0; i < plan.layers.size(); ++i) {
        CHECK(comparison.layers[i].layer == plan.layers[i].layer.nodeName);
        CHECK(std::isfinite(comparison.layers[i].sqnrDb));
        CHECK(comparison.layers[i].note.empty());
    }

    // The same image inside an evaluation of its folder has the same outcome.
    const EvaluationResult evaluation = session.evaluate(demoDir() + "/eval");
    const auto same = std::find_if(evaluation.images.begin(), evaluation.images.end(),
                                   [&](const ImageOutcome& outcome) { return outcome.file == image; });
    REQUIRE(same != evaluation.images.end());
    CHECK(same->referenceClass == comparison.outcome.referenceClass);
    CHECK(same->candidateClass == comparison.outcome.candidateClass);
    CHECK(same->candidateConfidence == Approx(comparison.outcome.candidateConfidence).epsilon(1e-4));
    CHECK(same->outputSqnrDb == Approx(comparison.outcome.outputSqnrDb).epsilon(1e-3));

    SECTION("a layer kept float is left out") {
        const std::string first = plan.layers.front().layer.nodeName;
        config.floatLayers.push_back(first);
        session.setConfig(config);
        session.quantize();
        const QuantizationSession::ImageComparison kept = session.compareImage(image);
        REQUIRE(kept.layers.size() == session.plan().layers.size() - 1);
        for (const LayerSqnr& layer : kept.layers)
            CHECK(layer.layer != first);
        CHECK(kept.layers.front().layer == session.plan().layers[1].layer.nodeName);
    }
    SECTION("a file that cannot be read is named") {
        TempDir dir("qs-imageoutcomes");
        const std::string broken = dir.file("broken.png");
        std::ofstream(broken) << "not a png";
        CHECK_THROWS_WITH(session.compareImage(broken), Contains(broken));
        CHECK_THROWS_WITH(session.compareImage(dir.file("missing.png")), Contains("missing.png"));
        CHECK_THROWS_WITH(session.compareImage(dir.file("notes.txt")), Contains("notes.txt"));
    }
    SECTION("it can be cancelled") {
        CHECK_THROWS_AS(session.compareImage(image, [](double, const std::string&) { return false; }),
                        Cancelled);
    }
}
