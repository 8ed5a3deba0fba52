// The dispatcher and the inspect command facing bad input: every failure is one line on stderr, a non-zero
// exit status, and nothing on stdout.

#include "fixtures/modelbuilder.h"
#include "processrunner.h"
#include "runtime/npy.h"
#include "runtime/runtimetensor.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

using qs::test::ProcessResult;
using qs::test::runCli;
using qs::test::TempDir;

namespace {

void checkOneLineFailure(const ProcessResult& result, int exitCode, const std::string& mentioned) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exitCode == exitCode);
    CHECK(result.out.empty());
    REQUIRE(result.errLines().size() == 1);
    CHECK(result.errLines()[0].rfind("quantscope-cli: ", 0) == 0);
    CHECK(result.errLines()[0].find(mentioned) != std::string::npos);
}

std::string readFile(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

} // namespace

TEST_CASE("inspect of a missing file fails naming the file", "[cli][errors]") {
    TempDir dir;
    const std::string path = dir.file("does_not_exist.onnx");
    const bool json = GENERATE(true, false);
    ProcessResult result = json ? runCli({"inspect", path, "--json"}) : runCli({"inspect", path});
    checkOneLineFailure(result, 1, path);
    CHECK(result.err.find("error:") != std::string::npos);
}

TEST_CASE("inspect of a file that is not ONNX fails naming the file", "[cli][errors]") {
    TempDir dir;
    const std::string path = dir.writeFile("garbage.onnx", "\x08\xff\xff\xff\xff this is not a model");
    checkOneLineFailure(runCli({"inspect", path, "--json"}), 1, "garbage.onnx");
    const std::string text = dir.writeFile("notes.onnx", "hello, I am a text file\n");
    checkOneLineFailure(runCli({"inspect", text, "--json"}), 1, "notes.onnx");
    const std::string empty = dir.writeFile("empty.onnx", "");
    checkOneLineFailure(runCli({"inspect", empty, "--json"}), 1, "empty.onnx");
}

TEST_CASE("inspect of a truncated model fails naming the file", "[cli][errors]") {
    TempDir dir;
    qs::test::makeSmallCnn(dir.file("whole.onnx"));
    const std::string bytes = readFile(dir.file("whole.onnx"));
    REQUIRE(bytes.size() > 100);
    const std::string path = dir.writeFile("truncated.onnx", bytes.substr(0, bytes.size() / 2));
    checkOneLineFailure(runCli({"inspect", path, "--json"}), 1, "truncated.onnx");
}

TEST_CASE("inspect of a folder fails naming it", "[cli][errors]") {
    TempDir dir;
    checkOneLineFailure(runCli({"inspect", dir.path(), "--json"}), 1, dir.path());
}

TEST_CASE("unknown options and commands are usage errors", "[cli][errors]") {
    checkOneLineFailure(runCli({"inspect", "model.onnx", "--jsn"}), 2, "--jsn");
    checkOneLineFailure(runCli({"inspekt", "model.onnx"}), 2, "inspekt");
    checkOneLineFailure(runCli({"--frobnicate"}), 2, "--frobnicate");
    checkOneLineFailure(runCli({"inspect"}), 2, "MODEL");
    checkOneLineFailure(runCli({"inspect", "a.onnx", "b.onnx"}), 2, "b.onnx");
    checkOneLineFailure(runCli({}), 2, "--help");
}

TEST_CASE("--help lists the commands and --version prints the version", "[cli]") {
    const ProcessResult help = runCli({"--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.err.empty());
    CHECK(help.out.find("inspect") != std::string::npos);
    const ProcessResult inspectHelp = runCli({"inspect", "--help"});
    CHECK(inspectHelp.exitCode == 0);
    CHECK(inspectHelp.out.find("--json") != std::string::npos);
    const ProcessResult version = runCli({"--version"});
    CHECK(version.exitCode == 0);
    CHECK(version.out.rfind("quantscope-cli ", 0) == 0);
    CHECK(version.out.find('.') != std::string::npos);
}

TEST_CASE(
    "run on an impossible shape fails in one line naming the node, and --max-tensor-bytes limits tensors",
    "[cli][errors][limits]") {
    TempDir dir;
    qs::test::ModelBuilder builder;
    builder.input("x", qs::DataType::Float, {1, 4});
    builder.input("shape", qs::DataType::Int64, {2});
    builder.node("Expand", {"x", "shape"}, {"y"}, "expand_huge");
    builder.node("Softmax", {"y"}, {"z"}, "softmax");
    builder.output("z", qs::DataType::Float);
    builder.save(dir.file("expand.onnx"));
    qs::RuntimeTensor x(qs::DataType::Float, {1, 4});
    qs::RuntimeTensor shape = qs::RuntimeTensor::fromInt64s({2}, {(int64_t(1) << 62) + 1, 4});
    qs::writeNpy(dir.file("x.npy"), x);
    qs::writeNpy(dir.file("shape.npy"), shape);
    checkOneLineFailure(
        runCli({"run", dir.file("expand.onnx"), "--input", "x=" + dir.file("x.npy"), "--input",
                "shape=" + dir.file("shape.npy"), "--output-dir", dir.file("out")}),
        1, "expand_huge");

    qs::writeNpy(dir.file("shape.npy"), qs::RuntimeTensor::fromInt64s({2}, {131072, 4}));
    checkOneLineFailure(runCli({"run", dir.file("expand.onnx"), "--input", "x=" + dir.file("x.npy"),
                                "--input", "shape=" + dir.file("shape.npy"), "--output-dir", dir.file("out"),
                                "--max-tensor-bytes", "1M"}),
                        1, "limit");
    checkOneLineFailure(runCli({"run", dir.file("expand.onnx"), "--max-tensor-bytes", "lots", "--output-dir",
                                dir.file("out")}),
                        2, "--max-tensor-bytes");
    const ProcessResult fits = runCli({"run", dir.file("expand.onnx"), "--input", "x=" + dir.file("x.npy"),
                                       "--input", "shape=" + dir.file("shape.npy"), "--output-dir",
                                       dir.file("out"), "--max-tensor-bytes", "8M"});
    CHECK(fits.exitCode == 0);
}

TEST_CASE("inspect --json on names that are not UTF-8 writes valid JSON", "[cli][errors][utf8]") {
    TempDir dir;
    qs::test::ModelBuilder builder;
    builder.input("x\xff", qs::DataType::Float, {1, 4});
    builder.node("Relu", {"x\xff"}, {"y\xfe\xff"}, "relu\xc3");
    builder.output("y\xfe\xff", qs::DataType::Float);
    builder.save(dir.file("bytes.onnx"));
    const ProcessResult result = runCli({"inspect", dir.file("bytes.onnx"), "--json"});
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const nlohmann::json report = nlohmann::json::parse(result.out); // throws on invalid UTF-8
    CHECK(report["inputs"][0]["name"].get<std::string>().find("x") == 0);
    CHECK(report["inputs"][0]["name"].get<std::string>() != "x\xff");
}
