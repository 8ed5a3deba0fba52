// The review report from the outside: `quantize --report` writes the HTML, the PDF and the JSON, refuses
// report paths that are inputs or other outputs, and `report-diff` compares two runs with different configs.

#include "fixtures/modelbuilder.h"
#include "processrunner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
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
const std::string kFirstLayer = "/features/features.0/features.0.0/Conv";

std::string readFile(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

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

/// A small labelled data set: calib/ with 32 images, eval/ with 5 per class.
void makeData(const TempDir& dir) {
    copyFirst(kDemoDir + "/calib", dir.file("calib"), 32);
    for (const auto& entry : fs::directory_iterator(kDemoDir + "/eval"))
        if (entry.is_directory())
            copyFirst(entry.path(), dir.file("eval") + "/" + entry.path().filename().string(), 5);
}

std::string config(const TempDir& dir, const std::string& name, const std::string& extra) {
    return dir.writeFile(name, R"({
  "input": {"name": "input"},
  "preprocess": {"color": "GRAY", "scale": 0.00392156862745098, "mean": [0.2860], "std": [0.3530]},
  "calibration": {"method": "percentile", "percentile": 99.99, "batch_size": 8})" +
                                   extra + "}\n");
}

ProcessResult quantize(const TempDir& dir, const std::string& configPath, const std::string& name,
                       const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"quantize",      kDemoModel,
                                     "--calib",       dir.file("calib"),
                                     "--config",      configPath,
                                     "--output",      dir.file(name + ".onnx"),
                                     "--eval",        dir.file("eval"),
                                     "--report",      dir.file(name + ".html"),
                                     "--threads",     "1",
                                     "--sensitivity", "20"};
    args.insert(args.end(), extra.begin(), extra.end());
    return runCli(args);
}

} // namespace

TEST_CASE("quantize --report writes a self-contained HTML, a PDF and a JSON run record", "[cli][report]") {
    TempDir dir;
    makeData(dir);
    const ProcessResult result = quantize(dir, config(dir, "cfg-w8.json", ""), "w8");
    INFO("stderr: " << result.err);
    REQUIRE(result.exitCode == 0);

    const std::string html = readFile(dir.file("w8.html"));
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("model.onnx") != std::string::npos);
    CHECK(html.find(kFirstLayer) != std::string::npos);
    CHECK(html.find("<svg ") != std::string::npos);
    CHECK(html.find("http") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);

    const std::string pdf = readFile(dir.file("w8.pdf"));
    CHECK(pdf.rfind("%PDF-1.4", 0) == 0);
    CHECK(pdf.find("%%EOF") != std::string::npos);

    const nlohmann::json run = nlohmann::json::parse(readFile(dir.file("w8.json")));
    CHECK(run["format"] == "quantscope-review");
    CHECK(run["model"]["sha256"].get<std::string>().size() == 64);
    CHECK(run["quant_size_bytes"].get<uint64_t>() == fs::file_size(dir.file("w8.onnx")));
    REQUIRE(run["layers"].is_array());
    REQUIRE(!run["layers"].empty());
    for (const auto& layer : run["layers"]) {
        CHECK(layer["bits"] == 8);
        CHECK(layer["sqnr_db"].is_number());
        CHECK(layer["isolated_sqnr_db"].is_number());
        CHECK(layer["range_method"] == "percentile 99.99");
    }
}

