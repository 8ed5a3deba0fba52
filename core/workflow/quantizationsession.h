#pragma once
// A quantization job that lives as long as the user works on one model: one model and one executor kept
// between steps, each step callable on its own and again (calibrate, quantize, correct biases, evaluate,
// sensitivity, export). The studio drives it one step at a time; the CLI's one-shot pipeline is a composition
// of it.
//
//     QuantizationSession session(model);
//     session.setConfig(config);                  // throws qs::Error naming the key; the old plan stays
//     session.calibrate("calib/", progress);     // observes every tensor any strategy could quantize
//     session.quantize();                         // after an edit: only the layers whose plan changed
//     EvaluationResult result = session.evaluate("eval/", progress);
//     session.exportModel("out.onnx");
//
// Not thread-safe: one step at a time (the studio runs them on one engine lane). A step that throws (or is
// cancelled) leaves the results of earlier steps as they were.

#include "data/imagefolder.h"
#include "eval/evaluation.h"
#include "export/qdqexport.h"
#include "model/graph.h"
#include "quant/calibration.h"
#include "quant/quantconfig.h"
#include "quant/quantizedtensors.h"
#include "quant/quantplan.h"
#include "runtime/executor.h"
#include "util/error.h"
#include "workflow/biascorrection.h"
#include "workflow/modelsizes.h"
#include "workflow/sensitivity.h"

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace qs {

/// Which tensors a calibration pass observes.
enum class CalibrationScope {
    EveryCandidate, ///< every tensor any strategy could quantize (later edits need no new pass)
    PlannedOnly,    ///< only the tensors the current plan quantizes (a one-shot run)
};

struct SessionOptions {
    int threadCount = 0; ///< 0 = all hardware threads
    /// Shapes for inputs with open dims; the config's input.shape is used otherwise.
    std::map<std::string, std::vector<int64_t>> inputShapes;
};

/// A folder as a step read it: what was found, what was skipped and why.
struct DataSetSummary {
    std::string folder;
    size_t itemCount = 0;
    std::vector<SkippedFile> skipped; ///< by the scan and while decoding
    std::vector<std::string> classNames;
};

/// One image run through the float and the simulated quantized model (QuantizationSession::compareImage).
struct ImageComparison {
    ImageOutcome outcome;          ///< the model output compared; label -1 (the image's class is not known)
    std::vector<LayerSqnr> layers; ///< every quantized layer in plan order; layers kept float are absent
};

/// What the last quantize() changed.
struct QuantizeReport {
    std::vector<std::string> requantizedLayers;     ///< node names whose weight was quantized again
    std::vector<std::string> recomputedActivations; ///< tensors whose parameters were computed again
};

class QuantizationSession {
public:
    using ImageComparison = ::qs::ImageComparison;

    /// Plans the executor for `model` (throws qs::Error listing unsupported nodes). The config starts as the
    /// default config.
    explicit QuantizationSession(std::shared_ptr<const Model> model, const SessionOptions& options = {});
    ~QuantizationSession();

    const Model& model() const { return *model_; }
    const std::shared_ptr<const Model>& sharedModel() const { return model_; }
    Executor& executor() { return *executor_; }
    /// Set to true from any thread to stop the running step within one node of inference.
    const std::shared_ptr<std::atomic_bool>& cancelFlag() const { return cancel_; }
    /// Uses `flag` (e.g. a background job's own) as the cancel flag from now on.
    void setCancelFlag(std::shared_ptr<std::atomic_bool> flag);

    /// Replaces the config and rebuilds the plan. Throws qs::Error naming the key or layer; the previous
    /// config and plan then stay. Returns the node names of the layers whose plan changed.
    std::vector<std::string> setConfig(const QuantConfig& config);
    const QuantConfig& config() const { return config_; }
    const QuantPlan& plan() const { return plan_; }

    /// Every tensor a strategy could quantize (candidateActivationTensors of the graph).
    const std::vector<std::string>& candidateTensors() const { return candidates_; }

    /// Checks a data folder against the model input and preprocessing without running anything: scans it and
    /// preprocesses its first readable sample. Throws qs::Error naming the folder, input or config key.
    DataSetSummary checkDataFolder(const std::string& folder, bool calibration) const;

    /// Runs the float model over `folder` and keeps a histogram per observed tensor. Replaces the previous
    /// calibration only when it completes; quantized tensors are dropped (quantize() again).
    const CalibrationResult& calibrate(const std::string& folder,
                                       CalibrationScope scope = CalibrationScope::EveryCandidate,
                                       const ProgressCallback& progress = {});
    /// Installs a calibration computed elsewhere (e.g. restored from a project); `folder` is used for bias
    /// correction.
    void setCalibration(std::shared_ptr<const CalibrationResult> calibration, const std::string& folder);
    std::shared_ptr<const CalibrationResult> calibration() const { return calibration_; }
    bool isCalibrated() const { return calibration_ != nullptr; }
    const DataSetSummary& calibrationSet() const { return calibrationSet_; }
    /// Samples per inference of the last calibration.
    size_t batchSize() const { return batchSize_; }

    /// Brings the quantized tensors up to date with the plan. Weights and activation parameters whose scheme,
    /// range method or codebook setting did not change since the last call are reused. Throws qs::Error when
    /// not calibrated or a planned tensor was not observed. Bias correction has to be run again afterwards.
    QuantizeReport quantize(const ProgressCallback& progress = {});
    bool isQuantized() const { return quantized_; }
    const QuantizedTensors& tensors() const { return tensors_; }

    /// Empirical bias correction on the calibration folder (after quantize()).
    BiasCorrectionReport correctBiases(const ProgressCallback& progress = {});
    bool biasesCorrected() const { return biasesCorrected_; }

    /// Float against simulated quantized model on `folder` (after quantize()).
    EvaluationResult evaluate(const std::string& folder, const ProgressCallback& progress = {});
    const DataSetSummary& evaluationSet() const { return evaluationSet_; }
    /// Runs one image through the float model and the simulated quantized model (after quantize(); the
    /// preprocessing of evaluate()) and returns, for every quantized layer in plan order, the SQNR of its
    /// output tensor (quantized vs float) on that image, and the model output's ImageOutcome. Layers kept
    /// float are left out. Throws qs::Error naming the file when it cannot be read; qs::Cancelled.
    ImageComparison compareImage(const std::string& imagePath, const ProgressCallback& progress = {});
    /// Per-layer sensitivity on the first `maxImages` items of `folder`.
    std::vector<LayerSensitivity> sensitivity(const std::string& folder, size_t maxImages,
                                              const ProgressCallback& progress = {});

    /// Weight bytes before and after quantization (after quantize()).
    ModelSizes sizes() const;

    /// Writes the quantized model (and its plan JSON) atomically. Refuses the input model's path.
    ExportResult exportModel(const std::string& path, const ExportOptions& options = {},
                             const ProgressCallback& progress = {});

private:
    struct WeightEntry;
    struct ActivationEntry;
    void requireQuantized(const std::string& step) const;
    size_t batchSizeFor(const ImageFolderScan& scan, const std::string& folder) const;
    ImageFolderScan scan(const std::string& folder, bool calibration, size_t maxImages = 0) const;
    ProgressCallback cancellable(const ProgressCallback& progress) const;

    std::shared_ptr<const Model> model_;
    SessionOptions options_;
    std::unique_ptr<Executor> executor_;
    std::shared_ptr<std::atomic_bool> cancel_;
    std::vector<std::string> candidates_;
    QuantConfig config_;
    QuantPlan plan_;

    std::shared_ptr<const CalibrationResult> calibration_;
    std::string calibrationFolder_;
    DataSetSummary calibrationSet_;
    size_t batchSize_ = 1;
    DataSetSummary evaluationSet_;

    std::map<std::string, WeightEntry> weightCache_;         ///< weight initializer -> last quantization
    std::map<std::string, ActivationEntry> activationCache_; ///< tensor -> last parameters
    QuantizedTensors tensors_;
    bool quantized_ = false;
    bool planDirty_ = true; ///< the plan changed since the last quantize()
    bool biasesCorrected_ = false;
};

} // namespace qs
