#pragma once
// The numbers a quantization plan turns into once calibration has run: quantization parameters of every
// planned activation tensor, the quantized weights, and the biases (int32-quantized, or float after bias
// correction). Simulation and export both read these, never recompute them.

#include "model/graph.h"
#include "quant/calibration.h"
#include "quant/quantparams.h"
#include "quant/quantplan.h"
#include "quant/rangeestimator.h"
#include "quant/weightquantizer.h"
#include "util/error.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace qs {

/// A bias stored as int32 with zero point 0 and scale[c] = inputScale * weightScale[c] (one entry per tensor
/// when the weight is per tensor), as ONNX Runtime expects for integer Conv/Gemm/MatMul.
struct BiasQuantization {
    std::vector<int32_t> codes;
    std::vector<float> scales;      ///< one per output channel, or one
    int axis = 0;                   ///< always 0 for a 1-D bias
    std::vector<float> dequantized; ///< codes * scale, what the quantized model adds
};

struct QuantizedTensors {
    std::map<std::string, QuantParams> activations;    ///< planned activation tensor -> per-tensor params
    std::map<std::string, WeightQuantization> weights; ///< weight initializer -> its quantization
    std::map<std::string, BiasQuantization> biases;    ///< bias initializer -> int32 quantization
    std::map<std::string, std::vector<float>>
        floatBiases; ///< bias initializer -> corrected float bias (kept float)
};

/// Computes activation parameters from the calibration histograms with the plan's range method, quantizes
/// every planned weight, and quantizes biases where the plan says so. Throws qs::Error naming the tensor when
/// a planned activation was never observed. Bias correction is a separate step (correctBiases in
/// core/workflow/biascorrection.h).
QuantizedTensors quantizeTensors(const Graph& graph, const QuantPlan& plan,
                                 const CalibrationResult& calibration, const ProgressCallback& progress = {});

/// The range the calibration method of `settings` picks for a tensor quantized with `scheme`, from its
/// histogram. Throws qs::Error naming `tensorName` when the histogram is empty.
ActivationRange activationRange(const TensorHistogram& histogram, const QuantScheme& scheme,
                                const CalibrationSettings& settings, const std::string& tensorName);
/// Scale and zero point of that range (what quantizeTensors stores for the tensor).
QuantParams activationParams(const TensorHistogram& histogram, const QuantScheme& scheme,
                             const CalibrationSettings& settings, const std::string& tensorName);
/// The same for a planned activation, looked up in `calibration`; throws qs::Error when it was not observed.
QuantParams activationParams(const ActivationPlan& activation, const CalibrationSettings& settings,
                             const CalibrationResult& calibration);

/// Quantizes the weight of `layer` with `scheme` (uniform, log or codebook), exactly as quantizeTensors does.
/// Throws qs::Error naming the layer when the weight is not a float32 initializer or the scheme is invalid.
WeightQuantization quantizeLayerWeight(const Graph& graph, const QuantizableLayer& layer,
                                       const QuantScheme& scheme, CodebookInit codebookInit);

/// Quantizes a bias of `count` values to int32: scale[c] = inputScale * weightParams.scale(c) in float32 (one
/// scale when the weight is per tensor), code = saturate_int32(round_half_to_even(bias[c] / scale[c])),
/// dequantized = float(code) * scale[c]. Throws qs::Error naming `biasName` for non-finite values or a
/// channel count that does not match a per-channel weight.
BiasQuantization quantizeBias(const std::string& biasName, const float* bias, size_t count, float inputScale,
                              const QuantParams& weightParams);

/// The bias of `layer` (given as float `bias`) quantized with the scale of the layer's quantized data input
/// (from tensors.activations) and of its uniform weight (from tensors.weights). Throws qs::Error naming the
/// layer when either is missing.
BiasQuantization quantizeLayerBias(const LayerPlan& layer, const QuantizedTensors& tensors,
                                   const std::vector<float>& bias);

} // namespace qs
