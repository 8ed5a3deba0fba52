#include "quant/quantplan.h"

#include "util/error.h"

#include <algorithm>
#include <map>
#include <set>

namespace qs {

namespace {

size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// " (did you mean 'conv1'?)" for up to three layer names close to `name`, or "".
std::string closeNamesHint(const std::string& name, const std::vector<QuantizableLayer>& layers) {
    const size_t limit = std::max<size_t>(2, name.size() / 3);
    std::vector<std::pair<size_t, std::string>> close;
    for (const QuantizableLayer& layer : layers) {
        const size_t distance = editDistance(name, layer.nodeName);
        if (distance <= limit)
            close.emplace_back(distance, layer.nodeName);
    }
    if (close.empty())
        return {};
    std::sort(close.begin(), close.end());
    std::string text;
    for (size_t i = 0; i < close.size() && i < 3; ++i)
        text += (i ? "', '" : "") + close[i].second;
    return " (did you mean '" + text + "'?)";
}

/// Why `name` is not a layer of the plan: not a node at all, or a node that has no constant weight.
std::string notALayerMessage(const Graph& graph, const std::string& name,
                             const std::vector<QuantizableLayer>& layers) {
    const int index = graph.nodeIndex(name);
    if (index >= 0)
        return "node '" + name + "' (" + graph.nodes[size_t(index)].opType +
               ") is not a quantizable layer (Conv, ConvTranspose, Gemm, MatMul or Gather with a constant "
               "weight)";
    return "the model has no node named '" + name + "'" + closeNamesHint(name, layers);
}

bool sameScheme(const QuantScheme& a, const QuantScheme& b) {
    if (a.kind == SchemeKind::Float || b.kind == SchemeKind::Float)
        return a.kind == b.kind;
    return a.kind == b.kind && a.bits == b.bits && a.granularity == b.granularity &&
           a.rangeMode == b.rangeMode && a.signedness == b.signedness;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// Builds the plan one layer at a time, collecting the activation requests.
class PlanBuilder {
public:
    PlanBuilder(const Graph& graph, const QuantStrategy& config) : graph_(graph), config_(config) {
        for (const ValueInfo& output : graph.outputs)
            graphOutputs_.insert(output.name);
    }

    QuantPlan build() {
        const std::vector<QuantizableLayer> layers = findQuantizableLayers(graph_);
        checkConfigNames(layers);
        QuantPlan plan;
        plan.calibration = config_.calibration;
        plan.codebookInit = config_.codebookInit;
        plan.biasCorrection = config_.biasCorrection;
        for (const QuantizableLayer& layer : layers)
            plan.layers.push_back(planLayer(layer));
        plan.activations = orderedActivations();
        return plan;
    }

private:
    void checkConfigNames(const std::vector<QuantizableLayer>& layers) const {
        auto isLayer = [&](const std::string& name) {
            return std::any_of(layers.begin(), layers.end(),
                               [&](const QuantizableLayer& layer) { return layer.nodeName == name; });
        };
        for (const LayerOverride& layer : config_.layers)
            if (!isLayer(layer.nodeName))
                throw Error("layers." + layer.nodeName + ": " +
                            notALayerMessage(graph_, layer.nodeName, layers));
        for (const std::string& name : config_.floatLayers)
            if (!isLayer(name))
                throw Error("float_layers: " + notALayerMessage(graph_, name, layers));
    }

    LayerPlan planLayer(const QuantizableLayer& layer) {
        LayerPlan plan;
        plan.layer = layer;
        plan.weights = config_.weights;
        plan.activations = config_.activations;
        plan.range = RangeMethod{config_.calibration.method, config_.calibration.percentile};
        for (const LayerOverride& entry : config_.layers) {
            if (entry.nodeName != layer.nodeName)
                continue;
            if (entry.weights) {
                plan.weights = *entry.weights;
                plan.weightSource = SchemeSource::Override;
            }
            if (entry.activations) {
                plan.activations = *entry.activations;
                plan.activationSource = SchemeSource::Override;
            }
            if (entry.range) {
                plan.range = *entry.range;
                plan.rangeOverridden = true;
            }
        }
        const bool floatOpType = contains(config_.floatOpTypes, layer.opType);
        if (floatOpType || contains(config_.floatLayers, layer.nodeName)) {
            plan.weights.kind = SchemeKind::Float;
            plan.activations.kind = SchemeKind::Float;
            plan.weightSource = plan.activationSource =
                floatOpType ? SchemeSource::FloatOpTypes : SchemeSource::FloatLayers;
        }
        if (layer.opType == "Gather") {
            plan.activations.kind = SchemeKind::Float; // an embedding lookup has no float input to quantize
            plan.activationSource = SchemeSource::Forced;
        }
        plan.weights.validate(TensorRole::Weight, layer.nodeName);
        plan.activations.validate(TensorRole::Activation, layer.nodeName);
        checkSharedWeight(plan);

        const Node& node = graph_.nodes[size_t(graph_.nodeIndex(layer.nodeName))];
        if (plan.activations.kind != SchemeKind::Float) {
            plan.inputActivations = floatDataInputs(node, layer);
            // Only layers whose weight is exported through an 8-bit DequantizeLinear (uniform 7 or 8 bits)
            // get a quantized output: runtimes fold any other weight (decoded by Gather or arithmetic, or
            // float) into a constant and, finding it between a DequantizeLinear and a QuantizeLinear,
            // re-quantize it to int8 themselves.
            const bool integerWeight = plan.weights.kind == SchemeKind::Uniform &&
                                       (plan.weights.bits == 7 || plan.weights.bits == 8);
            if (config_.quantizeOutputs && integerWeight)
                plan.outputActivation = outputTensor(node, layer);
            for (const std::string& tensor : plan.inputActivations)
                request(tensor, plan.activations,
                        plan.rangeOverridden ? std::optional<RangeMethod>(plan.range) : std::nullopt,
                        layer.nodeName);
            if (!plan.outputActivation.empty())
                request(plan.outputActivation, plan.activations,
                        plan.rangeOverridden ? std::optional<RangeMethod>(plan.range) : std::nullopt,
                        layer.nodeName);
        }
        plan.quantizeBias = plan.weights.kind == SchemeKind::Uniform && plan.inputActivations.size() == 1 &&
                            !layer.biasName.empty() && graph_.consumerIndices(layer.biasName).size() == 1;
        return plan;
    }

    void checkSharedWeight(const LayerPlan& plan) {
        const auto [it, inserted] =
            weightOwners_.emplace(plan.layer.weightName, std::make_pair(plan.layer.nodeName, plan.weights));
        const auto& [ownerName, ownerScheme] = it->second;
        if (inserted || sameScheme(ownerScheme, plan.weights))
            return;
        throw Error("layers '" + ownerName + "' and '" + plan.layer.nodeName + "' share the weight '" +
                    plan.layer.weightName + "' but are given different weight schemes (" +
                    ownerScheme.describe() + " vs " + plan.weights.describe() +
                    "); give both the same scheme in the config");
    }

    bool isFloatValue(const std::string& tensor, bool assumeFloat) const {
        if (const ValueInfo* info = graph_.valueInfo(tensor); info && info->type != DataType::Undefined)
            return isFloatingPoint(info->type);
        for (const ValueInfo& input : graph_.inputs)
            if (input.name == tensor && input.type != DataType::Undefined)
                return isFloatingPoint(input.type);
        return assumeFloat;
    }

    /// The float operands of the layer that are neither its weight nor a constant nor a graph output (the
    /// bias slot never counts; a value of unknown type counts as float).
    std::vector<std::string> floatDataInputs(const Node& node, const QuantizableLayer& layer) const {
        std::vector<std::string> tensors;
        const size_t operandCount = std::min<size_t>(node.inputs.size(), 2);
        for (size_t i = 0; i < operandCount; ++i) {
            const std::string& tensor = node.inputs[i];
            if (tensor.empty() || tensor == layer.weightName || graph_.initializer(tensor))
                continue;
            if (layer.opType == "Gather" && i == 1)
                continue; // indices
            if (isFloatValue(tensor, true) && !graphOutputs_.count(tensor) && !contains(tensors, tensor))
                tensors.push_back(tensor);
        }
        return tensors;
    }

    /// The layer's output (for a MatMul with a bias, the output of the bias Add), moved past a following Relu
    /// or Clip that is its only consumer (at most twice, so Conv -> Relu -> Clip ends after the Clip); empty
    /// when it is a graph output.
    std::string outputTensor(const Node& node, const QuantizableLayer& layer) const {
        if (node.outputs.empty() || node.outputs[0].empty())
            return {};
        std::string tensor = node.outputs[0];
        if (layer.opType == "MatMul" && !layer.biasName.empty() && !graphOutputs_.count(tensor)) {
            const std::vector<int> consumers = graph_.consumerIndices(tensor);
            if (consumers.size() == 1 && !graph_.nodes[size_t(consumers[0])].outputs.empty())
                tensor = graph_.nodes[size_t(consumers[0])].outputs[0];
        }
        for (int step = 0; step < 2 && !graphOutputs_.count(tensor); ++step) {
            const std::vector<int> consumers = graph_.consumerIndices(tensor);
            if (consumers.size() != 1)
                break;
            const Node& next = graph_.nodes[size_t(consumers[0])];
            if ((next.opType != "Relu" && next.opType != "Clip") || !next.domain.empty() ||
                next.outputs.empty() || next.inputs.empty() || next.inputs[0] != tensor)
                break;
            tensor = next.outputs[0];
        }
        return graphOutputs_.count(tensor) ? std::string() : tensor;
    }

    void request(const std::string& tensor, const QuantScheme& scheme,
                 const std::optional<RangeMethod>& range, const std::string& layerName) {
        auto it = requests_.find(tensor);
        if (it == requests_.end()) {
            ActivationPlan activation;
            activation.tensor = tensor;
            activation.scheme = scheme;
            activation.range = range;
            activation.scheme.granularity = Granularity::PerTensor;
            activation.layers.push_back(layerName);
            requests_.emplace(tensor, std::move(activation));
            return;
        }
        it->second.scheme.bits = std::max(it->second.scheme.bits, scheme.bits);
        if (!contains(it->second.layers, layerName))
            it->second.layers.push_back(layerName);
    }

    /// Graph inputs first, then node outputs in node order.
    std::vector<ActivationPlan> orderedActivations() const {
        std::vector<ActivationPlan> ordered;
        auto take = [&](const std::string& tensor) {
            if (auto it = requests_.find(tensor); it != requests_.end())
                ordered.push_back(it->second);
        };
        for (const ValueInfo& input : graph_.inputs)
            take(input.name);
        for (const Node& node : graph_.nodes)
            for (const std::string& output : node.outputs)
                take(output);
        return ordered;
    }

    const Graph& graph_;
    const QuantStrategy& config_;
    std::set<std::string> graphOutputs_;
    std::map<std::string, std::pair<std::string, QuantScheme>>
        weightOwners_; ///< weight -> first layer, scheme
    std::map<std::string, ActivationPlan> requests_;
};

} // namespace

std::string schemeSourceName(SchemeSource source) {
    switch (source) {
    case SchemeSource::Default:
        return "default";
    case SchemeSource::Override:
        return "override";
    case SchemeSource::FloatLayers:
        return "float layer";
    case SchemeSource::FloatOpTypes:
        return "float op type";
    case SchemeSource::Forced:
        return "forced";
    }
    return "default";
}

const LayerPlan* QuantPlan::findLayer(const std::string& nodeName) const {
    for (const LayerPlan& plan : layers)
        if (plan.layer.nodeName == nodeName)
            return &plan;
    return nullptr;
}

CalibrationSettings QuantPlan::rangeSettings(const ActivationPlan& activation) const {
    CalibrationSettings settings = calibration;
    if (activation.range) {
        settings.method = activation.range->method;
        settings.percentile = activation.range->percentile;
    }
    return settings;
}

const ActivationPlan* QuantPlan::findActivation(const std::string& tensor) const {
    for (const ActivationPlan& activation : activations)
        if (activation.tensor == tensor)
            return &activation;
    return nullptr;
}

QuantPlan buildQuantPlan(const Graph& graph, const QuantStrategy& strategy) {
    return PlanBuilder(graph, strategy).build();
}

QuantPlan buildQuantPlan(const Graph& graph, const QuantConfig& config) {
    return checkAgainstConfig(config, [&] { return PlanBuilder(graph, config.strategy()).build(); });
}

std::vector<std::string> candidateActivationTensors(const Graph& graph) {
    QuantStrategy everything;
    everything.weights =
        QuantScheme{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Symmetric, Signedness::Signed};
    everything.quantizeOutputs = true;
    std::vector<std::string> tensors;
    for (const ActivationPlan& activation : buildQuantPlan(graph, everything).activations)
        tensors.push_back(activation.tensor);
    return tensors;
}

} // namespace qs
