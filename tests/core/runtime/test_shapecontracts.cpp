// Every kernel is guarded by its operator's shape contract: the executor checks the inputs it is actually
// given before calling the kernel. A sweep over every registered operator with random input counts, ranks,
// dims, element types, attribute values and output counts must only ever produce results or qs::Error naming
// the node; run under AddressSanitizer it also proves that no kernel reads or writes out of bounds.

#include "runtimegraph.h"

#include "runtime/kernelregistry.h"
#include "runtime/shapecontract.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <random>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

/// (domain, op type) of a registry name ("com.microsoft.QuantizeLinear" or "Conv").
std::pair<std::string, std::string> splitRegistryName(const std::string& name) {
    const size_t dot = name.rfind('.');
    if (dot == std::string::npos)
        return {"", name};
    return {name.substr(0, dot), name.substr(dot + 1)};
}

RuntimeTensor randomTensor(std::mt19937& random, DataType type, const std::vector<int64_t>& dims) {
    std::uniform_int_distribution<int> value(-3, 3);
    const int64_t count = elementCountOf(dims);
    if (type == DataType::Float) {
        std::vector<float> values(static_cast<size_t>(count));
        for (float& v : values)
            v = float(value(random)) * 0.5f;
        return RuntimeTensor::fromFloats(dims, values);
    }
    std::vector<int64_t> values(static_cast<size_t>(count));
    for (int64_t& v : values)
        v = value(random);
    RuntimeTensor tensor = RuntimeTensor::fromInt64s(dims, values);
    if (type == DataType::Int64)
        return tensor;
    // Other integer and bool types: copy the small values over.
    RuntimeTensor converted(type, dims);
    for (int64_t i = 0; i < count; ++i) {
        if (type == DataType::Bool || type == DataType::UInt8)
            converted.data<uint8_t>()[i] = uint8_t(values[size_t(i)] & (type == DataType::Bool ? 1 : 0xff));
        else if (type == DataType::Int32)
            converted.data<int32_t>()[i] = int32_t(values[size_t(i)]);
        else if (type == DataType::Int8)
            converted.data<int8_t>()[i] = int8_t(values[size_t(i)]);
    }
    return converted;
}

std::vector<int64_t> randomDims(std::mt19937& random, const std::vector<int64_t>* like) {
    std::uniform_int_distribution<int> percent(0, 99);
    if (like && percent(random) < 50) // often the shape of an earlier input, so later checks are reached
        return *like;
    std::uniform_int_distribution<int> rank(0, 5);
    std::uniform_int_distribution<int> dim(0, 4);
    std::vector<int64_t> dims(size_t(rank(random)));
    for (int64_t& d : dims)
        d = percent(random) < 5 ? 0 : std::max(1, dim(random));
    return dims;
}

} // namespace

TEST_CASE("Every registered operator has a shape contract", "[runtime][contracts]") {
    for (const std::string& name : builtinKernelRegistry().opTypes()) {
        const auto [domain, opType] = splitRegistryName(name);
        INFO(name);
        CHECK(shapeContract(domain, opType) != nullptr);
    }
}

TEST_CASE("Shape contracts name the node, the input and what was expected", "[runtime][contracts]") {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({2, 3}, std::vector<float>(6, 1.f)));
    g.input("w", RuntimeTensor::fromFloats({4, 5}, std::vector<float>(20, 1.f)));
    g.node("MatMul", {"x", "w"}, {"y"});
    g.output("y");
    CHECK_THROWS_WITH(g.run(), Contains("MatMul node 'MatMul_0'") && Contains("inner dims differ") &&
                                   Contains("input 0 'x' [2,3]") && Contains("input 1 'w' [4,5]"));

    RuntimeGraph conv;
    conv.input("x", RuntimeTensor::fromFloats({1, 3, 4, 4}, std::vector<float>(48, 1.f)));
    conv.constant("w", RuntimeTensor::fromFloats({2, 4, 1, 1}, std::vector<float>(8, 1.f)));
    conv.node("Conv", {"x", "w"}, {"y"});
    conv.output("y");
    CHECK_THROWS_WITH(conv.run(),
                      Contains("Conv node 'Conv_0'") && Contains("3 channels") && Contains("expect 4"));

    RuntimeGraph add;
    add.input("a", RuntimeTensor::fromFloats({2, 3}, std::vector<float>(6, 1.f)));
    add.input("b", RuntimeTensor::fromFloats({4}, std::vector<float>(4, 1.f)));
    add.node("Add", {"a", "b"}, {"c"});
    add.output("c");
    CHECK_THROWS_WITH(add.run(), Contains("input 1 'b' [4] does not broadcast with input 0 'a' [2,3]"));

    RuntimeGraph reshape;
    reshape.input("x", RuntimeTensor::fromFloats({6}, std::vector<float>(6, 1.f)));
    reshape.input("shape", RuntimeTensor::fromFloats({2}, {2.f, 3.f}));
    reshape.node("Reshape", {"x", "shape"}, {"y"});
    reshape.output("y");
    CHECK_THROWS_WITH(reshape.run(), Contains("input 1 'shape' [2] must hold integers, not float32"));

    RuntimeGraph concat;
    concat.input("a", RuntimeTensor::fromFloats({2, 3}, std::vector<float>(6, 1.f)));
    concat.input("b", RuntimeTensor::fromFloats({3, 3}, std::vector<float>(9, 1.f)));
    concat.node("Concat", {"a", "b"}, {"c"}).attributes.push_back(intAttr("axis", 1));
    concat.output("c");
    CHECK_THROWS_WITH(concat.run(), Contains("outside the concatenation axis 1"));
}

