// If, Loop and Scan: subgraphs that read enclosing-scope values, loop-carried state, stacked scan outputs and
// the trip-count / condition rules, against hand-computed results.

#include "runtime/kernel.h"
#include "runtimegraph.h"

#include <catch2/catch.hpp>

using namespace qs;
using namespace qs::test;

namespace {

ValueInfo typed(const std::string& name, DataType type) {
    ValueInfo info;
    info.name = name;
    info.type = type;
    return info;
}

Attribute graphAttr(const std::string& name, const Graph& graph) {
    Attribute attribute;
    attribute.name = name;
    attribute.kind = Attribute::Kind::Graph;
    attribute.graph = std::make_shared<Graph>(graph);
    return attribute;
}

Node makeNode(const std::string& opType, const std::vector<std::string>& inputs,
              const std::vector<std::string>& outputs, const std::string& name) {
    Node node;
    node.opType = opType;
    node.name = name;
    node.inputs = inputs;
    node.outputs = outputs;
    return node;
}

RuntimeTensor boolScalar(bool value) {
    RuntimeTensor tensor(DataType::Bool, {});
    tensor.data<uint8_t>()[0] = value ? 1 : 0;
    return tensor;
}

/// then: x + 10 (10 is the branch's own initializer); else: x * x. Both read the outer input x.
RuntimeGraph ifGraph(bool condition) {
    Graph thenBranch;
    thenBranch.name = "then";
    thenBranch.initializers["ten"] = RuntimeTensor::fromFloats({}, {10}).toConstant("ten");
    thenBranch.nodes.push_back(makeNode("Add", {"x", "ten"}, {"then_y"}, "then_add"));
    thenBranch.outputs.push_back(typed("then_y", DataType::Float));
    Graph elseBranch;
    elseBranch.name = "else";
    elseBranch.nodes.push_back(makeNode("Mul", {"x", "x"}, {"else_y"}, "else_mul"));
    elseBranch.outputs.push_back(typed("else_y", DataType::Float));

    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2}, {2, -3}));
    g.input("c", boolScalar(condition));
    g.node("If", {"c"}, {"y"}).attributes = {graphAttr("then_branch", thenBranch),
                                             graphAttr("else_branch", elseBranch)};
    g.output("y");
    return g;
}

/// Body of a loop accumulating v += float(i); emits v * scale (scale from the enclosing graph) as scan output
/// and continues while i < stopBefore (or passes the condition through when stopBefore < 0).
Graph accumulateBody(int64_t stopBefore) {
    Graph body;
    body.name = "accumulate";
    body.inputs = {typed("i", DataType::Int64), typed("cond_in", DataType::Bool),
                   typed("v", DataType::Float)};
    Node cast = makeNode("Cast", {"i"}, {"fi"}, "cast");
    cast.attributes = {intAttr("to", int(DataType::Float))};
    body.nodes.push_back(cast);
    body.nodes.push_back(makeNode("Add", {"v", "fi"}, {"v_out"}, "add"));
    body.nodes.push_back(makeNode("Mul", {"v_out", "scale"}, {"scan"}, "mul"));
    if (stopBefore < 0) {
        body.nodes.push_back(makeNode("Identity", {"cond_in"}, {"cond_out"}, "keep"));
    } else {
        body.initializers["limit"] = RuntimeTensor::fromInt64s({}, {stopBefore}).toConstant("limit");
        body.nodes.push_back(makeNode("Less", {"i", "limit"}, {"cond_out"}, "less"));
    }
    body.outputs = {typed("cond_out", DataType::Bool), typed("v_out", DataType::Float),
                    typed("scan", DataType::Float)};
    return body;
}

} // namespace

TEST_CASE("If runs the chosen branch, which reads enclosing values", "[runtime][controlflow]") {
    CHECK(floatsOf(ifGraph(true).runOne("y")) == std::vector<float>{12, 7});
    CHECK(floatsOf(ifGraph(false).runOne("y")) == std::vector<float>{4, 9});
}

