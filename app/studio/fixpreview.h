#pragma once
// The preview of a diagnosis fix: the tensor the fix changes (the layer's weight, or its input activation),
// its histogram, the grid it has now and the grid the fix would give, computed from the float weights and the
// calibration histograms without touching the session (runs on a worker).

#include "diagnosispanel.h"

#include "eval/diagnosis.h"
#include "model/graph.h"
#include "quant/calibration.h"
#include "quant/quantconfig.h"

#include <QString>
#include <optional>

namespace qs {

struct FixPreviewResult {
    std::optional<FixPreview> preview; ///< empty when it cannot be drawn
    QString message;                   ///< why, when empty
};

/// The preview of `fix` on `layer` for the strategy `config` (whose plan is `plan`, for `graph`).
/// `calibration` may be null (then activation fixes cannot be previewed).
FixPreviewResult computeFixPreview(const Graph& graph, const QuantConfig& config, const QuantPlan& plan,
                                   const CalibrationResult* calibration, const std::string& layer,
                                   const DiagnosisFix& fix);

} // namespace qs
