#include "eval/diagnosis.h"

#include "quant/quantizedtensors.h"
#include "quant/rangeestimatorfactory.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace qs {

namespace {

constexpr double kClippingLimit = 0.01;    ///< fraction of the values outside the quantized range
constexpr double kOutlierRatioLimit = 8.0; ///< largest / median per-output-channel max |w|
constexpr double kBulkFraction = 0.9999;   ///< the values that count as "most"
constexpr double kDominatedLimit = 0.1;    ///< |x| of the bulk / magnitude of the range
constexpr double kConcatRatioLimit = 10.0; ///< largest / smallest max |x| of a Concat's inputs
constexpr int kLowWeightBits = 4;
/// The range methods in the order they are offered when several help equally.
const char* const kRangeMethods[] = {"mse", "entropy", "percentile", "minmax"};

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

std::string percent(double fraction) {
    const double value = fraction * 100.0;
    char text[32];
    if (value >= 10.0)
        std::snprintf(text, sizeof text, "%.0f %%", value);
    else if (value >= 1.0)
        std::snprintf(text, sizeof text, "%.1f %%", value);
    else
        std::snprintf(text, sizeof text, "%.2g %%", value);
    return text;
}

const char* const kBulkText = "99.99 %"; ///< kBulkFraction as the reasons say it

std::string times(double ratio) {
    return std::isinf(ratio) ? std::string("unbounded") : number(ratio) + "x";
}

std::string methodName(const CalibrationSettings& settings) {
    return settings.method == "percentile" ? "percentile " + number(settings.percentile) : settings.method;
}

DiagnosisFix keepFloatFix() {
    return DiagnosisFix{FixKind::KeepFloat, {}, "Keep this layer float"};
}
DiagnosisFix perChannelFix() {
    return DiagnosisFix{FixKind::PerChannel, {}, "Quantize weights per channel"};
}
DiagnosisFix sixteenBitFix() {
    return DiagnosisFix{FixKind::Activations16Bit, {}, "Quantize activations with 16 bits"};
}
DiagnosisFix eightBitFix() {
    return DiagnosisFix{FixKind::Weights8Bit, {}, "Quantize weights with 8 bits"};
}
DiagnosisFix rangeFix(const std::string& method) {
    return DiagnosisFix{FixKind::RangeMethod, method, "Pick activation ranges with " + method};
}

/// What one range method makes of one activation histogram.
struct RangeFacts {
    ActivationRange range; ///< what the method picks
    double low = 0.0;      ///< the quantized range: the lowest and highest code, dequantized
    double high = 0.0;
    double step = 0.0;
    double clipped = 0.0;   ///< fraction of the values outside [low, high] (by more than half a step)
    double magnitude = 0.0; ///< max(|low|, |high|)
    int64_t levels = 0;     ///< codes of the scheme
};

RangeFacts rangeFacts(const TensorHistogram& histogram, const QuantScheme& scheme,
                      const CalibrationSettings& settings, const std::string& tensor) {
    RangeFacts facts;
    facts.range = activationRange(histogram, scheme, settings, tensor);
    const QuantParams params = uniformParamsFromRange(facts.range.min, facts.range.max, scheme.bits,
                                                      scheme.signedness, scheme.rangeMode);
    facts.step = params.scale(0);
    facts.low = double(params.qmin - params.zeroPoint(0)) * facts.step;
    facts.high = double(params.qmax - params.zeroPoint(0)) * facts.step;
    const double total = double(histogram.totalCount());
    const double below = histogram.countBelow(facts.low - facts.step / 2);
    const double above = total - histogram.countBelow(facts.high + facts.step / 2);
    facts.clipped = total > 0.0 ? std::max(0.0, below + above) / total : 0.0;
    facts.magnitude = std::max(std::abs(facts.low), std::abs(facts.high));
    facts.levels = int64_t(params.qmax) - params.qmin + 1;
    return facts;
}

/// The |x| below which `fraction` of the histogram's values lie.
double absQuantile(const TensorHistogram& histogram, double fraction) {
    const double wanted = fraction * double(histogram.totalCount());
    double low = 0.0;
    double high = std::max(std::abs(double(histogram.minValue())), std::abs(double(histogram.maxValue())));
    for (int step = 0; step < 60; ++step) {
        const double middle = (low + high) / 2;
        if (histogram.countBelow(middle) - histogram.countBelow(-middle) >= wanted)
            high = middle;
        else
            low = middle;
    }
    return high;
}

/// Codes of `facts` that the values within [-bound, bound] use.
int64_t levelsWithin(const RangeFacts& facts, double bound) {
    if (facts.step <= 0.0)
        return 1;
    const double width = std::min(bound, facts.high) - std::max(-bound, facts.low);
    return std::clamp<int64_t>(int64_t(std::ceil(width / facts.step)) + 1, 1, facts.levels);
}

/// One rule's result for one layer. `strength` is the measure over its limit (> 1: the rule applies).
struct Finding {
    DiagnosisKind kind = DiagnosisKind::DominatedRange;
    double strength = 0.0;
    bool applies = false;
    std::string reason;   ///< when it applies
    std::string nearMiss; ///< the measure, when it does not
    std::vector<DiagnosisFix> fixes;
};

/// The rules for one layer.
class LayerRules {
public:
    LayerRules(const DiagnosisInput& input, const LayerPlan& layer, double sqnrDb, double weakSqnrDb)
        : input_(input), graph_(*input.graph), plan_(*input.plan), layer_(layer), sqnrDb_(sqnrDb),
          weakSqnrDb_(weakSqnrDb) {}

