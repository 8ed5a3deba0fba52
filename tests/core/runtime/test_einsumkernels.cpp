// Einsum against hand-computed results: matrix product, transpose, trace, implicit output and ellipsis.

#include "runtimegraph.h"

#include <catch2/catch.hpp>

using namespace qs;
using namespace qs::test;

namespace {

RuntimeTensor runEinsum(const std::string& equation, const std::vector<RuntimeTensor>& inputs) {
    RuntimeGraph g(12);
    std::vector<std::string> names;
    for (size_t i = 0; i < inputs.size(); ++i) {
        names.push_back("x" + std::to_string(i));
        g.input(names.back(), inputs[i]);
    }
    g.node("Einsum", names, {"y"}).attributes = {stringAttr("equation", equation)};
    g.output("y");
    return g.runOne("y");
}

RuntimeTensor matrixA() { return RuntimeTensor::fromFloats({2, 3}, {1, 2, 3, 4, 5, 6}); }
RuntimeTensor matrixB() { return RuntimeTensor::fromFloats({3, 2}, {1, 0, 0, 1, 2, 2}); }

} // namespace

TEST_CASE("Einsum matrix product with explicit and implicit output", "[runtime][einsum]") {
    RuntimeTensor explicitOut = runEinsum("ij,jk->ik", {matrixA(), matrixB()});
    CHECK(explicitOut.dims() == std::vector<int64_t>{2, 2});
    CHECK(floatsOf(explicitOut) == std::vector<float>{7, 8, 16, 17});
    CHECK(floatsOf(runEinsum("ij, jk", {matrixA(), matrixB()})) == std::vector<float>{7, 8, 16, 17});
}

TEST_CASE("Einsum transpose, sum and trace", "[runtime][einsum]") {
    CHECK(floatsOf(runEinsum("ij->ji", {matrixA()})) == std::vector<float>{1, 4, 2, 5, 3, 6});
    CHECK(floatsOf(runEinsum("ij->i", {matrixA()})) == std::vector<float>{6, 15});
    RuntimeTensor square = RuntimeTensor::fromFloats({2, 2}, {1, 2, 3, 4});
    RuntimeTensor trace = runEinsum("ii->", {square});
    CHECK(trace.rank() == 0);
    CHECK(floatsOf(trace) == std::vector<float>{5});
}

TEST_CASE("Einsum batched product through an ellipsis", "[runtime][einsum]") {
    RuntimeTensor a = RuntimeTensor::fromFloats({2, 1, 2}, {1, 2, 3, 4});
    RuntimeTensor b = RuntimeTensor::fromFloats({2, 2, 1}, {1, 1, 2, 0});
    RuntimeTensor y = runEinsum("...ij,...jk->...ik", {a, b});
    CHECK(y.dims() == std::vector<int64_t>{2, 1, 1});
    CHECK(floatsOf(y) == std::vector<float>{3, 6});
}

TEST_CASE("Einsum rejects operands that do not match the equation", "[runtime][einsum]") {
    CHECK_THROWS_WITH(runEinsum("ijk,jk->ik", {matrixA(), matrixB()}), Catch::Contains("Einsum_0"));
}
