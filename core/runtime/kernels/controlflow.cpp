// If, Loop and Scan: operators whose attributes hold subgraphs. Each body runs on its own nested Executor,
// planned once and reused for every iteration and inference. Values a body reads from enclosing graphs arrive
// as extra kernel inputs (see implicitInputs()) and are handed to the body as additional graph inputs.
// Semantics follow the ONNX specification: Loop carries its state from one iteration to the next and stops on
// the trip count or the body's condition; scan outputs of every iteration are stacked along a new axis.

#include "model/constantfolding.h"
#include "model/toposort.h"
#include "runtime/executor.h"
#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace qs {

namespace {

const Graph& requireGraph(const Node& node, const std::string& name) {
    const Attribute* attribute = findAttribute(node, name);
    if (!attribute || !attribute->graph)
        unsupportedNode(node, "graph attribute '" + name + "' is missing");
    return *attribute->graph;
}

/// One subgraph made runnable: a model whose inputs are the body's own followed by the enclosing-scope values
/// the body reads.
class Body {
public:
    Body(const Node& node, const Graph& graph, int64_t opset) : node_(node) {
        model_.info.opsetImports[""] = opset;
        model_.graph = graph;
        if (model_.graph.name.empty())
            model_.graph.name = node.name + "/body";
        foldConstantNodes(model_.graph);
        formalInputCount_ = model_.graph.inputs.size();
        for (ValueInfo& input : model_.graph.inputs)
            input.hasShape = false; // loop-carried values may change shape between iterations
        std::vector<std::string> nodeImplicit = implicitInputs(node);
        for (const std::string& name : outerScopeReferences(model_.graph)) {
            ValueInfo input;
            input.name = name;
            model_.graph.inputs.push_back(input);
            enclosingNames_.insert(name);
            auto position = std::find(nodeImplicit.begin(), nodeImplicit.end(), name);
            implicitIndex_.push_back(static_cast<size_t>(position - nodeImplicit.begin()));
        }
        std::vector<UnsupportedNode> unsupported = Executor::findUnsupported(model_, enclosingNames_);
        if (!unsupported.empty()) {
            std::string message = "subgraph '" + model_.graph.name + "' uses unsupported node(s):";
            for (const UnsupportedNode& entry : unsupported)
                message += " " + entry.opType + " '" + entry.nodeName + "' (" + entry.reason + ");";
            unsupportedNode(node, message);
        }
    }

    size_t formalInputCount() const { return formalInputCount_; }
    size_t outputCount() const { return model_.graph.outputs.size(); }
    const ValueInfo& output(size_t index) const { return model_.graph.outputs[index]; }

