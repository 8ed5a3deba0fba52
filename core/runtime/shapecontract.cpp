#include "runtime/shapecontract.h"

#include "runtime/nodeattributes.h"
#include "util/error.h"

#include <algorithm>
#include <map>

namespace qs {

namespace {

using Inputs = std::vector<const RuntimeTensor*>;

const RuntimeTensor* present(const Inputs& inputs, int index) {
    return index >= 0 && index < static_cast<int>(inputs.size()) ? inputs[index] : nullptr;
}

std::string inputName(const Node& node, int index) {
    return index < static_cast<int>(node.inputs.size()) ? node.inputs[index] : std::string();
}

/// "input 1 'w' [3,4]"
std::string describe(const Node& node, const Inputs& inputs, int index) {
    std::string text = "input " + std::to_string(index);
    const std::string name = inputName(node, index);
    if (!name.empty())
        text += " '" + name + "'";
    if (const RuntimeTensor* tensor = present(inputs, index))
        text += " " + dimsToString(tensor->dims());
    return text;
}

std::string rankRange(int minRank, int maxRank) {
    if (minRank == maxRank)
        return "rank " + std::to_string(minRank);
    if (maxRank >= ShapeContract::kAnyRank)
        return "rank " + std::to_string(minRank) + " or more";
    return "rank " + std::to_string(minRank) + " to " + std::to_string(maxRank);
}

bool isInteger(DataType type) {
    return type == DataType::Int64 || type == DataType::Int32 || type == DataType::Int16 ||
           type == DataType::Int8 || type == DataType::UInt8 || type == DataType::UInt16 ||
           type == DataType::UInt32 || type == DataType::UInt64;
}

/// dim `dim` of `dims` (negative from the end), or -1 when it does not exist.
int64_t dimAt(const std::vector<int64_t>& dims, int dim) {
    const int rank = static_cast<int>(dims.size());
    const int index = dim < 0 ? rank + dim : dim;
    return index >= 0 && index < rank ? dims[index] : -1;
}

bool broadcastable(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
    for (size_t i = 1; i <= std::min(a.size(), b.size()); ++i) {
        const int64_t x = a[a.size() - i];
        const int64_t y = b[b.size() - i];
        if (x != y && x != 1 && y != 1)
            return false;
    }
    return true;
}

/// The numpy broadcast of `a` and `b` (which must be broadcastable).
std::vector<int64_t> broadcastDims(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
    std::vector<int64_t> result(std::max(a.size(), b.size()), 1);
    for (size_t i = 1; i <= result.size(); ++i) {
        const int64_t x = i <= a.size() ? a[a.size() - i] : 1;
        const int64_t y = i <= b.size() ? b[b.size() - i] : 1;
        result[result.size() - i] = x == 1 ? y : x;
    }
    return result;
}

} // namespace

ShapeContract& ShapeContract::inputs(int minInputs, int maxInputs) {
    minInputs_ = minInputs;
    maxInputs_ = maxInputs;
    return *this;
}

ShapeContract& ShapeContract::optional(int index) {
    optional_.push_back(index);
    return *this;
}

ShapeContract& ShapeContract::rank(int index, int minRank, int maxRank) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* tensor = present(inputs, index);
        if (!tensor || (tensor->rank() >= minRank && tensor->rank() <= maxRank))
            return {};
        return describe(node, inputs, index) + " must have " + rankRange(minRank, maxRank);
    });
}

ShapeContract& ShapeContract::rankFrom(int firstIndex, int minRank, int maxRank) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        for (int i = firstIndex; i < static_cast<int>(inputs.size()); ++i) {
            const RuntimeTensor* tensor = inputs[i];
            if (tensor && (tensor->rank() < minRank || tensor->rank() > maxRank))
                return describe(node, inputs, i) + " must have " + rankRange(minRank, maxRank);
        }
        return {};
    });
}

ShapeContract& ShapeContract::single(int index) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* tensor = present(inputs, index);
        if (!tensor || (tensor->elementCount() == 1 && tensor->rank() <= 1))
            return {};
        return describe(node, inputs, index) + " must be a single value";
    });
}

ShapeContract& ShapeContract::list(int index, bool allowScalar) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* tensor = present(inputs, index);
        if (!tensor || tensor->rank() == 1 || (allowScalar && tensor->rank() == 0))
            return {};
        return describe(node, inputs, index) + " must be a 1-D list";
    });
}

