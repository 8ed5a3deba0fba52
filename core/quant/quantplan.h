#pragma once
// What will be quantized in a model: the config resolved against the graph. For every quantizable layer, the
// scheme of its weight and of its activations, and the exact activation tensors that get a
// quantize-dequantize pair. Simulation (core/eval) and export (core/export) both follow this plan, so the
// accuracy predicted is the accuracy of the exported model.
//
// Activation tensors: for each layer whose activations are quantized, its float inputs that are not
// constants, and (with QuantConfig::quantizeOutputs) its output, taken after a following Relu or Clip when
// that is the output's only consumer (after the bias Add of a MatMul). Outputs are quantized only for layers
// whose weight is uniform 7- or 8-bit: runtimes fold any other weight (decoded from packed codes, or float)
// into a constant and, when it sits between a DequantizeLinear and a QuantizeLinear, re-quantize it to int8
// on their own. Graph outputs are never quantized. A tensor requested by several layers is quantized once,
// with the widest bit width asked for.

#include "model/graph.h"
#include "model/layers.h"
#include "quant/kmeans1d.h"
#include "quant/quantconfig.h"
#include "quant/quantscheme.h"

#include <optional>
#include <string>
#include <vector>

namespace qs {

/// Where a layer's scheme came from, for tables and reports.
enum class SchemeSource {
    Default,      ///< the config's defaults
    Override,     ///< a per-layer entry of the config
    FloatLayers,  ///< listed in float_layers
    FloatOpTypes, ///< its op type is listed in float_op_types
    Forced,       ///< fixed by what the layer is (an embedding lookup has no float input to quantize)
};

/// "default", "override", "float layer", "float op type", "forced".
std::string schemeSourceName(SchemeSource source);

struct LayerPlan {
    QuantizableLayer layer;
    QuantScheme weights;     ///< kind Float: the weight stays float
    QuantScheme activations; ///< kind Float: this layer's activations stay float
    SchemeSource weightSource = SchemeSource::Default;
    SchemeSource activationSource = SchemeSource::Default;
    RangeMethod range;                         ///< how this layer's activation ranges are picked
    bool rangeOverridden = false;              ///< set by layers.<name>.calibration
    std::vector<std::string> inputActivations; ///< quantized float inputs of the layer (no constants)
    std::string outputActivation;              ///< quantized output tensor, empty when none
    /// The bias is stored as int32 with scale = input scale * weight scale (per channel): weights uniform,
    /// the single data input quantized, the bias an initializer used by this layer only.
    bool quantizeBias = false;
    bool keptFloat() const {
        return weights.kind == SchemeKind::Float && activations.kind == SchemeKind::Float;
    }
};

/// One activation tensor that gets a quantize-dequantize pair.
struct ActivationPlan {
    std::string tensor;
    QuantScheme scheme;              ///< uniform, per tensor
    std::vector<std::string> layers; ///< node names of the layers that asked for it
    /// The range method of the first layer that asked for it, when that layer sets its own; else the plan's.
    std::optional<RangeMethod> range;
};

struct QuantPlan {
    std::vector<LayerPlan> layers;           ///< every quantizable layer, in node order, float ones included
    std::vector<ActivationPlan> activations; ///< unique tensors, in the order the graph produces them
    CalibrationSettings calibration;         ///< the defaults (each activation has its own range method)
    CodebookInit codebookInit = CodebookInit::Density;
    bool biasCorrection = true;

    const LayerPlan* findLayer(const std::string& nodeName) const;
    const ActivationPlan* findActivation(const std::string& tensor) const;
    /// The calibration settings with `activation`'s range method, as range estimators take them.
    CalibrationSettings rangeSettings(const ActivationPlan& activation) const;
};

/// Resolves `config` against `graph`. Throws qs::Error naming the config key when an override or float layer
/// names no quantizable layer of the graph, or when one weight is shared by layers given different schemes.
QuantPlan buildQuantPlan(const Graph& graph, const QuantStrategy& strategy);
/// The same for a whole config: its errors also start with the config's source name (the file it came from),
/// e.g. "cfg.json: layers.conv9: the model has no node named 'conv9' (did you mean 'conv1'?)".
QuantPlan buildQuantPlan(const Graph& graph, const QuantConfig& config);

/// Every activation tensor that some strategy could quantize in `graph`: the float data inputs and the
/// (Relu/Clip extended) outputs of every layer, as the plan of an all-uniform-8-bit config would name them.
/// Calibrating these once lets any later edit of the strategy be quantized without a new calibration pass. In
/// graph order.
std::vector<std::string> candidateActivationTensors(const Graph& graph);

} // namespace qs
