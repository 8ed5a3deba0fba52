#include "runtime/executor.h"

#include "runtime/bufferpool.h"
#include "runtime/kernel.h"
#include "runtime/kernelregistry.h"
#include "runtime/nodeattributes.h"
#include "runtime/shapecontract.h"

#include <algorithm>
#include <mutex>
#include <omp.h>
#include <set>
#include <thread>
#include <unordered_map>

namespace qs {

namespace {

constexpr int64_t kDefaultOpset = 17;

/// One kernel invocation of a plan.
struct Step {
    int nodeIndex = -1;
    std::unique_ptr<Kernel> kernel;
    const ShapeContract* contract = nullptr; ///< checked against the actual inputs before every call
    std::vector<int> inputSlots;             ///< -1 for a missing optional input
    std::vector<int> outputSlots;            ///< -1 for an unused optional output
    std::vector<std::string> outputNames;
    std::vector<int> releaseAfter; ///< slots whose last consumer is this step
};

/// The steps for one hook configuration: with hooks every tensor must be materialised, without them
/// activations may be fused into the preceding kernel.
struct Plan {
    std::vector<Step> steps;
    std::vector<int> releaseAtStart; ///< graph inputs nobody consumes
    std::vector<bool> hooked;        ///< per slot: the run's hooks see it (empty: every slot)
};

bool isFusableActivation(const std::string& opType) {
    return opType == "Relu" || opType == "Clip" || opType == "LeakyRelu" || opType == "HardSwish" ||
           opType == "Sigmoid" || opType == "Tanh";
}

} // namespace

struct Executor::Impl {
    Graph graph;
    int64_t opset = kDefaultOpset;
    int threadCount = 1;
    bool fuseActivations = true;
    std::unordered_map<std::string, int> slotOf;
    std::vector<std::string> slotNames;
    std::vector<RuntimeTensor> constants; ///< by slot; null for non-constants
    std::vector<int> inputSlots;
    std::vector<int> outputSlots;
    std::vector<std::vector<std::string>>
        implicitInputs; ///< by node: enclosing-scope values its subgraphs read
    std::unique_ptr<Plan> fusedPlan;
    std::unique_ptr<Plan> hookedPlan;
    std::map<std::set<std::string>, std::unique_ptr<Plan>> partlyHookedPlans;
    std::vector<bool> hookedForFusion; ///< while building a plan: slots that must not be fused away
    BufferPool pool;
    std::mutex runMutex;
    std::shared_ptr<const std::atomic_bool> cancelFlag;

    int slot(const std::string& name) {
        auto found = slotOf.find(name);
        if (found != slotOf.end())
            return found->second;
        int index = static_cast<int>(slotNames.size());
        slotOf.emplace(name, index);
        slotNames.push_back(name);
        constants.emplace_back();
        return index;
    }

    std::unique_ptr<Kernel> createKernel(const Node& node) const {
        const KernelFactory* factory = builtinKernelRegistry().find(node.domain, node.opType, opset);
        if (!factory)
            throw UnsupportedError(nodeLabel(node) + ": operator not supported");
        return (*factory)(node, opset);
    }

