// Float-versus-quantized evaluation: the output metrics on hand-made scores with known answers, SQNR of a
// known noise level, model sizes of the demo model, per-layer sensitivity, and the demo evaluation folder end
// to end.

#include "eval/evaluation.h"
#include "workflow/modelsizes.h"
#include "workflow/sensitivity.h"

#include "data/imagefolder.h"
#include "export/qdqexport.h"
#include "fixtures/modelbuilder.h"
#include "model/layers.h"
#include "model/onnxloader.h"
#include "quant/weightquantizerfactory.h"
#include "workflow/simulation.h"

#include "../data/imagefixtures.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <set>

using namespace qs;
using Catch::Matchers::Contains;
using qs::test::demoPreprocess;

namespace {

std::string demoPath(const std::string& name) {
    return std::string(QS_SOURCE_DIR) + "/resources/demo/" + name;
}

ImageFolderScan demoScan(const std::string& folder, size_t maxImages) {
    ImageFolderOptions options;
    options.maxImages = maxImages;
    return scanImageFolder(demoPath(folder), options);
}

const Model& demoModel() {
    static const Model model = loadOnnxModel(demoPath("model.onnx")).model;
    return model;
}

ExecutorOptions twoThreads() {
    ExecutorOptions options;
    options.threadCount = 2;
    return options;
}

/// Every quantizable layer with `weights` and float activations.
QuantPlan weightOnlyPlan(const Graph& graph, const QuantScheme& weights) {
    QuantPlan plan;
    for (const QuantizableLayer& layer : findQuantizableLayers(graph)) {
        LayerPlan layerPlan;
        layerPlan.layer = layer;
        layerPlan.weights = weights;
        layerPlan.activations.kind = SchemeKind::Float;
        plan.layers.push_back(layerPlan);
    }
    return plan;
}

/// The planned weights quantized directly with their quantizers (no calibration needed).
QuantizedTensors quantizeWeights(const Graph& graph, const QuantPlan& plan) {
    QuantizedTensors tensors;
    for (const LayerPlan& layerPlan : plan.layers) {
        if (layerPlan.weights.kind == SchemeKind::Float)
            continue;
        const QuantizableLayer& layer = layerPlan.layer;
        const Tensor* weight = graph.initializer(layer.weightName);
        REQUIRE(weight);
        const auto quantizer = makeWeightQuantizer(layerPlan.weights, layer.nodeName);
        tensors.weights[layer.weightName] = quantizer->quantize(
            WeightView{layer.weightName, weight->as<float>(), weight->dims, layer.outputChannelAxis});
    }
    return tensors;
}

/// input [batch,1,28,28] -> "conv" 3x3 -> `convOutput` -> "pool" GlobalAveragePool -> "head" 1x1 Conv with
/// bias
/// -> "logits" [batch,10,1,1]; `convOutput` is also a graph output.
Model tinyModel(const std::string& convOutput) {
    test::ModelBuilder b;
    b.input("input", DataType::Float, {"batch", 1, 28, 28});
    b.initializer("conv.weight", {4, 1, 3, 3}, test::randomValues(36, 11, 0.5f));
    b.initializer("head.weight", {10, 4, 1, 1}, test::randomValues(40, 12, 1.0f));
    b.initializer("head.bias", {10}, test::randomValues(10, 13, 0.1f));
    b.node("Conv", {"input", "conv.weight"}, {convOutput}, "conv");
    b.node("GlobalAveragePool", {convOutput}, {"pooled"}, "pool");
    b.node("Conv", {"pooled", "head.weight", "head.bias"}, {"logits"}, "head");
    b.output("logits", DataType::Float);
    b.output(convOutput, DataType::Float);
    return loadOnnxModelFromBytes(b.serialize(), "tiny.onnx").model;
}

double sumOfSquares(const RuntimeTensor& tensor) {
    double sum = 0.0;
    for (int64_t i = 0; i < tensor.elementCount(); ++i)
        sum += double(tensor.data<float>()[i]) * tensor.data<float>()[i];
    return sum;
}

} // namespace