TEST_CASE("Shape contracts accept what the operators accept", "[runtime][contracts]") {
    RuntimeGraph g;
    g.input("a", RuntimeTensor::fromFloats({2, 1, 3}, std::vector<float>(6, 1.f)));
    g.input("b", RuntimeTensor::fromFloats({4, 1}, std::vector<float>(4, 2.f)));
    g.node("Add", {"a", "b"}, {"c"});
    g.output("c");
    CHECK(g.runOne("c").dims() == std::vector<int64_t>{2, 4, 3});

    RuntimeGraph m;
    m.input("a", RuntimeTensor::fromFloats({2, 1, 2, 3}, std::vector<float>(12, 1.f)));
    m.input("b", RuntimeTensor::fromFloats({5, 3, 4}, std::vector<float>(60, 1.f)));
    m.node("MatMul", {"a", "b"}, {"c"});
    m.output("c");
    CHECK(m.runOne("c").dims() == std::vector<int64_t>{2, 5, 2, 4});
}

TEST_CASE("Random shapes on every operator give results or errors naming the node, never a crash",
          "[runtime][contracts][sweep]") {
    std::mt19937 random(20261202);
    std::uniform_int_distribution<int> percent(0, 99);
    const std::vector<DataType> types{DataType::Float, DataType::Float, DataType::Int64, DataType::Int32,
                                      DataType::Bool,  DataType::UInt8, DataType::Int8};
    std::uniform_int_distribution<size_t> pickType(0, types.size() - 1);
    std::uniform_int_distribution<int> inputCount(0, 5);
    std::uniform_int_distribution<int> outputCount(1, 3);
    std::uniform_int_distribution<int> small(-3, 3);
    int runs = 0, succeeded = 0, refused = 0;
    for (const std::string& name : builtinKernelRegistry().opTypes()) {
        const auto [domain, opType] = splitRegistryName(name);
        if (opType == "If" || opType == "Loop" || opType == "Scan")
            continue; // need subgraph attributes; covered by the control-flow tests
        for (int trial = 0; trial < 60; ++trial) {
            RuntimeGraph g(trial % 3 == 0 ? 11 : 13);
            std::vector<std::string> inputs;
            const std::vector<int64_t>* firstDims = nullptr;
            std::vector<std::vector<int64_t>> dimsKept;
            dimsKept.reserve(8);
            const ShapeContract* contract = shapeContract(domain, opType);
            int count = inputCount(random);
            if (contract && percent(random) < 85) // mostly a valid arity, so the shape rules are exercised
                count = std::uniform_int_distribution<int>(contract->minInputs(),
                                                           std::min(contract->maxInputs(), 5))(random);
            for (int i = 0; i < count; ++i) {
                const std::string input = "in" + std::to_string(i);
                if (i > 0 && percent(random) < 8) {
                    inputs.push_back(""); // a missing optional input
                    continue;
                }
                dimsKept.push_back(randomDims(random, firstDims));
                if (!firstDims)
                    firstDims = &dimsKept.front();
                const DataType type = i == 0 || percent(random) < 50
                                          ? types[pickType(random)]
                                          : (percent(random) < 50 ? DataType::Int64 : DataType::Float);
                RuntimeTensor value = randomTensor(random, type, dimsKept.back());
                if (percent(random) < 40)
                    g.constant(input, value);
                else
                    g.input(input, value);
                inputs.push_back(input);
            }
            std::vector<std::string> outputs;
            const int outputs_ = outputCount(random);
            for (int o = 0; o < outputs_; ++o)
                outputs.push_back("out" + std::to_string(o));
            Node& node = g.node(opType, inputs, outputs);
            node.domain = domain;
            if (percent(random) < 50)
                node.attributes.push_back(intAttr("axis", small(random)));
            if (percent(random) < 20)
                node.attributes.push_back(intAttr("keepdims", percent(random) < 50));
            if (percent(random) < 10)
                node.attributes.push_back(intAttr("group", small(random)));
            if (percent(random) < 80 && firstDims && firstDims->size() > 2)
                node.attributes.push_back(intsAttr(
                    "kernel_shape", std::vector<int64_t>(firstDims->size() - 2, 1 + percent(random) % 3)));
            if (opType == "Cast")
                node.attributes.push_back(intAttr("to", percent(random) < 50 ? 1 : 7));
            if (opType == "LRN")
                node.attributes.push_back(intAttr("size", 1 + percent(random) % 3));
            if (opType == "Einsum") {
                const char* equations[] = {"ij,jk->ik", "i,i", "bij->bji", "ii->i", "...ij,...jk", "ij"};
                node.attributes.push_back(stringAttr("equation", equations[percent(random) % 6]));
            }
            if (opType == "Transpose" && firstDims && percent(random) < 50) {
                std::vector<int64_t> perm(firstDims->size());
                for (size_t d = 0; d < perm.size(); ++d)
                    perm[d] = int64_t(perm.size() - 1 - d);
                node.attributes.push_back(intsAttr("perm", perm));
            }
            for (const std::string& output : outputs)
                g.output(output);
            INFO(opType << " trial " << trial << " with " << count << " inputs");
            ++runs;
            try {
                g.run();
                ++succeeded;
            } catch (const Error& error) {
                ++refused;
                const std::string message = error.what();
                CHECK(!message.empty());
            }
        }
    }
    INFO(runs << " runs: " << succeeded << " succeeded, " << refused << " refused");
    CHECK(runs > 5000);
    CHECK(succeeded > runs / 50); // the sweep reaches real computations, not only early refusals
}