TEST_CASE("Loop carries state over the trip count and stacks scan outputs", "[runtime][controlflow]") {
    RuntimeGraph g;
    g.input("v0", RuntimeTensor::fromFloats({1}, {1}));
    g.constant("trips", RuntimeTensor::fromInt64s({}, {4}));
    g.constant("go", boolScalar(true));
    g.constant("scale", RuntimeTensor::fromFloats({}, {2}));
    g.node("Loop", {"trips", "go", "v0"}, {"v", "scans"}).attributes = {
        graphAttr("body", accumulateBody(-1))};
    g.output("v");
    g.output("scans");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("v")) == std::vector<float>{7}); // 1 + 0 + 1 + 2 + 3
    CHECK(out.at("scans").dims() == std::vector<int64_t>{4, 1});
    CHECK(floatsOf(out.at("scans")) == std::vector<float>{2, 4, 8, 14});
}

TEST_CASE("Loop without a trip count stops when the body's condition turns false", "[runtime][controlflow]") {
    RuntimeGraph g;
    g.input("v0", RuntimeTensor::fromFloats({1}, {1}));
    g.constant("scale", RuntimeTensor::fromFloats({}, {1}));
    g.constant("go", boolScalar(true));
    g.node("Loop", {"", "go", "v0"}, {"v", "scans"}).attributes = {graphAttr("body", accumulateBody(2))};
    g.output("v");
    g.output("scans");
    TensorMap out = g.run();
    // Iterations 0, 1, 2 run; the condition computed in iteration 2 (2 < 2) is false.
    CHECK(floatsOf(out.at("v")) == std::vector<float>{4});
    CHECK(floatsOf(out.at("scans")) == std::vector<float>{1, 2, 4});
}

TEST_CASE("Loop whose initial condition is false returns the initial state", "[runtime][controlflow]") {
    RuntimeGraph g;
    g.input("v0", RuntimeTensor::fromFloats({1}, {5}));
    g.constant("scale", RuntimeTensor::fromFloats({}, {1}));
    g.constant("trips", RuntimeTensor::fromInt64s({}, {3}));
    g.constant("stop", boolScalar(false));
    g.node("Loop", {"trips", "stop", "v0"}, {"v", "scans"}).attributes = {
        graphAttr("body", accumulateBody(-1))};
    g.output("v");
    g.output("scans");
    TensorMap out = g.run();
    CHECK(floatsOf(out.at("v")) == std::vector<float>{5});
    CHECK(out.at("scans").dims().at(0) == 0);
}

TEST_CASE("Scan accumulates along an axis, forwards and in reverse", "[runtime][controlflow]") {
    Graph body;
    body.name = "cumsum";
    body.inputs = {typed("sum", DataType::Float), typed("row", DataType::Float)};
    body.nodes.push_back(makeNode("Add", {"sum", "row"}, {"sum_out"}, "add"));
    body.nodes.push_back(makeNode("Identity", {"sum_out"}, {"partial"}, "copy"));
    body.outputs = {typed("sum_out", DataType::Float), typed("partial", DataType::Float)};
    for (int64_t direction : {0, 1}) {
        RuntimeGraph g;
        g.input("init", RuntimeTensor::fromFloats({2}, {0, 0}));
        g.input("xs", RuntimeTensor::fromFloats({3, 2}, {1, 2, 3, 4, 5, 6}));
        g.node("Scan", {"init", "xs"}, {"total", "partials"}).attributes = {
            graphAttr("body", body), intAttr("num_scan_inputs", 1),
            intsAttr("scan_input_directions", {direction})};
        g.output("total");
        g.output("partials");
        TensorMap out = g.run();
        CHECK(floatsOf(out.at("total")) == std::vector<float>{9, 12});
        CHECK(out.at("partials").dims() == std::vector<int64_t>{3, 2});
        if (direction == 0)
            CHECK(floatsOf(out.at("partials")) == std::vector<float>{1, 2, 4, 6, 9, 12});
        else
            CHECK(floatsOf(out.at("partials")) == std::vector<float>{5, 6, 8, 10, 9, 12});
    }
}