TEST_CASE("Top-1 and top-k follow the score order with ties to the lowest class", "[evaluation]") {
    const std::vector<float> scores = {0.1f, 0.5f, 0.3f, 0.5f, 0.2f, 0.0f, 0.9f};
    const int64_t classes = int64_t(scores.size());
    CHECK(topClass(scores.data(), classes) == 6);
    const std::vector<float> tied = {0.2f, 0.7f, 0.7f};
    CHECK(topClass(tied.data(), 3) == 1);

    CHECK(inTopK(scores.data(), classes, 6, 1));
    CHECK_FALSE(inTopK(scores.data(), classes, 1, 1));
    CHECK(inTopK(scores.data(), classes, 1, 2));       // only 0.9 ranks before it
    CHECK_FALSE(inTopK(scores.data(), classes, 3, 2)); // 0.9 and the equal 0.5 of class 1 rank before it
    CHECK(inTopK(scores.data(), classes, 3, 3));
    CHECK(inTopK(scores.data(), classes, 4, 5)); // rank 4
    CHECK_FALSE(inTopK(scores.data(), classes, 4, 4));
    CHECK_FALSE(inTopK(scores.data(), classes, 5, 5)); // the lowest score, rank 6
    CHECK_FALSE(inTopK(scores.data(), classes, 7, 5)); // not a class
}

TEST_CASE("Cosine similarity and softmax KL have their known values", "[evaluation]") {
    const std::vector<float> a = {1.0f, 2.0f, 3.0f};
    const std::vector<float> minusA = {-1.0f, -2.0f, -3.0f};
    const std::vector<float> orthogonal = {3.0f, 0.0f, -1.0f};
    const std::vector<float> zero = {0.0f, 0.0f, 0.0f};
    CHECK(cosineSimilarity(a.data(), a.data(), 3) == Approx(1.0).epsilon(1e-12));
    CHECK(cosineSimilarity(a.data(), minusA.data(), 3) == Approx(-1.0).epsilon(1e-12));
    CHECK(cosineSimilarity(a.data(), orthogonal.data(), 3) == Approx(0.0).margin(1e-12));
    CHECK(cosineSimilarity(zero.data(), zero.data(), 3) == 1.0);
    CHECK(cosineSimilarity(a.data(), zero.data(), 3) == 0.0);

    CHECK(softmaxKlDivergence(a.data(), a.data(), 3) == 0.0);
    // Softmax is shift invariant, and huge logits must not overflow.
    const std::vector<float> shifted = {1001.0f, 1002.0f, 1003.0f};
    CHECK(softmaxKlDivergence(a.data(), shifted.data(), 3) == Approx(0.0).margin(1e-12));
    // p = (1/4, 3/4), q = (1/2, 1/2): KL = 1/4 ln(1/2) + 3/4 ln(3/2).
    const std::vector<float> p = {0.0f, float(std::log(3.0))};
    const std::vector<float> q = {5.0f, 5.0f};
    const double expected = 0.25 * std::log(0.5) + 0.75 * std::log(1.5);
    CHECK(softmaxKlDivergence(p.data(), q.data(), 2) == Approx(expected).epsilon(1e-6));
    const std::vector<float> confident = {1000.0f, 0.0f};
    const std::vector<float> opposite = {0.0f, 1000.0f};
    CHECK(softmaxKlDivergence(confident.data(), opposite.data(), 2) == Approx(1000.0).epsilon(1e-9));
}

TEST_CASE("OutputComparison accumulates accuracy, agreement, cosine and KL per image", "[evaluation]") {
    // Six classes; four images. Reference picks 0, 1, 2, 3; the candidate picks 0, 1, 5, 3.
    auto oneHot = [](int hot, float low) {
        std::vector<float> scores(6, low);
        scores[size_t(hot)] = 1.0f;
        return scores;
    };
    OutputComparison comparison;
    const int labels[] = {0, 2, 2, -1};
    const int referenceTop[] = {0, 1, 2, 3};
    const int candidateTop[] = {0, 1, 5, 3};
    for (int i = 0; i < 4; ++i) {
        std::vector<float> reference = oneHot(referenceTop[i], 0.0f);
        std::vector<float> candidate = oneHot(candidateTop[i], 0.0f);
        if (i == 1)
            reference[2] = 0.5f; // the label of image 1 comes second for the reference
        comparison.add(reference.data(), candidate.data(), 6, labels[i]);
    }
    const EvaluationResult result = comparison.result();
    CHECK(result.imageCount == 4);
    CHECK(result.labelled);
    CHECK(result.agreementTop1 == Approx(0.75));
    REQUIRE(result.referenceTop1);
    CHECK(*result.referenceTop1 == Approx(2.0 / 3.0)); // images 0 and 2
    CHECK(*result.candidateTop1 == Approx(1.0 / 3.0)); // image 0
    REQUIRE(result.referenceTop5);
    CHECK(*result.referenceTop5 == Approx(1.0));
    CHECK(*result.candidateTop5 == Approx(1.0)); // image 2: classes 5, 0 and 1 rank before label 2
    CHECK(result.meanCosine < 1.0);
    CHECK(result.meanKl > 0.0);

    OutputComparison fewClasses;
    const std::vector<float> scores = {0.1f, 0.9f, 0.0f};
    fewClasses.add(scores.data(), scores.data(), 3, 1);
    const EvaluationResult small = fewClasses.result();
    CHECK(small.agreementTop1 == 1.0);
    CHECK(small.meanCosine == Approx(1.0));
    CHECK(small.meanKl == 0.0);
    CHECK(*small.candidateTop1 == 1.0);
    CHECK_FALSE(small.referenceTop5); // fewer than 5 classes

    CHECK(OutputComparison().result().imageCount == 0);
    CHECK_FALSE(OutputComparison().result().labelled);
}

