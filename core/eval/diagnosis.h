#pragma once
// Why a layer quantizes badly, in words a reviewer understands, and what to change. Every finding is computed
// from data: the calibration histograms and the ranges the plan's methods pick from them, the float weights,
// the graph around the layer and the measured SQNR. Each comes with fixes that map onto the config
// (applyFix), so the studio can try one and the report can list them.
//
//     DiagnosisInput input{&graph, &session.plan(), session.calibration().get(), &result.layers};
//     for (const LayerDiagnosis& weak : diagnoseLayers(input, defaultErrorBands().fairSqnrDb))
//         QuantConfig next = applyFix(config, weak.layer, weak.fixes.front());

#include "eval/evaluation.h"
#include "model/graph.h"
#include "quant/calibration.h"
#include "quant/quantconfig.h"
#include "quant/quantplan.h"

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace qs {

/// What makes a layer weak.
enum class DiagnosisKind {
    Clipping,            ///< the activation range cuts off more than 1 % of the calibration values
    OutlierChannels,     ///< one weight scale for channels whose magnitudes differ more than 8x
    DominatedRange,      ///< the activation range is set by a few values; the rest use few levels
    NetworkBoundary,     ///< the layer reads a model input or produces a model output
    ConcatRangeMismatch, ///< the layer's output is concatenated with tensors of a >10x different range
    LowBits,             ///< weights at 4 bits or fewer
};

/// What a fix changes for the layer (each is one per-layer setting of the config).
enum class FixKind {
    PerChannel,       ///< weights quantized per output channel
    RangeMethod,      ///< another range method for the layer's activations
    Activations16Bit, ///< 16-bit activations
    KeepFloat,        ///< the layer stays float
    Weights8Bit,      ///< weights quantized with 8 bits (same scheme kind)
};

struct DiagnosisFix {
    FixKind kind = FixKind::KeepFloat;
    std::string
        rangeMethod;   ///< for RangeMethod: "mse", "percentile", "entropy", "minmax" (the config's names)
    std::string label; ///< short imperative text, e.g. "Quantize weights per channel"
};

struct LayerDiagnosis {
    std::string layer; ///< node name
    /// The cumulative SQNR that made the layer weak, or its isolated output SQNR when only that was measured.
    double sqnrDb = std::numeric_limits<double>::quiet_NaN();
    DiagnosisKind kind = DiagnosisKind::DominatedRange;
    /// False for the one entry of a weak layer where no rule applies: `kind` is then the rule whose measure
    /// came closest to its limit, and the only fix is KeepFloat.
    bool causeFound = true;
    std::string reason;              ///< one or two sentences with the numbers
    std::vector<DiagnosisFix> fixes; ///< best first; never empty (KeepFloat is always last)
};

/// What the diagnosis looks at. graph and plan are required; without calibration the activation rules are
/// skipped; a layer is judged by its entry in layerSqnr, else by its isolated output SQNR (from
/// isolatedSqnrDb, else from sensitivity).
struct DiagnosisInput {
    const Graph* graph = nullptr;                      ///< the float model: weights, inputs, outputs
    const QuantPlan* plan = nullptr;                   ///< the plan that was measured
    const CalibrationResult* calibration = nullptr;    ///< activation histograms
    const std::vector<LayerSqnr>* layerSqnr = nullptr; ///< cumulative SQNR (EvaluationResult::layers)
    const std::vector<LayerSensitivity>* sensitivity = nullptr; ///< isolated output SQNR per layer
    /// Node name -> output SQNR with only that layer quantized (isolatedOutputSqnr() of a sensitivity run,
    /// workflow/sensitivity.h); takes precedence over `sensitivity`; may be empty.
    std::map<std::string, double> isolatedSqnrDb;
};

/// "clipping", "outlier channels", "dominated range", "network boundary", "concat range mismatch", "low
/// bits".
std::string diagnosisKindName(DiagnosisKind kind);

/// Diagnoses every quantized layer whose SQNR is below `weakSqnrDb` (e.g. defaultErrorBands().fairSqnrDb).
/// Rules, each checked on the layer's own data:
/// - Clipping: more than 1 % of the calibration values of an activation the layer's range method decides
///   fall outside the quantized range.
/// - OutlierChannels: per-tensor weights whose largest per-output-channel |w| is more than 8x the median one.
/// - DominatedRange: 99.99 % of an activation's |x| lie below 10 % of its range's magnitude.
/// - NetworkBoundary: the layer reads a graph input or produces a graph output.
/// - ConcatRangeMismatch: the layer's output feeds a Concat whose inputs' ranges differ more than 10x.
/// - LowBits: weights at 4 bits or fewer.
/// A layer may get several entries; a weak layer where no rule applies gets one, of the kind whose measure
/// came closest to its limit, saying that no single cause was found, with the KeepFloat fix only. Entries are
/// grouped by layer: first the layers with a cause found, then the others; in each group the weakest first
/// (by isolated output SQNR where measured, since every layer after a weak one has a low cumulative SQNR too;
/// else by the cumulative SQNR); within a layer by how far the measure exceeds its limit. Offered fixes apply
/// to the config the plan was built from (applyFix), and range methods are offered only when they do better
/// on the histogram. Throws qs::Error when graph or plan is missing.
std::vector<LayerDiagnosis> diagnoseLayers(const DiagnosisInput& input, double weakSqnrDb);

/// The config with `fix` applied to `layer` as a per-layer override (an existing override of the layer is
/// changed; KeepFloat adds the layer to float_layers). Throws qs::Error naming the layer when the fix does
/// not apply: the layer is already float (or its weights or activations are, for a fix of those), already has
/// that setting, or the range method is unknown.
QuantConfig applyFix(const QuantConfig& config, const std::string& layer, const DiagnosisFix& fix);

} // namespace qs
