// Hostile inputs through the command line, each as a user would meet it: crafted models whose shapes
// overflow, endless loops, decompression bombs, configs that nest deeply or are not files, data files whose
// headers lie. Every case must end with a non-zero exit (never a signal), an error line that names the file,
// node or tensor, no sanitizer report, and a peak resident memory under 1 GB, measured on the child process.

#include "processrunner.h"

#include "fixtures/modelbuilder.h"
#include "runtime/npy.h"
#include "runtime/runtimetensor.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

using qs::test::ModelBuilder;
using qs::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kDemoDir = std::string(QS_SOURCE_DIR) + "/resources/demo";
const std::string kConfig = std::string(QS_SOURCE_DIR) + "/resources/configs/demo-w8a8.json";
constexpr int64_t kHuge = (int64_t(1) << 62) + 1;

struct Outcome {
    int exitCode = -1; ///< 128 + signal when killed
    std::string err;
    long peakKiB = 0;
    bool timedOut = false;
};

/// Runs quantscope-cli with `args`, killed after `timeoutSeconds`; keeps stderr and the child's peak memory.
Outcome runMeasured(const std::vector<std::string>& args, int timeoutSeconds = 120) {
    const qs::test::ProcessResult result = qs::test::runCli(args, timeoutSeconds);
    return {result.exitCode, result.err, long(result.peakResidentBytes / 1024),
            result.exitCode == 128 + SIGALRM};
}

/// The error line quantscope-cli printed ("quantscope-cli: error: ..."), or "".
std::string errorLine(const std::string& err) {
    size_t start = 0;
    while (start < err.size()) {
        size_t end = err.find('\n', start);
        if (end == std::string::npos)
            end = err.size();
        const std::string line = err.substr(start, end - start);
        if (line.rfind("quantscope-cli: error: ", 0) == 0)
            return line;
        start = end + 1;
    }
    return {};
}

void requireRefused(const Outcome& outcome, const std::vector<std::string>& mentioned) {
    INFO("stderr: " << outcome.err);
    CHECK_FALSE(outcome.timedOut);
    CHECK(outcome.exitCode > 0);
    CHECK(outcome.exitCode < 128); // an exit, not a signal
    CHECK(outcome.err.find("Sanitizer") == std::string::npos);
    CHECK(outcome.err.find("runtime error:") == std::string::npos);
    const std::string line = errorLine(outcome.err);
    CHECK(!line.empty());
    for (const std::string& text : mentioned)
        CHECK(line.find(text) != std::string::npos);
    CHECK(outcome.peakKiB < 1024 * 1024); // under 1 GB resident
}

std::string npyOf(const std::string& path, const qs::RuntimeTensor& tensor) {
    qs::writeNpy(path, tensor);
    return path;
}

qs::Tensor boolScalar(const std::string& name, bool value) {
    qs::Tensor tensor;
    tensor.name = name;
    tensor.type = qs::DataType::Bool;
    tensor.data = {uint8_t(value)};
    return tensor;
}

/// x [1,4] -> <node under test> -> y, saved to `dir/name`.
std::string oneNodeModel(const TempDir& dir, const std::string& name,
                         const std::function<void(ModelBuilder&)>& body) {
    ModelBuilder b;
    b.input("x", qs::DataType::Float, {1, 4});
    body(b);
    b.output("y", qs::DataType::Float);
    const std::string path = dir.file(name);
    b.save(path);
    return path;
}

} // namespace