TEST_CASE("Per-layer SQNR measures a known noise level and keeps the callers' observers", "[evaluation]") {
    const Model model = tinyModel("conv_out");
    Executor executor(model, twoThreads());
    const ImageFolderScan scan = demoScan("eval", 40);
    BatchLoader loader(scan, demoPreprocess(), 16);

    size_t referenceSightings = 0;
    double referenceSignal = 0.0;
    double candidateSignal = 0.0;
    ModelSide reference{&executor, {}, "input", "logits"};
    reference.options.observer = [&](const std::string& name, const RuntimeTensor& tensor) {
        if (name == "conv_out") {
            ++referenceSightings;
            referenceSignal += sumOfSquares(tensor);
        }
    };
    // The candidate scales conv_out by 1.01: noise = 0.01 * signal in amplitude, so SQNR = 40 dB.
    ModelSide candidate{&executor, {}, "input", "logits"};
    candidate.options.transform = [](const std::string& name,
                                     const RuntimeTensor& tensor) -> std::optional<RuntimeTensor> {
        if (name != "conv_out")
            return std::nullopt;
        RuntimeTensor noisy = tensor.clone();
        for (int64_t i = 0; i < noisy.elementCount(); ++i)
            noisy.data<float>()[i] = float(double(tensor.data<float>()[i]) * 1.01);
        return noisy;
    };
    candidate.options.observer = [&](const std::string& name, const RuntimeTensor& tensor) {
        if (name == "conv_out")
            candidateSignal += sumOfSquares(tensor);
    };
    EvaluationOptions options;
    options.sqnrTensors = {{"conv", "conv_out"}, {"pool", "pooled"}, {"nothing", "no_such_tensor"}};
    const EvaluationResult result = evaluatePair(reference, candidate, loader, options);

    CHECK(result.imageCount == 40);
    CHECK(result.labelled);
    CHECK(referenceSightings == 3); // batches of 16, 16, 8
    CHECK(candidateSignal == Approx(referenceSignal * 1.01 * 1.01).epsilon(1e-5));
    REQUIRE(result.layers.size() == 3);
    CHECK(result.layers[0].layer == "conv");
    CHECK(result.layers[0].tensor == "conv_out");
    CHECK(result.layers[0].sqnrDb == Approx(40.0).margin(0.01));
    CHECK(result.layers[0].note.empty());
    // Global average pooling is linear: the pooled noise is the same 1%.
    CHECK(result.layers[1].sqnrDb == Approx(40.0).margin(0.01));
    CHECK(std::isnan(result.layers[2].sqnrDb));
    CHECK_THAT(result.layers[2].note, Contains("no_such_tensor") && Contains("reference"));
    CHECK(result.agreementTop1 > 0.9);
    CHECK(result.meanCosine > 0.99);
    CHECK(result.meanCosine < 1.0);
    CHECK(result.meanKl > 0.0);
}

