#include "model/onnxloader.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace qs;
using qs::test::ModelBuilder;

namespace {

bool hasWarningContaining(const LoadResult& result, const std::string& text) {
    return std::any_of(result.warnings.begin(), result.warnings.end(),
                       [&](const std::string& warning) { return warning.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("a builder model round-trips through the loader", "[model][loader]") {
    ModelBuilder b(13, 7);
    b.setProducer("unit-test", "0.9");
    b.setDocString("two layers");
    b.setModelVersion(3);
    b.addMetadata("author", "tests");
    b.opsetImport("com.example", 2);
    b.input("x", DataType::Float, {"batch", 4});
    b.initializer("w", {4, 5}, test::randomValues(20, 1));
    b.initializer("b", {5}, test::randomValues(5, 2));
    b.node("MatMul", {"x", "w"}, {"mm"}, "matmul");
    b.node("Add", {"mm", "b"}, {"y"}, "add");
    b.output("y", DataType::Float, {"batch", test::DimSpec::unknown()});

    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "two.onnx");
    const Model& model = result.model;
    CHECK(result.warnings.empty());
    CHECK(model.info.irVersion == 7);
    CHECK(model.info.opset() == 13);
    CHECK(model.info.opsetImports.at("com.example") == 2);
    CHECK(model.info.producerName == "unit-test");
    CHECK(model.info.producerVersion == "0.9");
    CHECK(model.info.docString == "two layers");
    CHECK(model.info.modelVersion == 3);
    REQUIRE(model.info.metadata.size() == 1);
    CHECK(model.info.metadata[0] == std::make_pair(std::string("author"), std::string("tests")));
    CHECK(model.info.path.empty());
    CHECK(model.info.storedNodeCount == 2);
    CHECK(model.info.storedInitializerCount == 2);

    REQUIRE(model.graph.nodes.size() == 2);
    CHECK(model.graph.nodes[0].name == "matmul");
    CHECK(model.graph.nodes[0].opType == "MatMul");
    CHECK(model.graph.nodes[1].inputs == std::vector<std::string>{"mm", "b"});
    REQUIRE(model.graph.inputs.size() == 1);
    CHECK(model.graph.inputs[0].shape == Shape{Dim::symbolic("batch"), Dim::fixed(4)});
    REQUIRE(model.graph.initializer("w") != nullptr);
    CHECK(model.graph.initializer("w")->dims == std::vector<int64_t>{4, 5});
    CHECK(model.graph.initializer("w")->toDoubles().front() == Approx(test::randomValues(20, 1).front()));
    CHECK(countParameters(model.graph) == 25);

    // Shape inference fills intermediates and the output shape, keeping the symbolic batch dimension.
    const ValueInfo* mm = model.graph.valueInfo("mm");
    REQUIRE(mm != nullptr);
    CHECK(mm->type == DataType::Float);
    CHECK(mm->shape == Shape{Dim::symbolic("batch"), Dim::fixed(5)});
    REQUIRE(model.graph.outputs.size() == 1);
    const ValueInfo* y = model.graph.valueInfo("y");
    REQUIRE(y != nullptr);
    CHECK(y->hasShape);
    CHECK(y->shape == Shape{Dim::symbolic("batch"), Dim::fixed(5)});
}

TEST_CASE("loading from a file records the path and reports progress", "[model][loader]") {
    test::TempDir dir;
    const std::string path = dir.file("cnn.onnx");
    test::makeSmallCnn(path);
    std::vector<double> fractions;
    const LoadResult result = loadOnnxModel(path, {}, [&](double fraction, const std::string&) {
        fractions.push_back(fraction);
        return true;
    });
    CHECK(result.model.info.path == path);
    CHECK(result.model.graph.nodes.size() == 7);
    REQUIRE(fractions.size() >= 3);
    CHECK(std::is_sorted(fractions.begin(), fractions.end()));
    CHECK(fractions.back() == 1.0);
}

TEST_CASE("a progress callback returning false cancels loading", "[model][loader]") {
    test::TempDir dir;
    const std::string path = dir.file("cnn.onnx");
    test::makeSmallCnn(path);
    CHECK_THROWS_AS(loadOnnxModel(path, {}, [](double, const std::string&) { return false; }), Cancelled);
    int calls = 0;
    CHECK_THROWS_AS(loadOnnxModel(path, {}, [&](double, const std::string&) { return ++calls < 3; }), Cancelled);
}

TEST_CASE("graph inputs that are initializers are not inputs", "[model][loader]") {
    ModelBuilder b(9, 3);
    b.input("x", DataType::Float, {1, 3});
    b.input("w", DataType::Float, {3, 3});
    b.initializer("w", {3, 3}, test::randomValues(9, 3));
    b.node("MatMul", {"x", "w"}, {"y"});
    b.output("y", DataType::Float, {1, 3});
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "old.onnx");
    REQUIRE(result.model.graph.inputs.size() == 1);
    CHECK(result.model.graph.inputs[0].name == "x");
    CHECK(result.model.graph.initializer("w") != nullptr);
}

TEST_CASE("unnamed nodes get generated names and duplicates a suffix", "[model][loader]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2});
    b.node("Relu", {"x"}, {"a"});
    b.node("Neg", {"a"}, {"b"}, "same");
    b.node("Abs", {"b"}, {"c"}, "same");
    b.node("Relu", {"c"}, {"d"}, "Relu_0");
    b.output("d", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "names.onnx");
    const Graph& graph = result.model.graph;
    REQUIRE(graph.nodes.size() == 4);
    std::vector<std::string> names;
    for (const Node& node : graph.nodes)
        names.push_back(node.name);
    CHECK(names[1] == "same");
    CHECK(names[2] == "same_2");
    CHECK(names[3] == "Relu_0");
    CHECK(names[0] != "Relu_0");
    CHECK(names[0].rfind("Relu_0", 0) == 0);
    std::sort(names.begin(), names.end());
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
}

TEST_CASE("nodes are sorted topologically, keeping file order among ready nodes", "[model][loader]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2});
    b.node("Add", {"p", "q"}, {"y"}, "late_add");
    b.node("Neg", {"x"}, {"p"}, "neg");
    b.node("Abs", {"x"}, {"q"}, "abs");
    b.output("y", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "order.onnx");
    const Graph& graph = result.model.graph;
    REQUIRE(graph.nodes.size() == 3);
    CHECK(graph.nodes[0].name == "neg");
    CHECK(graph.nodes[1].name == "abs");
    CHECK(graph.nodes[2].name == "late_add");
}

TEST_CASE("subgraphs are converted and may read outer-scope values", "[model][loader]") {
    test::GraphBuilder thenBranch("then");
    thenBranch.node("Add", {"outer", "outer"}, {"then_out"}, "then_add");
    thenBranch.output("then_out", DataType::Float, {2});
    test::GraphBuilder elseBranch("else");
    elseBranch.node("Neg", {"outer"}, {"else_out"}, "else_neg");
    elseBranch.output("else_out", DataType::Float, {2});

    ModelBuilder b;
    b.input("x", DataType::Float, {2});
    b.input("cond", DataType::Bool, {});
    b.node("If", {"cond"}, {"y"}, "branch").graph("then_branch", thenBranch).graph("else_branch", elseBranch);
    b.node("Relu", {"x"}, {"outer"}, "relu");  // stored after its use inside the If branches
    b.output("y", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "if.onnx");
    const Graph& graph = result.model.graph;
    REQUIRE(graph.nodes.size() == 2);
    CHECK(graph.nodes[0].name == "relu");
    CHECK(graph.nodes[1].name == "branch");
    const Attribute* thenAttr = graph.nodes[1].attribute("then_branch");
    REQUIRE(thenAttr != nullptr);
    REQUIRE(thenAttr->kind == Attribute::Kind::Graph);
    REQUIRE(thenAttr->graph != nullptr);
    CHECK(thenAttr->graph->name == "then");
    REQUIRE(thenAttr->graph->nodes.size() == 1);
    CHECK(thenAttr->graph->nodes[0].opType == "Add");
}

TEST_CASE("custom-domain operators load with at most warnings", "[model][loader]") {
    ModelBuilder b;
    b.opsetImport("com.example.custom", 1);
    b.input("x", DataType::Float, {1, 4});
    b.node("FancyOp", {"x"}, {"y"}, "fancy", "com.example.custom").attr("strength", 0.5f);
    b.node("Relu", {"y"}, {"z"}, "relu");
    b.output("z", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "custom.onnx");
    REQUIRE(result.model.graph.nodes.size() == 2);
    CHECK(result.model.graph.nodes[0].domain == "com.example.custom");
    CHECK(result.model.graph.nodes[0].floatAttr("strength", 0.0f) == 0.5f);
}

TEST_CASE("checker complaints become warnings naming the node", "[model][loader]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {1, 4});
    b.node("Relu", {"x"}, {"y"}, "bad_relu").attr("no_such_attribute", 3);
    b.output("y", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "warn.onnx");
    CHECK(result.model.graph.nodes.size() == 1);
    CHECK(hasWarningContaining(result, "bad_relu"));
    for (const std::string& warning : result.warnings)
        CHECK(warning.find('\n') == std::string::npos);
}

TEST_CASE("shape inference errors become warnings", "[model][loader]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2, 3});
    b.input("z", DataType::Float, {4, 5});
    b.node("MatMul", {"x", "z"}, {"y"}, "mismatched");
    b.output("y", DataType::Float);
    LoadOptions options;
    options.runChecker = false;
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "shapes.onnx", {}, options);
    CHECK(hasWarningContaining(result, "mismatched"));
    LoadOptions quiet;
    quiet.runChecker = false;
    quiet.inferShapes = false;
    CHECK(loadOnnxModelFromBytes(b.serialize(), "shapes.onnx", {}, quiet).warnings.empty());
}

TEST_CASE("typed-field initializers load like raw_data ones", "[model][loader]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {3});
    b.initializerFloatData("w", {3}, {1.5f, -2.0f, 4.0f});
    b.node("Mul", {"x", "w"}, {"y"});
    b.output("y", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "typed.onnx");
    REQUIRE(result.model.graph.initializer("w") != nullptr);
    CHECK(result.model.graph.initializer("w")->toDoubles() == std::vector<double>{1.5, -2.0, 4.0});
}

TEST_CASE("declared outputs stay as declared; inference only fills what is open", "[model][loader]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {"batch", test::DimSpec::unknown(), 4});
    b.node("Relu", {"x"}, {"h"}, "relu");
    b.node("Neg", {"h"}, {"y"}, "neg");
    b.node("Abs", {"h"}, {"z"}, "abs");
    b.output("y", DataType::Float, {"batch", test::DimSpec::unknown(), test::DimSpec::unknown()});
    b.output("z", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "declared.onnx");
    const Graph& graph = result.model.graph;
    REQUIRE(graph.outputs.size() == 2);
    CHECK(graph.outputs[0].shape == Shape{Dim::symbolic("batch"), Dim{}, Dim::fixed(4)});
    CHECK(graph.outputs[1].hasShape);
    CHECK(graph.outputs[1].shape == Shape{Dim::symbolic("batch"), Dim{}, Dim::fixed(4)});
    const ValueInfo* h = graph.valueInfo("h");
    REQUIRE(h != nullptr);
    CHECK(h->shape == Shape{Dim::symbolic("batch"), Dim{}, Dim::fixed(4)});
}
