#pragma once
// Per-layer sensitivity: how much the model's top-1 result and its output move when only one layer is
// quantized.

#include "data/batchloader.h"
#include "eval/evaluation.h"
#include "quant/quantizedtensors.h"
#include "runtime/executor.h"
#include "util/error.h"

#include <map>
#include <string>
#include <vector>

namespace qs {

/// LayerSensitivity (one layer's result) is declared in eval/evaluation.h, next to the other measurements.

/// For each quantized layer of `plan`, simulates quantizing only that layer on the images of `loader`
/// (callers pass a subset) and measures top-1 accuracy when labelled, else agreement with the float model,
/// and the SQNR of the model output against the float output.
/// The loader is read once and every batch is kept in memory (with the float model's output scores), so
/// callers pass a small subset, e.g. ImageFolderOptions::maxImages = 256. Results are in plan order. Throws
/// qs::Error when the loader yields no image or the output is not [N, classes]; qs::Cancelled.
std::vector<LayerSensitivity> layerSensitivity(Executor& executor, const Graph& graph, const QuantPlan& plan,
                                               const QuantizedTensors& tensors, const std::string& inputName,
                                               const std::string& outputName, BatchLoader& loader,
                                               const ProgressCallback& progress = {});

/// Node name -> outputSqnrDb of the layers where it was measured (not NaN), e.g. for
/// DiagnosisInput::isolatedSqnrDb.
std::map<std::string, double> isolatedOutputSqnr(const std::vector<LayerSensitivity>& sensitivity);

} // namespace qs
