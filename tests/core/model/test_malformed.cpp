#include "model/onnxloader.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

using namespace qs;
using qs::test::ModelBuilder;

namespace {

/// Loads `path` and returns the error message; fails the test if anything but qs::Error is thrown.
std::string loadError(const std::string& path) {
    try {
        loadOnnxModel(path);
    } catch (const Cancelled&) {
        FAIL("unexpected cancellation");
    } catch (const Error& error) {
        return error.what();
    }
    FAIL("loading " << path << " did not fail");
    return {};
}

std::string smallCnnBytes() {
    ModelBuilder b;
    return test::buildSmallCnn(b).serialize();
}

void checkOneLine(const std::string& message) {
    CHECK(message.find('\n') == std::string::npos);
    CHECK_FALSE(message.empty());
}

} // namespace

TEST_CASE("a truncated model is reported, not crashed on", "[model][malformed]") {
    test::TempDir dir;
    const std::string bytes = smallCnnBytes();
    const std::string path = dir.writeFile("half.onnx", bytes.substr(0, bytes.size() / 2));
    const std::string message = loadError(path);
    CHECK_THAT(message, Catch::Contains("half.onnx") && Catch::Contains("not an ONNX model") &&
                            Catch::Contains("truncated"));
    checkOneLine(message);
    for (size_t cut : {size_t(1), size_t(7), bytes.size() / 3, bytes.size() - 1}) {
        const std::string cutPath = dir.writeFile("cut.onnx", bytes.substr(0, cut));
        CHECK_THAT(loadError(cutPath), Catch::Contains("cut.onnx"));
    }
}

TEST_CASE("random bytes are reported, never crashed on", "[model][malformed]") {
    test::TempDir dir;
    std::mt19937 generator(1234);
    for (int trial = 0; trial < 50; ++trial) {
        std::string bytes(size_t(1 + generator() % 4096), '\0');
        for (char& byte : bytes)
            byte = char(generator() & 0xFF);
        const std::string path = dir.writeFile("random.onnx", bytes);
        CHECK_THAT(loadError(path), Catch::Contains("random.onnx"));
    }
}

TEST_CASE("flipped bytes in a real model never crash the loader", "[model][malformed]") {
    const std::string original = smallCnnBytes();
    std::mt19937 generator(99);
    int failures = 0;
    for (int trial = 0; trial < 200; ++trial) {
        std::string bytes = original;
        for (int flip = 0; flip < 4; ++flip)
            bytes[generator() % bytes.size()] = char(generator() & 0xFF);
        try {
            loadOnnxModelFromBytes(bytes, "flipped.onnx");
        } catch (const Error& error) {
            ++failures;
            CHECK_THAT(std::string(error.what()), Catch::StartsWith("flipped.onnx: "));
        }
    }
    CHECK(failures > 0);
}

TEST_CASE("files that are not ONNX models are reported", "[model][malformed]") {
    test::TempDir dir;
    SECTION("PNG image") {
        const std::string png(
            "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff\x61", 33);
        const std::string message = loadError(dir.writeFile("picture.png", png));
        CHECK_THAT(message, Catch::Contains("picture.png") && Catch::Contains("not an ONNX model"));
        checkOneLine(message);
    }
    SECTION("text file") {
        const std::string message = loadError(dir.writeFile("notes.txt", "hello, this is not a model\n"));
        CHECK_THAT(message, Catch::Contains("notes.txt") && Catch::Contains("not an ONNX model"));
    }
    SECTION("empty file") {
        const std::string message = loadError(dir.writeFile("empty.onnx", ""));
        CHECK_THAT(message, Catch::Contains("empty.onnx") && Catch::Contains("empty"));
    }
    SECTION("directory") {
        std::filesystem::create_directory(dir.file("folder.onnx"));
        CHECK_THAT(loadError(dir.file("folder.onnx")),
                   Catch::Contains("folder.onnx") && Catch::Contains("directory"));
    }
    SECTION("missing file") {
        CHECK_THAT(loadError(dir.file("nowhere.onnx")),
                   Catch::Contains("nowhere.onnx") && Catch::Contains("not found"));
    }
    SECTION("empty bytes") {
        CHECK_THROWS_WITH(loadOnnxModelFromBytes("", "blank.onnx"), Catch::Contains("blank.onnx"));
    }
}

TEST_CASE("unsupported IR versions are refused", "[model][malformed]") {
    test::TempDir dir;
    for (int64_t irVersion : {int64_t(99), int64_t(2), int64_t(1)}) {
        ModelBuilder b(13, irVersion);
        test::buildSmallCnn(b);
        const std::string path = dir.file("ir" + std::to_string(irVersion) + ".onnx");
        b.save(path);
        const std::string message = loadError(path);
        CHECK_THAT(message,
                   Catch::Contains(path) && Catch::Contains("IR version " + std::to_string(irVersion)));
        checkOneLine(message);
    }
}