TEST_CASE("Tensors missing in the candidate model get NaN SQNR and a note", "[evaluation]") {
    Executor referenceExecutor(tinyModel("conv_out"), twoThreads());
    Executor candidateExecutor(tinyModel("conv_renamed"), twoThreads());
    BatchLoader loader(demoScan("eval", 20), demoPreprocess(), 8);
    EvaluationOptions options;
    options.sqnrTensors = {{"conv", "conv_out"}, {"pool", "pooled"}};
    const EvaluationResult result = evaluatePair({&referenceExecutor, {}, "input", "logits"},
                                                 {&candidateExecutor, {}, "", ""}, loader, options);
    REQUIRE(result.layers.size() == 2);
    CHECK(std::isnan(result.layers[0].sqnrDb));
    CHECK_THAT(result.layers[0].note, Contains("conv_out") && Contains("candidate"));
    CHECK(std::isinf(result.layers[1].sqnrDb)); // identical weights: identical tensors
    CHECK(result.layers[1].sqnrDb > 0.0);
    CHECK(result.layers[1].note.empty());
    CHECK(result.agreementTop1 == 1.0);
    CHECK(result.meanKl == 0.0);
}

TEST_CASE("Outputs that are not class scores are refused with the output's name and shape", "[evaluation]") {
    Executor executor(tinyModel("conv_out"), twoThreads());
    BatchLoader loader(demoScan("eval", 4), demoPreprocess(), 4);
    ModelSide reference{&executor, {}, "input", "conv_out"};
    ModelSide candidate{&executor, {}, "input", "conv_out"};
    CHECK_THROWS_WITH(evaluatePair(reference, candidate, loader),
                      Contains("conv_out") && Contains("[4,4,26,26]") && Contains("[N, classes]"));

    BatchLoader second(demoScan("eval", 4), demoPreprocess(), 4);
    candidate.outputName = "missing";
    reference.outputName = "logits";
    CHECK_THROWS_WITH(evaluatePair(reference, candidate, second), Contains("missing"));
}

TEST_CASE("evaluatePair reports progress and can be cancelled", "[evaluation]") {
    Executor executor(tinyModel("conv_out"), twoThreads());
    std::vector<double> fractions;
    {
        BatchLoader loader(demoScan("eval", 30), demoPreprocess(), 10);
        evaluatePair({&executor, {}, "input", "logits"}, {&executor, {}, "input", "logits"}, loader, {},
                     [&](double fraction, const std::string&) {
                         fractions.push_back(fraction);
                         return true;
                     });
    }
    REQUIRE(fractions.size() == 4);
    CHECK(fractions.front() == 0.0);
    CHECK(fractions.back() == 1.0);
    CHECK(std::is_sorted(fractions.begin(), fractions.end()));

    BatchLoader loader(demoScan("eval", 30), demoPreprocess(), 10);
    int calls = 0;
    CHECK_THROWS_AS(evaluatePair({&executor, {}, "input", "logits"}, {&executor, {}, "input", "logits"},
                                 loader, {}, [&](double, const std::string&) { return ++calls < 2; }),
                    Cancelled);
}

TEST_CASE("quantizedLayerOutputs lists the first output of every layer that is not kept float",
          "[evaluation]") {
    const Model model = tinyModel("conv_out");
    QuantScheme eightBit;
    QuantPlan plan = weightOnlyPlan(model.graph, eightBit);
    REQUIRE(plan.layers.size() == 2);
    plan.layers[1].weights.kind = SchemeKind::Float; // "head" stays float
    const auto outputs = quantizedLayerOutputs(model.graph, plan);
    REQUIRE(outputs.size() == 1);
    CHECK(outputs[0] == std::make_pair(std::string("conv"), std::string("conv_out")));

    plan.layers[0].layer.nodeName = "gone";
    CHECK_THROWS_WITH(quantizedLayerOutputs(model.graph, plan), Contains("gone"));
}

