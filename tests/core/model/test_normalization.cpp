#include "model/layers.h"
#include "model/onnxloader.h"

#include "fixtures/modelbuilderproto.h"

#include <catch2/catch.hpp>

using namespace qs;
using qs::test::ModelBuilder;

namespace {

bool hasNodeOfType(const Graph& graph, const std::string& opType) {
    for (const Node& node : graph.nodes)
        if (node.opType == opType)
            return true;
    return false;
}

} // namespace

TEST_CASE("the small CNN fixture normalizes to initializers only", "[model][normalize]") {
    ModelBuilder b;
    test::buildSmallCnn(b);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "cnn.onnx");
    const Model& model = result.model;
    CHECK(result.warnings.empty());
    CHECK(model.info.storedNodeCount == 9);
    CHECK(model.info.storedInitializerCount == 5);
    CHECK(model.info.constantNodesFolded == 1);
    CHECK(model.info.identitiesRemoved == 1);
    CHECK(model.graph.nodes.size() == 7);
    CHECK(model.graph.initializers.size() == 6);
    CHECK_FALSE(hasNodeOfType(model.graph, "Constant"));
    CHECK_FALSE(hasNodeOfType(model.graph, "Identity"));
    const Node& fc = model.graph.nodes[size_t(model.graph.nodeIndex("fc"))];
    CHECK(fc.inputs == std::vector<std::string>{"flatten_out", "fc.weight", "fc.bias_stored"});
    const Tensor* weight = model.graph.initializer("fc.weight");
    REQUIRE(weight != nullptr);
    CHECK(weight->dims == std::vector<int64_t>{10, 8});
    CHECK(weight->toDoubles()[5] == Approx(test::randomValues(80, 16, 0.5f)[5]));
    CHECK(countParameters(model.graph) == 394);
    CHECK(findQuantizableLayers(model.graph).size() == 3);
    const ValueInfo* logits = model.graph.valueInfo("logits");
    REQUIRE(logits != nullptr);
    CHECK(logits->shape == Shape{Dim::symbolic("batch"), Dim::fixed(10)});
}

TEST_CASE("normalization can be switched off", "[model][normalize]") {
    ModelBuilder b;
    test::buildSmallCnn(b);
    LoadOptions options;
    options.normalizeWeights = false;
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "cnn.onnx", {}, options);
    CHECK(result.model.graph.nodes.size() == 9);
    CHECK(result.model.graph.initializers.size() == 5);
    CHECK(result.model.info.constantNodesFolded == 0);
    CHECK(hasNodeOfType(result.model.graph, "Constant"));
}

TEST_CASE("every Constant attribute form becomes an initializer", "[model][normalize]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {3});
    b.node("Constant", {}, {"f"}, "c_float").attr("value_float", 2.5f);
    b.node("Constant", {}, {"fs"}, "c_floats").floats("value_floats", {1.0f, 2.0f, 3.0f});
    b.node("Constant", {}, {"i"}, "c_int").attr("value_int", 7);
    b.node("Constant", {}, {"is"}, "c_ints").ints("value_ints", {4, 5});
    b.node("Constant", {}, {"s"}, "c_string").attr("value_string", "hello");
    b.node("Add", {"x", "fs"}, {"y1"}, "add1");
    b.node("Mul", {"y1", "f"}, {"y"}, "mul");
    b.output("y", DataType::Float);
    b.output("i", DataType::Int64);
    b.output("is", DataType::Int64);
    b.output("s", DataType::String);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "constants.onnx");
    const Graph& graph = result.model.graph;
    CHECK(result.model.info.constantNodesFolded == 5);
    CHECK(graph.nodes.size() == 2);
    REQUIRE(graph.initializer("f") != nullptr);
    CHECK(graph.initializer("f")->dims.empty());
    CHECK(graph.initializer("f")->toDoubles() == std::vector<double>{2.5});
    CHECK(graph.initializer("fs")->dims == std::vector<int64_t>{3});
    CHECK(graph.initializer("i")->type == DataType::Int64);
    CHECK(graph.initializer("i")->toInt64s() == std::vector<int64_t>{7});
    CHECK(graph.initializer("is")->toInt64s() == std::vector<int64_t>{4, 5});
    CHECK(graph.initializer("s")->strings == std::vector<std::string>{"hello"});
}

TEST_CASE("a sparse Constant is densified", "[model][normalize]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2, 3});
    onnx::NodeProto& node = b.node("Constant", {}, {"dense"}, "sparse_const").proto();
    onnx::AttributeProto* attribute = node.add_attribute();
    attribute->set_name("sparse_value");
    attribute->set_type(onnx::AttributeProto::SPARSE_TENSOR);
    onnx::SparseTensorProto* sparse = attribute->mutable_sparse_tensor();
    sparse->add_dims(2);
    sparse->add_dims(3);
    onnx::TensorProto* values = sparse->mutable_values();
    values->set_name("dense");
    values->set_data_type(onnx::TensorProto::FLOAT);
    values->add_dims(2);
    values->add_float_data(4.0f);
    values->add_float_data(-1.0f);
    onnx::TensorProto* indices = sparse->mutable_indices();
    indices->set_data_type(onnx::TensorProto::INT64);
    indices->add_dims(2);
    indices->add_int64_data(1);
    indices->add_int64_data(5);
    b.node("Add", {"x", "dense"}, {"y"}, "add");
    b.output("y", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "sparse.onnx");
    const Tensor* dense = result.model.graph.initializer("dense");
    REQUIRE(dense != nullptr);
    CHECK(dense->dims == std::vector<int64_t>{2, 3});
    CHECK(dense->toDoubles() == std::vector<double>{0, 4, 0, 0, 0, -1});
    CHECK(result.model.info.constantNodesFolded == 1);
}

TEST_CASE("Identity on an initializer that is a graph output is kept", "[model][normalize]") {
    ModelBuilder b;
    b.input("x", DataType::Float, {2});
    b.initializer("w", {2}, {1.0f, 2.0f});
    b.node("Identity", {"w"}, {"w_out"}, "expose");
    b.node("Identity", {"w"}, {"w_alias"}, "alias");
    b.node("Identity", {"w_alias"}, {"w_alias2"}, "alias_of_alias");
    b.node("Add", {"x", "w_alias2"}, {"y"}, "add");
    b.output("y", DataType::Float);
    b.output("w_out", DataType::Float);
    const LoadResult result = loadOnnxModelFromBytes(b.serialize(), "identity.onnx");
    const Graph& graph = result.model.graph;
    CHECK(result.model.info.identitiesRemoved == 2);
    REQUIRE(graph.nodes.size() == 2);
    CHECK(graph.nodeIndex("expose") >= 0);
    CHECK(graph.nodes[size_t(graph.nodeIndex("add"))].inputs == std::vector<std::string>{"x", "w"});
    CHECK(graph.valueInfo("w_alias") == nullptr);
}