    /// Runs the body with its own inputs `formal` and the enclosing values found in the kernel's `inputs`
    /// after the node's own; returns the body outputs in order.
    std::vector<RuntimeTensor> run(const std::vector<RuntimeTensor>& formal, const KernelInputs& inputs,
                                   const KernelContext& context) {
        if (!executor_) {
            ExecutorOptions options;
            options.threadCount = context.threadCount;
            options.enclosingScopeInputs = enclosingNames_;
            executor_ = std::make_unique<Executor>(model_, options);
        }
        if (formal.size() != formalInputCount_)
            failNode(node_, "subgraph '" + model_.graph.name + "' takes " +
                                std::to_string(formalInputCount_) + " inputs, got " +
                                std::to_string(formal.size()));
        TensorMap values;
        for (size_t i = 0; i < formal.size(); ++i)
            values[model_.graph.inputs[i].name] = formal[i];
        size_t implicitStart = node_.inputs.size();
        for (size_t i = 0; i < implicitIndex_.size(); ++i) {
            const RuntimeTensor* value = inputs[implicitStart + implicitIndex_[i]];
            values[model_.graph.inputs[formalInputCount_ + i].name] =
                value->isPlain() ? *value : toPlainLayout(*value, nullptr);
        }
        TensorMap results = executor_->run(values);
        std::vector<RuntimeTensor> outputs;
        for (const ValueInfo& info : model_.graph.outputs)
            outputs.push_back(results.at(info.name));
        return outputs;
    }

private:
    Node node_;
    Model model_;
    size_t formalInputCount_ = 0;
    std::set<std::string> enclosingNames_;
    std::vector<size_t> implicitIndex_; ///< per enclosing input: its index among the node's implicit inputs
    std::unique_ptr<Executor> executor_;
};

RuntimeTensor scalarInt64(int64_t value) {
    return RuntimeTensor::fromInt64s({}, {value});
}

RuntimeTensor scalarBool(bool value) {
    RuntimeTensor tensor(DataType::Bool, {});
    tensor.data<uint8_t>()[0] = value ? 1 : 0;
    return tensor;
}

bool truthOf(const Node& node, const RuntimeTensor& tensor, const std::string& what) {
    if (tensor.elementCount() != 1)
        failNode(node, what + " must hold one value, got " + tensor.describe());
    return tensor.toDoubles()[0] != 0.0;
}

/// Stacks equally shaped `parts` along a new axis `axis` (in [0, part rank]).
RuntimeTensor stack(const Node& node, const std::vector<RuntimeTensor>& parts, int64_t axis,
                    const std::string& outputName) {
    const RuntimeTensor& first = parts.front();
    for (const RuntimeTensor& part : parts)
        if (part.type() != first.type() || part.dims() != first.dims())
            failNode(node, "scan output '" + outputName + "' changes from " + first.describe() + " to " +
                               part.describe() + " between iterations");
    std::vector<int64_t> dims = first.dims();
    dims.insert(dims.begin() + axis, static_cast<int64_t>(parts.size()));
    RuntimeTensor result(first.type(), dims);
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= first.dims()[d];
    size_t innerBytes = outer ? first.sizeBytes() / static_cast<size_t>(outer) : 0;
    auto* target = static_cast<uint8_t*>(result.raw());
    for (int64_t o = 0; o < outer; ++o)
        for (size_t t = 0; t < parts.size(); ++t)
            std::memcpy(target + (o * parts.size() + t) * innerBytes,
                        static_cast<const uint8_t*>(parts[t].raw()) + o * innerBytes, innerBytes);
    return result;
}

/// Slice `index` of `tensor` along `axis`, with that axis removed.
RuntimeTensor sliceAlong(const RuntimeTensor& tensor, int64_t axis, int64_t index) {
    std::vector<int64_t> dims = tensor.dims();
    int64_t count = dims[axis];
    dims.erase(dims.begin() + axis);
    RuntimeTensor result(tensor.type(), dims);
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= tensor.dims()[d];
    size_t innerBytes = outer ? result.sizeBytes() / static_cast<size_t>(outer) : 0;
    const auto* source = static_cast<const uint8_t*>(tensor.raw());
    for (int64_t o = 0; o < outer; ++o)
        std::memcpy(static_cast<uint8_t*>(result.raw()) + o * innerBytes,
                    source + (o * count + index) * innerBytes, innerBytes);
    return result;
}

/// An empty scan output for a loop that ran zero times: [0] followed by the body output's declared dims when
/// they are all known, else just [0].
RuntimeTensor emptyScanOutput(const ValueInfo& info) {
    std::vector<int64_t> dims{0};
    bool known = info.hasShape;
    for (const Dim& dim : info.shape)
        known = known && dim.isStatic();
    if (known)
        for (const Dim& dim : info.shape)
            dims.push_back(dim.value);
    DataType type = info.type == DataType::Undefined ? DataType::Float : info.type;
    return RuntimeTensor(type, dims);
}

class IfKernel : public Kernel {
public:
    IfKernel(const Node& node, int64_t opset)
        : thenBranch_(node, requireGraph(node, "then_branch"), opset),
          elseBranch_(node, requireGraph(node, "else_branch"), opset) {
        for (const Body* branch : {&thenBranch_, &elseBranch_})
            if (branch->outputCount() != node.outputs.size() || branch->formalInputCount() != 0)
                unsupportedNode(node, "a branch must take no inputs and produce " +
                                          std::to_string(node.outputs.size()) + " outputs");
    }