TEST_CASE("Model sizes count packed codes, scales and tables as the exporter stores them", "[evaluation]") {
    const Graph& graph = demoModel().graph;
    const QuantPlan plan8 = weightOnlyPlan(graph, QuantScheme{SchemeKind::Uniform, 8, Granularity::PerChannel,
                                                              RangeMode::Symmetric, Signedness::Signed});
    const QuantizedTensors tensors8 = quantizeWeights(graph, plan8);
    const ModelSizes sizes8 = modelSizes(graph, plan8, tensors8);

    uint64_t floatBytes = 0;
    for (const auto& entry : graph.initializers)
        floatBytes += uint64_t(entry.second.elementCount()) * dataTypeSize(entry.second.type);
    uint64_t quantizableFloat = 0;
    uint64_t expected8 = 0;
    for (const LayerPlan& layer : plan8.layers) {
        const uint64_t count = uint64_t(graph.initializer(layer.layer.weightName)->elementCount());
        const uint64_t channels = uint64_t(layer.layer.weightShape[size_t(layer.layer.outputChannelAxis)]);
        quantizableFloat += 4 * count;
        expected8 += count + channels * (4 + 1); // int8 codes, float scales, int8 zero points
    }
    CHECK(sizes8.floatWeightBytes == floatBytes);
    CHECK(sizes8.floatQuantizableBytes == quantizableFloat);
    CHECK(sizes8.quantizedQuantizableBytes == expected8);
    CHECK(sizes8.quantizedWeightBytes == floatBytes - quantizableFloat + expected8);
    CHECK(sizes8.quantizedQuantizableBytes * 3 < sizes8.floatQuantizableBytes);

    const QuantPlan plan4 = weightOnlyPlan(graph, QuantScheme{SchemeKind::Codebook, 4, Granularity::PerTensor,
                                                              RangeMode::Symmetric, Signedness::Signed});
    const ModelSizes sizes4 = modelSizes(graph, plan4, quantizeWeights(graph, plan4));
    uint64_t expected4 = 0;
    for (const LayerPlan& layer : plan4.layers) {
        const uint64_t count = uint64_t(graph.initializer(layer.layer.weightName)->elementCount());
        expected4 += (count + 1) / 2 + 16 * 4; // two codes per byte, one 16-entry float table
    }
    // The decoder may add a table offset per layer.
    CHECK(sizes4.quantizedQuantizableBytes >= expected4);
    CHECK(sizes4.quantizedQuantizableBytes <= expected4 + plan4.layers.size() * 4);
    CHECK(sizes4.floatQuantizableBytes == quantizableFloat);
    CHECK(sizes4.quantizedQuantizableBytes * 6 <= sizes4.floatQuantizableBytes);

    // 3-bit codes are stored in 4 bits: the same code bytes as 4-bit, with an 8-entry table.
    const QuantPlan plan3 = weightOnlyPlan(graph, QuantScheme{SchemeKind::Codebook, 3, Granularity::PerTensor,
                                                              RangeMode::Symmetric, Signedness::Signed});
    const ModelSizes sizes3 = modelSizes(graph, plan3, quantizeWeights(graph, plan3));
    CHECK(sizes3.quantizedQuantizableBytes == sizes4.quantizedQuantizableBytes - plan3.layers.size() * 8 * 4);

    // An int32 bias: codes, scales and zero points of 4 bytes each, replacing its float bytes.
    const QuantizableLayer& first = plan8.layers.front().layer;
    if (!first.biasName.empty()) {
        QuantizedTensors withBias = tensors8;
        const size_t channels = size_t(graph.initializer(first.biasName)->elementCount());
        BiasQuantization bias;
        bias.codes.assign(channels, 1);
        bias.scales.assign(channels, 0.5f);
        withBias.biases[first.biasName] = bias;
        const ModelSizes sizesBias = modelSizes(graph, plan8, withBias);
        CHECK(sizesBias.quantizedWeightBytes == sizes8.quantizedWeightBytes - 4 * channels + 12 * channels);
    }

    QuantizedTensors missing = tensors8;
    missing.weights.erase(first.weightName);
    CHECK_THROWS_WITH(modelSizes(graph, plan8, missing),
                      Contains(first.nodeName) && Contains(first.weightName));
}

TEST_CASE("Model sizes match the initializer bytes of the exported model", "[evaluation]") {
    const Model& model = demoModel();
    test::TempDir dir("qs-evaluation");
    ExportOptions exportOptions;
    exportOptions.writePlan = false;
    for (const QuantScheme& scheme : {QuantScheme{SchemeKind::Uniform, 8, Granularity::PerChannel,
                                                  RangeMode::Symmetric, Signedness::Signed},
                                      QuantScheme{SchemeKind::Uniform, 4, Granularity::PerChannel,
                                                  RangeMode::Symmetric, Signedness::Signed},
                                      QuantScheme{SchemeKind::Codebook, 4, Granularity::PerTensor,
                                                  RangeMode::Symmetric, Signedness::Signed},
                                      QuantScheme{SchemeKind::Log, 5, Granularity::PerChannel,
                                                  RangeMode::Symmetric, Signedness::Signed}}) {
        INFO(scheme.describe());
        const QuantPlan plan = weightOnlyPlan(model.graph, scheme);
        const QuantizedTensors tensors = quantizeWeights(model.graph, plan);
        const ModelSizes sizes = modelSizes(model.graph, plan, tensors, model.info.opset());
        const ExportResult exported =
            exportQuantizedModel(model, plan, tensors, dir.file("model.onnx"), exportOptions);
        // The export also holds a few small decoder constants (shapes, shifts) shared by all layers.
        CHECK(exported.initializerBytes >= sizes.quantizedWeightBytes);
        CHECK(exported.initializerBytes <= sizes.quantizedWeightBytes + 512);
    }
}

