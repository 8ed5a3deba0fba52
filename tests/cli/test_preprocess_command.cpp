// `quantscope-cli preprocess`: the written tensors equal what the core preprocessing gives for each file,
// labels and file list follow the same order, unreadable files are listed and left out, and bad input fails
// on one line.

#include "fixtures/modelbuilder.h"
#include "processrunner.h"

#include "data/preprocess.h"
#include "runtime/npy.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using qs::test::ProcessResult;
using qs::test::runCli;
using qs::test::TempDir;

namespace {

const std::string kDemoDir = std::string(QS_SOURCE_DIR) + "/resources/demo";

/// The demo model's preprocessing, written the way a user writes a config.
const char* const kDemoConfig = R"({
  "input": {"name": "input"},
  "preprocess": {"color": "GRAY", "scale": 0.00392156862745098, "mean": [0.2860], "std": [0.3530],
                 "layout": "NCHW"}
})";

std::vector<std::string> readLines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

void copyFile(const std::string& from, const std::string& to) {
    std::filesystem::create_directories(std::filesystem::path(to).parent_path());
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

qs::PreprocessConfig demoPreprocess() {
    qs::PreprocessConfig config;
    config.color = qs::ColorOrder::Gray;
    config.scale = 0.00392156862745098f;
    config.mean = {0.2860f};
    config.std = {0.3530f};
    return config;
}

} // namespace

TEST_CASE("preprocess writes the labelled evaluation set in scan order", "[cli][preprocess]") {
    TempDir dir;
    const std::string config = dir.writeFile("demo.json", kDemoConfig);
    const std::string out = dir.file("out");
    const ProcessResult result = runCli({"preprocess", "--images", kDemoDir + "/eval", "--config", config,
                                         "--output-dir", out, "--max-images", "30"});
    INFO("stderr: " << result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.err.empty());

    const qs::RuntimeTensor inputs = qs::readNpy(out + "/inputs.npy");
    const qs::RuntimeTensor labels = qs::readNpy(out + "/labels.npy");
    const std::vector<std::string> files = readLines(out + "/files.txt");
    CHECK(inputs.type() == qs::DataType::Float);
    CHECK(inputs.dims() == std::vector<int64_t>{30, 1, 28, 28});
    CHECK(labels.type() == qs::DataType::Int64);
    CHECK(labels.dims() == std::vector<int64_t>{30});
    REQUIRE(files.size() == 30);

    const std::vector<int64_t> labelValues = labels.toInt64s();
    for (size_t i = 0; i < files.size(); ++i) {
        INFO("file " << files[i]);
        // Class folders are named "<index>_<name>", so the label is the folder's leading digit.
        CHECK(labelValues[i] == files[i][0] - '0');
        if (i > 0)
            CHECK(files[i - 1] < files[i]);
    }
    // Every class folder holds 100 images: an evenly spaced subset of 30 reaches all ten classes.
    CHECK(labelValues.front() == 0);
    CHECK(labelValues.back() == 9);

    for (size_t i : {size_t(0), size_t(17), size_t(29)}) {
        INFO("file " << files[i]);
        const qs::RuntimeTensor expected =
            qs::preprocessImageFile(kDemoDir + "/eval/" + files[i], demoPreprocess());
        REQUIRE(expected.elementCount() == 28 * 28);
        CHECK(std::memcmp(inputs.data<float>() + i * 28 * 28, expected.data<float>(),
                          28 * 28 * sizeof(float)) == 0);
    }
}

TEST_CASE("preprocess labels an unlabelled folder with -1", "[cli][preprocess]") {
    TempDir dir;
    const std::string config = dir.writeFile("demo.json", kDemoConfig);
    const std::string out = dir.file("out");
    const ProcessResult result = runCli({"preprocess", "--images", kDemoDir + "/calib", "--config", config,
                                         "--output-dir", out, "--max-images", "8"});
    INFO("stderr: " << result.err);
    REQUIRE(result.exitCode == 0);
    const qs::RuntimeTensor labels = qs::readNpy(out + "/labels.npy");
    CHECK(labels.toInt64s() == std::vector<int64_t>(8, -1));
    CHECK(qs::readNpy(out + "/inputs.npy").dims() == std::vector<int64_t>{8, 1, 28, 28});
    const std::vector<std::string> files = readLines(out + "/files.txt");
    REQUIRE(files.size() == 8);
    CHECK(files[0].find('/') == std::string::npos);
}

