// The layer diagnosis on crafted cases (one outlier weight channel, a range set by one huge value, a range
// that clips, the model input, a Concat of mismatched ranges, low-bit weights, no cause at all), and fixes
// checked through the plan they produce.

#include "eval/diagnosis.h"
#include "workflow/quantizationsession.h"
#include "workflow/sensitivity.h"

#include "fixtures/modelbuilder.h"
#include "model/onnxloader.h"
#include "quant/quantplan.h"
#include "report/errorbands.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

using namespace qs;
using Catch::Matchers::Contains;

namespace {

/// input [1,4,8,8] -> "first" 1x1 Conv -> Relu -> "middle" 1x1 Conv -> Relu -> "a" and "b" 1x1 Convs ->
/// "cat" Concat -> "last" 1x1 Conv -> "logits". Channel 3 of middle's weight is `middleOutlier` times larger.
Model chainModel(float middleOutlier = 1.0f) {
    test::ModelBuilder b;
    b.input("input", DataType::Float, {1, 4, 8, 8});
    std::vector<float> middle = test::randomValues(64, 22, 0.5f);
    for (size_t i = 3 * 8; i < 4 * 8; ++i)
        middle[i] *= middleOutlier;
    b.initializer("first.weight", {8, 4, 1, 1}, test::randomValues(32, 21, 0.5f));
    b.initializer("middle.weight", {8, 8, 1, 1}, middle);
    b.initializer("a.weight", {4, 8, 1, 1}, test::randomValues(32, 23, 0.5f));
    b.initializer("b.weight", {4, 8, 1, 1}, test::randomValues(32, 24, 0.5f));
    b.initializer("last.weight", {10, 8, 1, 1}, test::randomValues(80, 25, 0.5f));
    b.node("Conv", {"input", "first.weight"}, {"t1"}, "first");
    b.node("Relu", {"t1"}, {"r1"}, "relu1");
    b.node("Conv", {"r1", "middle.weight"}, {"t2"}, "middle");
    b.node("Relu", {"t2"}, {"r2"}, "relu2");
    b.node("Conv", {"r2", "a.weight"}, {"ta"}, "a");
    b.node("Conv", {"r2", "b.weight"}, {"tb"}, "b");
    b.node("Concat", {"ta", "tb"}, {"cat"}, "cat").attr("axis", 1);
    b.node("Conv", {"cat", "last.weight"}, {"logits"}, "last");
    b.output("logits", DataType::Float);
    return loadOnnxModelFromBytes(b.serialize(), "chain.onnx").model;
}

QuantConfig w8a8(const std::string& method = "mse") {
    QuantConfig config;
    config.calibration.method = method;
    return config;
}

std::vector<float> normalValues(size_t count, uint32_t seed, double sigma, bool rectified) {
    std::mt19937 generator(seed);
    std::normal_distribution<double> normal(0.0, sigma);
    std::vector<float> values(count);
    for (float& value : values) {
        const double x = normal(generator);
        value = float(rectified ? std::max(x, 0.0) : x);
    }
    return values;
}

/// Every planned activation gets a normal histogram (rectified after a Relu); `special` replaces some.
CalibrationResult calibrationFor(const QuantPlan& plan,
                                 const std::map<std::string, std::vector<float>>& special = {},
                                 std::map<std::string, double> sigmas = {}) {
    CalibrationResult calibration;
    uint32_t seed = 100;
    for (const ActivationPlan& activation : plan.activations) {
        const std::string& tensor = activation.tensor;
        auto found = special.find(tensor);
        const std::vector<float> values =
            found != special.end()
                ? found->second
                : normalValues(20000, seed++, sigmas.count(tensor) ? sigmas[tensor] : 1.0, tensor[0] == 'r');
        TensorHistogram histogram;
        histogram.add(values.data(), values.size());
        calibration.histograms.emplace(tensor, std::move(histogram));
    }
    calibration.imageCount = 100;
    return calibration;
}

std::vector<LayerSqnr> sqnrOf(const std::map<std::string, double>& layers) {
    std::vector<LayerSqnr> result;
    for (const auto& [layer, sqnrDb] : layers)
        result.push_back(LayerSqnr{layer, layer + "_out", sqnrDb, {}});
    return result;
}

std::vector<LayerDiagnosis> ofLayer(const std::vector<LayerDiagnosis>& all, const std::string& layer) {
    std::vector<LayerDiagnosis> found;
    std::copy_if(all.begin(), all.end(), std::back_inserter(found),
                 [&](const LayerDiagnosis& entry) { return entry.layer == layer; });
    return found;
}

/// The entry of `layer` that found a cause of `kind`.
const LayerDiagnosis* findKind(const std::vector<LayerDiagnosis>& all, const std::string& layer,
                               DiagnosisKind kind) {
    for (const LayerDiagnosis& entry : all)
        if (entry.layer == layer && entry.kind == kind && entry.causeFound)
            return &entry;
    return nullptr;
}

bool hasFix(const LayerDiagnosis& entry, FixKind kind) {
    return std::any_of(entry.fixes.begin(), entry.fixes.end(),
                       [&](const DiagnosisFix& fix) { return fix.kind == kind; });
}

/// The weight and activation schemes and the range method of two plans of one layer agree.
bool samePlanFor(const LayerPlan& a, const LayerPlan& b) {
    auto same = [](const QuantScheme& x, const QuantScheme& y) {
        return x.kind == y.kind && x.bits == y.bits && x.granularity == y.granularity;
    };
    return same(a.weights, b.weights) && same(a.activations, b.activations) && a.range == b.range;
}

/// Every entry has fixes, KeepFloat last and only there, and is below the threshold.
void checkShape(const std::vector<LayerDiagnosis>& all, double weakSqnrDb) {
    for (const LayerDiagnosis& entry : all) {
        INFO(entry.layer << ": " << entry.reason);
        REQUIRE(!entry.fixes.empty());
        CHECK(entry.fixes.back().kind == FixKind::KeepFloat);
        CHECK(std::count_if(entry.fixes.begin(), entry.fixes.end(),
                            [](const DiagnosisFix& fix) { return fix.kind == FixKind::KeepFloat; }) == 1);
        CHECK(entry.sqnrDb < weakSqnrDb);
        CHECK(!entry.reason.empty());
        for (const DiagnosisFix& fix : entry.fixes)
            CHECK(!fix.label.empty());
    }
}

} // namespace

