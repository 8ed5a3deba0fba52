// Memory before work: --max-memory refuses a run whose estimate is above the limit before any image is read
// or any output written, and a weight stored as external data is held once while a model loads.

#include "fixtures/modelbuilder.h"
#include "processrunner.h"
#include "runtime/npy.h"
#include "runtime/runtimetensor.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using qs::test::ProcessResult;
using qs::test::runCli;
using qs::test::TempDir;

namespace fs = std::filesystem;

namespace {

const std::string kDemoDir = std::string(QS_SOURCE_DIR) + "/resources/demo";
const std::string kDemoModel = kDemoDir + "/model.onnx";
const std::string kDemoConfig = std::string(QS_SOURCE_DIR) + "/resources/configs/demo-w8a8.json";

void checkRefused(const ProcessResult& result, const std::string& model) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exitCode == 2);
    CHECK(result.out.empty());
    REQUIRE(!result.errLines().empty());
    const std::string line = result.errLines().back();
    CHECK(line.rfind("quantscope-cli: " + model + ": estimated memory ", 0) == 0);
    CHECK(line.find("is more than the limit of") != std::string::npos);
    CHECK(line.find("--max-memory") != std::string::npos);
    // The node where most memory is live is named, so the user knows what to shrink.
    CHECK(line.find(", peak at node '") != std::string::npos);
    // Refused before calibration or evaluation started.
    CHECK(result.err.find("Scanning") == std::string::npos);
    CHECK(result.err.find("Calibrating") == std::string::npos);
    CHECK(result.err.find("evaluating") == std::string::npos);
}

void checkBadSize(const ProcessResult& result, const std::string& text) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exitCode == 2);
    CHECK(result.out.empty());
    REQUIRE(result.errLines().size() == 1);
    CHECK(result.errLines()[0] ==
          "quantscope-cli: --max-memory expects a size such as 512M or 8G, got '" + text + "'");
}

/// A model multiplying x [1, k] by one weight [k, k] stored in the external file "weight.bin".
void writeExternalMatMul(const TempDir& dir, int64_t k) {
    qs::test::ModelBuilder builder;
    builder.input("x", qs::DataType::Float, {1, k});
    builder.externalInitializer("w", qs::DataType::Float, {k, k}, "weight.bin");
    builder.node("MatMul", {"x", "w"}, {"y"}, "matmul");
    builder.output("y", qs::DataType::Float, {1, k});
    builder.save(dir.file("model.onnx"));
    std::ofstream data(dir.file("weight.bin"), std::ios::binary);
    std::vector<float> chunk(size_t(1) << 20, 0.25f);
    for (int64_t left = k * k; left > 0; left -= int64_t(chunk.size())) {
        const int64_t count = std::min<int64_t>(left, int64_t(chunk.size()));
        data.write(reinterpret_cast<const char*>(chunk.data()), std::streamsize(count * sizeof(float)));
    }
    REQUIRE(data.good());
}

/// Runs quantscope-cli with `args` (output discarded) and returns the exit status and the child's peak
/// resident set size in bytes, as the kernel reports it to the waiting parent.
std::pair<int, uint64_t> peakResidentBytes(const std::vector<std::string>& args) {
    const qs::test::ProcessResult result = qs::test::runCli(args);
    return {result.exitCode, result.peakResidentBytes};
}

} // namespace

