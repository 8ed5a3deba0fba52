// The memory estimate of one inference against what the executor really allocates: never below the measured
// peak of live tensor bytes, and within a small factor of it.

#include "fixtures/modelbuilder.h"

#include "model/onnxloader.h"
#include "runtime/alignedbuffer.h"
#include "runtime/executor.h"
#include "runtime/memoryestimate.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace qs;
using namespace qs::test;

namespace {

/// A float tensor of `dims` filled with pseudo-random values.
RuntimeTensor randomInput(const std::vector<int64_t>& dims, uint32_t seed) {
    int64_t count = 1;
    for (int64_t dim : dims)
        count *= dim;
    return RuntimeTensor::fromFloats(dims, randomValues(size_t(count), seed));
}

/// Peak tensor bytes of the executor's first run (graph input included), as the buffers count them.
uint64_t measuredActivationPeak(const Model& model, const std::string& inputName,
                                const std::vector<int64_t>& dims, bool observeAll) {
    ExecutorOptions executorOptions;
    executorOptions.threadCount = 2;
    Executor executor(model, executorOptions);
    TensorMap inputs{{inputName, randomInput(dims, 7)}};
    const uint64_t before = AlignedBuffer::liveBytes();
    AlignedBuffer::resetPeakBytes();
    RunOptions options;
    uint64_t observed = 0;
    if (observeAll)
        options.observer = [&observed](const std::string&, const RuntimeTensor& tensor) {
            observed += tensor.sizeBytes();
        };
    executor.run(inputs, options);
    executor.run(inputs, options);
    return AlignedBuffer::peakBytes() - before + inputs.at(inputName).sizeBytes();
}

/// A convolutional classifier with an open batch: two conv stages, pooling, flatten and a fully connected
/// layer, so shapes have to be resolved through symbolic and inferred dims.
Model buildConvNet() {
    ModelBuilder b;
    b.input("x", DataType::Float, {"batch", 3, 32, 32});
    b.initializer("w1", {24, 3, 3, 3}, randomValues(24 * 27, 1));
    b.initializer("b1", {24}, randomValues(24, 2));
    b.node("Conv", {"x", "w1", "b1"}, {"c1"}, "conv1").ints("pads", {1, 1, 1, 1});
    b.node("Relu", {"c1"}, {"r1"}, "relu1");
    b.node("MaxPool", {"r1"}, {"p1"}, "pool1").ints("kernel_shape", {2, 2}).ints("strides", {2, 2});
    b.initializer("w2", {40, 24, 3, 3}, randomValues(40 * 24 * 9, 3));
    b.node("Conv", {"p1", "w2"}, {"c2"}, "conv2").ints("pads", {1, 1, 1, 1});
    b.node("Sigmoid", {"c2"}, {"s2"}, "sigmoid2");
    b.node("Mul", {"c2", "s2"}, {"m2"}, "swish2");
    b.node("Add", {"m2", "c2"}, {"a2"}, "residual2");
    b.node("GlobalAveragePool", {"a2"}, {"g"}, "gap");
    b.node("Flatten", {"g"}, {"f"}, "flatten");
    b.initializer("fc", {10, 40}, randomValues(400, 4));
    b.node("Gemm", {"f", "fc"}, {"logits"}, "fc").attr("transB", 1);
    b.output("logits", DataType::Float);
    return loadOnnxModelFromBytes(b.serialize(), "convnet.onnx").model;
}

/// Checks the estimate against the measured peak, with probe runs for the tensors shape inference left open.
void checkAgainstMeasurement(const Model& model, const std::string& inputName,
                             const std::vector<int64_t>& dims) {
    const std::map<std::string, std::vector<int64_t>> inputs{{inputName, dims}};
    InferenceMemoryEstimate estimate = estimateInferenceMemory(model.graph, inputs);
    if (!estimate.guessedTensors.empty()) {
        const ProbedTensorBytes probed = probeTensorBytes(model, inputs);
        REQUIRE(!probed.empty());
        estimate = estimateInferenceMemory(model.graph, inputs, &probed);
    }
    for (bool observeAll : {false, true}) {
        const uint64_t measured = measuredActivationPeak(model, inputName, dims, observeAll);
        INFO("batch " << dims.front() << (observeAll ? ", every tensor observed" : ", fast path")
                      << ": estimate " << estimate.activationPeakBytes << " bytes (peak at '"
                      << estimate.peakNode << "'), measured " << measured << " bytes");
        CHECK(estimate.activationPeakBytes >= measured);
        CHECK(estimate.activationPeakBytes <= 4 * measured);
    }
}

} // namespace

TEST_CASE("The memory estimate bounds the measured peak on the demo model", "[runtime][memoryestimate]") {
    const Model model = loadOnnxModel(std::string(QS_SOURCE_DIR) + "/resources/demo/model.onnx").model;
    REQUIRE(model.graph.inputs.size() == 1);
    const std::string input = model.graph.inputs.front().name;
    for (int64_t batch : {1, 8, 32}) {
        checkAgainstMeasurement(model, input, {batch, 1, 28, 28});
    }
    const InferenceMemoryEstimate estimate = estimateInferenceMemory(model.graph, {{input, {32, 1, 28, 28}}});
    CHECK(estimate.guessedTensors.empty());
    CHECK(estimate.constantBytes == graphWeightBytes(model.graph));
    CHECK(estimate.kernelWeightBytes > 0);
    CHECK(estimate.inputBytes == 32 * 28 * 28 * 4); // the caller's plain tensor
    CHECK(estimate.outputBytes == 32 * 10 * 4);
}

