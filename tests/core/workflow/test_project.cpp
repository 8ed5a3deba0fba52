// Project files and their results sidecar: a round trip restores the plan field by field and the calibration
// bin by bin; paths stay relative to the project; bad files are errors that name the file and the key.

#include "workflow/project.h"
#include "workflow/projectresults.h"
#include "workflow/quantizationsession.h"

#include "model/onnxloader.h"
#include "quant/quantconfig.h"
#include "quant/quantplan.h"
#include "util/error.h"
#include "util/sha256.h"

#include "../../planchecks.h"
#include "../data/imagefixtures.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <unistd.h>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const Model> demoModel() {
    static const std::shared_ptr<const Model> model =
        std::make_shared<const Model>(loadOnnxModel(demoDir() + "/model.onnx").model);
    return model;
}

/// A fresh folder under the system temporary folder, removed at the end of the test.
struct ScratchFolder {
    fs::path path;
    explicit ScratchFolder(const std::string& name) {
        path = fs::temp_directory_path() / ("qs-project-" + name + "-" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchFolder() { fs::remove_all(path); }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// A config that uses every kind of strategy entry: overrides of schemes and of the range method, kept-float
/// layers and op types, changed defaults and preprocessing.
QuantConfig editedConfig(const Graph& graph) {
    QuantConfig config = loadQuantConfig(std::string(QS_SOURCE_DIR) + "/resources/configs/demo-w8a8.json");
    const QuantPlan plan = buildQuantPlan(graph, config);
    REQUIRE(plan.layers.size() >= 3);
    config.calibration.method = "percentile";
    config.calibration.percentile = 99.9;
    config.calibration.maxImages = 48;
    config.weights.bits = 7;
    LayerOverride codebook;
    codebook.nodeName = plan.layers[0].layer.nodeName;
    codebook.weights = QuantScheme{SchemeKind::Codebook, 4, Granularity::PerTensor, RangeMode::Symmetric,
                                   Signedness::Signed};
    codebook.range = RangeMethod{"entropy", 99.99};
    LayerOverride sixteen;
    sixteen.nodeName = plan.layers[1].layer.nodeName;
    sixteen.activations = QuantScheme{SchemeKind::Uniform, 16, Granularity::PerTensor, RangeMode::Asymmetric,
                                      Signedness::Unsigned};
    config.layers = {codebook, sixteen};
    config.floatLayers = {plan.layers.back().layer.nodeName};
    config.codebookInit = CodebookInit::Linear;
    config.biasCorrection = false;
    config.preprocess.mean = {0.5f};
    return config;
}

} // namespace

TEST_CASE("SHA-256 matches the published test vectors", "[project][sha256]") {
    CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256Hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    ScratchFolder folder("sha");
    writeText(folder / "abc.txt", "abc");
    CHECK(sha256OfFile(folder / "abc.txt") == sha256Hex("abc"));
    CHECK_THROWS_WITH(sha256OfFile(folder / "missing.onnx"), Contains("missing.onnx"));
}

TEST_CASE("A project round trip restores the strategy and the plan field by field", "[project]") {
    ScratchFolder folder("roundtrip");
    const Graph& graph = demoModel()->graph;
    Project project;
    project.modelPath = demoDir() + "/model.onnx";
    project.modelSha256 = sha256OfFile(project.modelPath);
    project.config = editedConfig(graph);
    project.calibrationFolder = demoDir() + "/calib";
    project.evaluationFolder = demoDir() + "/eval";
    const std::string path = folder / "demo.qsproj";
    saveProject(project, path);

    const Project loaded = loadProject(path);
    CHECK(fs::equivalent(loaded.modelPath, project.modelPath));
    CHECK(loaded.modelSha256 == project.modelSha256);
    CHECK(fs::equivalent(loaded.calibrationFolder, project.calibrationFolder));
    CHECK(fs::equivalent(loaded.evaluationFolder, project.evaluationFolder));
    CHECK(quantConfigToJson(loaded.config) == quantConfigToJson(project.config));
    qs::test::requireSamePlan(buildQuantPlan(graph, loaded.config), buildQuantPlan(graph, project.config));
    CHECK(modelMatchesProject(loaded, sha256OfFile(demoDir() + "/model.onnx")));
    CHECK_FALSE(modelMatchesProject(loaded, sha256Hex("another model")));
}

TEST_CASE("Paths near the project are stored relative, so project and data can move together", "[project]") {
    ScratchFolder root("relative");
    fs::create_directories(root.path / "work" / "models");
    fs::create_directories(root.path / "work" / "calib");
    fs::copy_file(demoDir() + "/model.onnx", root.path / "work" / "models" / "m.onnx");
    Project project;
    project.modelPath = (root.path / "work" / "models" / "m.onnx").string();
    project.calibrationFolder = (root.path / "work" / "calib").string();
    fs::create_directories(root.path / "work" / "projects");
    const std::string path = (root.path / "work" / "projects" / "p.qsproj").string();
    saveProject(project, path);
    CHECK_THAT(readText(path), Contains("\"path\": \"../models/m.onnx\""));

    fs::rename(root.path / "work", root.path / "moved");
    const Project moved = loadProject((root.path / "moved" / "projects" / "p.qsproj").string());
    CHECK(moved.modelPath == (root.path / "moved" / "models" / "m.onnx").lexically_normal().string());
    CHECK(moved.calibrationFolder == (root.path / "moved" / "calib").lexically_normal().string());

    SECTION("a project moved alone still finds the model by its absolute path") {
        fs::rename(root.path / "moved", root.path / "work");
        fs::create_directories(root.path / "elsewhere");
        fs::copy_file(path, root.path / "elsewhere" / "p.qsproj");
        const Project alone = loadProject((root.path / "elsewhere" / "p.qsproj").string());
        CHECK(alone.modelPath == project.modelPath);
    }
}

TEST_CASE("Bad project files are errors naming the file and the key", "[project]") {
    ScratchFolder folder("bad");
    const std::string path = folder / "bad.qsproj";
    const auto loadText = [&](const std::string& text) {
        writeText(path, text);
        return loadProject(path);
    };
    CHECK_THROWS_WITH(loadProject(folder / "none.qsproj"), Contains("none.qsproj") && Contains("no such"));
    CHECK_THROWS_WITH(loadText("{ nope"), Contains("bad.qsproj") && Contains("not valid JSON"));
    CHECK_THROWS_WITH(loadText("{\"a\": 1}"), Contains("not a Quantscope project"));
    CHECK_THROWS_WITH(
        loadText("{\"quantscope_project\": 99, \"model\": {\"path\": \"m.onnx\"}, \"config\": {}}"),
        Contains("newer Quantscope"));
    CHECK_THROWS_WITH(loadText("{\"quantscope_project\": 1, \"config\": {}}"), Contains("missing \"model\""));
    CHECK_THROWS_WITH(
        loadText("{\"quantscope_project\": 1, \"model\": {\"path\": \"m.onnx\"}, \"config\": {}, "
                 "\"extra\": 1}"),
        Contains("unknown key \"extra\""));
    CHECK_THROWS_WITH(loadText("{\"quantscope_project\": 1, \"model\": {\"path\": \"m.onnx\"}, "
                               "\"config\": {\"defaults\": {\"weights\": {\"bits\": 40}}}}"),
                      Contains("bad.qsproj: config") && Contains("bits"));
    CHECK_THROWS_WITH(loadProject(folder.path.string()), Contains("not a regular file"));
    Project empty;
    CHECK_THROWS_WITH(saveProject(empty, path), Contains("needs a model"));
}

TEST_CASE("Overrides for layers the model no longer has are listed, then removed on request", "[project]") {
    const Graph& graph = demoModel()->graph;
    QuantConfig config = editedConfig(graph);
    LayerOverride gone;
    gone.nodeName = "renamed_conv";
    gone.weights = config.weights;
    config.layers.push_back(gone);
    config.floatLayers.push_back("old_head");
    config.floatLayers.push_back("renamed_conv");
    const std::vector<std::string> missing = missingLayers(config, graph);
    CHECK(missing == std::vector<std::string>{"renamed_conv", "old_head"});
    CHECK_THROWS(buildQuantPlan(graph, config));
    const QuantStrategy kept = withoutLayers(config, missing);
    CHECK(missingLayers(kept, graph).empty());
    CHECK(kept.layers.size() == 2);
    CHECK(kept.floatLayers.size() == 1);
    CHECK_NOTHROW(buildQuantPlan(graph, kept));
}

TEST_CASE("Project results restore the calibration bin by bin and quantize to the same parameters",
          "[project][session]") {
    ScratchFolder folder("results");
    QuantConfig config = loadQuantConfig(std::string(QS_SOURCE_DIR) + "/resources/configs/demo-w8a8.json");
    config.calibration.maxImages = 32;
    QuantizationSession session(demoModel(), SessionOptions{1, {}});
    session.setConfig(config);
    const std::string calib = demoDir() + "/calib";
    session.calibrate(calib);
    session.quantize();

    ProjectResults results;
    const std::string modelHash = sha256OfFile(demoDir() + "/model.onnx");
    results.calibrationKey = calibrationKey(modelHash, config, calib);
    results.calibration = session.calibration();
    SavedEvaluation evaluation;
    evaluation.evaluation.imageCount = 10;
    evaluation.evaluation.labelled = true;
    evaluation.evaluation.referenceTop1 = 0.9;
    evaluation.evaluation.candidateTop1 = 0.8;
    evaluation.evaluation.agreementTop1 = 0.85;
    evaluation.evaluation.layers = {{"conv", "t", std::numeric_limits<double>::infinity(), ""},
                                    {"fc", "u", std::numeric_limits<double>::quiet_NaN(), "not produced"},
                                    {"mm", "v", 31.5, ""}};
    ImageOutcome flip;
    flip.file = "eval/dress/img 7.png";
    flip.label = 3;
    flip.referenceClass = 3;
    flip.candidateClass = 6;
    flip.referenceConfidence = 0.61;
    flip.candidateConfidence = 0.52;
    flip.candidateConfidenceOfReferenceClass = 0.3;
    flip.outputSqnrDb = 12.5;
    flip.cosine = 0.97;
    evaluation.evaluation.images = {flip};
    evaluation.sizes.floatWeightBytes = 4000;
    evaluation.sizes.quantizedWeightBytes = 1000;
    evaluation.layerBytes = {{"conv", 123}};
    results.evaluation = evaluation;
    results.evaluationKey = resultKey(results.calibrationKey, config, demoDir() + "/eval");
    results.sensitivity = {{"conv", 0.75}, {"fc", 0.5}};
    results.sensitivity[1].outputSqnrDb = 17.25;
    results.sensitivityKey = results.evaluationKey;
    const std::string path = projectResultsPath(folder / "demo.qsproj");
    CHECK(fs::path(path).filename() == "demo.qsresults");
    saveProjectResults(results, path);

    const ProjectResults loaded = loadProjectResults(path);
    CHECK(loaded.calibrationKey == results.calibrationKey);
    CHECK(loaded.calibrationKey == calibrationKey(modelHash, config, calib));
    REQUIRE(loaded.calibration);
    CHECK(loaded.calibration->imageCount == 32);
    REQUIRE(loaded.calibration->histograms.size() == session.calibration()->histograms.size());
    for (const auto& [tensor, histogram] : session.calibration()->histograms) {
        const TensorHistogram& restored = loaded.calibration->histograms.at(tensor);
        CHECK(restored.counts() == histogram.counts());
        CHECK(restored.lowerEdge() == histogram.lowerEdge());
        CHECK(restored.binWidth() == histogram.binWidth());
        CHECK(restored.totalCount() == histogram.totalCount());
        CHECK(restored.minValue() == histogram.minValue());
        CHECK(restored.maxValue() == histogram.maxValue());
    }
    REQUIRE(loaded.evaluation);
    CHECK(loaded.evaluation->evaluation.candidateTop1 == 0.8);
    CHECK_FALSE(loaded.evaluation->evaluation.referenceTop5.has_value());
    CHECK(std::isinf(loaded.evaluation->evaluation.layers[0].sqnrDb));
    CHECK(std::isnan(loaded.evaluation->evaluation.layers[1].sqnrDb));
    CHECK(loaded.evaluation->evaluation.layers[1].note == "not produced");
    CHECK(loaded.evaluation->evaluation.layers[2].sqnrDb == 31.5);
    CHECK(loaded.evaluation->sizes.quantizedWeightBytes == 1000);
    CHECK(loaded.evaluation->layerBytes.at("conv") == 123);
    REQUIRE(loaded.sensitivity.size() == 2);
    CHECK(loaded.sensitivity[1].metric == 0.5);
    CHECK(loaded.sensitivity[1].outputSqnrDb == 17.25);
    CHECK(std::isnan(loaded.sensitivity[0].outputSqnrDb));
    // The per-image outcomes (the flips browser) come back field by field.
    REQUIRE(loaded.evaluation->evaluation.images.size() == 1);
    const ImageOutcome& image = loaded.evaluation->evaluation.images[0];
    CHECK(image.file == flip.file);
    CHECK(image.label == 3);
    CHECK(image.referenceClass == 3);
    CHECK(image.candidateClass == 6);
    CHECK(image.flipped());
    CHECK(image.referenceConfidence == 0.61);
    CHECK(image.candidateConfidence == 0.52);
    CHECK(image.candidateConfidenceOfReferenceClass == 0.3);
    CHECK(image.outputSqnrDb == 12.5);
    CHECK(image.cosine == 0.97);

    QuantizationSession restored(demoModel(), SessionOptions{1, {}});
    restored.setConfig(config);
    restored.setCalibration(loaded.calibration, calib);
    restored.quantize();
    for (const auto& [tensor, params] : session.tensors().activations) {
        INFO(tensor);
        CHECK(restored.tensors().activations.at(tensor).scales == params.scales);
        CHECK(restored.tensors().activations.at(tensor).zeroPoints == params.zeroPoints);
    }

    SECTION("a key changes with what the result depends on") {
        QuantConfig other = config;
        other.preprocess.mean = {0.25f};
        CHECK(calibrationKey(modelHash, other, calib) != results.calibrationKey);
        other = config;
        other.weights.bits = 4; // the strategy does not change what calibration saw
        CHECK(calibrationKey(modelHash, other, calib) == results.calibrationKey);
        CHECK(resultKey(results.calibrationKey, other, demoDir() + "/eval") != results.evaluationKey);
        CHECK(calibrationKey(sha256Hex("x"), config, calib) != results.calibrationKey);
        // A folder named relative to the working folder is the same folder.
        const fs::path relative = fs::path(calib).lexically_relative(fs::current_path());
        CHECK(calibrationKey(modelHash, config, relative.string()) == results.calibrationKey);
        CHECK(calibrationKey(modelHash, config, calib + "/.") == results.calibrationKey);
    }
    SECTION("a damaged results file is an error naming it, never a crash") {
        const std::string bytes = readText(path);
        for (size_t cut :
             {size_t(0), size_t(5), size_t(12), size_t(40), bytes.size() / 2, bytes.size() - 1}) {
            writeText(path, bytes.substr(0, cut));
            CHECK_THROWS_WITH(loadProjectResults(path), Contains("demo.qsresults"));
        }
        std::string flipped = bytes;
        flipped[30] = '\x01';
        writeText(path, flipped);
        CHECK_THROWS_WITH(loadProjectResults(path), Contains("demo.qsresults"));
        writeText(path, bytes + "x");
        CHECK_THROWS_WITH(loadProjectResults(path), Contains("trailing"));
    }
}

TEST_CASE("A folder fingerprint changes when a file is added or changed", "[project]") {
    ScratchFolder folder("fingerprint");
    writeText(folder / "a.png", "aaaa");
    const std::string first = folderFingerprint(folder.path.string());
    CHECK(first == folderFingerprint(folder.path.string()));
    writeText(folder / "b.png", "b");
    const std::string second = folderFingerprint(folder.path.string());
    CHECK(second != first);
    writeText(folder / "b.png", "bbbbbb");
    CHECK(folderFingerprint(folder.path.string()) != second);
    CHECK(folderFingerprint("").empty());
}