TEST_CASE("quantize is refused before calibration when the estimate is above --max-memory", "[cli][memory]") {
    TempDir dir;
    const std::string output = dir.file("out.onnx");
    checkRefused(runCli({"quantize", kDemoModel, "--calib", kDemoDir + "/calib", "--config", kDemoConfig,
                         "--output", output, "--eval", kDemoDir + "/eval", "--report",
                         dir.file("report.html"), "--max-memory", "1M"}),
                 kDemoModel);
    CHECK_FALSE(fs::exists(output));
    CHECK_FALSE(fs::exists(output + ".plan.json"));
    CHECK_FALSE(fs::exists(dir.file("report.html")));
    CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("quantize runs under the default memory limit and under a large --max-memory", "[cli][memory]") {
    TempDir dir;
    const std::string output = dir.file("out.onnx");
    const bool explicitLimit = GENERATE(false, true);
    std::vector<std::string> args = {"quantize", kDemoModel,  "--calib",  kDemoDir + "/calib",
                                     "--config", kDemoConfig, "--output", output};
    if (explicitLimit)
        args.insert(args.end(), {"--max-memory", "64G"});
    const ProcessResult result = runCli(args);
    INFO("stderr: " << result.err);
    CHECK(result.exitCode == 0);
    CHECK(fs::exists(output));
}

TEST_CASE("run and evaluate are refused before any inference when the estimate is above --max-memory",
          "[cli][memory]") {
    TempDir dir;
    qs::test::makeSmallCnn(dir.file("cnn.onnx"));
    qs::RuntimeTensor input(qs::DataType::Float, {64, 3, 16, 16});
    std::fill(input.data<float>(), input.data<float>() + input.elementCount(), 0.5f);
    qs::writeNpy(dir.file("input.npy"), input);
    const ProcessResult refused =
        runCli({"run", dir.file("cnn.onnx"), "--input", "input=" + dir.file("input.npy"), "--output-dir",
                dir.file("out"), "--max-memory", "64K"});
    checkRefused(refused, dir.file("cnn.onnx"));
    REQUIRE(refused.errLines().size() == 1);
    CHECK_FALSE(fs::exists(dir.file("out")));
    const ProcessResult accepted =
        runCli({"run", dir.file("cnn.onnx"), "--input", "input=" + dir.file("input.npy"), "--output-dir",
                dir.file("out")});
    INFO("stderr: " << accepted.err);
    CHECK(accepted.exitCode == 0);
    CHECK(fs::exists(dir.file("out/logits.npy")));

    const ProcessResult compared = runCli({"evaluate", kDemoModel, kDemoModel, "--images", kDemoDir + "/eval",
                                           "--config", kDemoConfig, "--max-memory", "1M"});
    checkRefused(compared, kDemoModel + " and " + kDemoModel);
}

TEST_CASE("The memory limit takes the size syntax of --max-tensor-bytes", "[cli][memory]") {
    TempDir dir;
    for (const std::string text : {"lots", "0", "12Q", "-5M", ""}) {
        checkBadSize(runCli({"run", kDemoModel, "--output-dir", dir.file("out"), "--max-memory", text}),
                     text);
        checkBadSize(runCli({"quantize", kDemoModel, "--calib", kDemoDir + "/calib", "--config", kDemoConfig,
                             "--output", dir.file("out.onnx"), "--max-memory", text}),
                     text);
        checkBadSize(runCli({"evaluate", kDemoModel, kDemoModel, "--images", kDemoDir + "/eval", "--config",
                             kDemoConfig, "--max-memory", text}),
                     text);
    }
    CHECK(fs::is_empty(dir.path()));
    const ProcessResult help = runCli({"run", "--help"});
    CHECK(help.out.find("--max-memory SIZE") != std::string::npos);
    CHECK(help.out.find("80%") != std::string::npos);
}

TEST_CASE("inspecting a model with a large external weight holds the weight once",
          "[cli][memory][externaldata]") {
    // The baseline: the same model with a tiny weight (the process, its libraries and the loader's own
    // needs).
    TempDir small;
    writeExternalMatMul(small, 16);
    const auto [smallExit, baselineBytes] = peakResidentBytes({"inspect", small.file("model.onnx")});
    REQUIRE(smallExit == 0);

    TempDir large;
    const int64_t k = 8192; // 8192 x 8192 float32 = 256 MiB
    const uint64_t tensorBytes = uint64_t(k) * uint64_t(k) * sizeof(float);
    writeExternalMatMul(large, k);
    const auto [exitCode, peakBytes] = peakResidentBytes({"inspect", large.file("model.onnx")});
    INFO("peak RSS " << (peakBytes >> 20) << " MiB for a " << (tensorBytes >> 20) << " MiB weight (baseline "
                     << (baselineBytes >> 20) << " MiB)");
    REQUIRE(exitCode == 0);
    CHECK(peakBytes >= tensorBytes);
    CHECK(peakBytes <= tensorBytes * 3 / 2 + baselineBytes);
}