TEST_CASE("Layer sensitivity quantizes one layer at a time, in plan order", "[evaluation]") {
    const Model& model = demoModel();
    Executor executor(model, twoThreads());
    QuantPlan plan = weightOnlyPlan(model.graph, QuantScheme{SchemeKind::Uniform, 8, Granularity::PerChannel,
                                                             RangeMode::Symmetric, Signedness::Signed});
    REQUIRE(plan.layers.size() >= 2);
    // The first layer gets a 1-bit codebook (two weight values), the last one stays float.
    plan.layers.front().weights = QuantScheme{SchemeKind::Codebook, 1, Granularity::PerTensor,
                                              RangeMode::Symmetric, Signedness::Signed};
    plan.layers.back().weights.kind = SchemeKind::Float;
    const QuantizedTensors tensors = quantizeWeights(model.graph, plan);

    BatchLoader floatLoader(demoScan("eval", 100), demoPreprocess(), 50);
    ModelSide floatSide{&executor, {}, "input", "logits"};
    const EvaluationResult floatResult = evaluatePair(floatSide, floatSide, floatLoader);
    REQUIRE(floatResult.referenceTop1);

    BatchLoader loader(demoScan("eval", 100), demoPreprocess(), 50);
    std::vector<double> fractions;
    const std::vector<LayerSensitivity> sensitivity =
        layerSensitivity(executor, model.graph, plan, tensors, "input", "logits", loader,
                         [&](double fraction, const std::string&) {
                             fractions.push_back(fraction);
                             return true;
                         });
    REQUIRE(sensitivity.size() == plan.layers.size() - 1);
    for (size_t i = 0; i < sensitivity.size(); ++i)
        CHECK(sensitivity[i].layer == plan.layers[i].layer.nodeName);
    for (size_t i = 1; i < sensitivity.size(); ++i)
        CHECK(sensitivity[i].metric == Approx(*floatResult.referenceTop1).margin(0.03));
    CHECK(sensitivity.front().metric < *floatResult.referenceTop1 - 0.05);
    CHECK(std::is_sorted(fractions.begin(), fractions.end()));
    CHECK(fractions.back() == 1.0);

    // Unlabelled images: agreement with the float model.
    BatchLoader calib(demoScan("calib", 64), demoPreprocess(), 32);
    const std::vector<LayerSensitivity> agreement =
        layerSensitivity(executor, model.graph, plan, tensors, "", "", calib);
    REQUIRE(agreement.size() == sensitivity.size());
    for (size_t i = 1; i < agreement.size(); ++i)
        CHECK(agreement[i].metric >= 0.95);

    BatchLoader cancelled(demoScan("eval", 20), demoPreprocess(), 10);
    int calls = 0;
    CHECK_THROWS_AS(layerSensitivity(executor, model.graph, plan, tensors, "input", "logits", cancelled,
                                     [&](double, const std::string&) { return ++calls < 4; }),
                    Cancelled);
}

