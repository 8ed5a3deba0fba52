// The command-line parser shared by the quantscope-cli commands (compiled into this test from app/cli).

#include "argparser.h"
#include "usageerror.h"

#include <catch2/catch.hpp>

using qs::cli::ArgParser;
using qs::cli::UsageError;

namespace {

ArgParser makeParser() {
    ArgParser parser("demo");
    parser.addFlag("--json");
    parser.addOption("--out");
    parser.addRepeatableOption("--input");
    return parser;
}

} // namespace

TEST_CASE("ArgParser separates flags, options and positionals", "[cli][argparser]") {
    ArgParser parser = makeParser();
    parser.parse(
        {"model.onnx", "--out", "dir", "--json", "--input=a=1.npy", "--input", "b=2.npy", "--", "--x"});
    CHECK(parser.flag("--json"));
    CHECK(parser.option("--out") == std::optional<std::string>("dir"));
    CHECK(parser.optionValues("--input") == std::vector<std::string>{"a=1.npy", "b=2.npy"});
    CHECK(parser.positionals() == std::vector<std::string>{"model.onnx", "--x"});
    CHECK_FALSE(parser.option("--missing"));
    CHECK_NOTHROW(parser.requirePositionals(2, 2, "two files"));
    CHECK_THROWS_AS(parser.requirePositionals(3, 3, "three files"), UsageError);
}

TEST_CASE("ArgParser rejects unknown, incomplete and repeated options", "[cli][argparser]") {
    ArgParser unknown = makeParser();
    CHECK_THROWS_WITH(unknown.parse({"--jsn"}), Catch::Contains("--jsn"));
    ArgParser incomplete = makeParser();
    CHECK_THROWS_WITH(incomplete.parse({"--out"}), Catch::Contains("needs a value"));
    ArgParser repeated = makeParser();
    CHECK_THROWS_WITH(repeated.parse({"--out", "a", "--out=b"}), Catch::Contains("more than once"));
    ArgParser tooMany = makeParser();
    tooMany.parse({"a", "b"});
    CHECK_THROWS_WITH(tooMany.requirePositionals(1, 1, "MODEL"), Catch::Contains("'b'"));
}