    Plan& plan(bool hooked, const std::set<std::string>* hookedTensors);
    std::unique_ptr<Plan> buildPlan(bool allowFusion, const std::vector<bool>* hookedSlots = nullptr);
    void fuseSwish(size_t n, const std::vector<int>& consumerCount, const std::set<int>& graphOutputs,
                   const ConstantLookup& constantLookup, Step& step, std::vector<bool>& fusedAway);
    void bindInputs(std::vector<RuntimeTensor>& values, const TensorMap& inputs) const;
    void bindOverrides(std::vector<RuntimeTensor>& values, const TensorMap& overrides) const;
    void produced(std::vector<RuntimeTensor>& values, int slotIndex, const RunOptions& options,
                  const Plan& plan);
    void release(std::vector<RuntimeTensor>& values, int slotIndex);
};

int64_t Executor::defaultDomainOpset(const ModelInfo& info) {
    for (const auto& entry : info.opsetImports)
        if (entry.first.empty() || entry.first == "ai.onnx")
            return entry.second;
    return kDefaultOpset;
}

/// Element types the kernels handle; tensors of other types make their nodes unsupported.
static bool isRuntimeType(DataType type) {
    return type == DataType::Float || type == DataType::Int64 || type == DataType::Int32 ||
           type == DataType::Bool || type == DataType::UInt8 || type == DataType::Int8 ||
           type == DataType::Int16 || type == DataType::UInt16 || type == DataType::Double;
}

/// Operators whose kernels also compute on float64 tensors (elementwise math, Cast, reductions and the
/// operators that only move data). Any other node touching a float64 tensor is unsupported.
static bool computesInDouble(const Node& node) {
    static const std::set<std::string> ops = {"Relu",         "Sigmoid",
                                              "Tanh",         "Exp",
                                              "Log",          "Sqrt",
                                              "Abs",          "Neg",
                                              "Erf",          "Floor",
                                              "Ceil",         "Round",
                                              "Reciprocal",   "Sin",
                                              "Cos",          "Tan",
                                              "Asin",         "Acos",
                                              "Atan",         "Sinh",
                                              "Cosh",         "Softplus",
                                              "Softsign",     "Sign",
                                              "LeakyRelu",    "Elu",
                                              "Selu",         "Celu",
                                              "HardSigmoid",  "HardSwish",
                                              "Mish",         "ThresholdedRelu",
                                              "Clip",         "IsNaN",
                                              "Add",          "Sub",
                                              "Mul",          "Div",
                                              "Pow",          "Mod",
                                              "PRelu",        "Equal",
                                              "Less",         "Greater",
                                              "LessOrEqual",  "GreaterOrEqual",
                                              "Sum",          "Mean",
                                              "Max",          "Min",
                                              "Where",        "Cast",
                                              "CastLike",     "Identity",
                                              "Reshape",      "Flatten",
                                              "Squeeze",      "Unsqueeze",
                                              "Transpose",    "Concat",
                                              "Split",        "Slice",
                                              "Gather",       "GatherElements",
                                              "GatherND",     "Shape",
                                              "Size",         "ConstantOfShape",
                                              "Expand",       "Tile",
                                              "Range",        "Pad",
                                              "DepthToSpace", "SpaceToDepth",
                                              "ReduceSum",    "ReduceMean",
                                              "ReduceMax",    "ReduceMin",
                                              "ReduceProd",   "ReduceSumSquare",
                                              "ReduceL1",     "ReduceL2",
                                              "ReduceLogSum", "ReduceLogSumExp",
                                              "Einsum",       "ScatterElements",
                                              "ScatterND",    "CumSum",
                                              "If",           "Loop",
                                              "Scan"};
    return (node.domain.empty() || node.domain == "ai.onnx") && ops.count(node.opType);
}

/// The element type of `name` as declared by an initializer or inferred value info, or Undefined.
static DataType declaredType(const Graph& graph, const std::string& name) {
    auto initializer = graph.initializers.find(name);
    if (initializer != graph.initializers.end())
        return initializer->second.type;
    auto info = graph.valueInfos.find(name);
    if (info != graph.valueInfos.end())
        return info->second.type;
    for (const ValueInfo& input : graph.inputs)
        if (input.name == name)
            return input.type;
    return DataType::Undefined;
}

/// Why the node's tensors cannot be held or computed, or "".
static std::string unsupportedTypeReason(const Graph& graph, const Node& node,
                                         const std::set<std::string>& enclosingScopeInputs) {
    for (const std::string& name : node.inputs)
        for (const ValueInfo& input : graph.inputs)
            if (!name.empty() && input.name == name && input.type == DataType::Undefined &&
                !enclosingScopeInputs.count(name))
                return "graph input '" + name +
                       "' is not a tensor the runtime can hold (sequence, optional or map)";
    std::vector<std::string> names = node.inputs;
    names.insert(names.end(), node.outputs.begin(), node.outputs.end());
    for (const std::string& name : names) {
        DataType type = name.empty() ? DataType::Undefined : declaredType(graph, name);
        if (type != DataType::Undefined && !isRuntimeType(type))
            return "tensor '" + name + "' has element type " + std::to_string(static_cast<int>(type)) +
                   ", which the runtime does not compute with";
        if (type == DataType::Double && !computesInDouble(node))
            return "tensor '" + name + "' is float64, which this operator does not compute with";
    }
    return {};
}

std::vector<UnsupportedNode> Executor::findUnsupported(const Model& model,
                                                       const std::set<std::string>& enclosingScopeInputs) {
    std::vector<UnsupportedNode> unsupported;
    int64_t opset = defaultDomainOpset(model.info);
    std::map<std::string, RuntimeTensor> converted;
    ConstantLookup constants = [&](const std::string& name) -> const RuntimeTensor* {
        auto done = converted.find(name);
        if (done != converted.end())
            return &done->second;
        auto initializer = model.graph.initializers.find(name);
        if (initializer == model.graph.initializers.end())
            return nullptr;
        return &converted.emplace(name, RuntimeTensor::fromConstant(initializer->second)).first->second;
    };
    for (const Node& node : model.graph.nodes) {
        std::string reason = unsupportedTypeReason(model.graph, node, enclosingScopeInputs);
        const KernelFactory* factory = builtinKernelRegistry().find(node.domain, node.opType, opset);
        if (!factory) {
            reason = "operator not supported";
        } else if (reason.empty()) {
            try {
                (*factory)(node, opset)->checkConstants(node, constants);
            } catch (const Error& error) {
                reason = error.what();
            }
        }
        if (!reason.empty())
            unsupported.push_back(UnsupportedNode{node.opType, node.domain, node.name, opset, reason});
    }
    return unsupported;
}

/// One line listing every unsupported node, grouped by op type and reason so that a model with many nodes of
/// one unsupported kind stays readable.
static std::string unsupportedMessage(const std::string& graphName,
                                      const std::vector<UnsupportedNode>& nodes) {
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (const UnsupportedNode& node : nodes) {
        std::string reason = node.reason;
        std::string prefix = node.opType + " node '" + node.nodeName + "': ";
        if (reason.rfind(prefix, 0) == 0)
            reason = reason.substr(prefix.size());
        std::string key = (node.domain.empty() ? "" : node.domain + ".") + node.opType + " (opset " +
                          std::to_string(node.opset) + ": " + reason + ")";
        auto found =
            std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return group.first == key; });
        if (found == groups.end())
            groups.push_back({key, {node.nodeName}});
        else
            found->second.push_back(node.nodeName);
    }
    std::string message = "model '" + graphName + "' uses " + std::to_string(nodes.size()) +
                          " node(s) the runtime cannot execute: ";
    for (size_t g = 0; g < groups.size(); ++g) {
        message += (g ? "; " : "") + groups[g].first + " at node";
        message += groups[g].second.size() > 1 ? "s " : " ";
        for (size_t i = 0; i < groups[g].second.size(); ++i)
            message += (i ? ", '" : "'") + groups[g].second[i] + "'";
    }
    return message;
}

