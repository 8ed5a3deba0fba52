#pragma once
// Writes a quantized model as standard ONNX: the loaded graph (constants folded, exactly what the simulation
// runs) with
//  - uniform 7- and 8-bit weights as int8/uint8 initializers + DequantizeLinear (per channel on the layer's
//  output axis),
//    9- to 16-bit ones as int16/uint16 + Cast/Sub/Mul,
//  - weights below 8 bits and log/codebook weights as packed table indices (uint8, 8/bits codes per byte)
//  plus a
//    float table per group, decoded by a small subgraph of standard ops (Div/Mod, Reshape, Gather),
//  - int32 biases + DequantizeLinear where the plan quantizes the bias,
//  - QuantizeLinear -> DequantizeLinear pairs on every planned activation tensor, consumers rewired to the
//  output
//    (16-bit activations: com.microsoft ops or a standard-op emulation),
// every decoded value bit-identical to the simulation (see qdqrewrite.h and weightencoding.h). The result
// passes libonnx's checker. Written to a temporary file beside `outputPath` and renamed; the plan (per-layer
// scheme, bits, scale/table summary, range method, sizes) is written as JSON to `<outputPath>.plan.json`
// (again atomically). The source model file is never touched.

#include "export/qdqrewrite.h"
#include "model/graph.h"
#include "quant/quantizedtensors.h"
#include "util/atomicfile.h"
#include "util/error.h"

#include <cstdint>
#include <string>

namespace qs {

struct ExportOptions {
    std::string producerVersion; ///< written as producer_version
    bool writePlan = true;       ///< also write <outputPath>.plan.json
    /// How 16-bit activations are written (see qdqrewrite.h).
    SixteenBitActivations sixteenBitActivations = SixteenBitActivations::MicrosoftDomain;
};

struct ExportResult {
    std::string modelPath;
    std::string planPath;          ///< empty when not written
    uint64_t fileBytes = 0;        ///< size of the written model file
    uint64_t initializerBytes = 0; ///< raw bytes of all initializers in it
};

/// Exports `model` quantized by `plan` / `tensors`. Throws qs::Error naming the path when it cannot be
/// written (nothing is left behind), or naming the node/tensor when the plan does not fit the graph. Refuses
/// to write over the file the model was loaded from.
ExportResult exportQuantizedModel(const Model& model, const QuantPlan& plan, const QuantizedTensors& tensors,
                                  const std::string& outputPath, const ExportOptions& options = {},
                                  const ProgressCallback& progress = {});

/// The plan JSON text (what exportQuantizedModel writes beside the model).
std::string planToJson(const Model& model, const QuantPlan& plan, const QuantizedTensors& tensors);

} // namespace qs
