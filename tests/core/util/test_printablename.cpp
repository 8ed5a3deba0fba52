// Names with NUL bytes, line breaks and bytes that are not UTF-8 (an ONNX protobuf string can hold any of
// them) are shown escaped and whole: printableName itself, qs::Error messages, and the messages the loader
// and the engine build from node and tensor names.

#include "fixtures/modelbuilder.h"
#include "model/onnxloader.h"
#include "runtime/executor.h"
#include "util/error.h"
#include "util/printablename.h"

#include <catch2/catch.hpp>

#include <string>

using namespace std::string_literals;
using namespace qs;
using Catch::Matchers::Contains;

namespace {

std::string errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    FAIL("no qs::Error was thrown");
    return {};
}

} // namespace

TEST_CASE("printableName escapes control bytes and invalid UTF-8 and keeps the rest", "[util][names]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"conv1", "conv1"},
        {"", ""},
        {"/features/0/Conv", "/features/0/Conv"},
        {"a\0b"s, "a\\x00b"},
        {"\0"s, "\\x00"},
        {"two\nlines", "two\\x0alines"},
        {"tab\there", "tab\\x09here"},
        {"bell\x07", "bell\\x07"},
        {"esc\x1b[31mred", "esc\\x1b[31mred"},
        {"del\x7f", "del\\x7f"},
        {"caf\xc3\xa9", "caf\xc3\xa9"},                           // é
        {"\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87"}, // 中文
        {"4\xc3\x97"
         "3",
         "4\xc3\x97"
         "3"},                                    // 4×3
        {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"}, // an emoji
        {"bad\xff", "bad\\xff"},
        {"cut\xc3", "cut\\xc3"}, // a sequence cut short
        {"\xc3(", "\\xc3("},
        {"\xc0\xaf", "\\xc0\\xaf"},                   // overlong '/'
        {"\xed\xa0\x80", "\\xed\\xa0\\x80"},          // a UTF-16 surrogate
        {"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"}, // above U+10FFFF
        {"c1\xc2\x9b", "c1\\xc2\\x9b"},               // U+009B, a terminal control
        {"back\\slash", "back\\slash"},
    };
    for (const auto& [name, expected] : cases) {
        INFO(expected);
        CHECK(printableName(name) == expected);
        CHECK(printableName(printableName(name)) == expected); // applying it again changes nothing
    }
}

TEST_CASE("qs::Error keeps a message with a NUL byte whole and on one line", "[util][names]") {
    const Error error("node 'a\0b\nc': broken"s);
    CHECK(std::string(error.what()) == "node 'a\\x00b\\x0ac': broken");
}

TEST_CASE("the loader names a node whose name holds a NUL byte in full", "[util][names][model]") {
    test::ModelBuilder b;
    b.input("x", DataType::Float, {1, 4});
    b.node("Relu", {"x"}, {"y\0out"s}, "first\0node"s);
    b.node("Neg", {"x"}, {"y\0out"s}, "second\nnode");
    b.output("y\0out"s, DataType::Float);
    const std::string message = errorOf([&] { loadOnnxModelFromBytes(b.serialize(), "names.onnx"); });
    CHECK_THAT(message, Contains("tensor 'y\\x00out'") && Contains("'first\\x00node'") &&
                            Contains("'second\\x0anode'"));
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("the engine names a node whose name holds a NUL byte and says what is wrong after it",
          "[util][names][runtime]") {
    SECTION("a shape error while running") {
        test::ModelBuilder b;
        b.input("x", DataType::Float, {1, 4});
        b.input("shape", DataType::Int64, {2});
        b.node("Reshape", {"x", "shape"}, {"y"}, "re\0shape"s);
        b.output("y", DataType::Float);
        const LoadResult loaded = loadOnnxModelFromBytes(b.serialize(), "reshape.onnx");
        Executor executor(loaded.model);
        const std::string message = errorOf([&] {
            executor.run({{"x", RuntimeTensor::fromFloats({1, 4}, {1, 2, 3, 4})},
                          {"shape", RuntimeTensor::fromInt64s({2}, {3, 5})}});
        });
        CHECK_THAT(message, Contains("Reshape node 're\\x00shape': cannot reshape") && Contains("[3,5]"));
    }
    SECTION("an operator the engine does not run") {
        test::ModelBuilder b;
        b.input("x", DataType::Float, {1, 4});
        b.node("Frobnicate", {"x"}, {"y"}, "odd\0op\x01"s);
        b.output("y", DataType::Float);
        const LoadResult loaded = loadOnnxModelFromBytes(b.serialize(), "odd.onnx");
        const std::string message = errorOf([&] { Executor executor(loaded.model); });
        CHECK_THAT(message, Contains("'odd\\x00op\\x01'") && Contains("not supported"));
    }
}
