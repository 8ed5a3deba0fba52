#pragma once
// One quantization run from start to finish, as the CLI drives it: a QuantizationSession that resolves the
// config into a plan, calibrates on an image folder, quantizes the tensors, corrects biases, and compares
// float against the simulated quantized model on an evaluation folder. Exporting the result is a separate
// step (core/export).
//
//     PipelineRequest request{&model, config, "calib/", "eval/"};
//     PipelineResult result = runQuantizationPipeline(request, progress);
//     exportQuantizedModel(model, result.plan, result.tensors, "out.onnx");

#include "eval/evaluation.h"
#include "quant/quantconfig.h"
#include "quant/quantizedtensors.h"
#include "quant/quantplan.h"
#include "workflow/biascorrection.h"
#include "workflow/datainput.h"
#include "workflow/modelsizes.h"
#include "workflow/sensitivity.h"

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
    std::string evaluationFolder; ///< empty: no evaluation
    int threadCount = 0;          ///< 0 = all hardware threads
    /// Shapes for inputs with open dims (from --input-shape); the config's input.shape is used otherwise.
    std::map<std::string, std::vector<int64_t>> inputShapes;
    size_t sensitivityImages = 0; ///< evaluation images for per-layer sensitivity; 0 = skip it
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
    std::string outputName; ///< the output that evaluation compares
    size_t batchSize = 1;
    QuantPlan plan;
    QuantizedTensors tensors;
    CalibrationResult calibration;
    size_t calibrationScanSkipped = 0; ///< unreadable files found by the scan (besides calibration.skipped)
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

} // namespace qs