    void run(const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        bool condition = truthOf(node, requireInput(node, inputs, 0), "cond");
        std::vector<RuntimeTensor> results = (condition ? thenBranch_ : elseBranch_).run({}, inputs, context);
        for (size_t o = 0; o < outputs.size(); ++o)
            outputs[o] = std::move(results[o]);
    }

private:
    Body thenBranch_;
    Body elseBranch_;
};

class LoopKernel : public Kernel {
public:
    LoopKernel(const Node& node, int64_t opset) : body_(node, requireGraph(node, "body"), opset) {
        if (node.inputs.size() < 2 || body_.formalInputCount() != node.inputs.size())
            unsupportedNode(
                node, "the body must take the iteration number, the condition and every loop-carried value");
        carriedCount_ = node.inputs.size() - 2;
        if (node.outputs.size() < carriedCount_ || body_.outputCount() != 1 + node.outputs.size())
            unsupportedNode(
                node, "the body must produce the condition, the loop-carried values and the scan outputs");
    }

    void run(const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        const RuntimeTensor* tripCount = optionalInput(inputs, 0);
        const RuntimeTensor* initialCondition = optionalInput(inputs, 1);
        int64_t maxTrips = std::numeric_limits<int64_t>::max();
        if (tripCount) {
            if (tripCount->elementCount() != 1)
                failNode(node, "trip count must hold one value, got " + tripCount->describe());
            maxTrips = tripCount->toInt64s()[0];
        }
        bool keepGoing = initialCondition ? truthOf(node, *initialCondition, "cond") : true;
        std::vector<RuntimeTensor> state;
        for (size_t i = 0; i < carriedCount_; ++i)
            state.push_back(requireInput(node, inputs, 2 + i));
        size_t scanCount = outputs.size() - carriedCount_;
        std::vector<std::vector<RuntimeTensor>> scans(scanCount);
        std::vector<RuntimeTensor> formal(2 + carriedCount_);
        const int64_t limit = loopIterationLimit();
        for (int64_t iteration = 0; iteration < maxTrips && keepGoing; ++iteration) {
            if (iteration == limit)
                failNode(node, "still running after " + std::to_string(limit) + " iterations (trip count " +
                                   (tripCount ? std::to_string(maxTrips) : std::string("none")) +
                                   "); a loop this long is not a model's");
            formal[0] = scalarInt64(iteration);
            formal[1] = scalarBool(keepGoing);
            std::copy(state.begin(), state.end(), formal.begin() + 2);
            std::vector<RuntimeTensor> results = body_.run(formal, inputs, context);
            keepGoing = truthOf(node, results[0], "the body's condition output");
            for (size_t i = 0; i < carriedCount_; ++i)
                state[i] = std::move(results[1 + i]);
            for (size_t k = 0; k < scanCount; ++k)
                scans[k].push_back(std::move(results[1 + carriedCount_ + k]));
        }
        for (size_t i = 0; i < carriedCount_; ++i)
            outputs[i] = std::move(state[i]);
        for (size_t k = 0; k < scanCount; ++k) {
            const std::string& name = node.outputs[carriedCount_ + k];
            outputs[carriedCount_ + k] = scans[k].empty()
                                             ? emptyScanOutput(body_.output(1 + carriedCount_ + k))
                                             : stack(node, scans[k], 0, name);
        }
    }

private:
    Body body_;
    size_t carriedCount_ = 0;
};

class ScanKernel : public Kernel {
public:
    ScanKernel(const Node& node, int64_t opset) : body_(node, requireGraph(node, "body"), opset) {
        if (opset < 9)
            unsupportedNode(node, "Scan before opset 9 (batched, with sequence_lens) is not supported");
        scanInputCount_ = static_cast<size_t>(attrInt(node, "num_scan_inputs", 0));
        if (scanInputCount_ == 0 || scanInputCount_ > node.inputs.size())
            unsupportedNode(node, "num_scan_inputs must be between 1 and the number of inputs");
        stateCount_ = node.inputs.size() - scanInputCount_;
        if (body_.formalInputCount() != node.inputs.size() || body_.outputCount() != node.outputs.size() ||
            node.outputs.size() < stateCount_)
            unsupportedNode(node, "the body's inputs and outputs do not match the node's");
        inputAxes_ = attrInts(node, "scan_input_axes");
        inputDirections_ = attrInts(node, "scan_input_directions");
        outputAxes_ = attrInts(node, "scan_output_axes");
        outputDirections_ = attrInts(node, "scan_output_directions");
    }

