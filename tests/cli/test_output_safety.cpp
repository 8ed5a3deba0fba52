// Outputs never clobber inputs or each other: an output path that is an input (by name, symbolic link or hard
// link) or another output is refused before any work; graph outputs whose file names collide get distinct
// files; an interrupted quantize leaves either nothing or a complete model at the final path and no temporary
// file, and never touches its input.

#include "processrunner.h"

#include "fixtures/modelbuilder.h"
#include "model/onnxloader.h"
#include "runtime/npy.h"
#include "runtime/runtimetensor.h"
#include "util/outputpaths.h"
#include "util/sha256.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using qs::test::ProcessResult;
using qs::test::runCli;
using qs::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kDemoDir = std::string(QS_SOURCE_DIR) + "/resources/demo";
const std::string kConfig = std::string(QS_SOURCE_DIR) + "/resources/configs/demo-w8a8.json";

void requireRefused(const ProcessResult& result, const std::string& mentioned) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exitCode == 2);
    REQUIRE(!result.errLines().empty());
    CHECK(result.errLines().back().find(mentioned) != std::string::npos);
}

/// A calibration folder of the first `count` demo images.
std::string smallCalibration(const TempDir& dir, size_t count) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kDemoDir + "/calib"))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    const fs::path folder = dir.file("calib");
    fs::create_directories(folder);
    for (size_t i = 0; i < count && i < files.size(); ++i)
        fs::copy_file(files[i], folder / files[i].filename());
    return folder.string();
}

/// Starts quantscope-cli with `args`, sends `signal` after `delayMs`, returns how it ended (128 + signal when
/// killed, else the exit code).
int runAndSignal(const std::vector<std::string>& args, int delayMs, int signal) {
    std::vector<std::string> argv = {QS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (std::string& arg : argv)
        pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execv(pointers[0], pointers.data());
        ::_exit(127);
    }
    ::usleep(static_cast<useconds_t>(delayMs) * 1000);
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

bool isTemporary(const fs::path& path) {
    return path.filename().string().find(".tmp-") != std::string::npos;
}

} // namespace

TEST_CASE("Two paths name the same file through spellings, symbolic links and hard links", "[cli][outputs]") {
    TempDir dir;
    const std::string file = dir.writeFile("m.onnx", "x");
    fs::create_symlink(file, dir.file("link.onnx"));
    fs::create_hard_link(file, dir.file("hard.onnx"));
    CHECK(qs::sameFile(file, dir.path() + "/./m.onnx"));
    CHECK(qs::sameFile(file, dir.file("link.onnx")));
    CHECK(qs::sameFile(file, dir.file("hard.onnx")));
    CHECK(qs::sameFile(dir.file("new.onnx"), dir.path() + "/sub/../new.onnx")); // neither exists
    CHECK_FALSE(qs::sameFile(file, dir.file("other.onnx")));
    CHECK_THROWS_WITH(
        qs::checkOutputsDistinct({{"--report", dir.file("hard.onnx")}}, {{"the input model", file}}),
        Catch::Matchers::Contains("--report") && Catch::Matchers::Contains("the input model"));
    CHECK(qs::uniqueFileNames({"a_b", "a_b", "a_b_2", "A_B"}) ==
          std::vector<std::string>{"a_b", "a_b_3", "a_b_2", "A_B_4"});
}

