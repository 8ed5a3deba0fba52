#pragma once
// Creates the weight quantizer for a QuantScheme.

#include "quant/codebookquantizer.h"
#include "quant/quantscheme.h"
#include "quant/weightquantizer.h"

#include <memory>
#include <string>

namespace qs {

/// The quantizer for `scheme` (uniform, log or codebook), after validating it as a weight scheme of `layerName`.
/// `codebook` supplies the k-means settings; its bits and granularity are taken from `scheme`.
/// Throws qs::Error for the float scheme (nothing to quantize) or an invalid scheme.
std::unique_ptr<WeightQuantizer> makeWeightQuantizer(const QuantScheme& scheme, const std::string& layerName,
                                                     const CodebookOptions& codebook = {});

} // namespace qs