TEST_CASE("One outlier weight channel under per-tensor weights is diagnosed and fixed per channel",
          "[diagnosis]") {
    const Model model = chainModel(50.0f);
    QuantConfig config = w8a8();
    config.weights.granularity = Granularity::PerTensor;
    const QuantPlan plan = buildQuantPlan(model.graph, config);
    const std::vector<LayerSqnr> sqnr = sqnrOf({{"middle", 8.0}, {"a", 25.0}});
    DiagnosisInput input;
    input.graph = &model.graph;
    input.plan = &plan;
    input.layerSqnr = &sqnr;
    const double weak = defaultErrorBands().fairSqnrDb;
    const std::vector<LayerDiagnosis> diagnoses = diagnoseLayers(input, weak);
    checkShape(diagnoses, weak);
    CHECK(ofLayer(diagnoses, "a").empty()); // 25 dB is not weak
    const LayerDiagnosis* outlier = findKind(diagnoses, "middle", DiagnosisKind::OutlierChannels);
    REQUIRE(outlier);
    CHECK(outlier->causeFound);
    CHECK(outlier->sqnrDb == 8.0);
    CHECK_THAT(outlier->reason, Contains("channel 3") && Contains("middle.weight"));
    REQUIRE(outlier->fixes.size() == 2);
    CHECK(outlier->fixes.front().kind == FixKind::PerChannel);

    const QuantConfig fixed = applyFix(config, "middle", outlier->fixes.front());
    const QuantPlan fixedPlan = buildQuantPlan(model.graph, fixed);
    CHECK(fixedPlan.findLayer("middle")->weights.granularity == Granularity::PerChannel);
    CHECK(fixedPlan.findLayer("middle")->weightSource == SchemeSource::Override);
    CHECK(fixedPlan.findLayer("a")->weights.granularity == Granularity::PerTensor);
    CHECK_THROWS_WITH(applyFix(fixed, "middle", outlier->fixes.front()),
                      Contains("middle") && Contains("per channel"));

    SECTION("without the outlier the rule stays silent") {
        const Model plain = chainModel(1.0f);
        const QuantPlan plainPlan = buildQuantPlan(plain.graph, config);
        input.graph = &plain.graph;
        input.plan = &plainPlan;
        const std::vector<LayerDiagnosis> none = diagnoseLayers(input, weak);
        const std::vector<LayerDiagnosis> middle = ofLayer(none, "middle");
        REQUIRE(middle.size() == 1); // weak without a cause
        const LayerDiagnosis& entry = middle.front();
        CHECK_FALSE(entry.causeFound);
        CHECK(entry.kind == DiagnosisKind::OutlierChannels); // the closest measure
        CHECK_THAT(entry.reason, Contains("No single cause") && Contains("median (limit 8x)"));
        CHECK_FALSE(hasFix(entry, FixKind::PerChannel));
    }
    SECTION("per-channel weights have no outlier problem") {
        const QuantPlan perChannel = buildQuantPlan(model.graph, w8a8());
        input.plan = &perChannel;
        CHECK_FALSE(findKind(diagnoseLayers(input, weak), "middle", DiagnosisKind::OutlierChannels));
    }
}

