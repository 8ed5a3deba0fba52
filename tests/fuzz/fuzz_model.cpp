// Fuzz target: bytes as an .onnx model. Loads them the way the CLI loads a file (checker, shape inference,
// external data confined to the model's folder), plans an executor and runs it once on inputs of the declared
// shapes (open dims = 1) under small tensor and loop limits. qs::Error (UnsupportedError included) is the
// expected outcome for malformed models; any other exception escapes and counts as a failure.

#include "fuzzsupport.h"

#include "model/onnxloader.h"
#include "runtime/executor.h"
#include "runtime/kernel.h"
#include "runtime/runtimetensor.h"

#include <cstring>
#include <string>
#include <vector>

namespace {

/// Inputs above this many elements are not fed (the model is skipped): fuzzing is about parsing and
/// planning, not about large inferences.
constexpr int64_t kMaxInputElements = int64_t(1) << 20;
constexpr uint64_t kMaxTotalInputBytes = uint64_t(16) << 20;

/// The model's folder: an empty scratch folder with one small data file, so that external data references
/// are resolved (and refused when they try to leave it).
const std::string& modelFolder() {
    static const std::string folder = [] {
        qs::setTensorByteLimit(uint64_t(64) << 20);
        qs::setLoopIterationLimit(1000);
        std::vector<float> weights(1024);
        for (size_t i = 0; i < weights.size(); ++i)
            weights[i] = float(int(i % 17) - 8) * 0.125f;
        qs::fuzz::writeScratchFile("weights.bin", weights.data(), weights.size() * sizeof(float));
        return qs::fuzz::scratchDirectory();
    }();
    return folder;
}

/// Small deterministic values: floats in [-1, 1], integers 0-2, booleans alternating.
void fill(qs::RuntimeTensor& tensor) {
    const int64_t count = tensor.elementCount();
    switch (tensor.type()) {
    case qs::DataType::Float:
        for (int64_t i = 0; i < count; ++i)
            tensor.data<float>()[i] = float(i % 9 - 4) * 0.25f;
        break;
    case qs::DataType::Double:
        for (int64_t i = 0; i < count; ++i)
            tensor.data<double>()[i] = double(i % 9 - 4) * 0.25;
        break;
    case qs::DataType::Int64:
        for (int64_t i = 0; i < count; ++i)
            tensor.data<int64_t>()[i] = i % 3;
        break;
    case qs::DataType::Int32:
        for (int64_t i = 0; i < count; ++i)
            tensor.data<int32_t>()[i] = int32_t(i % 3);
        break;
    case qs::DataType::Bool:
        for (int64_t i = 0; i < count; ++i)
            tensor.data<uint8_t>()[i] = uint8_t(i % 2);
        break;
    default:
        if (tensor.sizeBytes())
            std::memset(tensor.raw(), 0, tensor.sizeBytes());
        break;
    }
}

void runModel(const std::string& bytes) {
    qs::LoadResult loaded = qs::loadOnnxModelFromBytes(bytes, "fuzz.onnx", modelFolder());
    qs::ExecutorOptions options;
    options.threadCount = 1;
    qs::Executor executor(loaded.model, options);
    qs::TensorMap inputs;
    uint64_t totalBytes = 0;
    for (const qs::ValueInfo& input : executor.inputs()) {
        std::vector<int64_t> dims;
        if (input.hasShape)
            for (const qs::Dim& dim : input.shape)
                dims.push_back(dim.isStatic() ? dim.value : 1);
        if (qs::elementCountOf(dims) > kMaxInputElements)
            return;
        const qs::DataType type = input.type == qs::DataType::Undefined ? qs::DataType::Float : input.type;
        qs::RuntimeTensor tensor(type, dims);
        totalBytes += tensor.sizeBytes();
        if (totalBytes > kMaxTotalInputBytes)
            return;
        fill(tensor);
        inputs[input.name] = std::move(tensor);
    }
    executor.run(inputs);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        runModel(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const qs::Error&) {
        // A malformed, unsupported or too large model: reported to the user as an error, as it should be.
    }
    return 0;
}
