#pragma once
// One quantization run from start to finish, as the CLI and the studio drive it: resolve the config into a plan,
// calibrate on an image folder, quantize the tensors, correct biases, and compare float against the simulated
// quantized model on an evaluation folder. Exporting the result is a separate step (core/export).
//
//     PipelineRequest request{&model, config, "calib/", "eval/"};
//     PipelineResult result = runQuantizationPipeline(request, progress);
//     exportQuantizedModel(model, result.plan, result.tensors, "out.onnx");

#include "eval/biascorrection.h"
#include "eval/evaluation.h"
#include "quant/quantconfig.h"
#include "quant/quantizedtensors.h"
#include "quant/quantplan.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qs {

struct PipelineRequest {
    const Model* model = nullptr;
    QuantConfig config;
    std::string calibrationFolder;
    std::string evaluationFolder;       ///< empty: no evaluation
    int threadCount = 0;                ///< 0 = all hardware threads
    /// Shapes for inputs with open dims (from --input-shape); the config's input.shape is used otherwise.
    std::map<std::string, std::vector<int64_t>> inputShapes;
    size_t sensitivityImages = 0;       ///< evaluation images for per-layer sensitivity; 0 = skip it
};

/// Wall times of the stages, in seconds.
struct PipelineTimings {
    double calibration = 0.0;
    double quantization = 0.0;
    double biasCorrection = 0.0;
    double evaluation = 0.0;
    double sensitivity = 0.0;
    double total = 0.0;
};

struct PipelineResult {
    std::string inputName;
    std::string outputName;             ///< the output that evaluation compares
    size_t batchSize = 1;
    QuantPlan plan;
    QuantizedTensors tensors;
    CalibrationResult calibration;
    size_t calibrationScanSkipped = 0;  ///< unreadable files found by the scan (besides calibration.skipped)
    BiasCorrectionReport biasCorrection;
    std::optional<EvaluationResult> evaluation;
    size_t evaluationScanSkipped = 0;
    std::vector<std::string> classNames;
    std::vector<LayerSensitivity> sensitivity;
    ModelSizes sizes;
    PipelineTimings timings;
    std::vector<std::string> warnings;

    /// Every file skipped while reading the calibration and evaluation folders.
    size_t skippedImageCount() const;
};

/// Runs the pipeline. Throws qs::Error naming the folder, file, config key, input or tensor concerned, and
/// qs::Cancelled when `progress` returns false.
PipelineResult runQuantizationPipeline(const PipelineRequest& request, const ProgressCallback& progress = {});

/// The model input the images feed: the config's input.name, else the model's only float input. Throws qs::Error
/// listing the inputs when it is ambiguous or unknown.
const ValueInfo& resolveImageInput(const Model& model, const QuantConfig& config);

/// Images per inference: the input's static batch dim when it has one, else the config's batch size. Checks the
/// preprocessed sample shape `sampleDims` against the input's static dims and throws qs::Error naming the input and
/// the preprocess keys when they differ.
size_t resolveBatchSize(const ValueInfo& input, const QuantConfig& config, const std::vector<int64_t>& sampleDims,
                        const std::map<std::string, std::vector<int64_t>>& inputShapes = {});

/// The scan options (labels file, max images) for the calibration or the evaluation folder.
ImageFolderOptions scanOptionsFor(const QuantConfig& config, bool calibration);

} // namespace qs