TEST_CASE("preprocess leaves out unreadable files and lists them on stderr", "[cli][preprocess]") {
    TempDir dir;
    const std::string config = dir.writeFile("demo.json", kDemoConfig);
    const std::string images = dir.file("images");
    copyFile(kDemoDir + "/eval/0_T-shirt_top/test_00019.png", images + "/a.png");
    copyFile(kDemoDir + "/eval/0_T-shirt_top/test_00027.png", images + "/c.png");
    dir.writeFile("images/b.png", "this is not a PNG file");
    const std::string out = dir.file("out");
    const ProcessResult result =
        runCli({"preprocess", "--images", images, "--config", config, "--output-dir", out});
    INFO("stderr: " << result.err);
    REQUIRE(result.exitCode == 0);
    REQUIRE(result.errLines().size() == 1);
    CHECK(result.errLines()[0].rfind("skipped ", 0) == 0);
    CHECK(result.errLines()[0].find("b.png") != std::string::npos);
    CHECK(readLines(out + "/files.txt") == std::vector<std::string>{"a.png", "c.png"});
    CHECK(qs::readNpy(out + "/inputs.npy").dims() == std::vector<int64_t>{2, 1, 28, 28});
}

TEST_CASE("preprocess fails on one line naming what is wrong", "[cli][preprocess][errors]") {
    TempDir dir;
    const std::string config = dir.writeFile("demo.json", kDemoConfig);
    const std::string out = dir.file("out");
    const std::string images = kDemoDir + "/calib";

    SECTION("missing image folder") {
        const std::string missing = dir.file("no_such_folder");
        const ProcessResult result =
            runCli({"preprocess", "--images", missing, "--config", config, "--output-dir", out});
        CHECK(result.exitCode == 1);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.errLines()[0].find(missing) != std::string::npos);
    }
    SECTION("missing config file") {
        const std::string missing = dir.file("no_such.json");
        const ProcessResult result =
            runCli({"preprocess", "--images", images, "--config", missing, "--output-dir", out});
        CHECK(result.exitCode == 1);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.errLines()[0].find(missing) != std::string::npos);
    }
    SECTION("bad preprocess value names the key") {
        const std::string bad = dir.writeFile("bad.json", R"({"preprocess": {"color": "purple"}})");
        const ProcessResult result =
            runCli({"preprocess", "--images", images, "--config", bad, "--output-dir", out});
        CHECK(result.exitCode == 1);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.errLines()[0].find("preprocess.color") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(out));
    }
    SECTION("mean with the wrong channel count names the key") {
        const std::string bad = dir.writeFile(
            "bad.json", R"({"preprocess": {"color": "GRAY", "mean": [0.1, 0.2, 0.3], "std": [0.5]}})");
        const ProcessResult result =
            runCli({"preprocess", "--images", images, "--config", bad, "--output-dir", out});
        CHECK(result.exitCode == 1);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.errLines()[0].find("preprocess.mean") != std::string::npos);
    }
    SECTION("output folder that cannot be created") {
        const std::string blocker = dir.writeFile("blocker", "a file where a folder should be");
        const ProcessResult result =
            runCli({"preprocess", "--images", images, "--config", config, "--output-dir", blocker + "/out"});
        CHECK(result.exitCode == 1);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.errLines()[0].find(blocker) != std::string::npos);
    }
    SECTION("missing required option") {
        const ProcessResult result = runCli({"preprocess", "--images", images, "--output-dir", out});
        CHECK(result.exitCode == 2);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.errLines()[0].find("--config") != std::string::npos);
    }
    SECTION("bad --max-images") {
        const ProcessResult result = runCli(
            {"preprocess", "--images", images, "--config", config, "--output-dir", out, "--max-images", "0"});
        CHECK(result.exitCode == 2);
        REQUIRE(result.errLines().size() == 1);
        CHECK(result.errLines()[0].find("--max-images") != std::string::npos);
    }
}