TEST_CASE("A minmax range set by one huge value is a dominated range with better range methods",
          "[diagnosis]") {
    const Model model = chainModel();
    const QuantConfig config = w8a8("minmax");
    const QuantPlan plan = buildQuantPlan(model.graph, config);
    REQUIRE(plan.findLayer("middle")->outputActivation == "r2");
    std::vector<float> spiky = normalValues(20000, 7, 1.0, true);
    spiky[123] = 1000.0f;
    const CalibrationResult calibration = calibrationFor(plan, {{"r2", spiky}});
    const std::vector<LayerSqnr> sqnr = sqnrOf({{"first", 12.0}, {"middle", 6.0}});
    DiagnosisInput input{&model.graph, &plan, &calibration, &sqnr, {}};
    const std::vector<LayerDiagnosis> diagnoses = diagnoseLayers(input, 20.0);
    checkShape(diagnoses, 20.0);
    REQUIRE(!diagnoses.empty());
    CHECK(diagnoses.front().layer == "middle"); // the weakest first

    const LayerDiagnosis* dominated = findKind(diagnoses, "middle", DiagnosisKind::DominatedRange);
    REQUIRE(dominated);
    CHECK_THAT(dominated->reason, Contains("minmax") && Contains("'r2'") && Contains("of 256 levels"));
    CHECK_FALSE(findKind(diagnoses, "middle", DiagnosisKind::Clipping)); // minmax never clips
    REQUIRE(dominated->fixes.size() >= 3);
    const DiagnosisFix& best = dominated->fixes.front();
    CHECK(best.kind == FixKind::RangeMethod);
    CHECK(best.rangeMethod != "minmax");
    CHECK(hasFix(*dominated, FixKind::Activations16Bit));
    // The normal activations of "first" are not dominated under minmax.
    CHECK_FALSE(findKind(diagnoses, "first", DiagnosisKind::DominatedRange));

    const QuantPlan fixedPlan = buildQuantPlan(model.graph, applyFix(config, "middle", best));
    const LayerPlan& middle = *fixedPlan.findLayer("middle");
    CHECK(middle.rangeOverridden);
    CHECK(middle.range.method == best.rangeMethod);
    CHECK(fixedPlan.rangeSettings(*fixedPlan.findActivation("r2")).method == best.rangeMethod);
    CHECK(fixedPlan.rangeSettings(*fixedPlan.findActivation("r1")).method == "minmax");

    const QuantPlan wide = buildQuantPlan(
        model.graph, applyFix(config, "middle", DiagnosisFix{FixKind::Activations16Bit, {}, {}}));
    CHECK(wide.findLayer("middle")->activations.bits == 16);
    CHECK(wide.findActivation("r2")->scheme.bits == 16);
    CHECK(wide.findActivation("r1")->scheme.bits == 16); // middle's input, the widest asked for
    CHECK(wide.findLayer("first")->activations.bits == 8);
}