TEST_CASE("quantize refuses a report that is the model, the output or a file beside them", "[cli][report]") {
    TempDir dir;
    makeData(dir);
    const std::string cfg = config(dir, "cfg.json", "");
    const auto refused = [&](const std::vector<std::string>& args, const std::string& mentioned) {
        const ProcessResult result = runCli(args);
        INFO("stderr: " << result.err);
        CHECK(result.exitCode == 2);
        REQUIRE(!result.errLines().empty());
        CHECK(result.errLines().back().find(mentioned) != std::string::npos);
        CHECK(!fs::exists(dir.file("out.onnx")));
    };
    const std::vector<std::string> base = {"quantize", kDemoModel, "--calib",  dir.file("calib"),
                                           "--config", cfg,        "--output", dir.file("out.onnx")};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    refused(with({"--report", kDemoModel}), "the input model");
    refused(with({"--report", dir.file("out.onnx")}), "--output");
    // The PDF beside the report would be the output.
    fs::copy_file(kDemoModel, dir.file("model.onnx"));
    refused({"quantize", dir.file("model.onnx"), "--calib", dir.file("calib"), "--config", cfg, "--output",
             dir.file("r.pdf"), "--report", dir.file("r.html")},
            "the PDF written beside --report");
    // The JSON beside the report would be the config.
    refused(with({"--report", dir.file("cfg.html")}), "the config");
    refused(with({"--report", dir.file("a.html"), "--previous", dir.file("a.json")}), "--previous");
    refused(with({"--previous", dir.file("old.json")}), "--previous needs --report");
}

TEST_CASE("report-diff lists the layers two runs with different configs quantized differently",
          "[cli][report][reportdiff]") {
    TempDir dir;
    makeData(dir);
    REQUIRE(quantize(dir, config(dir, "cfg-w8.json", ""), "w8").exitCode == 0);
    const std::string lowBits =
        config(dir, "cfg-w4.json", R"(, "layers": {")" + kFirstLayer + R"(": {"weights": {"bits": 4}}})");
    const ProcessResult second = quantize(dir, lowBits, "w4", {"--previous", dir.file("w8.json")});
    INFO("stderr: " << second.err);
    REQUIRE(second.exitCode == 0);
    // The second report has the section of changes since the first.
    const std::string html = readFile(dir.file("w4.html"));
    CHECK(html.find("Changes since the previous run") != std::string::npos);
    CHECK(html.find("bits 8 -&gt; 4") != std::string::npos);

    const ProcessResult text = runCli({"report-diff", dir.file("w8.json"), dir.file("w4.json")});
    INFO("report-diff: " << text.out << text.err);
    REQUIRE(text.exitCode == 0);
    CHECK(text.out.find(kFirstLayer + ": bits 8 -> 4") != std::string::npos);
    CHECK(text.out.find("quantized size:") != std::string::npos);

    const ProcessResult json = runCli({"report-diff", dir.file("w8.json"), dir.file("w4.json"), "--json"});
    REQUIRE(json.exitCode == 0);
    const nlohmann::json diff = nlohmann::json::parse(json.out);
    bool found = false;
    for (const auto& layer : diff["layers"]) {
        if (layer["name"] == kFirstLayer) {
            found = true;
            CHECK(layer["strategy_changes"][0] == "bits 8 -> 4");
            CHECK(layer["sqnr_delta_db"].get<double>() < 0.0);
        } else {
            CHECK(layer["strategy_changes"].empty());
        }
    }
    CHECK(found);
    CHECK(diff["quant_size_bytes"]["delta"].get<int64_t>() != 0);

    // A run diffed with itself has no changed layer.
    const ProcessResult same = runCli({"report-diff", dir.file("w8.json"), dir.file("w8.json")});
    REQUIRE(same.exitCode == 0);
    CHECK(same.out.find("0 layers changed") != std::string::npos);
}

TEST_CASE("report-diff names the file it cannot read", "[cli][reportdiff]") {
    TempDir dir;
    const std::string broken = dir.writeFile("broken.json", "{not json");
    const std::string good = dir.writeFile("good.json", R"({"layers": []})");
    ProcessResult result = runCli({"report-diff", broken, good});
    CHECK(result.exitCode == 1);
    CHECK(result.err.find("broken.json") != std::string::npos);
    CHECK(result.out.empty());
    result = runCli({"report-diff", good, dir.file("missing.json")});
    CHECK(result.exitCode == 1);
    CHECK(result.err.find("missing.json") != std::string::npos);
    result = runCli({"report-diff", good});
    CHECK(result.exitCode == 2);
}