Executor::Executor(const Model& model, const ExecutorOptions& options) : impl_(std::make_unique<Impl>()) {
    std::vector<UnsupportedNode> unsupported = findUnsupported(model, options.enclosingScopeInputs);
    if (!unsupported.empty())
        throw Error(unsupportedMessage(model.graph.name, unsupported));
    Impl& impl = *impl_;
    // The graph is kept without the initializers' bytes: those live once, in `constants`.
    impl.graph.name = model.graph.name;
    impl.graph.nodes = model.graph.nodes;
    impl.graph.inputs = model.graph.inputs;
    impl.graph.outputs = model.graph.outputs;
    impl.graph.valueInfos = model.graph.valueInfos;
    impl.opset = defaultDomainOpset(model.info);
    int hardwareThreads = static_cast<int>(std::thread::hardware_concurrency());
    impl.threadCount = options.threadCount > 0 ? options.threadCount : std::max(1, hardwareThreads);
    impl.fuseActivations = options.fuseActivations;
    for (const auto& entry : model.graph.initializers) {
        int index = impl.slot(entry.first);
        impl.constants[index] = RuntimeTensor::fromConstant(entry.second);
        impl.constants[index].setContentId(RuntimeTensor::newContentId());
        Tensor& declared = impl.graph.initializers[entry.first];
        declared.name = entry.second.name;
        declared.type = entry.second.type;
        declared.dims = entry.second.dims;
    }
    for (const ValueInfo& input : impl.graph.inputs)
        impl.inputSlots.push_back(impl.slot(input.name));
    for (const Node& node : impl.graph.nodes)
        for (const std::string& name : node.outputs)
            if (!name.empty())
                impl.slot(name);
    for (const ValueInfo& output : impl.graph.outputs) {
        if (!impl.slotOf.count(output.name))
            throw Error("graph output '" + output.name + "' is produced by no node, input or initializer");
        impl.outputSlots.push_back(impl.slot(output.name));
    }
    for (const Node& node : impl.graph.nodes) {
        impl.implicitInputs.push_back(implicitInputs(node));
        std::vector<std::string> names = node.inputs;
        names.insert(names.end(), impl.implicitInputs.back().begin(), impl.implicitInputs.back().end());
        for (const std::string& name : names)
            if (!name.empty() && !impl.slotOf.count(name))
                throw Error(nodeLabel(node) + ": input '" + name +
                            "' is produced by no node, input or initializer");
    }
}