TEST_CASE("A percentile range that cuts off 5 % of the values is clipping, fixed by a method that clips less",
          "[diagnosis]") {
    const Model model = chainModel();
    QuantConfig config = w8a8("percentile");
    config.calibration.percentile = 95.0;
    const QuantPlan plan = buildQuantPlan(model.graph, config);
    const CalibrationResult calibration = calibrationFor(plan);
    const std::vector<LayerSqnr> sqnr = sqnrOf({{"middle", 11.0}});
    const DiagnosisInput input{&model.graph, &plan, &calibration, &sqnr, {}};
    const std::vector<LayerDiagnosis> diagnoses = diagnoseLayers(input, 20.0);
    checkShape(diagnoses, 20.0);
    const LayerDiagnosis* clipping = findKind(diagnoses, "middle", DiagnosisKind::Clipping);
    REQUIRE(clipping);
    CHECK_THAT(clipping->reason, Contains("percentile 95") && Contains("'r2'"));
    REQUIRE(clipping->fixes.size() >= 2);
    const DiagnosisFix& best = clipping->fixes.front();
    REQUIRE(best.kind == FixKind::RangeMethod);
    CHECK(best.rangeMethod != "percentile");
    CHECK_FALSE(hasFix(*clipping, FixKind::Activations16Bit)); // 16 bits keep the same percentile cut

    const QuantPlan fixedPlan = buildQuantPlan(model.graph, applyFix(config, "middle", best));
    CHECK(fixedPlan.findLayer("middle")->range.method == best.rangeMethod);
    // The fixed method clips under 1 %: the rule is silent on the fixed plan.
    const DiagnosisInput fixedInput{&model.graph, &fixedPlan, &calibration, &sqnr, {}};
    CHECK_FALSE(findKind(diagnoseLayers(fixedInput, 20.0), "middle", DiagnosisKind::Clipping));

    SECTION("the default mse range of normal values does not clip") {
        const QuantPlan msePlan = buildQuantPlan(model.graph, w8a8());
        const DiagnosisInput mseInput{&model.graph, &msePlan, &calibration, &sqnr, {}};
        CHECK_FALSE(findKind(diagnoseLayers(mseInput, 20.0), "middle", DiagnosisKind::Clipping));
    }
}

