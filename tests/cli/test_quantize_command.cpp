// The quantize and evaluate commands from the outside: a full run on a slice of the demo data, and the
// failures a user meets (missing options, bad config keys, unreadable images, wrong preprocessing, unwritable
// output).

#include "fixtures/modelbuilder.h"
#include "processrunner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using qs::test::ProcessResult;
using qs::test::runCli;
using qs::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kDemoDir = std::string(QS_SOURCE_DIR) + "/resources/demo";
const std::string kDemoModel = kDemoDir + "/model.onnx";
const std::string kConfigDir = std::string(QS_SOURCE_DIR) + "/resources/configs";

std::string readFile(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

/// Copies the first `count` files (sorted) of `from` into `to`.
void copyFirst(const fs::path& from, const fs::path& to, size_t count) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(from))
        if (entry.is_regular_file() && entry.path().extension() == ".png")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    fs::create_directories(to);
    for (size_t i = 0; i < files.size() && i < count; ++i)
        fs::copy_file(files[i], to / files[i].filename());
}

/// A small labelled evaluation folder: `perClass` images of each demo class (classes from the folder names).
void makeEvalSubset(const fs::path& to, size_t perClass) {
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(kDemoDir + "/eval"))
        if (entry.is_directory())
            copyFirst(entry.path(), to / entry.path().filename(), perClass);
}

std::string demoConfig(const TempDir& dir, const std::string& extra = "") {
    return dir.writeFile("config.json", R"({
  "input": {"name": "input"},
  "preprocess": {"color": "GRAY", "scale": 0.00392156862745098, "mean": [0.2860], "std": [0.3530]},
  "calibration": {"method": "percentile", "percentile": 99.99, "batch_size": 8}
  )" + extra + "}\n");
}

void checkFailure(const ProcessResult& result, int exitCode, const std::string& mentioned) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exitCode == exitCode);
    CHECK(result.out.empty());
    REQUIRE(!result.errLines().empty());
    CHECK(result.errLines().back().find(mentioned) != std::string::npos);
}

} // namespace

TEST_CASE("quantize runs end to end on the demo model and writes model, plan and report", "[cli][quantize]") {
    TempDir dir;
    copyFirst(kDemoDir + "/calib", dir.file("calib"), 48);
    makeEvalSubset(dir.file("eval"), 10);
    const std::string config = demoConfig(dir);
    const std::string before = readFile(kDemoModel);
    ProcessResult result =
        runCli({"quantize", kDemoModel, "--calib", dir.file("calib"), "--config", config, "--output",
                dir.file("out.onnx"), "--eval", dir.file("eval"), "--report", dir.file("report.html"),
                "--threads", "1", "--sensitivity", "20", "--json"});
    INFO("stderr: " << result.err);
    REQUIRE(result.exitCode == 0);
    nlohmann::json summary = nlohmann::json::parse(result.out);
    CHECK(readFile(kDemoModel) == before);
    CHECK(fs::exists(dir.file("out.onnx")));
    CHECK(fs::exists(dir.file("out.onnx.plan.json")));
    CHECK(readFile(dir.file("report.html")).find("<table>") != std::string::npos);
    CHECK(summary["float_size_bytes"].get<uint64_t>() == fs::file_size(kDemoModel));
    CHECK(summary["quant_size_bytes"].get<uint64_t>() == fs::file_size(dir.file("out.onnx")));
    CHECK(summary["quant_size_bytes"].get<uint64_t>() < summary["float_size_bytes"].get<uint64_t>());
    REQUIRE(summary["accuracy"].is_object());
    double floatAccuracy = summary["accuracy"]["float"].get<double>();
    double quantAccuracy = summary["accuracy"]["quant"].get<double>();
    CHECK(floatAccuracy > 0.8);
    CHECK(quantAccuracy > floatAccuracy - 0.05);
    CHECK(summary["agreement_top1"].get<double>() > 0.9);
    CHECK(summary["skipped_images"].get<size_t>() == 0);
    CHECK(summary["evaluation_images"].get<size_t>() == 100);
    REQUIRE(summary["layers"].is_array());
    REQUIRE(!summary["layers"].empty());
    size_t withSqnr = 0;
    for (const auto& layer : summary["layers"]) {
        CHECK(layer.contains("name"));
        CHECK(layer["scheme"] == "uniform");
        CHECK(layer["bits"] == 8);
        if (layer["sqnr_db"].is_number()) {
            ++withSqnr;
            CHECK(layer["sqnr_db"].get<double>() > 10.0);
        }
        CHECK(layer.contains("sensitivity"));
    }
    CHECK(withSqnr == summary["layers"].size());

    // evaluate compares the export with the float model and agrees with quantize's own prediction.
    ProcessResult evaluated = runCli({"evaluate", kDemoModel, dir.file("out.onnx"), "--images",
                                      dir.file("eval"), "--config", config, "--threads", "1", "--json"});
    INFO("evaluate stderr: " << evaluated.err);
    REQUIRE(evaluated.exitCode == 0);
    nlohmann::json metrics = nlohmann::json::parse(evaluated.out);
    CHECK(metrics["accuracy"]["float"].get<double>() == Approx(floatAccuracy));
    CHECK(metrics["accuracy"]["quant"].get<double>() == Approx(quantAccuracy).margin(0.011));
    CHECK(metrics["images"].get<size_t>() == 100);
    CHECK(!metrics["layer_sqnr"].empty());
}

