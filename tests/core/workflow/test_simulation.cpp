#include "quant/quantparams.h"
#include "quant/weightquantizerfactory.h"
#include "runtime/runtimetensor.h"
#include "util/error.h"
#include "workflow/simulation.h"

#include "../runtime/runtimegraph.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <random>

using namespace qs;
using qs::test::RuntimeGraph;

namespace {

std::vector<float> floatsOf(const RuntimeTensor& t) {
    return std::vector<float>(t.data<float>(), t.data<float>() + t.elementCount());
}

std::vector<float> noisyValues(size_t count, unsigned seed, float spread) {
    std::mt19937 random(seed);
    std::normal_distribution<float> normal(0.0f, spread);
    std::vector<float> values(count);
    for (float& v : values)
        v = normal(random);
    return values;
}

/// A tiny conv layer graph: x -> Conv(w, b) -> y -> Relu -> z.
RuntimeGraph convGraph(const std::vector<float>& weight, const std::vector<float>& bias) {
    RuntimeGraph g;
    g.input("x", RuntimeTensor::fromFloats({1, 2, 5, 5}, noisyValues(50, 3, 1.0f)));
    g.constant("w", RuntimeTensor::fromFloats({3, 2, 3, 3}, weight));
    g.constant("b", RuntimeTensor::fromFloats({3}, bias));
    g.node("Conv", {"x", "w", "b"}, {"y"}).name = "conv";
    g.node("Relu", {"y"}, {"z"});
    g.output("z");
    return g;
}

} // namespace

TEST_CASE("fakeQuantize equals the engine's QuantizeLinear then DequantizeLinear bit for bit",
          "[simulation]") {
    // Values include exact ties (k + 0.5) * scale, values far outside the range and zero.
    std::vector<float> values = noisyValues(5000, 7, 3.0f);
    const float scale = 0.03125f;
    for (int k = -300; k < 300; ++k)
        values.push_back((static_cast<float>(k) + 0.5f) * scale);
    values.push_back(0.0f);
    values.push_back(1e6f);
    values.push_back(-1e6f);
    for (auto signedness : {Signedness::Unsigned, Signedness::Signed}) {
        for (auto mode : {RangeMode::Asymmetric, RangeMode::Symmetric}) {
            QuantParams params = uniformParamsFromRange(-2.0f, 5.0f, 8, signedness, mode);
            RuntimeGraph g;
            const int64_t count = static_cast<int64_t>(values.size());
            g.input("x", RuntimeTensor::fromFloats({count}, values));
            g.constant("s", RuntimeTensor::fromFloats({}, {params.scales[0]}));
            RuntimeTensor zero(signedness == Signedness::Signed ? DataType::Int8 : DataType::UInt8, {});
            if (signedness == Signedness::Signed)
                zero.data<int8_t>()[0] = static_cast<int8_t>(params.zeroPoints[0]);
            else
                zero.data<uint8_t>()[0] = static_cast<uint8_t>(params.zeroPoints[0]);
            g.constant("z", zero);
            g.node("QuantizeLinear", {"x", "s", "z"}, {"q"});
            g.node("DequantizeLinear", {"q", "s", "z"}, {"d"});
            g.output("d");
            std::vector<float> engine = floatsOf(g.runOne("d"));
            std::vector<float> simulated =
                floatsOf(fakeQuantize(RuntimeTensor::fromFloats({count}, values), params));
            REQUIRE(engine.size() == simulated.size());
            size_t differing = 0;
            for (size_t i = 0; i < engine.size(); ++i)
                differing += std::memcmp(&engine[i], &simulated[i], sizeof(float)) != 0;
            CHECK(differing == 0);
        }
    }
}

TEST_CASE("fakeQuantize saturates to the storage type, not the narrow symmetric range", "[simulation]") {
    QuantParams params = uniformParamsFromRange(-1.27f, 1.27f, 8, Signedness::Signed, RangeMode::Symmetric);
    REQUIRE(params.qmin == -127);
    RuntimeTensor out = fakeQuantize(RuntimeTensor::fromFloats({2}, {-5.0f, 5.0f}), params);
    CHECK(out.data<float>()[0] == Approx(-128 * params.scales[0]));
    CHECK(out.data<float>()[1] == Approx(127 * params.scales[0]));
    CHECK_THROWS_AS(fakeQuantize(RuntimeTensor::fromInt64s({1}, {1}), params), Error);
}

TEST_CASE("QuantSimulation substitutes weights and biases and quantizes planned activations",
          "[simulation]") {
    std::vector<float> weight = noisyValues(54, 11, 0.5f);
    std::vector<float> bias = {0.1f, -0.2f, 0.3f};
    RuntimeGraph g = convGraph(weight, bias);
    const Graph& graph = g.model.graph;

    QuantPlan plan;
    LayerPlan layer;
    layer.layer.nodeName = "conv";
    layer.layer.opType = "Conv";
    layer.layer.weightName = "w";
    layer.layer.biasName = "b";
    layer.layer.weightShape = {3, 2, 3, 3};
    layer.weights = QuantScheme{SchemeKind::Uniform, 4, Granularity::PerChannel, RangeMode::Symmetric,
                                Signedness::Signed};
    layer.activations = QuantScheme{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Asymmetric,
                                    Signedness::Unsigned};
    layer.inputActivations = {"x"};
    layer.outputActivation = "z";
    plan.layers.push_back(layer);
    plan.activations.push_back({"x", layer.activations, {"conv"}});
    plan.activations.push_back({"z", layer.activations, {"conv"}});

    QuantizedTensors tensors;
    WeightView view{"w", weight.data(), {3, 2, 3, 3}, 0};
    tensors.weights["w"] = makeWeightQuantizer(layer.weights, "conv")->quantize(view);
    tensors.floatBiases["b"] = {0.5f, 0.5f, 0.5f};
    tensors.activations["x"] = uniformParamsFromRange(-3, 3, 8, Signedness::Unsigned, RangeMode::Asymmetric);
    tensors.activations["z"] = uniformParamsFromRange(0, 4, 8, Signedness::Unsigned, RangeMode::Asymmetric);

    // The same computation by hand: quantized input, substituted weights, quantized output.
    RuntimeGraph manual = convGraph(tensors.weights["w"].dequantized, tensors.floatBiases["b"]);
    manual.feeds["x"] = fakeQuantize(g.feeds.at("x"), tensors.activations["x"]);
    std::vector<float> expected = floatsOf(fakeQuantize(manual.runOne("z"), tensors.activations["z"]));

    QuantSimulation simulation(graph, plan, tensors);
    std::vector<std::string> observed;
    TensorMap out = g.run({}, simulation.runOptions([&](const std::string& name, const RuntimeTensor&) {
        observed.push_back(name);
    }));
    CHECK(floatsOf(out.at("z")) == expected);
    CHECK(observed == std::vector<std::string>{"x", "y", "z"});
    CHECK(simulation.weightOverrides().size() == 2);

    // Restricted to no layer: nothing changes.
    QuantSimulation none(graph, plan, tensors, {});
    CHECK(none.weightOverrides().empty());
    CHECK(floatsOf(g.run({}, none.runOptions()).at("z")) == floatsOf(g.runOne("z")));
    // Restricted to the layer: everything applies.
    QuantSimulation only(graph, plan, tensors, {"conv"});
    CHECK(floatsOf(g.run({}, only.runOptions()).at("z")) == expected);

    // A planned activation without parameters is an error naming it.
    tensors.activations.erase("z");
    CHECK_THROWS_WITH(QuantSimulation(graph, plan, tensors), Catch::Contains("'z'"));
}
