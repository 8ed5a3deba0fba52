#pragma once
// Per-layer sensitivity: how much the model's top-1 result moves when only one layer is quantized.

#include "data/batchloader.h"
#include "quant/quantizedtensors.h"
#include "runtime/executor.h"
#include "util/error.h"

#include <string>
#include <vector>

namespace qs {

struct LayerSensitivity {
    std::string layer;
    double metric =
        0.0; ///< top-1 accuracy (labelled) or top-1 agreement with float, with only this layer quantized
};

/// For each quantized layer of `plan`, simulates quantizing only that layer on the images of `loader`
/// (callers pass a subset) and measures top-1 accuracy when labelled, else agreement with the float model.
/// The loader is read once and every batch is kept in memory (with the float model's top-1 classes), so
/// callers pass a small subset, e.g. ImageFolderOptions::maxImages = 256. Results are in plan order. Throws
/// qs::Error when the loader yields no image or the output is not [N, classes]; qs::Cancelled.
std::vector<LayerSensitivity> layerSensitivity(Executor& executor, const Graph& graph, const QuantPlan& plan,
                                               const QuantizedTensors& tensors, const std::string& inputName,
                                               const std::string& outputName, BatchLoader& loader,
                                               const ProgressCallback& progress = {});

} // namespace qs