Executor::~Executor() = default;

int Executor::threadCount() const {
    return impl_->threadCount;
}
const std::vector<ValueInfo>& Executor::inputs() const {
    return impl_->graph.inputs;
}
const std::vector<ValueInfo>& Executor::outputs() const {
    return impl_->graph.outputs;
}

Plan& Executor::Impl::plan(bool hooked, const std::set<std::string>* hookedTensors) {
    if (hooked && hookedTensors) {
        // Each plan holds its own kernels (primitives, reordered weights): keep only a few hook sets, as a
        // per-layer sensitivity pass uses one per layer.
        constexpr size_t maxPartlyHookedPlans = 2;
        if (!partlyHookedPlans.count(*hookedTensors) && partlyHookedPlans.size() >= maxPartlyHookedPlans)
            partlyHookedPlans.clear();
        std::unique_ptr<Plan>& cached = partlyHookedPlans[*hookedTensors];
        if (!cached) {
            std::vector<bool> hookedSlots(slotNames.size(), false);
            for (const std::string& name : *hookedTensors) {
                auto found = slotOf.find(name);
                if (found != slotOf.end())
                    hookedSlots[found->second] = true;
            }
            cached = buildPlan(fuseActivations, &hookedSlots);
            cached->hooked = std::move(hookedSlots);
        }
        return *cached;
    }
    std::unique_ptr<Plan>& cached = hooked ? hookedPlan : fusedPlan;
    if (!cached)
        cached = buildPlan(!hooked && fuseActivations);
    return *cached;
}

/// x * Sigmoid(x) written as Sigmoid then Mul right after the producer of x (SiLU): offered to the producer
/// as one "Swish" activation when nothing else reads x or the sigmoid.
void Executor::Impl::fuseSwish(size_t n, const std::vector<int>& consumerCount,
                               const std::set<int>& graphOutputs, const ConstantLookup& constantLookup,
                               Step& step, std::vector<bool>& fusedAway) {
    const Node& node = graph.nodes[n];
    const Node& sigmoid = graph.nodes[n + 1];
    const Node& mul = graph.nodes[n + 2];
    int x = step.outputSlots[0];
    if (x < 0 || sigmoid.opType != "Sigmoid" || mul.opType != "Mul" || !sigmoid.domain.empty() ||
        !mul.domain.empty() || sigmoid.inputs.size() != 1 || sigmoid.inputs[0] != node.outputs[0] ||
        sigmoid.outputs.size() != 1 || mul.inputs.size() != 2 || mul.outputs.size() != 1)
        return;
    const std::string& s = sigmoid.outputs[0];
    bool pairs = (mul.inputs[0] == node.outputs[0] && mul.inputs[1] == s) ||
                 (mul.inputs[1] == node.outputs[0] && mul.inputs[0] == s);
    int sSlot = slotOf.at(s);
    if (!hookedForFusion.empty() && hookedForFusion[sSlot])
        return;
    if (!pairs || consumerCount[x] != 2 || consumerCount[sSlot] != 1 || graphOutputs.count(x) ||
        graphOutputs.count(sSlot))
        return;
    Node swish;
    swish.name = sigmoid.name;
    swish.opType = "Swish";
    swish.inputs = {node.outputs[0]};
    swish.outputs = mul.outputs;
    if (!step.kernel->fuseActivation(swish, constantLookup))
        return;
    fusedAway[n + 1] = true;
    fusedAway[n + 2] = true;
    step.outputSlots[0] = slotOf.at(mul.outputs[0]);
    step.outputNames[0] = mul.outputs[0];
}