    std::vector<Finding> findings() {
        std::vector<Finding> found;
        auto keep = [&](Finding finding) {
            if (finding.strength > 0.0 || finding.applies)
                found.push_back(std::move(finding));
        };
        for (const std::string& tensor : decidedActivations()) {
            keep(clipping(tensor));
            keep(dominatedRange(tensor));
        }
        keep(outlierChannels());
        keep(networkBoundary());
        keep(concatMismatch());
        keep(lowBits());
        return found;
    }

private:
    bool activations8Bit() const {
        return layer_.activations.kind == SchemeKind::Uniform && layer_.activations.bits < 16;
    }

    /// The activation tensors whose range this layer's range method decides (it asked for them first).
    std::vector<std::string> decidedActivations() const {
        std::vector<std::string> tensors;
        if (!input_.calibration)
            return tensors;
        std::vector<std::string> asked = layer_.inputActivations;
        if (!layer_.outputActivation.empty())
            asked.push_back(layer_.outputActivation);
        for (const std::string& tensor : asked) {
            const ActivationPlan* activation = plan_.findActivation(tensor);
            if (activation && !activation->layers.empty() &&
                activation->layers.front() == layer_.layer.nodeName && histogram(tensor))
                tensors.push_back(tensor);
        }
        return tensors;
    }

    const TensorHistogram* histogram(const std::string& tensor) const {
        if (!input_.calibration)
            return nullptr;
        auto found = input_.calibration->histograms.find(tensor);
        return found == input_.calibration->histograms.end() || found->second.empty() ? nullptr
                                                                                      : &found->second;
    }

    CalibrationSettings settingsWith(const CalibrationSettings& base, const std::string& method) const {
        CalibrationSettings settings = base;
        settings.method = method;
        settings.percentile = plan_.calibration.percentile;
        return settings;
    }

    bool sameMethod(const CalibrationSettings& a, const CalibrationSettings& b) const {
        return RangeMethod{a.method, a.percentile} == RangeMethod{b.method, b.percentile};
    }

