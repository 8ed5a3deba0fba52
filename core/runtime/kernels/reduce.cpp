// ReduceSum/Mean/Max/Min/Prod/L1/L2/LogSum/LogSumExp/SumSquare (axes as attribute or input by opset, keepdims,
// noop_with_empty_axes) and ArgMax/ArgMin (keepdims, select_last_index), in plain loops over float32 and int64.

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <cmath>
#include <limits>

namespace qs {

namespace {

enum class ReduceOp { Sum, Mean, Max, Min, Prod, L1, L2, LogSum, LogSumExp, SumSquare };

/// The reduction as outer x reduced x inner index ranges over a tensor whose reduced axes are given.
struct ReduceLayout {
    std::vector<int64_t> outputDims;      ///< keepdims form
    std::vector<int64_t> keptDims;        ///< final output dims
    std::vector<bool> reduced;
};

ReduceLayout layoutFor(const Node& node, const RuntimeTensor& x, std::vector<int64_t> axes, bool keepDims,
                       bool noopWhenEmpty) {
    ReduceLayout layout;
    layout.reduced.assign(x.dims().size(), false);
    if (axes.empty() && !noopWhenEmpty)
        layout.reduced.assign(x.dims().size(), true);
    for (int64_t axis : axes)
        layout.reduced[normalizeAxis(node, axis, x.rank())] = true;
    for (size_t d = 0; d < x.dims().size(); ++d) {
        layout.outputDims.push_back(layout.reduced[d] ? 1 : x.dims()[d]);
        if (!layout.reduced[d] || keepDims)
            layout.keptDims.push_back(layout.reduced[d] ? 1 : x.dims()[d]);
    }
    return layout;
}

template <typename T> void reduceTyped(ReduceOp op, const RuntimeTensor& x, const ReduceLayout& layout,
                                       RuntimeTensor& y) {
    int64_t outputCount = y.elementCount();
    std::vector<double> accumulator(static_cast<size_t>(outputCount), 0.0);
    double initial = 0.0;
    if (op == ReduceOp::Max)
        initial = -std::numeric_limits<double>::infinity();
    else if (op == ReduceOp::Min)
        initial = std::numeric_limits<double>::infinity();
    else if (op == ReduceOp::Prod)
        initial = 1.0;
    std::fill(accumulator.begin(), accumulator.end(), initial);
    std::vector<int64_t> outStrides(layout.outputDims.size(), 1);
    for (size_t d = outStrides.size(); d-- > 1;)
        outStrides[d - 1] = outStrides[d] * layout.outputDims[d];
    std::vector<int64_t> counter(x.dims().size(), 0);
    const T* in = x.data<T>();
    int64_t outIndex = 0;
    for (int64_t i = 0; i < x.elementCount(); ++i) {
        double v = static_cast<double>(in[i]);
        double& acc = accumulator[outIndex];
        switch (op) {
        case ReduceOp::Sum: case ReduceOp::Mean: case ReduceOp::LogSum: acc += v; break;
        case ReduceOp::Max: acc = std::max(acc, v); break;
        case ReduceOp::Min: acc = std::min(acc, v); break;
        case ReduceOp::Prod: acc *= v; break;
        case ReduceOp::L1: acc += std::fabs(v); break;
        case ReduceOp::L2: case ReduceOp::SumSquare: acc += v * v; break;
        case ReduceOp::LogSumExp: acc += std::exp(v); break;
        }
        for (size_t d = counter.size(); d-- > 0;) {
            ++counter[d];
            if (!layout.reduced[d])
                outIndex += outStrides[d];
            if (counter[d] < x.dims()[d])
                break;
            if (!layout.reduced[d])
                outIndex -= outStrides[d] * counter[d];
            counter[d] = 0;
        }
    }
    int64_t reducedCount = outputCount ? x.elementCount() / outputCount : 0;
    T* out = y.data<T>();
    for (int64_t o = 0; o < outputCount; ++o) {
        double v = accumulator[o];
        if (op == ReduceOp::Mean)
            v = reducedCount ? v / static_cast<double>(reducedCount) : std::nan("");
        else if (op == ReduceOp::L2)
            v = std::sqrt(v);
        else if (op == ReduceOp::LogSum || op == ReduceOp::LogSumExp)
            v = std::log(v);
        out[o] = static_cast<T>(v);
    }
}

class ReduceKernel : public Kernel {
public:
    ReduceKernel(ReduceOp op, int64_t axesInputSince, int64_t opset) : op_(op), axesInput_(opset >= axesInputSince) {}

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        const RuntimeTensor& x = requireInput(node, inputs, 0);
        std::vector<int64_t> axes = attrInts(node, "axes");
        if (axesInput_)
            axes = optionalInput(inputs, 1) ? inputs[1]->toInt64s() : std::vector<int64_t>{};
        bool keepDims = attrInt(node, "keepdims", 1) != 0;
        bool noop = attrInt(node, "noop_with_empty_axes", 0) != 0;
        ReduceLayout layout = layoutFor(node, x, axes, keepDims, noop);
        if (axes.empty() && noop) {
            outputs[0] = x;
            return;
        }
        outputs[0] = context.allocate(x.type(), layout.keptDims);
        RuntimeTensor view = outputs[0].reshaped(layout.outputDims);
        if (x.elementCount() == 0 && (op_ == ReduceOp::Max || op_ == ReduceOp::Min))
            failNode(node, "cannot reduce an empty tensor with max/min");
        if (x.type() == DataType::Float)
            reduceTyped<float>(op_, x, layout, view);
        else if (x.type() == DataType::Int64)
            reduceTyped<int64_t>(op_, x, layout, view);
        else if (x.type() == DataType::Int32)
            reduceTyped<int32_t>(op_, x, layout, view);
        else if (x.type() == DataType::Double)
            reduceTyped<double>(op_, x, layout, view);
        else
            failNode(node, "unsupported element type " + x.describe());
    }

private:
    ReduceOp op_;
    bool axesInput_;
};

template <typename T> void argTyped(const Node& node, const RuntimeTensor& x, int64_t axis, bool isMax, bool last,
                                    RuntimeTensor& y) {
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= x.dims()[d];
    int64_t length = x.dims()[axis];
    int64_t inner = 1;
    for (int64_t d = axis + 1; d < x.rank(); ++d)
        inner *= x.dims()[d];
    if (length == 0)
        failNode(node, "cannot take the arg of an empty axis");
    const T* in = x.data<T>();
    int64_t* out = y.data<int64_t>();
    for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
            const T* row = in + o * length * inner + i;
            int64_t best = 0;
            for (int64_t k = 1; k < length; ++k) {
                T v = row[k * inner];
                T b = row[best * inner];
                bool better = isMax ? (last ? v >= b : v > b) : (last ? v <= b : v < b);
                if (better)
                    best = k;
            }
            out[o * inner + i] = best;
        }
    }
}

