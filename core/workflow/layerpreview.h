#pragma once
// What one layer's strategy does to its tensors, computed on the spot for a view ("mse vs percentile", "int4
// vs codebook") without touching the session: the representable values (the grid drawn over a histogram), the
// clipping range with the share of values outside it, and the quantization error of the tensor.

#include "model/graph.h"
#include "model/layers.h"
#include "model/weightstats.h"
#include "quant/calibration.h"
#include "quant/kmeans1d.h"
#include "quant/quantconfig.h"
#include "quant/quantscheme.h"
#include "quant/rangeestimator.h"
#include "quant/tensorhistogram.h"
#include "quant/weightquantizer.h"

#include <cstddef>
#include <string>
#include <vector>

namespace qs {

/// The grid of one quantized tensor, as a histogram view draws it.
struct QuantizationGrid {
    std::string description;    ///< e.g. "uniform int8 per-channel symmetric"
    std::vector<double> levels; ///< representable values, ascending (of `channel` when per channel)
    int channel = -1;           ///< the channel whose levels are listed (the widest one), -1 per tensor
    double clipMin = 0.0; ///< values below are clipped (for per-channel weights: the lowest channel bound)
    double clipMax = 0.0;
    /// 0..1 of the tensor's values clipped: farther below the lowest level (above the highest) than half the
    /// gap to the next level, so that plain rounding at the ends does not count.
    double clippedFraction = 0.0;
    double sqnrDb = 0.0; ///< 10 log10(sum x^2 / sum (x - q(x))^2); +inf when exact
};

struct WeightPreview {
    WeightQuantization quantization;
    QuantizationGrid grid;
};

/// Quantizes the weight of `layer` with `scheme` (exactly as the session would) and describes the result.
/// Throws qs::Error naming the layer for a float scheme, an invalid scheme or a weight that is not float32.
WeightPreview previewLayerWeights(const Graph& graph, const QuantizableLayer& layer,
                                  const QuantScheme& scheme,
                                  CodebookInit codebookInit = CodebookInit::Density);

/// The grid of an activation quantized with `scheme` and the range method of `settings`, from its calibration
/// histogram: clipped fraction from the histogram counts, SQNR estimated at the bin centres.
/// Throws qs::Error naming `tensorName` when the histogram is empty or the scheme is not a valid activation
/// scheme.
QuantizationGrid previewActivation(const TensorHistogram& histogram, const QuantScheme& scheme,
                                   const CalibrationSettings& settings, const std::string& tensorName);

/// The histogram trimmed to [min, max] of the values and merged down to at most `binCount` bins, for display.
Histogram displayHistogram(const TensorHistogram& histogram, size_t binCount = 256);

} // namespace qs