std::unique_ptr<Plan> Executor::Impl::buildPlan(bool allowFusion, const std::vector<bool>* hookedSlots) {
    hookedForFusion = hookedSlots ? *hookedSlots : std::vector<bool>();
    auto result = std::make_unique<Plan>();
    std::set<int> graphOutputs(outputSlots.begin(), outputSlots.end());
    std::vector<int> consumerCount(slotNames.size(), 0);
    for (size_t n = 0; n < graph.nodes.size(); ++n) {
        for (const std::string& name : graph.nodes[n].inputs)
            if (!name.empty())
                ++consumerCount[slotOf.at(name)];
        for (const std::string& name : implicitInputs[n])
            ++consumerCount[slotOf.at(name)];
    }
    ConstantLookup constantLookup = [this](const std::string& name) -> const RuntimeTensor* {
        auto found = slotOf.find(name);
        if (found == slotOf.end() || constants[found->second].isNull())
            return nullptr;
        return &constants[found->second];
    };
    std::vector<bool> fusedAway(graph.nodes.size(), false);
    for (size_t n = 0; n < graph.nodes.size(); ++n) {
        if (fusedAway[n])
            continue;
        const Node& node = graph.nodes[n];
        Step step;
        step.nodeIndex = static_cast<int>(n);
        step.kernel = createKernel(node);
        step.contract = shapeContract(node.domain, node.opType);
        for (const std::string& name : node.inputs)
            step.inputSlots.push_back(name.empty() ? -1 : slotOf.at(name));
        for (const std::string& name : implicitInputs[n])
            step.inputSlots.push_back(slotOf.at(name));
        for (const std::string& name : node.outputs) {
            step.outputSlots.push_back(name.empty() ? -1 : slotOf.at(name));
            step.outputNames.push_back(name);
        }
        // A tensor the hooks watch must exist: its producer is not fused with what follows.
        const bool outputHooked = hookedSlots && node.outputs.size() == 1 && step.outputSlots[0] >= 0 &&
                                  (*hookedSlots)[step.outputSlots[0]];
        if (allowFusion && !outputHooked && node.outputs.size() == 1 && n + 1 < graph.nodes.size()) {
            int outputSlot = step.outputSlots[0];
            const Node& next = graph.nodes[n + 1];
            bool soleConsumer = outputSlot >= 0 && consumerCount[outputSlot] == 1 &&
                                !graphOutputs.count(outputSlot) && !next.inputs.empty() &&
                                next.inputs[0] == node.outputs[0] && next.outputs.size() == 1;
            if (soleConsumer && isFusableActivation(next.opType) &&
                step.kernel->fuseActivation(next, constantLookup)) {
                fusedAway[n + 1] = true;
                step.outputSlots[0] = slotOf.at(next.outputs[0]);
                step.outputNames[0] = next.outputs[0];
            } else if (n + 2 < graph.nodes.size()) {
                fuseSwish(n, consumerCount, graphOutputs, constantLookup, step, fusedAway);
            }
        }
        result->steps.push_back(std::move(step));
    }
    std::vector<int> lastUse(slotNames.size(), -1);
    for (size_t s = 0; s < result->steps.size(); ++s)
        for (int slotIndex : result->steps[s].inputSlots)
            if (slotIndex >= 0)
                lastUse[slotIndex] = static_cast<int>(s);
    for (size_t slotIndex = 0; slotIndex < slotNames.size(); ++slotIndex) {
        if (!constants[slotIndex].isNull() || graphOutputs.count(static_cast<int>(slotIndex)))
            continue;
        if (lastUse[slotIndex] >= 0)
            result->steps[lastUse[slotIndex]].releaseAfter.push_back(static_cast<int>(slotIndex));
    }
    for (Step& step : result->steps)
        for (int slotIndex : step.outputSlots)
            if (slotIndex >= 0 && lastUse[slotIndex] < 0 && !graphOutputs.count(slotIndex))
                step.releaseAfter.push_back(slotIndex);
    for (int slotIndex : inputSlots)
        if (lastUse[slotIndex] < 0 && !graphOutputs.count(slotIndex))
            result->releaseAtStart.push_back(slotIndex);
    return result;
}