TEST_CASE("Models whose shapes overflow or explode end in an error naming the node", "[cli][hostile]") {
    TempDir dir;
    const std::string x = npyOf(dir.file("x.npy"), qs::RuntimeTensor::fromFloats({1, 4}, {1, 2, 3, 4}));
    const auto run = [&](const std::string& model) {
        return runMeasured({"run", model, "--input", "x=" + x, "--output-dir", dir.file("out")});
    };
    SECTION("Expand to [2^62+1, 4], then Softmax") {
        const std::string model = oneNodeModel(dir, "expand.onnx", [](ModelBuilder& b) {
            b.initializerInt64("shape", {2}, {kHuge, 4});
            b.node("Expand", {"x", "shape"}, {"e"}, "expand_huge");
            b.node("Softmax", {"e"}, {"y"}, "softmax");
        });
        requireRefused(run(model), {"expand_huge"});
    }
    SECTION("ConstantOfShape of [2^62+1, 4]") {
        const std::string model = oneNodeModel(dir, "cos.onnx", [](ModelBuilder& b) {
            b.initializerInt64("shape", {2}, {kHuge, 4});
            b.node("ConstantOfShape", {"shape"}, {"c"}, "constant_huge");
            b.node("Add", {"x", "c"}, {"y"}, "add");
        });
        requireRefused(run(model), {"constant_huge"});
    }
    SECTION("Tile by 2^40 x 2^40") {
        const std::string model = oneNodeModel(dir, "tile.onnx", [](ModelBuilder& b) {
            b.initializerInt64("repeats", {2}, {int64_t(1) << 40, int64_t(1) << 40});
            b.node("Tile", {"x", "repeats"}, {"y"}, "tile_huge");
        });
        requireRefused(run(model), {"tile_huge"});
    }
    SECTION("a broadcasting Add to [65536, 65536] floats (16 GiB) under --max-tensor-bytes 512M") {
        ModelBuilder b;
        b.input("x", qs::DataType::Float, {1, 4});
        b.initializer("column", {65536, 1}, std::vector<float>(65536, 1.f));
        b.initializer("row", {1, 65536}, std::vector<float>(65536, 2.f));
        b.node("Add", {"column", "row"}, {"big"}, "add_huge");
        b.node("ReduceSum", {"big"}, {"s"}, "sum");
        b.node("Add", {"x", "s"}, {"y"}, "add_x");
        b.output("y", qs::DataType::Float);
        const std::string model = dir.file("add.onnx");
        b.save(model);
        requireRefused(runMeasured({"run", model, "--input", "x=" + x, "--output-dir", dir.file("out"),
                                    "--max-tensor-bytes", "512M"}),
                       {"add_huge", "limit"});
    }
    SECTION("a Loop whose trip count is 2^62 and whose condition never turns false") {
        qs::test::GraphBuilder body("body");
        body.input("i", qs::DataType::Int64, {});
        body.input("c", qs::DataType::Bool, {});
        body.input("v", qs::DataType::Float, {1, 4});
        body.node("Identity", {"c"}, {"c_out"});
        body.node("Identity", {"v"}, {"v_out"});
        body.output("c_out", qs::DataType::Bool);
        body.output("v_out", qs::DataType::Float);
        const std::string model = oneNodeModel(dir, "loop.onnx", [&](ModelBuilder& b) {
            b.initializerInt64("trips", {}, {int64_t(1) << 62});
            b.initializer(boolScalar("go", true));
            b.node("Loop", {"trips", "go", "x"}, {"y"}, "endless_loop").graph("body", body);
        });
        requireRefused(run(model), {"endless_loop"});
    }
    SECTION("a Clip whose bound is NaN") {
        const std::string model = oneNodeModel(dir, "clip.onnx", [](ModelBuilder& b) {
            b.initializer("low", {}, {std::numeric_limits<float>::quiet_NaN()});
            b.node("Clip", {"x", "low"}, {"y"}, "clip_nan");
        });
        requireRefused(run(model), {"clip_nan", "NaN"});
    }
    SECTION("a MatMul whose weight contradicts its input") {
        const std::string model = oneNodeModel(dir, "matmul.onnx", [](ModelBuilder& b) {
            b.initializer("w", {5, 2}, std::vector<float>(10, 1.f));
            b.node("MatMul", {"x", "w"}, {"y"}, "matmul_mismatch");
        });
        requireRefused(run(model), {"matmul_mismatch"});
    }
}

TEST_CASE("Graphs with two producers of one value or duplicated inputs are refused at load",
          "[cli][hostile]") {
    TempDir dir;
    SECTION("two nodes write the same tensor") {
        const std::string model = oneNodeModel(dir, "dup.onnx", [](ModelBuilder& b) {
            b.node("Relu", {"x"}, {"y"}, "first");
            b.node("Neg", {"x"}, {"y"}, "second");
        });
        requireRefused(runMeasured({"inspect", model}), {"dup.onnx", "'y'"});
    }
    SECTION("an input declared twice") {
        ModelBuilder b;
        b.input("x", qs::DataType::Float, {1, 4});
        b.input("x", qs::DataType::Float, {1, 4});
        b.node("Relu", {"x"}, {"y"}, "relu");
        b.output("y", qs::DataType::Float);
        b.save(dir.file("dupin.onnx"));
        requireRefused(runMeasured({"inspect", dir.file("dupin.onnx")}), {"dupin.onnx", "'x'"});
    }
    SECTION("an external-data offset written in hex") {
        ModelBuilder b;
        b.input("x", qs::DataType::Float, {1, 4});
        b.externalInitializer("w", qs::DataType::Float, {4}, "w.bin", 1234);
        b.node("Add", {"x", "w"}, {"y"}, "add");
        b.output("y", qs::DataType::Float);
        dir.writeFile("w.bin", std::string(2048, '\0'));
        // The offset entry as serialized: key "offset", then the value "1234", rewritten to "0x10".
        std::string bytes = b.serialize();
        const std::string entry = std::string("offset\x12\x04", 8) + "1234";
        const size_t at = bytes.find(entry);
        REQUIRE(at != std::string::npos);
        bytes.replace(at + 8, 4, "0x10");
        dir.writeFile("hex.onnx", bytes);
        requireRefused(runMeasured({"inspect", dir.file("hex.onnx")}), {"hex.onnx", "0x10"});
    }
}