ShapeContract& ShapeContract::integers(int index) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* tensor = present(inputs, index);
        if (!tensor || isInteger(tensor->type()))
            return {};
        return describe(node, inputs, index) + " must hold integers, not " + dataTypeName(tensor->type());
    });
}

ShapeContract& ShapeContract::broadcast(int firstIndex) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* first = nullptr;
        int firstAt = -1;
        std::vector<int64_t> dims;
        for (int i = firstIndex; i < static_cast<int>(inputs.size()); ++i) {
            const RuntimeTensor* tensor = inputs[i];
            if (!tensor)
                continue;
            if (!first) {
                first = tensor;
                firstAt = i;
                dims = tensor->dims();
                continue;
            }
            if (!broadcastable(dims, tensor->dims()))
                return describe(node, inputs, i) + " does not broadcast with " +
                       (i == firstAt + 1 ? describe(node, inputs, firstAt)
                                         : "the others " + dimsToString(dims));
            dims = broadcastDims(dims, tensor->dims());
        }
        return {};
    });
}

ShapeContract& ShapeContract::broadcastsTo(int from, int to) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* a = present(inputs, from);
        const RuntimeTensor* b = present(inputs, to);
        if (!a || !b)
            return {};
        if (a->rank() <= b->rank() && broadcastable(a->dims(), b->dims()) &&
            broadcastDims(a->dims(), b->dims()) == b->dims())
            return {};
        return describe(node, inputs, from) + " does not broadcast to " + describe(node, inputs, to);
    });
}

ShapeContract& ShapeContract::sameRank(int firstIndex) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* first = present(inputs, firstIndex);
        if (!first)
            return {};
        for (int i = firstIndex + 1; i < static_cast<int>(inputs.size()); ++i)
            if (inputs[i] && inputs[i]->rank() != first->rank())
                return describe(node, inputs, i) + " must have the rank of " +
                       describe(node, inputs, firstIndex);
        return {};
    });
}

ShapeContract& ShapeContract::sameDims(int a, int b) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* x = present(inputs, a);
        const RuntimeTensor* y = present(inputs, b);
        if (!x || !y || x->dims() == y->dims())
            return {};
        return describe(node, inputs, b) + " must have the shape of " + describe(node, inputs, a);
    });
}

ShapeContract& ShapeContract::dimEquals(int a, int dimA, int b, int dimB) {
    return rule([=](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* x = present(inputs, a);
        const RuntimeTensor* y = present(inputs, b);
        if (!x || !y)
            return {};
        const int64_t left = dimAt(x->dims(), dimA);
        const int64_t right = dimB == kElementCount ? y->elementCount() : dimAt(y->dims(), dimB);
        if (left < 0 || right < 0 || left == right)
            return {};
        const std::string what = dimB == kElementCount ? "the element count" : "dim " + std::to_string(dimB);
        return describe(node, inputs, b) + ": " + what + " must equal dim " + std::to_string(dimA) + " of " +
               describe(node, inputs, a);
    });
}

ShapeContract& ShapeContract::rule(Rule check) {
    rules_.push_back(std::move(check));
    return *this;
}

std::string ShapeContract::violation(const Node& node, const Inputs& inputs) const {
    const int given = static_cast<int>(inputs.size());
    if (given < minInputs_ || given > maxInputs_) {
        std::string expected = minInputs_ == maxInputs_ ? std::to_string(minInputs_)
                               : maxInputs_ >= kVariadic
                                   ? std::to_string(minInputs_) + " or more"
                                   : std::to_string(minInputs_) + " to " + std::to_string(maxInputs_);
        return "has " + std::to_string(given) + " inputs, expected " + expected;
    }
    for (int i = 0; i < minInputs_; ++i)
        if (!inputs[i] && std::find(optional_.begin(), optional_.end(), i) == optional_.end())
            return "input " + std::to_string(i) + " is required but missing";
    for (const Rule& check : rules_) {
        std::string problem = check(node, inputs);
        if (!problem.empty())
            return problem;
    }
    return {};
}

