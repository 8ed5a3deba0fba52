#pragma once
// The calibration pass: runs the float model over a data set once and, for every tensor it is asked about, keeps
// a streaming histogram (exact min/max, >= 2048 bins re-binned as the range grows) without keeping activations
// alive. Decoding overlaps with inference (BatchLoader's worker thread).

#include "data/batchloader.h"
#include "quant/tensorhistogram.h"
#include "runtime/executor.h"
#include "util/error.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace qs {

struct CalibrationResult {
    std::map<std::string, TensorHistogram> histograms;  ///< one per requested tensor that was produced
    size_t imageCount = 0;
    std::vector<SkippedFile> skipped;                   ///< files that could not be decoded
    double seconds = 0.0;                               ///< wall time of the whole pass
    double imagesPerSecond() const { return seconds > 0.0 ? static_cast<double>(imageCount) / seconds : 0.0; }
};

/// Feeds every batch of `loader` to `inputName` of `executor`, histogramming the tensors named in `tensors`.
/// Throws qs::Error naming a tensor that the graph never produced, and qs::Cancelled.
CalibrationResult calibrate(Executor& executor, const std::string& inputName, BatchLoader& loader,
                            const std::vector<std::string>& tensors, const ProgressCallback& progress = {});

} // namespace qs