TEST_CASE("The memory estimate bounds the measured peak on a built model with open dims",
          "[runtime][memoryestimate]") {
    const Model model = buildConvNet();
    for (int64_t batch : {1, 4, 16})
        checkAgainstMeasurement(model, "x", {batch, 3, 32, 32});
}

TEST_CASE("The memory estimate grows with the batch and resolves the batch symbol",
          "[runtime][memoryestimate]") {
    const Model model = buildConvNet();
    const InferenceMemoryEstimate one = estimateInferenceMemory(model.graph, {{"x", {1, 3, 32, 32}}});
    const InferenceMemoryEstimate many = estimateInferenceMemory(model.graph, {{"x", {64, 3, 32, 32}}});
    CHECK(many.activationPeakBytes > 32 * one.activationPeakBytes);
    CHECK(many.constantBytes == one.constantBytes);
    // conv1's output [64, 24, 32, 32], its channels padded to 32.
    CHECK(many.tensorBytes.at("c1") == uint64_t(64) * 32 * 32 * 32 * 4);
    CHECK(many.tensorBytes.at("logits") == uint64_t(64) * 10 * 4);
    CHECK(many.peakNode.size() > 0);
}

TEST_CASE("Probe runs size the tensors whose shapes stay open", "[runtime][memoryestimate]") {
    // A Reshape whose target shape is computed from Shape: shape inference cannot tell its output dims.
    ModelBuilder b;
    b.input("x", DataType::Float, {"batch", 64});
    b.node("Shape", {"x"}, {"shape"}, "shape");
    b.node("Reshape", {"x", "shape"}, {"reshaped"}, "reshape");
    b.initializerInt64("tiles", {2}, {1, 8});
    b.node("Tile", {"reshaped", "tiles"}, {"tiled"}, "tile");
    b.node("Relu", {"tiled"}, {"y"}, "relu");
    b.output("y", DataType::Float);
    const Model model = loadOnnxModelFromBytes(b.serialize(), "open.onnx").model;
    const std::map<std::string, std::vector<int64_t>> inputs{{"x", {32, 64}}};
    const ProbedTensorBytes probed = probeTensorBytes(model, inputs);
    CHECK(probed.at("tiled") == std::make_pair(uint64_t(64 * 8 * 4), uint64_t(2 * 64 * 8 * 4)));
    const InferenceMemoryEstimate measured = estimateInferenceMemory(model.graph, inputs, &probed);
    CHECK(measured.tensorBytes.at("tiled") == uint64_t(32) * 64 * 8 * 4);
    CHECK(measured.tensorBytes.at("y") == uint64_t(32) * 64 * 8 * 4);
    checkAgainstMeasurement(model, "x", {32, 64});
}

TEST_CASE("Byte sizes are written in binary units", "[runtime][memoryestimate]") {
    CHECK(formatByteSize(512) == "512 B");
    CHECK(formatByteSize(1536) == "1.5 KiB");
    CHECK(formatByteSize(uint64_t(9) << 19) == "4.5 MiB");
    CHECK(formatByteSize(uint64_t(120) << 20) == "120 MiB");
    CHECK(formatByteSize(uint64_t(3) << 30) == "3.0 GiB");
    CHECK(defaultMemoryLimitBytes() > 0);
    CHECK(defaultMemoryLimitBytes() < machineMemoryBytes());
}

TEST_CASE("The memory estimate bounds the measured peak on torchvision exports",
          "[runtime][memoryestimate][torchvision]") {
    const std::filesystem::path folder = std::filesystem::path(QS_GENERATED_DIR);
    const std::vector<std::pair<std::string, std::vector<int64_t>>> models = {
        {"torchvision/resnet18", {2, 3, 224, 224}},
        {"torchvision/mobilenet_v2", {2, 3, 224, 224}},
        {"torchvision/squeezenet1_1", {2, 3, 224, 224}},
        {"torchvision/swin_t", {4, 3, 224, 224}}, // shape inference leaves most of its tensors open
        {"torchvision_extra/shufflenet_v2_x1_0", {4, 3, 224, 224}},
        {"torchvision_extra/ssdlite320_mobilenet_v3_large", {3, 320, 320}}}; // one image, no batch dim
    size_t checked = 0;
    for (const auto& [name, dims] : models) {
        const std::filesystem::path path = folder / (name + ".onnx");
        if (!std::filesystem::exists(path))
            continue;
        INFO(name);
        const Model model = loadOnnxModel(path.string()).model;
        REQUIRE(model.graph.inputs.size() == 1);
        checkAgainstMeasurement(model, model.graph.inputs.front().name, dims);
        ++checked;
    }
    if (checked == 0)
        WARN("no torchvision exports in " << folder.string() << "; run ctest's fixture first");
}