namespace {

/// Normalised `axis` attribute of `node` for a tensor of `rank`, or -1 when out of range.
int64_t axisOf(const Node& node, int64_t rank, int64_t fallback) {
    int64_t axis = attrInt(node, "axis", fallback);
    if (axis < 0)
        axis += rank;
    return axis >= 0 && axis < rank ? axis : -1;
}

std::string convChannels(const Node& node, const Inputs& inputs, bool transposed) {
    const RuntimeTensor* x = present(inputs, 0);
    const RuntimeTensor* w = present(inputs, 1);
    if (!x || !w || x->rank() < 2 || w->rank() < 2)
        return {};
    const int64_t group = attrInt(node, "group", 1);
    if (group < 1)
        return "group must be 1 or more";
    const int64_t expected = transposed ? w->dims()[0] : w->dims()[1] * group;
    if (x->dims()[1] != expected)
        return describe(node, inputs, 0) + " has " + std::to_string(x->dims()[1]) +
               " channels, but the weights " + dimsToString(w->dims()) + " with group " +
               std::to_string(group) + " expect " + std::to_string(expected);
    if (const RuntimeTensor* b = present(inputs, 2)) {
        const int64_t outputs = transposed ? w->dims()[1] * group : w->dims()[0];
        if (b->elementCount() != outputs)
            return describe(node, inputs, 2) + " must hold " + std::to_string(outputs) +
                   " values, one per output channel";
    }
    return {};
}

std::string matmulDims(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* a = present(inputs, 0);
    const RuntimeTensor* b = present(inputs, 1);
    if (!a || !b || a->rank() < 1 || b->rank() < 1)
        return {};
    const int64_t k = a->dims().back();
    const int64_t kB = b->rank() == 1 ? b->dims()[0] : b->dims()[b->rank() - 2];
    if (k != kB)
        return "inner dims differ: " + describe(node, inputs, 0) + " x " + describe(node, inputs, 1);
    if (a->rank() > 2 || b->rank() > 2) {
        std::vector<int64_t> batchA(a->dims().begin(), a->dims().end() - std::min<int64_t>(a->rank(), 2));
        std::vector<int64_t> batchB(b->dims().begin(), b->dims().end() - std::min<int64_t>(b->rank(), 2));
        if (!broadcastable(batchA, batchB))
            return "batch dims do not broadcast: " + describe(node, inputs, 0) + " x " +
                   describe(node, inputs, 1);
    }
    return {};
}

std::string gemmDims(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* a = present(inputs, 0);
    const RuntimeTensor* b = present(inputs, 1);
    if (!a || !b || a->rank() != 2 || b->rank() != 2)
        return {};
    const bool transA = attrInt(node, "transA", 0) != 0;
    const bool transB = attrInt(node, "transB", 0) != 0;
    const int64_t m = a->dims()[transA ? 1 : 0];
    const int64_t k = a->dims()[transA ? 0 : 1];
    const int64_t kB = b->dims()[transB ? 1 : 0];
    const int64_t n = b->dims()[transB ? 0 : 1];
    if (k != kB)
        return "inner dims differ: " + describe(node, inputs, 0) + " x " + describe(node, inputs, 1);
    if (const RuntimeTensor* c = present(inputs, 2)) {
        const std::vector<int64_t> output{m, n};
        if (c->rank() > 2 || !broadcastable(c->dims(), output) || broadcastDims(c->dims(), output) != output)
            return describe(node, inputs, 2) + " does not broadcast to the output " + dimsToString(output);
    }
    return {};
}

/// Per-channel normalisation parameters (inputs from `first` on) hold one value per channel of input 0.
ShapeContract::Rule perChannel(int first) {
    return [first](const Node& node, const Inputs& inputs) -> std::string {
        const RuntimeTensor* x = present(inputs, 0);
        if (!x || x->rank() < 2)
            return {};
        for (int i = first; i < static_cast<int>(inputs.size()); ++i)
            if (inputs[i] && inputs[i]->elementCount() != x->dims()[1])
                return describe(node, inputs, i) + " must hold " + std::to_string(x->dims()[1]) +
                       " values, one per channel of " + describe(node, inputs, 0);
        return {};
    };
}

std::string quantizeParameters(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* x = present(inputs, 0);
    const RuntimeTensor* scale = present(inputs, 1);
    if (!x || !scale)
        return {};
    if (scale->rank() > 1)
        return describe(node, inputs, 1) + " must be a scalar or a 1-D list of per-channel scales";
    if (scale->rank() == 1 && scale->elementCount() != 1) {
        const int64_t axis = axisOf(node, x->rank(), 1);
        if (axis < 0)
            return "axis " + std::to_string(attrInt(node, "axis", 1)) + " is out of range for " +
                   describe(node, inputs, 0);
        if (x->dims()[axis] != scale->elementCount())
            return describe(node, inputs, 1) + " must hold one scale per index of axis " +
                   std::to_string(axis) + " of " + describe(node, inputs, 0);
    }
    if (const RuntimeTensor* zeroPoint = present(inputs, 2))
        if (zeroPoint->elementCount() != scale->elementCount() || zeroPoint->rank() > 1)
            return describe(node, inputs, 2) + " must have the shape of " + describe(node, inputs, 1);
    return {};
}

std::string concatDims(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* first = present(inputs, 0);
    if (!first)
        return {};
    const int64_t axis = axisOf(node, first->rank(), 0);
    if (axis < 0)
        return "axis " + std::to_string(attrInt(node, "axis", 0)) + " is out of range for " +
               describe(node, inputs, 0);
    for (int i = 1; i < static_cast<int>(inputs.size()); ++i) {
        if (!inputs[i])
            continue;
        for (int64_t d = 0; d < first->rank(); ++d)
            if (d != axis && inputs[i]->dims()[d] != first->dims()[d])
                return describe(node, inputs, i) + " differs from " + describe(node, inputs, 0) +
                       " outside the concatenation axis " + std::to_string(axis);
    }
    return {};
}

/// Slice's starts, ends, axes and steps have the same length.
std::string sliceLists(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* starts = present(inputs, 1);
    if (!starts)
        return {};
    for (int i = 2; i < 5; ++i)
        if (const RuntimeTensor* other = present(inputs, i))
            if (other->elementCount() != starts->elementCount())
                return describe(node, inputs, i) + " must have as many values as " +
                       describe(node, inputs, 1);
    return {};
}

std::string gatherNdDims(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* data = present(inputs, 0);
    const RuntimeTensor* indices = present(inputs, 1);
    if (!data || !indices || indices->rank() < 1)
        return {};
    const int64_t batchDims = attrInt(node, "batch_dims", 0);
    if (batchDims < 0 || batchDims >= std::min(data->rank(), indices->rank()))
        return "batch_dims " + std::to_string(batchDims) + " does not fit " + describe(node, inputs, 0) +
               " and " + describe(node, inputs, 1);
    if (indices->dims().back() > data->rank() - batchDims)
        return describe(node, inputs, 1) + ": its last dim indexes more dims than " +
               describe(node, inputs, 0) + " has";
    return {};
}

std::string scatterNdDims(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* data = present(inputs, 0);
    const RuntimeTensor* indices = present(inputs, 1);
    const RuntimeTensor* updates = present(inputs, 2);
    if (!data || !indices || !updates || indices->rank() < 1)
        return {};
    const int64_t k = indices->dims().back();
    if (k > data->rank())
        return describe(node, inputs, 1) + ": its last dim indexes more dims than " +
               describe(node, inputs, 0) + " has";
    std::vector<int64_t> expected(indices->dims().begin(), indices->dims().end() - 1);
    expected.insert(expected.end(), data->dims().begin() + k, data->dims().end());
    if (updates->dims() != expected)
        return describe(node, inputs, 2) + " must have shape " + dimsToString(expected);
    return {};
}

std::string tileRepeats(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* x = present(inputs, 0);
    const RuntimeTensor* repeats = present(inputs, 1);
    if (x && repeats && repeats->elementCount() != x->rank())
        return describe(node, inputs, 1) + " must hold one repeat per dim of " + describe(node, inputs, 0);
    return {};
}

std::string nmsDims(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* boxes = present(inputs, 0);
    const RuntimeTensor* scores = present(inputs, 1);
    if (!boxes || !scores || boxes->rank() != 3 || scores->rank() != 3)
        return {};
    if (boxes->dims()[2] != 4)
        return describe(node, inputs, 0) + " must be [batch, boxes, 4]";
    if (boxes->dims()[0] != scores->dims()[0] || boxes->dims()[1] != scores->dims()[2])
        return describe(node, inputs, 1) + " must be [batch, classes, boxes] for " +
               describe(node, inputs, 0);
    return {};
}

std::string padInputs(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* value = present(inputs, 2);
    if (value && value->elementCount() > 1)
        return describe(node, inputs, 2) + " must be a single value";
    return {};
}

std::string oneHotValues(const Node& node, const Inputs& inputs) {
    const RuntimeTensor* values = present(inputs, 2);
    if (values && (values->rank() != 1 || values->elementCount() != 2))
        return describe(node, inputs, 2) + " must be [off, on]";
    return {};
}

ShapeContract convContract(bool transposed) {
    return ShapeContract()
        .inputs(2, 3)
        .rank(0, 3, 5)
        .list(2)
        .rule([](const Node& node, const Inputs& inputs) -> std::string {
            const RuntimeTensor* x = present(inputs, 0);
            const RuntimeTensor* w = present(inputs, 1);
            if (x && w && w->rank() != x->rank())
                return describe(node, inputs, 1) + " must have the rank of " + describe(node, inputs, 0);
            return {};
        })
        .rule([transposed](const Node& node, const Inputs& inputs) {
            return convChannels(node, inputs, transposed);
        });
}

using ContractTable = std::map<std::string, ShapeContract>;

void unary(ContractTable& table, std::initializer_list<const char*> ops) {
    for (const char* op : ops)
        table[op].inputs(1, 1);
}

ContractTable makeContracts() {
    ContractTable t;
    unary(t, {"Relu",        "Sigmoid",   "Tanh",     "Exp",
              "Log",         "Sqrt",      "Abs",      "Neg",
              "Erf",         "Floor",     "Ceil",     "Round",
              "Reciprocal",  "Sin",       "Cos",      "Tan",
              "Asin",        "Acos",      "Atan",     "Sinh",
              "Cosh",        "Softplus",  "Softsign", "Sign",
              "LeakyRelu",   "Elu",       "Selu",     "Celu",
              "HardSigmoid", "HardSwish", "Mish",     "ThresholdedRelu",
              "Not",         "IsNaN",     "Identity", "Shape",
              "Size",        "Cast",      "Flatten",  "Transpose",
              "NonZero"});
    t["Clip"].inputs(1, 3).single(1).single(2);
    for (const char* op : {"Add", "Sub", "Mul", "Div", "Pow", "Mod", "Equal", "Less", "Greater",
                           "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor"})
        t[op].inputs(2, 2).broadcast();
    t["BitShift"].inputs(2, 2).integers(0).integers(1).broadcast();
    t["PRelu"].inputs(2, 2).broadcastsTo(1, 0);
    for (const char* op : {"Sum", "Mean", "Max", "Min"})
        t[op].inputs(1, ShapeContract::kVariadic).broadcast();
    t["Where"].inputs(3, 3).broadcast();

    t["Conv"] = convContract(false);
    t["ConvTranspose"] = convContract(true);
    t["MatMul"].inputs(2, 2).rank(0, 1).rank(1, 1).rule(matmulDims);
    t["Gemm"].inputs(2, 3).rank(0, 2, 2).rank(1, 2, 2).rule(gemmDims);
    t["MaxPool"].inputs(1, 1).rank(0, 3, 5);
    t["AveragePool"].inputs(1, 1).rank(0, 3, 5);
    t["GlobalAveragePool"].inputs(1, 1).rank(0, 3);
    t["GlobalMaxPool"].inputs(1, 1).rank(0, 3);
    t["LRN"].inputs(1, 1).rank(0, 3);

    t["Softmax"].inputs(1, 1).rank(0, 1);
    t["LogSoftmax"].inputs(1, 1).rank(0, 1);
    t["BatchNormalization"].inputs(5, 5).rank(0, 2).rankFrom(1, 1, 1).rule(perChannel(1));
    t["InstanceNormalization"].inputs(3, 3).rank(0, 3).rankFrom(1, 1, 1).rule(perChannel(1));
    t["LayerNormalization"].inputs(2, 3).rank(0, 1).rule(
        [](const Node& node, const Inputs& inputs) -> std::string {
            const RuntimeTensor* x = present(inputs, 0);
            for (int i = 1; i < static_cast<int>(inputs.size()); ++i)
                if (x && inputs[i] && inputs[i]->rank() > x->rank())
                    return describe(node, inputs, i) + " has more dims than " + describe(node, inputs, 0);
            return {};
        });

    for (const char* op : {"ReduceSum", "ReduceMean", "ReduceL1", "ReduceL2", "ReduceMax", "ReduceMin",
                           "ReduceProd", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"})
        t[op].inputs(1, 2).list(1, true).integers(1);
    t["ArgMax"].inputs(1, 1).rank(0, 1);
    t["ArgMin"].inputs(1, 1).rank(0, 1);

    t["QuantizeLinear"].inputs(2, 3).rule(quantizeParameters);
    t["DequantizeLinear"].inputs(2, 3).rule(quantizeParameters);

    t["Resize"].inputs(1, 4).rankFrom(1, 0, 1);
    t["Upsample"].inputs(1, 2).rankFrom(1, 0, 1);
    t["TopK"].inputs(1, 2).rank(0, 1).single(1).integers(1);

    t["GatherND"].inputs(2, 2).rank(0, 1).rank(1, 1).integers(1).rule(gatherNdDims);
    t["ScatterND"].inputs(3, 3).rank(0, 1).rank(1, 1).integers(1).rule(scatterNdDims);
    for (const char* op : {"ScatterElements", "Scatter"})
        t[op].inputs(3, 3).rank(0, 1).sameRank(0).integers(1).sameDims(1, 2);
    t["OneHot"].inputs(3, 3).single(1).rule(oneHotValues);
    t["CumSum"].inputs(2, 2).rank(0, 1).single(1).integers(1);
    t["Trilu"].inputs(1, 2).rank(0, 2).single(1).integers(1);
    t["Compress"].inputs(2, 2).rank(0, 1).list(1);

    t["Einsum"].inputs(1, ShapeContract::kVariadic);
    t["NonMaxSuppression"]
        .inputs(2, 5)
        .rank(0, 3, 3)
        .rank(1, 3, 3)
        .single(2)
        .integers(2)
        .single(3)
        .single(4)
        .rule(nmsDims);

    t["Dropout"].inputs(1, 3).single(1).single(2);
    t["Reshape"].inputs(2, 2).list(1).integers(1);
    t["Squeeze"].inputs(1, 2).list(1, true).integers(1);
    t["Unsqueeze"].inputs(1, 2).list(1, true).integers(1);
    t["Concat"].inputs(1, ShapeContract::kVariadic).rank(0, 1).sameRank(0).rule(concatDims);
    t["Split"].inputs(1, 2).list(1).integers(1);
    t["Slice"].inputs(1, 5).rankFrom(1, 1, 1).integers(1).integers(2).integers(3).integers(4).rule(
        sliceLists);
    t["Gather"].inputs(2, 2).rank(0, 1).integers(1);
    t["GatherElements"].inputs(2, 2).rank(0, 1).sameRank(0).integers(1);
    t["ConstantOfShape"].inputs(1, 1).list(0).integers(0);
    t["Expand"].inputs(2, 2).list(1).integers(1);
    t["Tile"].inputs(2, 2).list(1).integers(1).rule(tileRepeats);
    t["Range"].inputs(3, 3).single(0).single(1).single(2);
    t["Pad"].inputs(1, 4).list(1).integers(1).list(3).integers(3).rule(padInputs);
    t["DepthToSpace"].inputs(1, 1).rank(0, 4, 4);
    t["SpaceToDepth"].inputs(1, 1).rank(0, 4, 4);

    t["If"].inputs(1, 1).single(0);
    t["Loop"].inputs(2, ShapeContract::kVariadic).optional(0).optional(1).single(0).integers(0).single(1);
    t["Scan"].inputs(1, ShapeContract::kVariadic);
    return t;
}

} // namespace

const ShapeContract* shapeContract(const std::string& domain, const std::string& opType) {
    static const ContractTable contracts = makeContracts();
    const bool defaultDomain = domain.empty() || domain == "ai.onnx";
    const bool contribQuantize =
        domain == "com.microsoft" && (opType == "QuantizeLinear" || opType == "DequantizeLinear");
    if (!defaultDomain && !contribQuantize)
        return nullptr;
    auto found = contracts.find(opType);
    return found == contracts.end() ? nullptr : &found->second;
}

void checkShapeContract(const ShapeContract* contract, const Node& node, const Inputs& inputs) {
    if (!contract)
        return;
    std::string problem = contract->violation(node, inputs);
    if (!problem.empty())
        throw Error(nodeLabel(node) + ": " + problem);
}

} // namespace qs
