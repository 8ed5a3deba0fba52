#pragma once
// Quantized inference simulated on the float engine: quantized-then-dequantized weights and biases are
// substituted, and every planned activation tensor is replaced right after it is produced by
// DequantizeLinear(QuantizeLinear(x)) with the same scale, zero point and rounding as the exported model.

#include "quant/quantizedtensors.h"
#include "runtime/executor.h"

#include <map>
#include <set>
#include <string>

namespace qs {

class QuantSimulation {
public:
    /// Everything in `plan`. `graph` is the graph the executor runs (for initializer types and dims).
    QuantSimulation(const Graph& graph, const QuantPlan& plan, const QuantizedTensors& tensors);
    /// Only the layers named in `layerNames` (node names): their weights, biases and the activation tensors
    /// they asked for. Used for per-layer sensitivity.
    QuantSimulation(const Graph& graph, const QuantPlan& plan, const QuantizedTensors& tensors,
                    const std::set<std::string>& layerNames);

    /// Run options with the substituted weights and the fake-quantization transform; `observer` is kept.
    RunOptions runOptions(TensorObserver observer = {}) const;
    const TensorMap& weightOverrides() const { return overrides_; }

private:
    TensorMap overrides_;
    std::map<std::string, QuantParams> activations_;
};

/// DequantizeLinear(QuantizeLinear(x)) of a float tensor with per-tensor params, bit for bit as ONNX computes
/// it.
RuntimeTensor fakeQuantize(const RuntimeTensor& x, const QuantParams& params);

} // namespace qs