    Finding clipping(const std::string& tensor) const {
        const ActivationPlan& activation = *plan_.findActivation(tensor);
        const TensorHistogram& values = *histogram(tensor);
        const CalibrationSettings settings = plan_.rangeSettings(activation);
        const RangeFacts current = rangeFacts(values, activation.scheme, settings, tensor);
        Finding finding;
        finding.kind = DiagnosisKind::Clipping;
        finding.strength = current.clipped / kClippingLimit;
        finding.applies = current.clipped > kClippingLimit;
        if (!finding.applies) {
            finding.nearMiss = "'" + tensor + "' clips " + percent(current.clipped) +
                               " of its values (limit " + percent(kClippingLimit) + ")";
            return finding;
        }
        finding.reason = "The range [" + number(current.range.min) + ", " + number(current.range.max) +
                         "] that " + methodName(settings) + " picks for activation '" + tensor + "' clips " +
                         percent(current.clipped) + " of its calibration values (observed [" +
                         number(values.minValue()) + ", " + number(values.maxValue()) + "]).";
        const double enough = std::min(kClippingLimit, current.clipped / 2);
        const double bulk = absQuantile(values, kBulkFraction);
        std::vector<std::pair<bool, DiagnosisFix>> better; // (leaves a dominated range, fix)
        for (const char* method : kRangeMethods) {
            const CalibrationSettings other = settingsWith(settings, method);
            if (sameMethod(other, settings))
                continue;
            const RangeFacts facts = rangeFacts(values, activation.scheme, other, tensor);
            if (facts.clipped < enough)
                better.emplace_back(bulk < kDominatedLimit * facts.magnitude, rangeFix(method));
        }
        std::stable_sort(better.begin(), better.end(),
                         [](const auto& a, const auto& b) { return !a.first && b.first; });
        for (const auto& entry : better)
            finding.fixes.push_back(entry.second);
        if (activations8Bit()) {
            QuantScheme wide = activation.scheme;
            wide.bits = 16;
            if (rangeFacts(values, wide, settings, tensor).clipped < enough)
                finding.fixes.push_back(sixteenBitFix());
        }
        return finding;
    }

    Finding dominatedRange(const std::string& tensor) const {
        const ActivationPlan& activation = *plan_.findActivation(tensor);
        const TensorHistogram& values = *histogram(tensor);
        const CalibrationSettings settings = plan_.rangeSettings(activation);
        const RangeFacts current = rangeFacts(values, activation.scheme, settings, tensor);
        Finding finding;
        finding.kind = DiagnosisKind::DominatedRange;
        if (current.magnitude <= 0.0)
            return finding;
        const double bulk = absQuantile(values, kBulkFraction);
        const double share = bulk / current.magnitude;
        finding.strength = share > 0.0 ? kDominatedLimit / share : std::numeric_limits<double>::infinity();
        finding.applies = share < kDominatedLimit;
        if (!finding.applies) {
            finding.nearMiss = std::string(kBulkText) + " of the values of '" + tensor + "' lie within " +
                               percent(share) + " of its range (limit " + percent(kDominatedLimit) + ")";
            return finding;
        }
        finding.reason = "The range [" + number(current.range.min) + ", " + number(current.range.max) +
                         "] that " + methodName(settings) + " picks for activation '" + tensor +
                         "' is set by a few values: " + kBulkText + " of the values lie within ±" +
                         number(bulk) + " and use " + std::to_string(levelsWithin(current, bulk)) + " of " +
                         std::to_string(current.levels) + " levels.";
        struct Candidate {
            int64_t levels;
            DiagnosisFix fix;
        };
        std::vector<Candidate> better;
        for (const char* method : kRangeMethods) {
            const CalibrationSettings other = settingsWith(settings, method);
            if (sameMethod(other, settings))
                continue;
            const RangeFacts facts = rangeFacts(values, activation.scheme, other, tensor);
            if (facts.magnitude < current.magnitude / 2 && facts.clipped <= kClippingLimit)
                better.push_back(Candidate{levelsWithin(facts, bulk), rangeFix(method)});
        }
        std::stable_sort(better.begin(), better.end(),
                         [](const Candidate& a, const Candidate& b) { return a.levels > b.levels; });
        for (const Candidate& candidate : better)
            finding.fixes.push_back(candidate.fix);
        if (activations8Bit())
            finding.fixes.push_back(sixteenBitFix());
        return finding;
    }