void Executor::Impl::bindInputs(std::vector<RuntimeTensor>& values, const TensorMap& inputs) const {
    for (const auto& entry : inputs) {
        bool known = false;
        for (const ValueInfo& input : graph.inputs)
            known = known || input.name == entry.first;
        if (!known)
            throw Error("model '" + graph.name + "' has no input named '" + entry.first + "'");
    }
    for (size_t i = 0; i < graph.inputs.size(); ++i) {
        const ValueInfo& info = graph.inputs[i];
        auto found = inputs.find(info.name);
        if (found == inputs.end() || found->second.isNull())
            throw Error("input '" + info.name + "' of model '" + graph.name + "' was not given");
        const RuntimeTensor& tensor = found->second;
        if (info.type != DataType::Undefined && tensor.type() != info.type)
            throw Error("input '" + info.name + "': expected element type " + std::to_string(int(info.type)) +
                        ", got " + tensor.describe());
        if (info.hasShape) {
            bool rankMatches = info.shape.size() == tensor.dims().size();
            for (size_t d = 0; rankMatches && d < info.shape.size(); ++d)
                rankMatches = !info.shape[d].isStatic() || info.shape[d].value == tensor.dims()[d];
            if (!rankMatches)
                throw Error("input '" + info.name + "': shape " + dimsToString(tensor.dims()) +
                            " does not match the model's declared shape");
        }
        values[inputSlots[i]] = tensor;
        values[inputSlots[i]].setContentId(0);
    }
}

void Executor::Impl::bindOverrides(std::vector<RuntimeTensor>& values, const TensorMap& overrides) const {
    for (const auto& entry : overrides) {
        auto found = slotOf.find(entry.first);
        if (found == slotOf.end() || constants[found->second].isNull())
            throw Error("weight override '" + entry.first + "' names no initializer of model '" + graph.name +
                        "'");
        const RuntimeTensor& original = constants[found->second];
        if (entry.second.type() != original.type() || entry.second.dims() != original.dims())
            throw Error("weight override '" + entry.first + "' is " + entry.second.describe() +
                        " but the model's is " + original.describe());
        values[found->second] = entry.second;
        values[found->second].setContentId(RuntimeTensor::newContentId());
    }
}

void Executor::Impl::produced(std::vector<RuntimeTensor>& values, int slotIndex, const RunOptions& options,
                              const Plan& plan) {
    const std::string& name = slotNames[slotIndex];
    if (!options.transform && !options.observer)
        return;
    if (!plan.hooked.empty() && !plan.hooked[slotIndex])
        return;
    if (!options.transform && !values[slotIndex].isPlain()) {
        // An observer alone gets a plain copy; consumers keep the blocked tensor and need no reorder back.
        RuntimeTensor plain = toPlainLayout(values[slotIndex], &pool);
        options.observer(name, plain);
        std::shared_ptr<AlignedBuffer> buffer = plain.buffer();
        plain = RuntimeTensor();
        pool.release(std::move(buffer));
        return;
    }
    if (!values[slotIndex].isPlain())
        values[slotIndex] = toPlainLayout(values[slotIndex], &pool);
    if (options.transform) {
        std::optional<RuntimeTensor> replacement = options.transform(name, values[slotIndex]);
        if (replacement) {
            if (replacement->type() != values[slotIndex].type() ||
                replacement->dims() != values[slotIndex].dims())
                throw Error("transform of tensor '" + name + "' returned " + replacement->describe() +
                            " instead of " + values[slotIndex].describe());
            values[slotIndex] = std::move(*replacement);
        }
    }
    if (options.observer)
        options.observer(name, values[slotIndex]);
}

void Executor::Impl::release(std::vector<RuntimeTensor>& values, int slotIndex) {
    std::shared_ptr<AlignedBuffer> buffer = values[slotIndex].buffer();
    values[slotIndex] = RuntimeTensor();
    pool.release(std::move(buffer));
}

