#pragma once
// What `quantize` and `evaluate` print: the JSON summary (stable keys for scripts), a human-readable text
// summary (the review report is core/report/reviewreport.h).

#include "eval/evaluation.h"
#include "workflow/quantizationpipeline.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace qs {

/// Evaluation metrics under the keys accuracy {float, quant}, accuracy_top5, agreement_top1, cosine,
/// kl_divergence, images, skipped. `layerSqnr` adds the per-layer SQNR array as "layer_sqnr".
nlohmann::ordered_json evaluationJson(const EvaluationResult& evaluation, bool layerSqnr);

/// The full `quantize --json` summary.
nlohmann::ordered_json quantizeSummaryJson(const PipelineResult& result, const std::string& modelPath,
                                           const std::string& outputPath, const std::string& planPath,
                                           uint64_t floatFileBytes, uint64_t quantFileBytes);

/// Human-readable lines for the terminal.
std::string quantizeSummaryText(const nlohmann::ordered_json& summary);

} // namespace qs