    Finding outlierChannels() const {
        Finding finding;
        finding.kind = DiagnosisKind::OutlierChannels;
        const QuantScheme& scheme = layer_.weights;
        const QuantizableLayer& layer = layer_.layer;
        const Tensor* weight = graph_.initializer(layer.weightName);
        if (scheme.kind == SchemeKind::Float || scheme.granularity != Granularity::PerTensor || !weight ||
            weight->type != DataType::Float || layer.outputChannelAxis < 0 ||
            size_t(layer.outputChannelAxis) >= weight->dims.size())
            return finding;
        const size_t axis = size_t(layer.outputChannelAxis);
        const int64_t channels = weight->dims[axis];
        if (channels < 2)
            return finding;
        int64_t outer = 1, inner = 1;
        for (size_t d = 0; d < axis; ++d)
            outer *= weight->dims[d];
        for (size_t d = axis + 1; d < weight->dims.size(); ++d)
            inner *= weight->dims[d];
        std::vector<double> channelMax(size_t(channels), 0.0);
        const float* values = weight->as<float>();
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t c = 0; c < channels; ++c)
                for (int64_t i = 0; i < inner; ++i)
                    channelMax[size_t(c)] = std::max(
                        channelMax[size_t(c)], std::abs(double(values[(o * channels + c) * inner + i])));
        const size_t largest =
            size_t(std::max_element(channelMax.begin(), channelMax.end()) - channelMax.begin());
        std::vector<double> sorted = channelMax;
        std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
        const double median = sorted[sorted.size() / 2];
        const double peak = channelMax[largest];
        if (peak <= 0.0)
            return finding;
        const double ratio = median > 0.0 ? peak / median : std::numeric_limits<double>::infinity();
        finding.strength = ratio / kOutlierRatioLimit;
        finding.applies = ratio > kOutlierRatioLimit;
        if (!finding.applies) {
            finding.nearMiss = "the largest weight channel is " + times(ratio) + " the median (limit " +
                               times(kOutlierRatioLimit) + ")";
            return finding;
        }
        finding.reason = "Weight '" + layer.weightName + "' has one scale for all " +
                         std::to_string(channels) + " output channels, but channel " +
                         std::to_string(largest) + " reaches |w| = " + number(peak) + ", " + times(ratio) +
                         " the median channel's " + number(median);
        if (scheme.kind == SchemeKind::Uniform) {
            const double levels =
                std::ldexp(1.0, scheme.bits) - (scheme.rangeMode == RangeMode::Symmetric ? 1 : 0);
            const int64_t used = std::max<int64_t>(1, int64_t(std::lround(levels * median / peak)));
            finding.reason += ": the median channel uses about " + std::to_string(used) + " of " +
                              std::to_string(int64_t(levels)) + " levels.";
        } else {
            finding.reason += ".";
        }
        finding.fixes.push_back(perChannelFix());
        return finding;
    }

    /// The graph output the layer produces, directly or through element-wise ops that are the only consumer.
    std::string producedGraphOutput(const Node& node) const {
        std::set<std::string> outputs;
        for (const ValueInfo& output : graph_.outputs)
            outputs.insert(output.name);
        if (node.outputs.empty())
            return {};
        std::string tensor = node.outputs[0];
        for (int step = 0; step < 3; ++step) {
            if (outputs.count(tensor))
                return tensor;
            const std::vector<int> consumers = graph_.consumerIndices(tensor);
            if (consumers.size() != 1)
                return {};
            const Node& next = graph_.nodes[size_t(consumers[0])];
            static const std::set<std::string> passThrough = {"Relu",    "Clip",    "Add",     "Flatten",
                                                              "Reshape", "Softmax", "Sigmoid", "Squeeze"};
            if (!passThrough.count(next.opType) || next.outputs.empty())
                return {};
            tensor = next.outputs[0];
        }
        return outputs.count(tensor) ? tensor : std::string();
    }

    Finding networkBoundary() const {
        Finding finding;
        finding.kind = DiagnosisKind::NetworkBoundary;
        const int index = graph_.nodeIndex(layer_.layer.nodeName);
        if (index < 0)
            return finding;
        const Node& node = graph_.nodes[size_t(index)];
        std::string readInput;
        for (const ValueInfo& input : graph_.inputs)
            if (std::find(node.inputs.begin(), node.inputs.end(), input.name) != node.inputs.end())
                readInput = input.name;
        const std::string output = producedGraphOutput(node);
        if (readInput.empty() && output.empty())
            return finding;
        finding.strength = 1.0;
        finding.applies = true;
        if (!readInput.empty())
            finding.reason = "'" + layer_.layer.nodeName + "' reads the model input '" + readInput +
                             "' directly: its quantization error reaches every later layer.";
        else
            finding.reason = "'" + layer_.layer.nodeName + "' produces the model output '" + output +
                             "': no later layer averages its quantization error out.";
        if (activations8Bit())
            finding.fixes.push_back(sixteenBitFix());
        return finding;
    }