TEST_CASE("quantize refuses missing options and overwriting its input", "[cli][quantize]") {
    TempDir dir;
    const std::string config = demoConfig(dir);
    checkFailure(runCli({"quantize", kDemoModel, "--config", config, "--output", dir.file("o.onnx")}), 2,
                 "--calib");
    checkFailure(runCli({"quantize", kDemoModel, "--calib", kDemoDir + "/calib", "--config", config,
                         "--output", kDemoModel}),
                 2, "input model");
    checkFailure(runCli({"evaluate", kDemoModel, "--images", kDemoDir + "/eval", "--config", config}), 2,
                 "QUANT");
}

TEST_CASE("quantize reports bad configs, images and paths by name and writes nothing", "[cli][quantize]") {
    TempDir dir;
    copyFirst(kDemoDir + "/calib", dir.file("calib"), 8);
    const std::string output = dir.file("out.onnx");

    const std::string badKey = dir.writeFile("bad.json", R"({"calibration": {"methd": "entropy"}})");
    checkFailure(runCli({"quantize", kDemoModel, "--calib", dir.file("calib"), "--config", badKey, "--output",
                         output}),
                 1, "calibration.methd");

    const std::string rgb = dir.writeFile("rgb.json", R"({"preprocess": {"color": "RGB"}})");
    ProcessResult wrongColor =
        runCli({"quantize", kDemoModel, "--calib", dir.file("calib"), "--config", rgb, "--output", output});
    CHECK(wrongColor.exitCode == 1);
    CHECK(wrongColor.err.find("preprocess") != std::string::npos);

    fs::create_directories(dir.file("broken"));
    dir.writeFile("broken/a.png", "not a png at all");
    dir.writeFile("broken/b.jpg", "");
    checkFailure(runCli({"quantize", kDemoModel, "--calib", dir.file("broken"), "--config", demoConfig(dir),
                         "--output", output}),
                 1, "broken");

    checkFailure(runCli({"quantize", kDemoModel, "--calib", dir.file("calib"), "--config", demoConfig(dir),
                         "--output", dir.file("missing/dir/out.onnx")}),
                 1, "missing/dir/out.onnx");
    CHECK(!fs::exists(output));
    CHECK(!fs::exists(dir.file("missing")));
}

TEST_CASE("quantize --project runs the model, config and folders a project names",
          "[cli][quantize][project]") {
    TempDir dir;
    copyFirst(kDemoDir + "/calib", dir.file("calib"), 24);
    const std::string config = demoConfig(
        dir, R"(, "layers": {"/features/features.0/features.0.0/Conv": {"weights": {"bits": 4}}})");
    const std::string project = dir.writeFile("demo.qsproj", R"({
  "quantscope_project": 1,
  "model": {"path": ")" + kDemoModel + R"("},
  "data": {"calibration": {"path": "calib"}, "evaluation": null},
  "config": )" + readFile(config) + "}\n");
    const std::vector<std::string> common = {"--threads", "1", "--json"};
    std::vector<std::string> byProject = {"quantize", "--project", project, "--output", dir.file("p.onnx")};
    byProject.insert(byProject.end(), common.begin(), common.end());
    const ProcessResult fromProject = runCli(byProject);
    INFO("stderr: " << fromProject.err);
    REQUIRE(fromProject.exitCode == 0);
    std::vector<std::string> byArguments = {"quantize", kDemoModel, "--calib",  dir.file("calib"),
                                            "--config", config,     "--output", dir.file("a.onnx")};
    byArguments.insert(byArguments.end(), common.begin(), common.end());
    const ProcessResult fromArguments = runCli(byArguments);
    REQUIRE(fromArguments.exitCode == 0);
    CHECK(readFile(dir.file("p.onnx.plan.json")) == readFile(dir.file("a.onnx.plan.json")));
    CHECK(readFile(dir.file("p.onnx.plan.json")).find("\"bits\": 4") != std::string::npos);

    checkFailure(runCli({"quantize", "--project", project, "--output", project}), 2, "is the project");
    checkFailure(runCli({"quantize", "--project", dir.file("none.qsproj"), "--output", dir.file("x.onnx")}),
                 1, "none.qsproj");
    checkFailure(runCli({"quantize", "--output", dir.file("x.onnx")}), 2, "MODEL");
}
