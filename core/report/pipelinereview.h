#pragma once
// Fills a ReviewReport from what a quantization run has: the model, the config, the pipeline result and the
// files written. The CLI's `quantize --report` uses it; the studio can fill the same report from its
// document's model, config and session results.
//
//     PipelineReviewInputs inputs{&model, &config, &result};
//     ReviewReport report = reviewReportFromPipeline(inputs);
//     fillReviewFlips(report, *result.evaluation);
//     fillReviewDiagnoses(report, diagnoseLayers(...));

#include "eval/diagnosis.h"
#include "eval/evaluation.h"
#include "report/reviewreport.h"
#include "workflow/quantizationpipeline.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

struct PipelineReviewInputs {
    const Model* model = nullptr;
    const QuantConfig* config = nullptr;
    const PipelineResult* result = nullptr;
    std::string modelPath;
    std::string modelSha256; ///< empty: computed from modelPath
    std::string outputPath;  ///< the quantized model written
    uint64_t floatFileBytes = 0;
    uint64_t quantFileBytes = 0;
    std::string calibrationFolder;
    std::string evaluationFolder;
    std::string toolVersion;
    /// Files the folder scans skipped (not counted in the pipeline's decode-time skipped lists).
    std::vector<SkippedFile> calibrationScanSkipped;
    std::vector<SkippedFile> evaluationScanSkipped;
};

/// The report of the run: model, strategy, data sets, sizes, accuracy, the per-layer table (cumulative SQNR
/// from the evaluation, isolated SQNR and sensitivity from the sensitivity pass) and two points for the
/// size-against-accuracy chart (the float model and this run). Flips and diagnoses are filled separately.
/// Throws qs::Error when model, config or result is missing, or naming the model file when it cannot be
/// hashed.
ReviewReport reviewReportFromPipeline(const PipelineReviewInputs& inputs);

/// Adds the evaluation images whose top-1 class flipped, most confident flips first, at most `maxFlips`,
/// each with a thumbnail of at most `thumbnailPx` pixels (imageThumbnailJpeg).
void fillReviewFlips(ReviewReport& report, const EvaluationResult& evaluation, size_t maxFlips = 48,
                     int thumbnailPx = 96);

/// Adds the diagnoses (layer, SQNR, kind, reason, fix labels).
void fillReviewDiagnoses(ReviewReport& report, const std::vector<LayerDiagnosis>& diagnoses);

/// The label of a strategy point for this run's config, e.g. "w uniform 8-bit, a 8-bit, 2 overrides".
std::string strategyLabel(const QuantStrategy& strategy);

} // namespace qs