TEST_CASE("quantize refuses outputs that are its inputs or each other, before any work", "[cli][outputs]") {
    TempDir dir;
    const std::string model = dir.file("m.onnx");
    fs::copy_file(kDemoDir + "/model.onnx", model);
    const std::string before = qs::sha256OfFile(model);
    const std::string calib = smallCalibration(dir, 8);
    const std::vector<std::string> base = {"quantize", model, "--calib", calib, "--config", kConfig};
    const auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return runCli(args);
    };
    requireRefused(with({"--output", dir.file("o.onnx"), "--report", model}), "is the input model");
    requireRefused(with({"--output", dir.file("o.onnx"), "--report", dir.file("o.onnx")}),
                   "is also --output");
    requireRefused(with({"--output", dir.file("o.onnx"), "--report", dir.file("o.onnx.plan.json")}),
                   "is also the plan");
    requireRefused(with({"--output", kConfig}), "is the config");
    fs::create_hard_link(model, dir.file("hard.onnx"));
    requireRefused(with({"--output", dir.file("hard.onnx")}), "is the input model");
    fs::create_symlink(model, dir.file("link.html"));
    requireRefused(with({"--output", dir.file("o.onnx"), "--report", dir.file("link.html")}),
                   "is the input model");
    CHECK(qs::sha256OfFile(model) == before);
    CHECK_FALSE(fs::exists(dir.file("o.onnx")));
}

TEST_CASE("run gives graph outputs whose file names collide their own files", "[cli][outputs]") {
    TempDir dir;
    qs::test::ModelBuilder builder;
    builder.input("x", qs::DataType::Float, {1, 4});
    builder.node("Relu", {"x"}, {"a/b"}, "relu");
    builder.node("Neg", {"x"}, {"a_b"}, "neg");
    builder.output("a/b", qs::DataType::Float);
    builder.output("a_b", qs::DataType::Float);
    builder.save(dir.file("two.onnx"));
    qs::RuntimeTensor x(qs::DataType::Float, {1, 4});
    float* values = static_cast<float*>(x.raw());
    for (int i = 0; i < 4; ++i)
        values[i] = float(i) - 1.5f;
    qs::writeNpy(dir.file("x.npy"), x);

    const ProcessResult result = runCli(
        {"run", dir.file("two.onnx"), "--input", "x=" + dir.file("x.npy"), "--output-dir", dir.file("out")});
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const qs::RuntimeTensor relu = qs::readNpy(dir.file("out/a_b.npy"));
    const qs::RuntimeTensor neg = qs::readNpy(dir.file("out/a_b_2.npy"));
    CHECK(static_cast<const float*>(relu.raw())[0] == 0.0f);
    CHECK(static_cast<const float*>(neg.raw())[0] == 1.5f);
    CHECK(result.out.find("a_b_2.npy") != std::string::npos);

    // An output file that would replace an input is refused before the run.
    const ProcessResult overInput = runCli({"run", dir.file("two.onnx"), "--input",
                                            "x=" + dir.file("out/a_b.npy"), "--output-dir", dir.file("out")});
    CHECK(overInput.exitCode == 2);
    CHECK(overInput.err.find("is the input file") != std::string::npos);
}

TEST_CASE(
    "An interrupted quantize leaves a complete model or nothing, no temporary file, and its input intact",
    "[cli][outputs][interrupt]") {
    TempDir dir;
    const std::string model = dir.file("m.onnx");
    fs::copy_file(kDemoDir + "/model.onnx", model);
    const std::string before = qs::sha256OfFile(model);
    const std::string calib = smallCalibration(dir, 16);
    const std::string output = dir.file("out/q.onnx");
    fs::create_directories(dir.file("out"));
    int completed = 0, interrupted = 0;
    for (int round = 0; round < 20; ++round) {
        fs::remove(output);
        const int signal = round % 2 == 0 ? SIGKILL : SIGINT;
        const int delayMs = 60 * round;
        const int ended = runAndSignal(
            {"quantize", model, "--calib", calib, "--config", kConfig, "--output", output, "--threads", "1"},
            delayMs, signal);
        INFO("round " << round << " signal " << signal << " after " << delayMs << " ms, ended " << ended);
        (ended == 0 ? completed : interrupted)++;
        if (fs::exists(output))
            CHECK_NOTHROW(qs::loadOnnxModel(output)); // complete and valid, never a partial file
        if (signal == SIGINT)
            for (const auto& entry : fs::directory_iterator(dir.file("out")))
                CHECK_FALSE(isTemporary(entry.path()));
        CHECK(qs::sha256OfFile(model) == before);
    }
    CHECK(interrupted > 0);
    for (const auto& entry : fs::directory_iterator(dir.file("out")))
        if (isTemporary(entry.path()))
            fs::remove(entry.path()); // SIGKILL cannot clean up; the next write is unaffected
}