TEST_CASE("IR versions newer than the checker knows load with a warning", "[model][malformed]") {
    test::TempDir dir;
    ModelBuilder b(13, 10);
    test::buildSmallCnn(b);
    const std::string path = dir.file("ir10.onnx");
    b.save(path);
    const LoadResult result = loadOnnxModel(path);
    CHECK(result.model.info.irVersion == 10);
    CHECK(result.model.graph.nodes.size() > 0);
    bool warned = false;
    for (const std::string& warning : result.warnings)
        warned = warned || warning.find("IR version 10") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("a cycle is reported with a node on it", "[model][malformed]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2});
    b.node("Add", {"x", "b"}, {"a"}, "first");
    b.node("Neg", {"a"}, {"b"}, "second");
    b.node("Relu", {"a"}, {"y"}, "outside_cycle");
    b.output("y", DataType::Float);
    test::TempDir dir;
    b.save(dir.file("cycle.onnx"));
    const std::string message = loadError(dir.file("cycle.onnx"));
    CHECK_THAT(message, Catch::Contains("cycle.onnx") && Catch::Contains("cycle"));
    CHECK((message.find("'first'") != std::string::npos || message.find("'second'") != std::string::npos));
    CHECK(message.find("outside_cycle") == std::string::npos);
}

TEST_CASE("a node reading a tensor nothing produces is reported", "[model][malformed]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2});
    b.node("Add", {"x", "ghost"}, {"y"}, "haunted");
    b.output("y", DataType::Float);
    test::TempDir dir;
    b.save(dir.file("dangling.onnx"));
    CHECK_THAT(loadError(dir.file("dangling.onnx")),
               Catch::Contains("dangling.onnx") && Catch::Contains("haunted") && Catch::Contains("ghost"));
}

TEST_CASE("an initializer whose data does not match its dims is reported", "[model][malformed]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {4});
    b.initializer(test::makeFloatTensor("short_weight", {4}, {1, 2, 3}));
    b.node("Add", {"x", "short_weight"}, {"y"}, "add");
    b.output("y", DataType::Float);
    CHECK_THROWS_WITH(loadOnnxModelFromBytes(b.serialize(), "short.onnx"),
                      Catch::Contains("short.onnx") && Catch::Contains("short_weight"));
    ModelBuilder typed;
    typed.input("x", DataType::Float, {4});
    typed.initializerFloatData("typed_weight", {2, 2}, {1, 2, 3, 4, 5});
    typed.node("Add", {"x", "typed_weight"}, {"y"}, "add");
    typed.output("y", DataType::Float);
    CHECK_THROWS_WITH(loadOnnxModelFromBytes(typed.serialize(), "typed.onnx"),
                      Catch::Contains("typed_weight") && Catch::Contains("float_data"));
}

TEST_CASE("a graph output nothing produces is reported", "[model][malformed]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2});
    b.node("Relu", {"x"}, {"y"}, "relu");
    b.output("nowhere", DataType::Float);
    CHECK_THROWS_WITH(loadOnnxModelFromBytes(b.serialize(), "out.onnx"), Catch::Contains("nowhere"));
}

TEST_CASE("declared shapes that upset shape inference do not take the process down", "[model][malformed]") {
    // A ConvTranspose weight of rank 1 makes the inference function read a dimension that does not exist.
    ModelBuilder b;
    b.input("x", DataType::Float, {1, 2, 4, 4});
    b.initializer("w", {2}, {1.0f, 2.0f});
    b.node("ConvTranspose", {"x", "w"}, {"y"}, "odd_deconv");
    b.output("y", DataType::Float, {1, 2, 4, 4});
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "odd.onnx");
    CHECK(result.model.graph.nodes.size() == 1);
}

TEST_CASE("graphs whose values have two producers are refused, naming the tensor", "[model][malformed]") {
    SECTION("two nodes write the same output") {
        ModelBuilder b;
        b.input("x", DataType::Float, {1, 4});
        b.node("Relu", {"x"}, {"y"}, "first");
        b.node("Neg", {"x"}, {"y"}, "second");
        b.output("y", DataType::Float);
        CHECK_THROWS_WITH(loadOnnxModelFromBytes(b.serialize(), "dup.onnx"),
                          Catch::StartsWith("dup.onnx") && Catch::Contains("tensor 'y'") &&
                              Catch::Contains("'first'") && Catch::Contains("'second'"));
    }
    SECTION("a node writes a graph input") {
        ModelBuilder b;
        b.input("x", DataType::Float, {1, 4});
        b.node("Relu", {"x"}, {"x"}, "loop");
        b.output("x", DataType::Float);
        CHECK_THROWS_WITH(loadOnnxModelFromBytes(b.serialize(), "dup.onnx"), Catch::Contains("graph input"));
    }
    SECTION("a graph input declared twice") {
        ModelBuilder b;
        b.input("x", DataType::Float, {1, 4});
        b.input("x", DataType::Float, {1, 4});
        b.node("Relu", {"x"}, {"y"}, "relu");
        b.output("y", DataType::Float);
        CHECK_THROWS_WITH(loadOnnxModelFromBytes(b.serialize(), "dup.onnx"),
                          Catch::Contains("declared twice"));
    }
}