TEST_CASE("A Loop body holding an If sees values two scopes out", "[runtime][controlflow]") {
    Graph thenBranch;
    thenBranch.nodes.push_back(makeNode("Add", {"v", "offset"}, {"then_y"}, "then_add"));
    thenBranch.outputs.push_back(typed("then_y", DataType::Float));
    Graph elseBranch;
    elseBranch.nodes.push_back(makeNode("Sub", {"v", "offset"}, {"else_y"}, "else_sub"));
    elseBranch.outputs.push_back(typed("else_y", DataType::Float));

    Graph body;
    body.name = "alternate";
    body.inputs = {typed("i", DataType::Int64), typed("cond_in", DataType::Bool),
                   typed("v", DataType::Float)};
    body.initializers["two"] = RuntimeTensor::fromInt64s({}, {2}).toConstant("two");
    body.initializers["zero"] = RuntimeTensor::fromInt64s({}, {0}).toConstant("zero");
    body.nodes.push_back(makeNode("Mod", {"i", "two"}, {"parity"}, "mod"));
    body.nodes.push_back(makeNode("Equal", {"parity", "zero"}, {"even"}, "even"));
    Node branch = makeNode("If", {"even"}, {"v_out"}, "branch");
    branch.attributes = {graphAttr("then_branch", thenBranch), graphAttr("else_branch", elseBranch)};
    body.nodes.push_back(branch);
    body.nodes.push_back(makeNode("Identity", {"cond_in"}, {"cond_out"}, "keep"));
    body.outputs = {typed("cond_out", DataType::Bool), typed("v_out", DataType::Float)};

    RuntimeGraph g;
    g.input("v0", RuntimeTensor::fromFloats({1}, {0}));
    g.input("offset", RuntimeTensor::fromFloats({1}, {3}));
    g.constant("trips", RuntimeTensor::fromInt64s({}, {5}));
    g.node("Loop", {"trips", "", "v0"}, {"v"}).attributes = {graphAttr("body", body)};
    g.output("v");
    CHECK(floatsOf(g.runOne("v")) == std::vector<float>{3}); // +3 -3 +3 -3 +3
}

TEST_CASE("Unsupported operators inside a subgraph are reported for the owning node",
          "[runtime][controlflow]") {
    Graph thenBranch;
    thenBranch.nodes.push_back(makeNode("NoSuchOp", {"x"}, {"then_y"}, "odd"));
    thenBranch.outputs.push_back(typed("then_y", DataType::Float));
    Graph elseBranch;
    elseBranch.nodes.push_back(makeNode("Relu", {"x"}, {"else_y"}, "relu"));
    elseBranch.outputs.push_back(typed("else_y", DataType::Float));
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1}, {1}));
    g.input("c", boolScalar(true));
    g.node("If", {"c"}, {"y"}).attributes = {graphAttr("then_branch", thenBranch),
                                             graphAttr("else_branch", elseBranch)};
    g.output("y");
    std::vector<UnsupportedNode> unsupported = Executor::findUnsupported(g.model);
    REQUIRE(unsupported.size() == 1);
    CHECK(unsupported[0].opType == "If");
    CHECK(unsupported[0].reason.find("NoSuchOp") != std::string::npos);
}

TEST_CASE("A Loop that does not end within the iteration limit is an error naming the node",
          "[runtime][controlflow][limits]") {
    RuntimeGraph g;
    g.input("v0", RuntimeTensor::fromFloats({1}, {1}));
    g.constant("trips", RuntimeTensor::fromInt64s({}, {int64_t(1) << 62}));
    g.constant("go", boolScalar(true));
    g.constant("scale", RuntimeTensor::fromFloats({}, {1}));
    g.node("Loop", {"trips", "go", "v0"}, {"v", "scans"}).attributes = {
        graphAttr("body", accumulateBody(-1))};
    g.output("v");
    g.output("scans");
    setLoopIterationLimit(1000);
    CHECK_THROWS_WITH(g.run(), Catch::Contains("Loop_0") && Catch::Contains("1000 iterations"));
    setLoopIterationLimit(0);
    CHECK(loopIterationLimit() == (int64_t(1) << 20));
}