namespace {

/// Starts quantscope-cli with `args`, waits until it reports the export stage on stderr, then sends SIGKILL
/// after `delayUs`. Returns how it ended (128 + signal when killed) and whether the export stage was seen.
std::pair<int, bool> killDuringExport(const std::vector<std::string>& args, int delayUs) {
    std::vector<std::string> argv = {QS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (std::string& arg : argv)
        pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    int errPipe[2];
    REQUIRE(::pipe(errPipe) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(errPipe[1], 2);
        ::close(errPipe[0]);
        ::close(errPipe[1]);
        ::execv(pointers[0], pointers.data());
        ::_exit(127);
    }
    ::close(errPipe[1]);
    std::string err;
    bool exporting = false;
    char buffer[4096];
    while (!exporting) {
        const ssize_t got = ::read(errPipe[0], buffer, sizeof buffer);
        if (got <= 0)
            break;
        err.append(buffer, size_t(got));
        exporting = err.find(": exporting ") != std::string::npos;
    }
    if (exporting) {
        ::usleep(static_cast<useconds_t>(delayUs));
        ::kill(pid, SIGKILL);
    }
    ::close(errPipe[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status), exporting};
}

} // namespace

TEST_CASE("SIGKILL at random points of the export leaves a complete model or nothing, and the input intact",
          "[cli][outputs][interrupt]") {
    TempDir dir;
    // Large enough weights (8 M parameters, 32 MB) that writing the export takes a while.
    qs::test::ModelBuilder builder;
    builder.input("input", qs::DataType::Float, {"batch", 1, 28, 28});
    builder.initializer("w1", {784, 10240}, qs::test::randomValues(784 * 10240, 3, 0.05f));
    builder.initializer("w2", {10240, 10}, qs::test::randomValues(10240 * 10, 4, 0.05f));
    builder.initializerInt64("flat", {2}, {-1, 784});
    builder.node("Reshape", {"input", "flat"}, {"x"}, "flatten");
    builder.node("MatMul", {"x", "w1"}, {"h"}, "fc1");
    builder.node("Relu", {"h"}, {"r"}, "relu");
    builder.node("MatMul", {"r", "w2"}, {"logits"}, "fc2");
    builder.output("logits", qs::DataType::Float);
    const std::string model = dir.file("big.onnx");
    builder.save(model);
    const std::string before = qs::sha256OfFile(model);
    const std::string calib = smallCalibration(dir, 4);
    const std::string output = dir.file("out/q.onnx");
    fs::create_directories(dir.file("out"));
    std::mt19937 random(1202);
    std::uniform_int_distribution<int> delayUs(0, 100000);
    int killed = 0, completed = 0, seen = 0;
    for (int round = 0; round < 20; ++round) {
        fs::remove(output);
        const int delay = delayUs(random);
        const auto [ended, exporting] = killDuringExport(
            {"quantize", model, "--calib", calib, "--config", kConfig, "--output", output, "--threads", "1"},
            delay);
        INFO("round " << round << " killed " << delay << " us into the export, ended " << ended);
        seen += exporting;
        (ended == 0 ? completed : killed)++;
        if (fs::exists(output)) {
            // Complete and valid (the loader runs the ONNX checker), never a partial file.
            CHECK_NOTHROW(qs::loadOnnxModel(output));
            CHECK(fs::file_size(output) > 7u * 1024 * 1024);
        }
        CHECK(qs::sha256OfFile(model) == before);
        for (const auto& entry : fs::directory_iterator(dir.file("out")))
            if (isTemporary(entry.path()))
                fs::remove(entry.path()); // SIGKILL cannot clean up; the next write is unaffected
    }
    INFO(killed << " killed during the export, " << completed << " completed first");
    CHECK(seen == 20);
    CHECK(killed > 0);
}
