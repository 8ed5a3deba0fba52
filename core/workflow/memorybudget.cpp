#include "workflow/memorybudget.h"

#include "eval/evaluation.h"
#include "runtime/runtimetensor.h"
#include "util/printablename.h"

#include <algorithm>
#include <set>

namespace qs {

namespace {

constexpr uint64_t kBatchesInFlight = 4;
constexpr uint64_t kHistogramBytes = 2048 * sizeof(double) + 256;
constexpr size_t kMaxPlans = 4;

uint64_t floatBytesOf(const Graph& graph, const std::string& name) {
    const Tensor* tensor = graph.initializer(name);
    return tensor ? uint64_t(std::max<int64_t>(tensor->elementCount(), 0)) * sizeof(float) : 0;
}

InferenceMemoryEstimate inferenceEstimate(const Model& model,
                                          const std::map<std::string, std::vector<int64_t>>& inputDims,
                                          bool probeOpenShapes) {
    InferenceMemoryEstimate estimate = estimateInferenceMemory(model.graph, inputDims);
    if (probeOpenShapes && !estimate.guessedTensors.empty()) {
        const ProbedTensorBytes probed = probeTensorBytes(model, inputDims);
        if (!probed.empty())
            estimate = estimateInferenceMemory(model.graph, inputDims, &probed);
    }
    return estimate;
}

} // namespace

uint64_t WorkflowMemoryEstimate::weightBytes() const {
    return modelBytes + inference.constantBytes + inference.kernelWeightBytes * planCount;
}

uint64_t WorkflowMemoryEstimate::totalBytes() const {
    return weightBytes() + inference.activationPeakBytes + dataBytes + calibrationBytes + quantizedBytes +
           evaluationBytes;
}

std::string WorkflowMemoryEstimate::summary() const {
    std::string text = formatByteSize(totalBytes()) + " (weights " + formatByteSize(weightBytes()) +
                       ", activations " + formatByteSize(inference.activationPeakBytes) + " at batch " +
                       std::to_string(batchSize);
    if (!inference.peakNode.empty())
        text += ", peak at node '" + printableName(inference.peakNode) + "'";
    if (!inference.largestTensorNode.empty() && inference.largestTensorBytes)
        text += ", largest tensor " + formatByteSize(inference.largestTensorBytes) + " made by node '" +
                printableName(inference.largestTensorNode) + "'";
    if (dataBytes)
        text += ", data " + formatByteSize(dataBytes);
    if (calibrationBytes)
        text += ", calibration " + formatByteSize(calibrationBytes);
    if (quantizedBytes)
        text += ", quantized weights " + formatByteSize(quantizedBytes);
    if (evaluationBytes)
        text += ", evaluation " + formatByteSize(evaluationBytes);
    return text + ")";
}

std::vector<int64_t> configuredSampleDims(const ValueInfo& input, const QuantConfig& config,
                                          const std::map<std::string, std::vector<int64_t>>& inputShapes) {
    auto given = inputShapes.find(input.name);
    if (given != inputShapes.end() && given->second.size() > 1)
        return std::vector<int64_t>(given->second.begin() + 1, given->second.end());
    if (config.input.shape.size() > 1)
        return std::vector<int64_t>(config.input.shape.begin() + 1, config.input.shape.end());
    if (input.hasShape && input.shape.size() > 1 &&
        std::all_of(input.shape.begin() + 1, input.shape.end(),
                    [](const Dim& dim) { return dim.isStatic(); })) {
        std::vector<int64_t> dims;
        for (size_t d = 1; d < input.shape.size(); ++d)
            dims.push_back(input.shape[d].value);
        return dims;
    }
    const PreprocessConfig& preprocess = config.preprocess;
    const std::vector<int>& size = !preprocess.centerCrop.empty() ? preprocess.centerCrop : preprocess.resize;
    if (size.size() != 2)
        return {};
    const int64_t channels = preprocess.channelCount();
    if (preprocess.layout == TensorLayout::NHWC)
        return {size[0], size[1], channels};
    return {channels, size[0], size[1]};
}

WorkflowMemoryEstimate estimateWorkflowMemory(const Model& model, const QuantPlan& plan,
                                              const ValueInfo& input, const std::vector<int64_t>& sampleDims,
                                              size_t batchSize, const WorkflowSteps& steps,
                                              bool probeOpenShapes) {
    const Graph& graph = model.graph;
    WorkflowMemoryEstimate result;
    result.batchSize = std::max<size_t>(batchSize, 1);
    result.modelBytes = graphWeightBytes(graph);
    std::vector<int64_t> dims = sampleDims;
    dims.insert(dims.begin(), int64_t(result.batchSize));
    result.inference = inferenceEstimate(model, {{input.name, dims}}, probeOpenShapes);
    const uint64_t batchBytes = result.inference.tensorBytes[input.name];
    result.dataBytes = batchBytes * kBatchesInFlight;

    size_t plans = 0;
    if (steps.calibrate)
        plans += 1;
    if (steps.correctBiases)
        plans += 2;
    if (steps.evaluate)
        plans += 2;
    result.planCount = std::min(kMaxPlans, std::max<size_t>(plans, 1));
    if (steps.calibrate)
        result.calibrationBytes = uint64_t(steps.observedTensors) * kHistogramBytes;

    uint64_t quantizedWeights = 0;
    for (const LayerPlan& layer : plan.layers) {
        if (layer.weights.kind == SchemeKind::Float)
            continue;
        quantizedWeights += floatBytesOf(graph, layer.layer.weightName);
        if (layer.quantizeBias && !layer.layer.biasName.empty())
            quantizedWeights += floatBytesOf(graph, layer.layer.biasName);
    }
    if (steps.quantize || steps.evaluate || steps.correctBiases)
        result.quantizedBytes = quantizedWeights;
    if (steps.evaluate || steps.correctBiases) {
        uint64_t evaluation = quantizedWeights + result.inference.outputBytes;
        std::set<std::string> compared;
        for (const auto& entry : quantizedLayerOutputs(graph, plan))
            if (compared.insert(entry.second).second) {
                auto found = result.inference.tensorBytes.find(entry.second);
                if (found != result.inference.tensorBytes.end())
                    evaluation += found->second;
            }
        result.evaluationBytes = evaluation;
    }
    return result;
}

WorkflowMemoryEstimate estimateRunMemory(const Model& model,
                                         const std::map<std::string, std::vector<int64_t>>& inputDims,
                                         bool probeOpenShapes) {
    WorkflowMemoryEstimate result;
    result.modelBytes = graphWeightBytes(model.graph);
    result.inference = inferenceEstimate(model, inputDims, probeOpenShapes);
    for (const auto& entry : inputDims)
        if (!entry.second.empty())
            result.batchSize = size_t(std::max<int64_t>(entry.second.front(), 1));
    return result;
}

WorkflowMemoryEstimate estimateComparisonMemory(const Model& reference, const Model& candidate,
                                                const std::string& inputName,
                                                const std::vector<int64_t>& inputDims,
                                                const std::vector<std::string>& comparedTensors,
                                                bool probeOpenShapes) {
    WorkflowMemoryEstimate result = estimateRunMemory(reference, {{inputName, inputDims}}, probeOpenShapes);
    const WorkflowMemoryEstimate other =
        estimateRunMemory(candidate, {{inputName, inputDims}}, probeOpenShapes);
    result.modelBytes += other.modelBytes;
    result.inference.constantBytes += other.inference.constantBytes;
    result.inference.kernelWeightBytes += other.inference.kernelWeightBytes;
    // Each executor's buffer pool keeps what its run allocated.
    result.inference.activationPeakBytes += other.inference.activationPeakBytes;
    result.dataBytes = result.inference.inputBytes * kBatchesInFlight;
    uint64_t kept = result.inference.outputBytes;
    for (const std::string& name : std::set<std::string>(comparedTensors.begin(), comparedTensors.end())) {
        auto found = result.inference.tensorBytes.find(name);
        if (found != result.inference.tensorBytes.end())
            kept += found->second;
    }
    result.evaluationBytes = kept;
    return result;
}

} // namespace qs