TEST_CASE("Data files whose headers lie are refused before anything is allocated", "[cli][hostile]") {
    TempDir dir;
    SECTION("an .npy of 128 bytes whose shape overflows") {
        std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387905, 4), }";
        header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
        header += '\n';
        std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
        bytes += char(header.size() & 0xff);
        bytes += char(header.size() >> 8);
        bytes += header + std::string(16, '\0');
        const std::string npy = dir.writeFile("overflow.npy", bytes);
        requireRefused(runMeasured({"run", kDemoDir + "/model.onnx", "--input", "input=" + npy,
                                    "--output-dir", dir.file("out")}),
                       {"overflow.npy"});
    }
    SECTION("a PNG of 1 KB declaring 32000 x 32000 pixels, alone in the calibration folder") {
        std::ifstream in(kDemoDir + "/calib/" +
                             fs::directory_iterator(kDemoDir + "/calib")->path().filename().string(),
                         std::ios::binary);
        std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        REQUIRE(png.size() > 24);
        REQUIRE(png.compare(12, 4, "IHDR") == 0);
        const auto put32 = [&](size_t at, uint32_t v) {
            for (int i = 0; i < 4; ++i)
                png[at + size_t(i)] = char((v >> (24 - 8 * i)) & 0xff);
        };
        put32(16, 32000);
        put32(20, 32000);
        fs::create_directories(dir.file("calib"));
        std::ofstream(dir.file("calib/bomb.png"), std::ios::binary) << png;
        requireRefused(runMeasured({"quantize", kDemoDir + "/model.onnx", "--calib", dir.file("calib"),
                                    "--config", kConfig, "--output", dir.file("q.onnx")}),
                       {"calib"});
        CHECK_FALSE(fs::exists(dir.file("q.onnx")));
    }
}

TEST_CASE("Configs that nest deeply, are not regular files or ask for huge sizes are refused at once",
          "[cli][hostile]") {
    TempDir dir;
    const auto quantize = [&](const std::string& config) {
        return runMeasured({"quantize", kDemoDir + "/model.onnx", "--calib", kDemoDir + "/calib", "--config",
                            config, "--output", dir.file("q.onnx")},
                           60);
    };
    SECTION("16,000 levels of nesting") {
        const std::string config =
            dir.writeFile("deep.json", "{\"x\": " + std::string(16000, '[') + std::string(16000, ']') + "}");
        requireRefused(quantize(config), {"deep.json"});
    }
    SECTION("a FIFO nobody writes to") {
        REQUIRE(::mkfifo(dir.file("fifo.json").c_str(), 0600) == 0);
        requireRefused(quantize(dir.file("fifo.json")), {"fifo.json"});
    }
    SECTION("/dev/zero") {
        requireRefused(quantize("/dev/zero"), {"/dev/zero"});
    }
    SECTION("a number beyond double range") {
        requireRefused(quantize(dir.writeFile("big.json", "{\"calibration\": {\"max_images\": 1e400}}")),
                       {"big.json"});
    }
    SECTION("a resize to 200000 pixels a side") {
        requireRefused(
            quantize(dir.writeFile("resize.json",
                                   "{\"preprocess\": {\"color\": \"GRAY\", \"resize\": [200000, 200000]}}")),
            {"resize.json", "resize"});
    }
    SECTION("an input batch of 2^40") {
        requireRefused(
            quantize(dir.writeFile(
                "batch.json", "{\"input\": {\"name\": \"input\", \"shape\": [1099511627776, 1, 28, 28]}}")),
            {"batch.json"});
    }
    CHECK_FALSE(fs::exists(dir.file("q.onnx")));
}