TEST_CASE("Layers at the model input and output are network boundaries", "[diagnosis]") {
    const Model model = chainModel();
    const QuantConfig config = w8a8();
    const QuantPlan plan = buildQuantPlan(model.graph, config);
    const CalibrationResult calibration = calibrationFor(plan);
    const std::vector<LayerSqnr> sqnr = sqnrOf({{"first", 15.0}, {"last", 14.0}, {"middle", 13.0}});
    const DiagnosisInput input{&model.graph, &plan, &calibration, &sqnr, {}};
    const std::vector<LayerDiagnosis> diagnoses = diagnoseLayers(input, 20.0);
    checkShape(diagnoses, 20.0);
    const LayerDiagnosis* reads = findKind(diagnoses, "first", DiagnosisKind::NetworkBoundary);
    REQUIRE(reads);
    CHECK_THAT(reads->reason, Contains("input 'input'"));
    REQUIRE(reads->fixes.size() == 2);
    CHECK(reads->fixes.front().kind == FixKind::Activations16Bit);
    const LayerDiagnosis* produces = findKind(diagnoses, "last", DiagnosisKind::NetworkBoundary);
    REQUIRE(produces);
    CHECK_THAT(produces->reason, Contains("output 'logits'"));
    CHECK_FALSE(findKind(diagnoses, "middle", DiagnosisKind::NetworkBoundary));
    auto layerOrder = [](const std::vector<LayerDiagnosis>& entries) {
        std::vector<std::string> order;
        for (const LayerDiagnosis& entry : entries)
            if (order.empty() || order.back() != entry.layer)
                order.push_back(entry.layer);
        return order;
    };
    // The layers with a cause by SQNR, last (14) and first (15), then middle (13), which has none.
    CHECK(layerOrder(diagnoses) == std::vector<std::string>{"last", "first", "middle"});
    // The isolated output SQNR, where measured, orders them instead of the cumulative one.
    DiagnosisInput isolated = input;
    isolated.isolatedSqnrDb = {{"first", 5.0}, {"last", 30.0}};
    CHECK(layerOrder(diagnoseLayers(isolated, 20.0)) == std::vector<std::string>{"first", "last", "middle"});

    const QuantPlan fixedPlan = buildQuantPlan(model.graph, applyFix(config, "first", reads->fixes.front()));
    CHECK(fixedPlan.findActivation("input")->scheme.bits == 16);
    const QuantPlan floatPlan = buildQuantPlan(model.graph, applyFix(config, "first", reads->fixes.back()));
    CHECK(floatPlan.findLayer("first")->keptFloat());
    CHECK(floatPlan.findLayer("first")->weightSource == SchemeSource::FloatLayers);
    CHECK_FALSE(floatPlan.findActivation("input"));
    CHECK_THROWS_WITH(applyFix(applyFix(config, "first", reads->fixes.back()), "first", reads->fixes.back()),
                      Contains("first") && Contains("already kept float"));
}

TEST_CASE("A Concat of ranges 500x apart is a range mismatch for the layers feeding it", "[diagnosis]") {
    const Model model = chainModel();
    const QuantConfig config = w8a8();
    const QuantPlan plan = buildQuantPlan(model.graph, config);
    const CalibrationResult calibration = calibrationFor(plan, {}, {{"ta", 0.1}, {"tb", 50.0}});
    const std::vector<LayerSqnr> sqnr = sqnrOf({{"a", 9.0}, {"b", 19.0}});
    const DiagnosisInput input{&model.graph, &plan, &calibration, &sqnr, {}};
    const std::vector<LayerDiagnosis> diagnoses = diagnoseLayers(input, 20.0);
    checkShape(diagnoses, 20.0);
    for (const std::string layer : {"a", "b"}) {
        const LayerDiagnosis* mismatch = findKind(diagnoses, layer, DiagnosisKind::ConcatRangeMismatch);
        REQUIRE(mismatch);
        CHECK_THAT(mismatch->reason, Contains("'cat'") && Contains("'ta'") && Contains("'tb'"));
        CHECK(mismatch->fixes.front().kind == FixKind::Activations16Bit);
    }
    const CalibrationResult even = calibrationFor(plan);
    const DiagnosisInput evenInput{&model.graph, &plan, &even, &sqnr, {}};
    CHECK_FALSE(findKind(diagnoseLayers(evenInput, 20.0), "a", DiagnosisKind::ConcatRangeMismatch));
}

