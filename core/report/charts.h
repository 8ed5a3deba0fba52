#pragma once
// The review report's charts, drawn on a Canvas (SVG for the HTML page, PDF for the printout) from plain
// data: the accuracy of the float and the quantized model, the per-layer error of the worst layers, and the
// size against the accuracy of every strategy tried. Sizes are points; the charts are laid out for a printed
// A4 page (about 520 pt wide) and stay legible at that size (text of 7 pt and more).

#include "report/canvas.h"
#include "report/errorbands.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace qs {

/// Fractions 0..1; a missing value draws no bar.
struct AccuracyBars {
    std::optional<double> floatTop1, quantTop1;
    std::optional<double> floatTop5, quantTop5;
    std::optional<double> agreementTop1; ///< share of images where both models pick the same class
};

/// Height the accuracy chart needs (0 when there is no bar to draw).
double accuracyChartHeight(const AccuracyBars& bars);
/// Horizontal bars on a 0-100 % axis: float and quantized top-1 (and top-5), the quantized bar followed by
/// its change in percentage points, then the agreement. Groups "accuracy-bars" (one rect per bar, in that
/// order) for tests.
void drawAccuracyChart(Canvas& canvas, const AccuracyBars& bars, double width);

/// One layer's SQNR: with every layer quantized (cumulative) and with only this one quantized (isolated;
/// the pipeline measures it at the model output). NaN: not measured; +inf: identical to float.
struct LayerErrorBar {
    std::string layer;
    double cumulativeSqnrDb = std::numeric_limits<double>::quiet_NaN();
    double isolatedSqnrDb = std::numeric_limits<double>::quiet_NaN();
};

/// The layers drawn by default: the 40 worst.
constexpr size_t kMaxChartLayers = 40;

/// `rows` worst first (lowest cumulative SQNR, then lowest isolated; unmeasured layers last), at most
/// `maxRows` of them.
std::vector<LayerErrorBar> worstLayersFirst(std::vector<LayerErrorBar> rows,
                                            size_t maxRows = kMaxChartLayers);

/// Height the layer chart needs for `rowCount` rows.
double layerErrorChartHeight(size_t rowCount);
/// One row per layer, in the order given (pass worstLayersFirst): the layer name right-aligned, then a solid
/// bar for the cumulative SQNR and a light one for the isolated SQNR, both coloured by their band, with their
/// values; the band thresholds as dashed vertical lines, named in the legend. Bars start at 0 dB and are
/// proportional to the value up to the axis maximum (at least 40 dB; +inf and values above it reach the end).
/// Groups "cumulative-bars" and "isolated-bars" (one rect per measured value, in row order) and
/// "layer-labels".
void drawLayerErrorChart(Canvas& canvas, const std::vector<LayerErrorBar>& rows, double width,
                         const ErrorBands& bands = defaultErrorBands());

/// One strategy tried: its quantized model size and its accuracy (fraction 0..1; top-1 accuracy, or
/// agreement with float when the data has no labels).
struct StrategyPoint {
    std::string label;
    uint64_t sizeBytes = 0;
    double accuracy = 0.0;
};

/// Indices of the points on the Pareto front (no other point is at most as large and more accurate, or
/// smaller and at least as accurate), by increasing size.
std::vector<size_t> paretoFront(const std::vector<StrategyPoint>& points);

/// Size (x) against accuracy (y), every point labelled, the Pareto front joined by a line. Group
/// "strategy-points" holds one circle per point.
void drawSizeAccuracyChart(Canvas& canvas, const std::vector<StrategyPoint>& points, double width,
                           double height);

/// Tick values covering [low, high] with a 1, 2 or 5 times a power of ten step, about `target` of them.
std::vector<double> niceTicks(double low, double high, int target = 5);

} // namespace qs