    Finding concatMismatch() const {
        Finding finding;
        finding.kind = DiagnosisKind::ConcatRangeMismatch;
        const int index = graph_.nodeIndex(layer_.layer.nodeName);
        if (index < 0 || !input_.calibration)
            return finding;
        const Node& node = graph_.nodes[size_t(index)];
        std::vector<std::string> produced;
        if (!node.outputs.empty())
            produced.push_back(node.outputs[0]);
        if (!layer_.outputActivation.empty())
            produced.push_back(layer_.outputActivation);
        for (const std::string& tensor : produced) {
            for (int consumer : graph_.consumerIndices(tensor)) {
                const Node& concat = graph_.nodes[size_t(consumer)];
                if (concat.opType != "Concat")
                    continue;
                std::string smallName, largeName;
                double smallest = std::numeric_limits<double>::infinity(), largest = 0.0;
                for (const std::string& part : concat.inputs) {
                    const TensorHistogram* values = histogram(part);
                    if (!values)
                        continue;
                    const double magnitude =
                        std::max(std::abs(double(values->minValue())), std::abs(double(values->maxValue())));
                    if (magnitude <= 0.0)
                        continue;
                    if (magnitude < smallest) {
                        smallest = magnitude;
                        smallName = part;
                    }
                    if (magnitude > largest) {
                        largest = magnitude;
                        largeName = part;
                    }
                }
                if (smallName.empty() || smallName == largeName)
                    continue;
                const double ratio = largest / smallest;
                if (ratio / kConcatRatioLimit <= finding.strength)
                    continue;
                finding.strength = ratio / kConcatRatioLimit;
                finding.applies = ratio > kConcatRatioLimit;
                finding.nearMiss = "the inputs of Concat '" + concat.name + "' differ " + times(ratio) +
                                   " in range (limit " + times(kConcatRatioLimit) + ")";
                finding.reason =
                    "Output '" + tensor + "' feeds Concat '" + concat.name + "', whose inputs range from ±" +
                    number(smallest) + " ('" + smallName + "') to ±" + number(largest) + " ('" + largeName +
                    "'), " + times(ratio) +
                    " apart: one scale for the joined tensor leaves the smaller inputs few levels.";
            }
        }
        if (finding.applies && activations8Bit())
            finding.fixes.push_back(sixteenBitFix());
        return finding;
    }

    Finding lowBits() const {
        Finding finding;
        finding.kind = DiagnosisKind::LowBits;
        const QuantScheme& scheme = layer_.weights;
        if (scheme.kind == SchemeKind::Float || scheme.bits > kLowWeightBits)
            return finding;
        finding.strength = 1.0 + double(kLowWeightBits - scheme.bits);
        finding.applies = true;
        finding.reason = "The weights are quantized as " + scheme.describe() + " (" +
                         std::to_string(1 << scheme.bits) + " values), and the layer measures " +
                         number(sqnrDb_) + " dB, below " + number(weakSqnrDb_) + " dB.";
        if (maximumWeightBits(scheme.kind) >= 8)
            finding.fixes.push_back(eightBitFix());
        return finding;
    }

    const DiagnosisInput& input_;
    const Graph& graph_;
    const QuantPlan& plan_;
    const LayerPlan& layer_;
    double sqnrDb_;
    double weakSqnrDb_;
};

/// The output SQNR with only `layer` quantized, NaN when not measured.
double isolatedSqnr(const DiagnosisInput& input, const std::string& layer) {
    auto isolated = input.isolatedSqnrDb.find(layer);
    if (isolated != input.isolatedSqnrDb.end())
        return isolated->second;
    if (input.sensitivity)
        for (const LayerSensitivity& entry : *input.sensitivity)
            if (entry.layer == layer)
                return entry.outputSqnrDb;
    return std::numeric_limits<double>::quiet_NaN();
}

