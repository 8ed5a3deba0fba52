#pragma once
// The memory a step of the quantization workflow needs, estimated before it starts, so that a batch size the
// machine cannot hold is refused (CLI) or warned about (studio) before any image is read.
//
// Counted, on top of one inference (runtime/memoryestimate.h: constants, reordered weights, the peak of live
// activations at the batch size):
//  - the loaded model's weights (the graph IR the caller keeps beside the executor);
//  - the reordered weights of every execution plan the steps keep (calibration, bias correction and the two
//    sides of an evaluation each run their own plan);
//  - the data: the batch being run and the batches decoded ahead of it (4 x batch x sample bytes);
//  - calibration: one histogram (2048 bins of 8 bytes) per observed tensor;
//  - quantization: the quantized weights (a float copy of each quantized weight and bias);
//  - evaluation: the simulated (quantized-dequantized) weights and biases substituted in the candidate run,
//    the reference run's outputs kept while the candidate runs, and the copies of the quantized layers'
//    outputs kept for the SQNR comparison (batch x tensor bytes each).
// Per image, evaluation keeps only running sums (a few numbers), which are not counted.

#include "model/graph.h"
#include "quant/quantconfig.h"
#include "quant/quantplan.h"
#include "runtime/memoryestimate.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace qs {

/// Which steps the estimate covers.
struct WorkflowSteps {
    bool calibrate = false;
    bool quantize = false;
    bool correctBiases = false;
    bool evaluate = false;
    size_t observedTensors = 0; ///< tensors calibration histograms
};

struct WorkflowMemoryEstimate {
    size_t batchSize = 1;
    uint64_t modelBytes = 0; ///< weights of the loaded model
    InferenceMemoryEstimate inference;
    size_t planCount = 1;          ///< execution plans kept, each with its own reordered weights
    uint64_t dataBytes = 0;        ///< batches in flight
    uint64_t calibrationBytes = 0; ///< histograms
    uint64_t quantizedBytes = 0;   ///< quantized weights and biases
    uint64_t evaluationBytes = 0;  ///< simulated weights, kept outputs and compared tensors
    uint64_t totalBytes() const;
    /// Weights held: the model's, the executor's constants and the reordered copies.
    uint64_t weightBytes() const;
    /// "412 MiB (weights 98 MiB, activations 250 MiB at batch 32, data 19 MiB, calibration 3 MiB)"
    std::string summary() const;
};

/// The per-sample dims ([C,H,W] or [H,W,C]) that `inputShapes`, the config's input.shape, the model input's
/// static dims or the preprocessing's crop / resize fix without reading an image; empty when only an image
/// can tell.
std::vector<int64_t>
configuredSampleDims(const ValueInfo& input, const QuantConfig& config,
                     const std::map<std::string, std::vector<int64_t>>& inputShapes = {});

/// The steps of `steps` on `model` with samples of `sampleDims` fed to `input` in batches of `batchSize`.
/// With `probeOpenShapes`, tensors whose shapes shape inference left open are sized from two small probe runs
/// (probeTensorBytes: an executor and two inferences at batch 1 and 2) instead of being guessed.
WorkflowMemoryEstimate estimateWorkflowMemory(const Model& model, const QuantPlan& plan,
                                              const ValueInfo& input, const std::vector<int64_t>& sampleDims,
                                              size_t batchSize, const WorkflowSteps& steps,
                                              bool probeOpenShapes = false);

/// One inference of `model` on inputs of `inputDims` (quantscope-cli run): the model's weights while the
/// executor is built, the executor and the inputs.
WorkflowMemoryEstimate estimateRunMemory(const Model& model,
                                         const std::map<std::string, std::vector<int64_t>>& inputDims,
                                         bool probeOpenShapes = false);

/// Two models compared on the same batches (quantscope-cli evaluate): both models and executors, the data,
/// the reference's outputs and its copies of `comparedTensors` kept for the candidate run.
WorkflowMemoryEstimate estimateComparisonMemory(const Model& reference, const Model& candidate,
                                                const std::string& inputName,
                                                const std::vector<int64_t>& inputDims,
                                                const std::vector<std::string>& comparedTensors,
                                                bool probeOpenShapes = false);

} // namespace qs