TEST_CASE("4-bit weights of a weak layer are low bits, fixed with 8 bits", "[diagnosis]") {
    const Model model = chainModel();
    QuantConfig config = w8a8();
    LayerOverride override;
    override.nodeName = "middle";
    override.weights = QuantScheme{SchemeKind::Codebook, 3, Granularity::PerTensor, RangeMode::Symmetric,
                                   Signedness::Signed};
    config.layers.push_back(override);
    const QuantPlan plan = buildQuantPlan(model.graph, config);
    const std::vector<LayerSqnr> sqnr = sqnrOf({{"middle", 4.0}, {"a", 4.0}});
    const DiagnosisInput input{&model.graph, &plan, nullptr, &sqnr, {}};
    const std::vector<LayerDiagnosis> diagnoses = diagnoseLayers(input, 20.0);
    checkShape(diagnoses, 20.0);
    const LayerDiagnosis* low = findKind(diagnoses, "middle", DiagnosisKind::LowBits);
    REQUIRE(low);
    CHECK_THAT(low->reason, Contains("codebook 3-bit") && Contains("4 dB"));
    CHECK(low->fixes.front().kind == FixKind::Weights8Bit);
    CHECK_FALSE(findKind(diagnoses, "a", DiagnosisKind::LowBits)); // 8-bit weights

    const QuantPlan fixedPlan = buildQuantPlan(model.graph, applyFix(config, "middle", low->fixes.front()));
    CHECK(fixedPlan.findLayer("middle")->weights.bits == 8);
    CHECK(fixedPlan.findLayer("middle")->weights.kind == SchemeKind::Codebook);
}

TEST_CASE("A weak layer without a cause gets one entry that says so, with the isolated SQNR", "[diagnosis]") {
    const Model model = chainModel();
    const QuantConfig config = w8a8();
    const QuantPlan plan = buildQuantPlan(model.graph, config);
    const CalibrationResult calibration = calibrationFor(plan);
    const std::vector<LayerSqnr> sqnr = sqnrOf({{"middle", 12.0}, {"a", std::nan("")}, {"b", 30.0}});
    std::vector<LayerSensitivity> sensitivity(2);
    sensitivity[0].layer = "middle";
    sensitivity[0].outputSqnrDb = 35.0;
    sensitivity[1].layer = "b";
    sensitivity[1].outputSqnrDb = 3.0; // not used: the cumulative SQNR of b is measured
    const DiagnosisInput input{&model.graph, &plan, &calibration, &sqnr, &sensitivity};
    const std::vector<LayerDiagnosis> diagnoses = diagnoseLayers(input, 20.0);
    checkShape(diagnoses, 20.0);
    REQUIRE(diagnoses.size() == 1);
    const LayerDiagnosis& entry = diagnoses.front();
    CHECK(entry.layer == "middle");
    CHECK(entry.sqnrDb == 12.0);
    CHECK_FALSE(entry.causeFound);
    CHECK_THAT(entry.reason, Contains("No single cause") && Contains("35 dB") && Contains("earlier layers"));
    REQUIRE(entry.fixes.size() == 1);
    CHECK(entry.fixes.front().kind == FixKind::KeepFloat);

    SECTION("only the isolated SQNR: it decides") {
        const DiagnosisInput isolated{&model.graph, &plan, &calibration, nullptr, &sensitivity};
        const std::vector<LayerDiagnosis> found = diagnoseLayers(isolated, 20.0);
        CHECK(ofLayer(found, "middle").empty());
        REQUIRE(!ofLayer(found, "b").empty());
        CHECK(ofLayer(found, "b").front().sqnrDb == 3.0);
    }
}

TEST_CASE("applyFix refuses fixes that do not apply, naming the layer", "[diagnosis]") {
    QuantConfig config = w8a8();
    CHECK_THROWS_WITH(applyFix(config, "conv", DiagnosisFix{FixKind::PerChannel, {}, {}}),
                      Contains("conv") && Contains("per channel"));
    CHECK_THROWS_WITH(applyFix(config, "conv", DiagnosisFix{FixKind::RangeMethod, "median", {}}),
                      Contains("conv") && Contains("median"));
    CHECK_THROWS_WITH(applyFix(config, "conv", DiagnosisFix{FixKind::RangeMethod, "mse", {}}),
                      Contains("conv") && Contains("already"));
    CHECK_THROWS_WITH(applyFix(config, "conv", DiagnosisFix{FixKind::Weights8Bit, {}, {}}),
                      Contains("conv") && Contains("8 bits"));
    config.activations.kind = SchemeKind::Float;
    CHECK_THROWS_WITH(applyFix(config, "conv", DiagnosisFix{FixKind::Activations16Bit, {}, {}}),
                      Contains("conv") && Contains("float"));
    // An existing override is changed, not duplicated.
    LayerOverride override;
    override.nodeName = "conv";
    override.weights =
        QuantScheme{SchemeKind::Uniform, 4, Granularity::PerTensor, RangeMode::Symmetric, Signedness::Signed};
    config.layers.push_back(override);
    const QuantConfig fixed = applyFix(config, "conv", DiagnosisFix{FixKind::PerChannel, {}, {}});
    REQUIRE(fixed.layers.size() == 1);
    CHECK(fixed.layers.front().weights->granularity == Granularity::PerChannel);
    CHECK(fixed.layers.front().weights->bits == 4);
}

