// The executor's contract: unsupported operators reported up front, input checks, hooks, weight substitution,
// thread count and buffer reuse.

#include "runtimegraph.h"

#include "runtime/kernelregistry.h"
#include "runtime/npy.h"

#include <catch2/catch.hpp>

using namespace qs;
using namespace qs::test;

namespace {

RuntimeGraph scaleGraph() {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 1, 1, 2}, {1, 2}));
    g.constant("w", RuntimeTensor::fromFloats({1, 1, 1, 1}, {3}));
    g.node("Conv", {"x", "w"}, {"c"});
    g.node("Relu", {"c"}, {"r"});
    g.node("Neg", {"r"}, {"y"});
    g.output("y");
    return g;
}

} // namespace

TEST_CASE("Unsupported operators are all reported before running", "[runtime][executor]") {
    RuntimeGraph g(13);
    g.input("x", RuntimeTensor::fromFloats({1}, {1}));
    g.node("FancyOp", {"x"}, {"a"});
    g.node("Relu", {"a"}, {"b"});
    g.node("OtherOp", {"b"}, {"c"}).domain = "com.example";
    g.output("c");
    std::vector<UnsupportedNode> unsupported = Executor::findUnsupported(g.model);
    REQUIRE(unsupported.size() == 2);
    CHECK(unsupported[0].opType == "FancyOp");
    CHECK(unsupported[0].nodeName == "FancyOp_0");
    CHECK(unsupported[0].opset == 13);
    CHECK(unsupported[1].domain == "com.example");
    CHECK_THROWS_WITH(Executor(g.model), Catch::Contains("FancyOp_0") && Catch::Contains("OtherOp_2") &&
                                             Catch::Contains("opset 13"));
}

TEST_CASE("Unsupported attribute values are reported as unsupported", "[runtime][executor]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 1, 2, 2}, {1, 2, 3, 4}));
    g.node("MaxPool", {"x"}, {"y", "indices"}).attributes = {intsAttr("kernel_shape", {2, 2})};
    g.output("y");
    std::vector<UnsupportedNode> unsupported = Executor::findUnsupported(g.model);
    REQUIRE(unsupported.size() == 1);
    CHECK_THAT(unsupported[0].reason, Catch::Contains("Indices"));
}

TEST_CASE("Missing, unknown and mis-shaped inputs are clear errors", "[runtime][executor]") {
    RuntimeGraph g = scaleGraph();
    g.model.graph.inputs[0].hasShape = true;
    g.model.graph.inputs[0].shape = {Dim::fixed(1), Dim::fixed(1), Dim::fixed(1), Dim::symbolic("n")};
    Executor executor(g.model);
    CHECK_THROWS_WITH(executor.run({}), Catch::Contains("'x'") && Catch::Contains("not given"));
    TensorMap unknown = g.feeds;
    unknown["z"] = RuntimeTensor::fromFloats({1}, {1});
    CHECK_THROWS_WITH(executor.run(unknown), Catch::Contains("'z'"));
    CHECK_THROWS_WITH(executor.run({{"x", RuntimeTensor::fromFloats({2}, {1, 2})}}), Catch::Contains("'x'"));
    CHECK_NOTHROW(executor.run({{"x", RuntimeTensor::fromFloats({1, 1, 1, 3}, {1, 2, 3})}}));
}

TEST_CASE("The observer sees every tensor and the transform replaces one", "[runtime][executor]") {
    RuntimeGraph g = scaleGraph();
    Executor executor(g.model);
    std::vector<std::string> seen;
    RunOptions options;
    options.observer = [&](const std::string& name, const RuntimeTensor&) { seen.push_back(name); };
    options.transform = [](const std::string& name, const RuntimeTensor& tensor) -> std::optional<RuntimeTensor> {
        if (name != "c")
            return std::nullopt;
        RuntimeTensor halved = tensor.clone();
        for (int64_t i = 0; i < halved.elementCount(); ++i)
            halved.data<float>()[i] *= 0.5f;
        return halved;
    };
    TensorMap out = executor.run(g.feeds, options);
    CHECK(seen == std::vector<std::string>{"x", "c", "r", "y"});
    CHECK(floatsOf(out.at("y")) == std::vector<float>{-1.5f, -3.0f});
    CHECK(floatsOf(executor.run(g.feeds).at("y")) == std::vector<float>{-3.0f, -6.0f});
}

TEST_CASE("Weights can be substituted for one run without rebuilding", "[runtime][executor]") {
    RuntimeGraph g = scaleGraph();
    Executor executor(g.model);
    CHECK(floatsOf(executor.run(g.feeds).at("y")) == std::vector<float>{-3, -6});
    TensorMap overrides = {{"w", RuntimeTensor::fromFloats({1, 1, 1, 1}, {10})}};
    RunOptions options;
    options.weightOverrides = &overrides;
    CHECK(floatsOf(executor.run(g.feeds, options).at("y")) == std::vector<float>{-10, -20});
    CHECK(floatsOf(executor.run(g.feeds).at("y")) == std::vector<float>{-3, -6});

    TensorMap wrongShape = {{"w", RuntimeTensor::fromFloats({1}, {10})}};
    options.weightOverrides = &wrongShape;
    CHECK_THROWS_WITH(executor.run(g.feeds, options), Catch::Contains("'w'"));
    TensorMap notAWeight = {{"c", RuntimeTensor::fromFloats({1}, {10})}};
    options.weightOverrides = &notAWeight;
    CHECK_THROWS_WITH(executor.run(g.feeds, options), Catch::Contains("'c'"));
}