namespace {

/// Sets OpenMP's thread count for the calling thread and restores it on exit.
class ThreadCountScope {
public:
    explicit ThreadCountScope(int threadCount) : previous_(omp_get_max_threads()) {
        omp_set_num_threads(threadCount);
    }
    ~ThreadCountScope() { omp_set_num_threads(previous_); }

private:
    int previous_ = 1;
};

} // namespace

void Executor::setCancelFlag(std::shared_ptr<const std::atomic_bool> flag) {
    std::lock_guard<std::mutex> lock(impl_->runMutex);
    impl_->cancelFlag = std::move(flag);
}

TensorMap Executor::run(const TensorMap& inputs, const RunOptions& options) {
    Impl& impl = *impl_;
    std::lock_guard<std::mutex> lock(impl.runMutex);
    ThreadCountScope threads(impl.threadCount);
    std::vector<RuntimeTensor> values = impl.constants;
    impl.bindInputs(values, inputs);
    if (options.weightOverrides)
        impl.bindOverrides(values, *options.weightOverrides);
    bool hooked = options.observer || options.transform;
    Plan& plan = impl.plan(hooked, options.hookedTensors.get());
    for (int slotIndex : impl.inputSlots)
        impl.produced(values, slotIndex, options, plan);
    for (int slotIndex : plan.releaseAtStart)
        impl.release(values, slotIndex);

    KernelContext context;
    context.threadCount = impl.threadCount;
    context.pool = &impl.pool;
    std::vector<const RuntimeTensor*> kernelInputs;
    std::vector<const RuntimeTensor*> contractInputs;
    std::vector<RuntimeTensor> kernelOutputs;
    const std::shared_ptr<const std::atomic_bool> cancel = impl.cancelFlag;
    for (Step& step : plan.steps) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        const Node& node = impl.graph.nodes[step.nodeIndex];
        context.node = &node;
        kernelInputs.clear();
        bool anyBlocked = false;
        for (int slotIndex : step.inputSlots) {
            if (slotIndex >= 0 && values[slotIndex].isNull())
                throw Error(nodeLabel(node) + ": input '" + impl.slotNames[slotIndex] + "' has no value");
            kernelInputs.push_back(slotIndex >= 0 ? &values[slotIndex] : nullptr);
            anyBlocked = anyBlocked || (slotIndex >= 0 && !values[slotIndex].isPlain());
        }
        if (anyBlocked && !step.kernel->acceptsLayouts(kernelInputs))
            for (int slotIndex : step.inputSlots)
                if (slotIndex >= 0 && !values[slotIndex].isPlain())
                    values[slotIndex] = toPlainLayout(values[slotIndex], &impl.pool);
        kernelOutputs.assign(step.outputSlots.size(), RuntimeTensor());
        if (step.contract) {
            // The contract covers the node's own inputs, not the enclosing-scope values appended for
            // subgraphs.
            contractInputs.assign(kernelInputs.begin(), kernelInputs.begin() + node.inputs.size());
            checkShapeContract(step.contract, node, contractInputs);
        }
        try {
            step.kernel->run(kernelInputs, kernelOutputs, context);
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& error) {
            const std::string label = nodeLabel(node);
            if (std::string(error.what()).find(node.name) != std::string::npos)
                throw;
            throw Error(label + ": " + error.what());
        } catch (const std::bad_alloc&) {
            throw Error(nodeLabel(node) + ": not enough memory for its outputs");
        }
        for (size_t o = 0; o < step.outputSlots.size(); ++o) {
            int slotIndex = step.outputSlots[o];
            if (slotIndex < 0)
                continue;
            if (kernelOutputs[o].isNull())
                throw Error(nodeLabel(node) + ": produced no value for output '" + step.outputNames[o] + "'");
            values[slotIndex] = std::move(kernelOutputs[o]);
            impl.produced(values, slotIndex, options, plan);
        }
        for (int slotIndex : step.releaseAfter)
            impl.release(values, slotIndex);
    }
    TensorMap outputs;
    for (size_t i = 0; i < impl.outputSlots.size(); ++i)
        outputs[impl.graph.outputs[i].name] = toPlainLayout(values[impl.outputSlots[i]], nullptr);
    return outputs;
}

} // namespace qs