TEST_CASE("The demo model's weak layers are diagnosed from a real evaluation, and every fix applies",
          "[diagnosis][session]") {
    const auto model = std::make_shared<const Model>(
        loadOnnxModel(std::string(QS_SOURCE_DIR) + "/resources/demo/model.onnx").model);
    const std::string demo = std::string(QS_SOURCE_DIR) + "/resources/demo";
    QuantizationSession session(model, SessionOptions{1, {}});
    QuantConfig config = loadQuantConfig(std::string(QS_SOURCE_DIR) + "/resources/configs/demo-w8a8.json");
    config.calibration.maxImages = 64;
    const std::string weakest = buildQuantPlan(model->graph, config).layers[1].layer.nodeName;
    LayerOverride override;
    override.nodeName = weakest;
    override.weights =
        QuantScheme{SchemeKind::Uniform, 2, Granularity::PerTensor, RangeMode::Symmetric, Signedness::Signed};
    config.layers.push_back(override);
    session.setConfig(config);
    session.calibrate(demo + "/calib");
    session.quantize();
    const EvaluationResult result = session.evaluate(demo + "/eval");
    const std::vector<LayerSensitivity> sensitivity = session.sensitivity(demo + "/eval", 64);

    DiagnosisInput input;
    input.graph = &model->graph;
    input.plan = &session.plan();
    input.calibration = session.calibration().get();
    input.layerSqnr = &result.layers;
    input.isolatedSqnrDb = isolatedOutputSqnr(sensitivity);
    const double weak = defaultErrorBands().fairSqnrDb;
    const std::vector<LayerDiagnosis> diagnoses = diagnoseLayers(input, weak);
    checkShape(diagnoses, weak);
    const LayerDiagnosis* low = findKind(diagnoses, weakest, DiagnosisKind::LowBits);
    REQUIRE(low);
    for (const LayerSqnr& layer : result.layers) {
        const bool listed = !ofLayer(diagnoses, layer.layer).empty();
        CHECK(listed == (layer.sqnrDb < weak));
    }
    for (const LayerDiagnosis& entry : diagnoses) {
        INFO(entry.layer << " (" << diagnosisKindName(entry.kind) << "): " << entry.reason);
        for (const DiagnosisFix& fix : entry.fixes) {
            INFO(fix.label);
            const QuantConfig fixed = applyFix(session.config(), entry.layer, fix);
            const QuantPlan plan = buildQuantPlan(model->graph, fixed);
            const LayerPlan& before = *session.plan().findLayer(entry.layer);
            const LayerPlan& after = *plan.findLayer(entry.layer);
            switch (fix.kind) {
            case FixKind::PerChannel:
                CHECK(after.weights.granularity == Granularity::PerChannel);
                break;
            case FixKind::Weights8Bit:
                CHECK(after.weights.bits == 8);
                break;
            case FixKind::RangeMethod:
                CHECK(after.range.method == fix.rangeMethod);
                break;
            case FixKind::Activations16Bit:
                CHECK(after.activations.bits == 16);
                break;
            case FixKind::KeepFloat:
                CHECK(after.keptFloat());
                break;
            }
            CHECK_FALSE(samePlanFor(before, after));
        }
    }
}