void argReduce(const Node& node, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context, bool isMax) {
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", 0), x.rank());
    bool keepDims = attrInt(node, "keepdims", 1) != 0;
    bool last = attrInt(node, "select_last_index", 0) != 0;
    std::vector<int64_t> dims;
    for (int64_t d = 0; d < x.rank(); ++d)
        if (d != axis || keepDims)
            dims.push_back(d == axis ? 1 : x.dims()[d]);
    outputs[0] = context.allocate(DataType::Int64, dims);
    if (x.type() == DataType::Float)
        argTyped<float>(node, x, axis, isMax, last, outputs[0]);
    else if (x.type() == DataType::Int64)
        argTyped<int64_t>(node, x, axis, isMax, last, outputs[0]);
    else if (x.type() == DataType::Int32)
        argTyped<int32_t>(node, x, axis, isMax, last, outputs[0]);
    else
        failNode(node, "unsupported element type " + x.describe());
}

void runArgMax(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context) {
    argReduce(node, inputs, outputs, context, true);
}

void runArgMin(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context) {
    argReduce(node, inputs, outputs, context, false);
}

void addReduce(KernelRegistry& registry, const std::string& opType, ReduceOp op, int64_t axesInputSince) {
    registry.add(opType, [op, axesInputSince](const Node&, int64_t opset) {
        return std::make_unique<ReduceKernel>(op, axesInputSince, opset);
    });
}

} // namespace

void registerReduceKernels(KernelRegistry& registry) {
    addReduce(registry, "ReduceSum", ReduceOp::Sum, 13);
    addReduce(registry, "ReduceMean", ReduceOp::Mean, 18);
    addReduce(registry, "ReduceMax", ReduceOp::Max, 18);
    addReduce(registry, "ReduceMin", ReduceOp::Min, 18);
    addReduce(registry, "ReduceProd", ReduceOp::Prod, 18);
    addReduce(registry, "ReduceL1", ReduceOp::L1, 18);
    addReduce(registry, "ReduceL2", ReduceOp::L2, 18);
    addReduce(registry, "ReduceLogSum", ReduceOp::LogSum, 18);
    addReduce(registry, "ReduceLogSumExp", ReduceOp::LogSumExp, 18);
    addReduce(registry, "ReduceSumSquare", ReduceOp::SumSquare, 18);
    addFunctionKernel(registry, "ArgMax", runArgMax);
    addFunctionKernel(registry, "ArgMin", runArgMin);
}

} // namespace qs