TEST_CASE("Layer sensitivity measures the output SQNR with only that layer quantized", "[evaluation]") {
    const Model& model = demoModel();
    Executor executor(model, twoThreads());
    const QuantScheme eightBit{SchemeKind::Uniform, 8, Granularity::PerChannel, RangeMode::Symmetric,
                               Signedness::Signed};
    const QuantPlan plan8 = weightOnlyPlan(model.graph, eightBit);
    const QuantizedTensors tensors8 = quantizeWeights(model.graph, plan8);
    const ImageFolderScan scan = demoScan("eval", 60);
    BatchLoader loader8(scan, demoPreprocess(), 25);
    const std::vector<LayerSensitivity> at8 =
        layerSensitivity(executor, model.graph, plan8, tensors8, "input", "logits", loader8);
    REQUIRE(at8.size() == plan8.layers.size());
    for (const LayerSensitivity& layer : at8) {
        INFO(layer.layer);
        CHECK(std::isfinite(layer.outputSqnrDb));
        CHECK(layer.outputSqnrDb > 20.0);
    }

    // The same number computed here for the second layer: its simulation alone, every score of every image.
    const std::string second = plan8.layers[1].layer.nodeName;
    const QuantSimulation alone(model.graph, plan8, tensors8, std::set<std::string>{second});
    double signal = 0.0, noise = 0.0;
    BatchLoader again(scan, demoPreprocess(), 60);
    Batch batch;
    while (again.next(batch)) {
        const RuntimeTensor expected = executor.run({{"input", batch.tensor}}).at("logits");
        const RuntimeTensor actual = executor.run({{"input", batch.tensor}}, alone.runOptions()).at("logits");
        for (int64_t i = 0; i < expected.elementCount(); ++i) {
            const double difference = double(expected.data<float>()[i]) - actual.data<float>()[i];
            signal += double(expected.data<float>()[i]) * expected.data<float>()[i];
            noise += difference * difference;
        }
    }
    CHECK(at8[1].outputSqnrDb == Approx(10.0 * std::log10(signal / noise)).epsilon(1e-6));

    // The same layer at 2 bits moves the output much more; the others do not change.
    QuantPlan plan2 = plan8;
    plan2.layers[1].weights.bits = 2;
    const QuantizedTensors tensors2 = quantizeWeights(model.graph, plan2);
    BatchLoader loader2(scan, demoPreprocess(), 25);
    const std::vector<LayerSensitivity> at2 =
        layerSensitivity(executor, model.graph, plan2, tensors2, "input", "logits", loader2);
    REQUIRE(at2.size() == at8.size());
    CHECK(std::isfinite(at2[1].outputSqnrDb));
    CHECK(at2[1].outputSqnrDb < at8[1].outputSqnrDb - 10.0);
    CHECK(at2[0].outputSqnrDb == Approx(at8[0].outputSqnrDb));
}

TEST_CASE("The float demo model agrees with itself on the demo evaluation folder", "[evaluation]") {
    const Model& model = demoModel();
    Executor executor(model, twoThreads());
    BatchLoader loader(demoScan("eval", 0), demoPreprocess(), 100);
    ModelSide side{&executor, {}, "input", "logits"};
    const EvaluationResult result = evaluatePair(side, side, loader);

    CHECK(result.imageCount == 1000);
    CHECK(result.skipped.empty());
    CHECK(result.labelled);
    CHECK(result.agreementTop1 == 1.0);
    CHECK(result.meanCosine == Approx(1.0).epsilon(1e-12));
    CHECK(result.meanKl == 0.0);
    REQUIRE(result.referenceTop1);
    REQUIRE(result.candidateTop1);
    CHECK(*result.referenceTop1 == *result.candidateTop1);
    CHECK(*result.referenceTop1 == Approx(0.931).margin(0.002));
    REQUIRE(result.referenceTop5);
    CHECK(*result.referenceTop5 == Approx(0.999).margin(0.002));
    CHECK(result.layers.empty());
    CHECK(result.seconds > 0.0);
}

TEST_CASE("Every quantized layer output of the demo model compares as identical with itself",
          "[evaluation]") {
    const Model& model = demoModel();
    Executor executor(model, twoThreads());
    BatchLoader loader(demoScan("eval", 250), demoPreprocess(), 50);
    const QuantPlan plan = weightOnlyPlan(model.graph, QuantScheme{});
    EvaluationOptions options;
    options.sqnrTensors = quantizedLayerOutputs(model.graph, plan);
    ModelSide side{&executor, {}, "input", "logits"};
    const EvaluationResult result = evaluatePair(side, side, loader, options);

    CHECK(result.imageCount == 250);
    CHECK(result.agreementTop1 == 1.0);
    CHECK(*result.referenceTop1 == Approx(232.0 / 250.0)); // measured on the evenly spaced 250
    REQUIRE(result.layers.size() == plan.layers.size());
    for (size_t i = 0; i < result.layers.size(); ++i) {
        CHECK(result.layers[i].layer == plan.layers[i].layer.nodeName);
        CHECK(std::isinf(result.layers[i].sqnrDb));
        CHECK(result.layers[i].sqnrDb > 0.0);
        CHECK(result.layers[i].note.empty());
    }
}