double measuredSqnr(const DiagnosisInput& input, const std::string& layer) {
    if (input.layerSqnr)
        for (const LayerSqnr& entry : *input.layerSqnr)
            if (entry.layer == layer && !std::isnan(entry.sqnrDb))
                return entry.sqnrDb;
    return isolatedSqnr(input, layer);
}

/// The sentence about the layer's isolated output SQNR, when it was measured.
std::string isolatedNote(const DiagnosisInput& input, const std::string& layer, double weakSqnrDb) {
    const double isolated = isolatedSqnr(input, layer);
    if (std::isnan(isolated))
        return {};
    if (isolated >= weakSqnrDb)
        return " Quantized alone it keeps the model output at " + number(isolated) +
               " dB, so most of its error comes from earlier layers.";
    return " Quantized alone it brings the model output down to " + number(isolated) + " dB.";
}

LayerDiagnosis noSingleCause(const DiagnosisInput& input, const LayerPlan& layer, double sqnrDb,
                             double weakSqnrDb, const std::vector<Finding>& findings) {
    LayerDiagnosis diagnosis;
    diagnosis.layer = layer.layer.nodeName;
    diagnosis.sqnrDb = sqnrDb;
    diagnosis.causeFound = false;
    diagnosis.kind =
        layer.activations.kind != SchemeKind::Float ? DiagnosisKind::DominatedRange : DiagnosisKind::LowBits;
    diagnosis.reason = "No single cause found: the layer measures " + number(sqnrDb) + " dB (below " +
                       number(weakSqnrDb) + " dB) but ";
    const auto closest =
        std::max_element(findings.begin(), findings.end(),
                         [](const Finding& a, const Finding& b) { return a.strength < b.strength; });
    if (closest != findings.end() && !closest->nearMiss.empty()) {
        diagnosis.kind = closest->kind;
        diagnosis.reason += "no rule passes its limit; the closest: " + closest->nearMiss + ".";
    } else {
        diagnosis.reason += "shows no clipping, outlier channel or dominated range.";
    }
    diagnosis.reason += isolatedNote(input, diagnosis.layer, weakSqnrDb);
    diagnosis.fixes.push_back(keepFloatFix());
    return diagnosis;
}

} // namespace

std::string diagnosisKindName(DiagnosisKind kind) {
    switch (kind) {
    case DiagnosisKind::Clipping:
        return "clipping";
    case DiagnosisKind::OutlierChannels:
        return "outlier channels";
    case DiagnosisKind::DominatedRange:
        return "dominated range";
    case DiagnosisKind::NetworkBoundary:
        return "network boundary";
    case DiagnosisKind::ConcatRangeMismatch:
        return "concat range mismatch";
    case DiagnosisKind::LowBits:
        return "low bits";
    }
    return "unknown";
}

std::vector<LayerDiagnosis> diagnoseLayers(const DiagnosisInput& input, double weakSqnrDb) {
    if (!input.graph || !input.plan)
        throw Error("the layer diagnosis needs the model graph and its quantization plan");
    struct Weak {
        bool causeFound;
        double severityDb; ///< the isolated output SQNR when measured, else the cumulative SQNR
        std::vector<LayerDiagnosis> entries;
    };
    std::vector<Weak> weak;
    for (const LayerPlan& layer : input.plan->layers) {
        if (layer.keptFloat())
            continue;
        const double sqnrDb = measuredSqnr(input, layer.layer.nodeName);
        if (std::isnan(sqnrDb) || sqnrDb >= weakSqnrDb)
            continue;
        std::vector<Finding> findings = LayerRules(input, layer, sqnrDb, weakSqnrDb).findings();
        std::stable_sort(findings.begin(), findings.end(),
                         [](const Finding& a, const Finding& b) { return a.strength > b.strength; });
        const double isolated = isolatedSqnr(input, layer.layer.nodeName);
        Weak entry{true, std::isnan(isolated) ? sqnrDb : isolated, {}};
        for (Finding& finding : findings) {
            if (!finding.applies)
                continue;
            finding.fixes.push_back(keepFloatFix());
            entry.entries.push_back(LayerDiagnosis{layer.layer.nodeName, sqnrDb, finding.kind, true,
                                                   finding.reason, finding.fixes});
        }
        if (entry.entries.empty()) {
            entry.causeFound = false;
            entry.entries.push_back(noSingleCause(input, layer, sqnrDb, weakSqnrDb, findings));
        }
        weak.push_back(std::move(entry));
    }
    std::stable_sort(weak.begin(), weak.end(), [](const Weak& a, const Weak& b) {
        if (a.causeFound != b.causeFound)
            return a.causeFound;
        return a.severityDb < b.severityDb;
    });
    std::vector<LayerDiagnosis> diagnoses;
    for (Weak& entry : weak)
        for (LayerDiagnosis& diagnosis : entry.entries)
            diagnoses.push_back(std::move(diagnosis));
    return diagnoses;
}