    void run(const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        std::vector<RuntimeTensor> formal(node.inputs.size());
        for (size_t i = 0; i < stateCount_; ++i)
            formal[i] = requireInput(node, inputs, i);
        std::vector<int64_t> axes(scanInputCount_, 0);
        int64_t length = -1;
        for (size_t j = 0; j < scanInputCount_; ++j) {
            const RuntimeTensor& input = requireInput(node, inputs, stateCount_ + j);
            axes[j] = normalizeAxis(node, j < inputAxes_.size() ? inputAxes_[j] : 0, input.rank());
            if (length >= 0 && input.dims()[axes[j]] != length)
                failNode(node, "scan inputs have different sequence lengths");
            length = input.dims()[axes[j]];
        }
        size_t scanOutputCount = outputs.size() - stateCount_;
        std::vector<std::vector<RuntimeTensor>> scans(scanOutputCount);
        for (int64_t t = 0; t < length; ++t) {
            for (size_t j = 0; j < scanInputCount_; ++j) {
                bool reverse = j < inputDirections_.size() && inputDirections_[j] != 0;
                formal[stateCount_ + j] =
                    sliceAlong(*inputs[stateCount_ + j], axes[j], reverse ? length - 1 - t : t);
            }
            std::vector<RuntimeTensor> results = body_.run(formal, inputs, context);
            for (size_t i = 0; i < stateCount_; ++i)
                formal[i] = std::move(results[i]);
            for (size_t k = 0; k < scanOutputCount; ++k)
                scans[k].push_back(std::move(results[stateCount_ + k]));
        }
        for (size_t i = 0; i < stateCount_; ++i)
            outputs[i] = std::move(formal[i]);
        for (size_t k = 0; k < scanOutputCount; ++k) {
            const std::string& name = node.outputs[stateCount_ + k];
            if (scans[k].empty()) {
                outputs[stateCount_ + k] = emptyScanOutput(body_.output(stateCount_ + k));
                continue;
            }
            if (k < outputDirections_.size() && outputDirections_[k] != 0)
                std::reverse(scans[k].begin(), scans[k].end());
            int64_t rank = scans[k].front().rank() + 1;
            int64_t axis = normalizeAxis(node, k < outputAxes_.size() ? outputAxes_[k] : 0, rank);
            outputs[stateCount_ + k] = stack(node, scans[k], axis, name);
        }
    }

private:
    Body body_;
    size_t scanInputCount_ = 0;
    size_t stateCount_ = 0;
    std::vector<int64_t> inputAxes_;
    std::vector<int64_t> inputDirections_;
    std::vector<int64_t> outputAxes_;
    std::vector<int64_t> outputDirections_;
};

} // namespace

void registerControlFlowKernels(KernelRegistry& registry) {
    registry.add("If",
                 [](const Node& node, int64_t opset) { return std::make_unique<IfKernel>(node, opset); });
    registry.add("Loop",
                 [](const Node& node, int64_t opset) { return std::make_unique<LoopKernel>(node, opset); });
    registry.add("Scan",
                 [](const Node& node, int64_t opset) { return std::make_unique<ScanKernel>(node, opset); });
}

} // namespace qs