TEST_CASE("Thread count defaults to the hardware and follows the caller", "[runtime][executor]") {
    RuntimeGraph g = scaleGraph();
    ExecutorOptions one;
    one.threadCount = 1;
    CHECK(Executor(g.model, one).threadCount() == 1);
    CHECK(Executor(g.model).threadCount() >= 1);
    CHECK(floatsOf(g.run(one).at("y")) == std::vector<float>{-3, -6});
}

TEST_CASE("A chain of many nodes reuses buffers and keeps outputs intact", "[runtime][executor]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({4}, {1, 2, 3, 4}));
    std::string previous = "x";
    for (int i = 0; i < 20; ++i) {
        std::string next = "t" + std::to_string(i);
        g.node(i % 2 ? "Neg" : "Abs", {previous}, {next});
        previous = next;
    }
    g.output("t9");
    g.output(previous);
    Executor executor(g.model);
    for (int run = 0; run < 3; ++run) {
        TensorMap out = executor.run(g.feeds);
        CHECK(floatsOf(out.at("t9")) == std::vector<float>{-1, -2, -3, -4});
        CHECK(floatsOf(out.at(previous)) == std::vector<float>{-1, -2, -3, -4});
    }
    CHECK(floatsOf(g.feeds.at("x")) == std::vector<float>{1, 2, 3, 4});
}

TEST_CASE("The registry knows the core operators", "[runtime][executor]") {
    const KernelRegistry& registry = builtinKernelRegistry();
    for (const char* op : {"Conv", "Gemm", "MatMul", "MaxPool", "Relu", "Add", "Reshape", "Softmax"})
        CHECK(registry.find("", op, 13) != nullptr);
    CHECK(registry.find("", "NoSuchOp", 13) == nullptr);
    CHECK(registry.find("com.example", "Relu", 13) == nullptr);
}

TEST_CASE("npy files round-trip float32, int64 and bool", "[runtime][npy]") {
    RuntimeTensor floats = RuntimeTensor::fromFloats({2, 3}, {1, 2, 3, 4, 5, 6.5f});
    RuntimeTensor back = parseNpy(serializeNpy(floats), "mem.npy");
    CHECK(back.type() == DataType::Float);
    CHECK(back.dims() == floats.dims());
    CHECK(floatsOf(back) == floatsOf(floats));

    RuntimeTensor scalar = RuntimeTensor::fromInt64s({}, {-7});
    RuntimeTensor scalarBack = parseNpy(serializeNpy(scalar), "mem.npy");
    CHECK(scalarBack.dims().empty());
    CHECK(scalarBack.toInt64s() == std::vector<int64_t>{-7});

    RuntimeTensor flags(DataType::Bool, {3});
    flags.data<uint8_t>()[0] = 1;
    flags.data<uint8_t>()[1] = 0;
    flags.data<uint8_t>()[2] = 1;
    CHECK(parseNpy(serializeNpy(flags), "mem.npy").toInt64s() == std::vector<int64_t>{1, 0, 1});
    CHECK((serializeNpy(floats).size() - 24) % 64 == 0);
}

TEST_CASE("Malformed npy data is a clear error", "[runtime][npy]") {
    CHECK_THROWS_WITH(parseNpy("garbage", "bad.npy"), Catch::Contains("bad.npy"));
    std::string truncated = serializeNpy(RuntimeTensor::fromFloats({4}, {1, 2, 3, 4}));
    truncated.resize(truncated.size() - 4);
    CHECK_THROWS_WITH(parseNpy(truncated, "short.npy"), Catch::Contains("short.npy") && Catch::Contains("truncated"));
    CHECK_THROWS_WITH(readNpy("/nonexistent/file.npy"), Catch::Contains("/nonexistent/file.npy"));
}

TEST_CASE("Dropout runs at inference only, with a constant false training_mode", "[runtime][executor]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2}, {1, 2}));
    RuntimeTensor no(DataType::Bool, {});
    no.data<uint8_t>()[0] = 0;
    g.constant("no", no);
    g.node("Dropout", {"x", "", "no"}, {"y", "mask"});
    g.output("y");
    g.output("mask");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("y")) == std::vector<float>{1, 2});
    CHECK(out.at("mask").toInt64s() == std::vector<int64_t>{1, 1});

    RuntimeGraph training;
    training.input("x", RuntimeTensor::fromFloats({2}, {1, 2}));
    training.input("t", no);
    training.node("Dropout", {"x", "", "t"}, {"y"});
    training.output("y");
    REQUIRE(Executor::findUnsupported(training.model).size() == 1);
    CHECK_THAT(Executor::findUnsupported(training.model)[0].reason, Catch::Contains("training_mode"));
}