namespace {

LayerOverride& overrideOf(QuantConfig& config, const std::string& layer) {
    for (LayerOverride& entry : config.layers)
        if (entry.nodeName == layer)
            return entry;
    LayerOverride entry;
    entry.nodeName = layer;
    config.layers.push_back(entry);
    return config.layers.back();
}

[[noreturn]] void doesNotApply(const std::string& layer, const std::string& why) {
    throw Error("layer '" + layer + "': the fix does not apply: " + why);
}

} // namespace

QuantConfig applyFix(const QuantConfig& config, const std::string& layer, const DiagnosisFix& fix) {
    if (layer.empty())
        throw Error("a fix needs the name of the layer it applies to");
    if (std::find(config.floatLayers.begin(), config.floatLayers.end(), layer) != config.floatLayers.end())
        doesNotApply(layer, "it is already kept float (float_layers)");
    QuantConfig fixed = config;
    if (fix.kind == FixKind::KeepFloat) {
        fixed.floatLayers.push_back(layer);
        return fixed;
    }
    LayerOverride& entry = overrideOf(fixed, layer);
    QuantScheme weights = entry.weights ? *entry.weights : config.weights;
    QuantScheme activations = entry.activations ? *entry.activations : config.activations;
    switch (fix.kind) {
    case FixKind::PerChannel:
        if (weights.kind == SchemeKind::Float)
            doesNotApply(layer, "its weights are float");
        if (weights.granularity == Granularity::PerChannel)
            doesNotApply(layer, "its weights are already quantized per channel");
        weights.granularity = Granularity::PerChannel;
        weights.validate(TensorRole::Weight, layer);
        entry.weights = weights;
        break;
    case FixKind::Weights8Bit:
        if (weights.kind == SchemeKind::Float)
            doesNotApply(layer, "its weights are float");
        if (weights.bits >= 8)
            doesNotApply(layer, "its weights already have " + std::to_string(weights.bits) + " bits");
        weights.bits = 8;
        weights.validate(TensorRole::Weight, layer);
        entry.weights = weights;
        break;
    case FixKind::RangeMethod: {
        const std::vector<std::string> names = rangeEstimatorNames();
        if (std::find(names.begin(), names.end(), fix.rangeMethod) == names.end())
            doesNotApply(layer, "'" + fix.rangeMethod +
                                    "' is not a range method (minmax, percentile, entropy, mse)");
        if (activations.kind == SchemeKind::Float)
            doesNotApply(layer, "its activations are float");
        const RangeMethod wanted{fix.rangeMethod, config.calibration.percentile};
        const RangeMethod current =
            entry.range ? *entry.range
                        : RangeMethod{config.calibration.method, config.calibration.percentile};
        if (wanted == current)
            doesNotApply(layer, "its activation ranges already use " + fix.rangeMethod);
        entry.range = wanted;
        break;
    }
    case FixKind::Activations16Bit:
        if (activations.kind == SchemeKind::Float)
            doesNotApply(layer, "its activations are float");
        if (activations.bits >= 16)
            doesNotApply(layer, "its activations already have 16 bits");
        activations.bits = 16;
        activations.validate(TensorRole::Activation, layer);
        entry.activations = activations;
        break;
    case FixKind::KeepFloat:
        break;
    }
    return fixed;
}

} // namespace qs
