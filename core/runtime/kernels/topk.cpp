// TopK (opsets 1-11+): the k largest or smallest values along an axis with their int64 indices, always sorted,
// equal values ordered by lower index first. K comes from the attribute (opset 1) or the input (opset 10+).

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <numeric>

namespace qs {

namespace {

template <typename T>
void topKTyped(const RuntimeTensor& x, int64_t axis, int64_t k, bool largest, RuntimeTensor& values,
               RuntimeTensor& indices) {
    const std::vector<int64_t>& dims = x.dims();
    int64_t outer = 1;
    int64_t inner = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= dims[d];
    for (size_t d = static_cast<size_t>(axis) + 1; d < dims.size(); ++d)
        inner *= dims[d];
    int64_t size = dims[axis];
    const T* source = x.data<T>();
    T* valueData = values.data<T>();
    int64_t* indexData = indices.data<int64_t>();
    std::vector<int64_t> order(static_cast<size_t>(size));
    for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
            const T* line = source + o * size * inner + i;
            std::iota(order.begin(), order.end(), int64_t{0});
            auto before = [&](int64_t a, int64_t b) {
                T va = line[a * inner];
                T vb = line[b * inner];
                if (va != vb)
                    return largest ? va > vb : va < vb;
                return a < b;
            };
            std::partial_sort(order.begin(), order.begin() + k, order.end(), before);
            for (int64_t j = 0; j < k; ++j) {
                int64_t target = (o * k + j) * inner + i;
                valueData[target] = line[order[j] * inner];
                indexData[target] = order[j];
            }
        }
    }
}

void runTopK(const Node& node, int64_t opset, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) {
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    if (x.rank() == 0)
        failNode(node, "input " + x.describe() + " must have at least one axis");
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", -1), x.rank());
    int64_t k = 0;
    if (opset < 10) {
        k = attrInt(node, "k", -1);
    } else {
        std::vector<int64_t> kValues = requireInput(node, inputs, 1).toInt64s();
        if (kValues.size() != 1)
            failNode(node, "K must hold one value");
        k = kValues[0];
    }
    if (k < 0 || k > x.dims()[axis])
        failNode(node, "k " + std::to_string(k) + " is out of range for axis " + std::to_string(axis) + " of " +
                           x.describe());
    bool largest = opset < 11 || attrInt(node, "largest", 1) != 0;
    std::vector<int64_t> outputDims = x.dims();
    outputDims[axis] = k;
    RuntimeTensor values = context.allocate(x.type(), outputDims);
    RuntimeTensor indices = context.allocate(DataType::Int64, outputDims);
    switch (x.type()) {
    case DataType::Float: topKTyped<float>(x, axis, k, largest, values, indices); break;
    case DataType::Double: topKTyped<double>(x, axis, k, largest, values, indices); break;
    case DataType::Int64: topKTyped<int64_t>(x, axis, k, largest, values, indices); break;
    case DataType::Int32: topKTyped<int32_t>(x, axis, k, largest, values, indices); break;
    case DataType::Int8: topKTyped<int8_t>(x, axis, k, largest, values, indices); break;
    case DataType::UInt8: topKTyped<uint8_t>(x, axis, k, largest, values, indices); break;
    default: failNode(node, "unsupported element type of " + x.describe());
    }
    outputs[0] = std::move(values);
    if (outputs.size() > 1)
        outputs[1] = std::move(indices);
}

} // namespace

void registerTopKKernels(KernelRegistry& registry) { addFunctionKernel(registry, "TopK", runTopK); }

} // namespace qs
