#pragma once
// Helpers shared by the exporter tests: quantization plans built by hand (every layer with one weight scheme,
// activations calibrated with min/max on one random batch), runs of a model with and without the simulation,
// and comparisons of graphs and outputs.

#include "model/graph.h"
#include "quant/quantizedtensors.h"
#include "runtime/executor.h"
#include "workflow/simulation.h"

#include <optional>
#include <string>
#include <vector>

namespace qs::test {

struct HandQuantization {
    QuantPlan plan;
    QuantizedTensors tensors;
};

/// Every quantizable layer of `model` with `weights`; `activations` (when set) on every float non-constant
/// input of a layer and its output (after a following Relu), calibrated by min/max on `inputs`; int32 biases
/// when `quantizeBias` and the weights are uniform.
HandQuantization quantizeByHand(const Model& model, const QuantScheme& weights,
                                const std::optional<QuantScheme>& activations, const TensorMap& inputs,
                                bool quantizeBias = false);

/// Seeded random float inputs for every graph input of `model`, symbolic dims set to `batch`.
TensorMap randomInputs(const Model& model, int64_t batch = 2, uint32_t seed = 5);

/// Runs `model` once.
TensorMap runModel(const Model& model, const TensorMap& inputs, const RunOptions& options = {});

/// max |a - b| over all outputs (infinity when names, types or dims differ).
double maxAbsDifference(const TensorMap& a, const TensorMap& b);

/// Empty when `a` and `b` have the same nodes, attributes, initializers, inputs and outputs; else what
/// differs.
std::string graphDifference(const Graph& a, const Graph& b);

} // namespace qs::test
