// The image pixel limit from the command line (--max-image-pixels, over the config's
// preprocess.max_image_pixels), and what happens when OpenCV runs out of memory while preprocessing: one
// plain error line naming the image, never the library's own exception text.

#include "fixtures/modelbuilder.h"
#include "processrunner.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using qs::test::ProcessResult;
using qs::test::runCli;
using qs::test::runProcess;
using qs::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kDemoDir = std::string(QS_SOURCE_DIR) + "/resources/demo";
const std::string kDemoModel = kDemoDir + "/model.onnx";

/// The first `count` demo calibration images (28 x 28 gray) copied into `to`.
void copyDemoImages(const fs::path& to, size_t count) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kDemoDir + "/calib"))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    fs::create_directories(to);
    for (size_t i = 0; i < count && i < files.size(); ++i)
        fs::copy_file(files[i], to / files[i].filename());
}

std::string lastLine(const ProcessResult& result) {
    const std::vector<std::string> lines = result.errLines();
    return lines.empty() ? std::string() : lines.back();
}

} // namespace

TEST_CASE("The --max-image-pixels option replaces the config's limit in quantize, evaluate and preprocess",
          "[cli][limits][images]") {
    TempDir dir;
    copyDemoImages(dir.file("images"), 4);
    const std::string config = dir.writeFile(
        "limited.json",
        R"({"preprocess": {"color": "GRAY", "scale": 0.00392156862745098, "max_image_pixels": 700}})");

    SECTION("the config's lower limit refuses the 28 x 28 images, naming the limit") {
        const ProcessResult result = runCli({"preprocess", "--images", dir.file("images"), "--config", config,
                                             "--output-dir", dir.file("out")});
        INFO(result.err);
        CHECK(result.exitCode == 1);
        CHECK(result.errLines().size() == 1);
        CHECK(lastLine(result).find("declares 28×28 pixels, more than the limit of 700 pixels") !=
              std::string::npos);
        CHECK(lastLine(result).find("preprocess.max_image_pixels") != std::string::npos);
    }
    SECTION("a raised limit lets them through; exactly the image's size is enough") {
        const ProcessResult result = runCli({"preprocess", "--images", dir.file("images"), "--config", config,
                                             "--output-dir", dir.file("out"), "--max-image-pixels", "784"});
        INFO(result.err);
        CHECK(result.exitCode == 0);
        CHECK(fs::exists(dir.file("out/inputs.npy")));
        const ProcessResult quantized =
            runCli({"quantize", kDemoModel, "--calib", dir.file("images"), "--config", config, "--output",
                    dir.file("q.onnx"), "--max-image-pixels", "100000"});
        INFO(quantized.err);
        CHECK(quantized.exitCode == 0);
    }
    SECTION("a lowered limit refuses normal images in every command, naming the limit") {
        const std::string plain = dir.writeFile("plain.json", R"({"preprocess": {"color": "GRAY"}})");
        const std::vector<std::vector<std::string>> commands = {
            {"preprocess", "--images", dir.file("images"), "--config", plain, "--output-dir", dir.file("out"),
             "--max-image-pixels", "783"},
            {"quantize", kDemoModel, "--calib", dir.file("images"), "--config", plain, "--output",
             dir.file("q.onnx"), "--max-image-pixels", "783"},
            {"evaluate", kDemoModel, kDemoModel, "--images", dir.file("images"), "--config", plain,
             "--max-image-pixels", "783"},
        };
        for (const std::vector<std::string>& command : commands) {
            const ProcessResult result = runCli(command);
            INFO(command[0] << ": " << result.err);
            CHECK(result.exitCode == 1);
            CHECK(lastLine(result).rfind("quantscope-cli: error: ", 0) == 0);
            CHECK(lastLine(result).find("more than the limit of 783 pixels") != std::string::npos);
        }
        CHECK_FALSE(fs::exists(dir.file("q.onnx")));
    }
    SECTION("a bad --max-image-pixels is a usage error naming the option") {
        for (const char* value : {"0", "-5", "many", "1073741825", "12.5", ""}) {
            const ProcessResult result =
                runCli({"preprocess", "--images", dir.file("images"), "--config", config, "--output-dir",
                        dir.file("out"), "--max-image-pixels", value});
            INFO(value << ": " << result.err);
            CHECK(result.exitCode == 2);
            CHECK(lastLine(result).find("--max-image-pixels") != std::string::npos);
        }
    }
    SECTION("the help of each command lists the option") {
        for (const char* command : {"quantize", "evaluate", "preprocess"})
            CHECK(runCli({command, "--help"}).out.find("--max-image-pixels N") != std::string::npos);
    }
}

TEST_CASE("running out of memory while preprocessing names the image and the step, not OpenCV",
          "[cli][limits][opencv]") {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    WARN("skipped: sanitizers need more address space than the limit this test sets");
#else
    if (!fs::exists("/usr/bin/prlimit")) {
        WARN("skipped: /usr/bin/prlimit is not installed");
        return;
    }
    TempDir dir;
    copyDemoImages(dir.file("images"), 2);
    // Resizing a 28 x 28 image to 16384 x 16384 needs 256 MiB, its float copy 1 GiB: with 600 MiB of address
    // space one of them cannot be allocated.
    const std::string config =
        dir.writeFile("big.json", R"({"preprocess": {"color": "GRAY", "resize": [16384, 16384]}})");
    const ProcessResult result =
        runProcess({"/usr/bin/prlimit", "--as=" + std::to_string(600u << 20), QS_CLI_PATH, "preprocess",
                    "--images", dir.file("images"), "--config", config, "--output-dir", dir.file("out")});
    INFO(result.err);
    CHECK(result.exitCode == 1);
    CHECK(result.errLines().size() == 1);
    const std::string line = lastLine(result);
    CHECK(
        line.rfind("quantscope-cli: error: " + dir.file("images") + "/calib_0000.png: not enough memory to ",
                   0) == 0);
    CHECK(line.find("16384×16384 pixels") != std::string::npos);
    CHECK(line.find("OpenCV") == std::string::npos);
    CHECK(line.find("unexpected failure") == std::string::npos);
#endif
}
