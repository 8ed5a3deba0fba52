#pragma once
// Creates a range estimator from its name, as chosen in the CLI or the GUI.

#include "quant/rangeestimator.h"

#include <memory>
#include <string>
#include <vector>

namespace qs {

/// "minmax", "percentile", "entropy" or "mse"; `percentile` is used by "percentile" only.
/// Throws qs::Error listing the valid names for anything else.
std::unique_ptr<RangeEstimator> makeRangeEstimator(const std::string& method, const RangeOptions& options,
                                                   double percentile = 99.99);

/// The names makeRangeEstimator accepts.
std::vector<std::string> rangeEstimatorNames();

} // namespace qs
