// Index-driven operators in plain loops: GatherND, ScatterElements (and the older Scatter), NonZero, OneHot,
// CumSum, Trilu and Compress.

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <cstring>

namespace qs {

namespace {

size_t elementBytes(const Node& node, const RuntimeTensor& tensor) {
    size_t bytes = runtimeElementSize(tensor.type());
    if (bytes == 0)
        failNode(node, "unsupported element type of " + tensor.describe());
    return bytes;
}

int64_t productOf(const std::vector<int64_t>& dims, size_t begin, size_t end) {
    int64_t product = 1;
    for (size_t d = begin; d < end; ++d)
        product *= dims[d];
    return product;
}

/// Wraps a negative index into [0, size); qs::Error naming the node when out of range.
int64_t wrapIndex(const Node& node, int64_t index, int64_t size) {
    if (index < -size || index >= size)
        failNode(node, "index " + std::to_string(index) + " is out of range for a dimension of " +
                           std::to_string(size));
    return index < 0 ? index + size : index;
}

void runGatherND(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                 KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    const RuntimeTensor& indicesTensor = requireInput(node, inputs, 1);
    auto batchDims = static_cast<size_t>(attrInt(node, "batch_dims", 0));
    const std::vector<int64_t>& dataDims = data.dims();
    const std::vector<int64_t>& indexDims = indicesTensor.dims();
    if (indexDims.empty() || batchDims >= indexDims.size() || batchDims >= dataDims.size())
        failNode(node, "indices " + indicesTensor.describe() + " do not fit data " + data.describe() +
                           " with batch_dims " + std::to_string(batchDims));
    auto depth = static_cast<size_t>(indexDims.back());
    if (depth < 1 || batchDims + depth > dataDims.size())
        failNode(node, "index tuples of length " + std::to_string(depth) + " do not fit data " + data.describe());
    for (size_t d = 0; d < batchDims; ++d)
        if (indexDims[d] != dataDims[d])
            failNode(node, "batch dims of indices " + indicesTensor.describe() + " and data " + data.describe() +
                               " differ");
    std::vector<int64_t> outputDims(indexDims.begin(), indexDims.end() - 1);
    outputDims.insert(outputDims.end(), dataDims.begin() + static_cast<long>(batchDims + depth), dataDims.end());
    RuntimeTensor output = context.allocate(data.type(), outputDims);

    size_t bytes = elementBytes(node, data);
    int64_t batchCount = productOf(dataDims, 0, batchDims);
    int64_t batchStride = productOf(dataDims, batchDims, dataDims.size());
    int64_t sliceSize = productOf(dataDims, batchDims + depth, dataDims.size());
    int64_t tuplesPerBatch = productOf(indexDims, batchDims, indexDims.size() - 1);
    std::vector<int64_t> strides(depth, 0);
    for (size_t j = 0; j < depth; ++j)
        strides[j] = productOf(dataDims, batchDims + j + 1, dataDims.size());
    std::vector<int64_t> indices = indicesTensor.toInt64s();
    const auto* source = static_cast<const uint8_t*>(data.raw());
    auto* target = static_cast<uint8_t*>(output.raw());
    for (int64_t b = 0; b < batchCount; ++b) {
        for (int64_t t = 0; t < tuplesPerBatch; ++t) {
            const int64_t* tuple = indices.data() + (b * tuplesPerBatch + t) * static_cast<int64_t>(depth);
            int64_t offset = b * batchStride;
            for (size_t j = 0; j < depth; ++j)
                offset += wrapIndex(node, tuple[j], dataDims[batchDims + j]) * strides[j];
            std::memcpy(target + (b * tuplesPerBatch + t) * sliceSize * bytes, source + offset * bytes,
                        static_cast<size_t>(sliceSize) * bytes);
        }
    }
    outputs[0] = std::move(output);
}

enum class Reduction { None, Add, Mul, Max, Min };

Reduction readReduction(const Node& node) {
    std::string name = attrString(node, "reduction", "none");
    if (name == "none")
        return Reduction::None;
    if (name == "add")
        return Reduction::Add;
    if (name == "mul")
        return Reduction::Mul;
    if (name == "max")
        return Reduction::Max;
    if (name == "min")
        return Reduction::Min;
    unsupportedNode(node, "reduction '" + name + "'");
}

void validateScatterElements(const Node& node, int64_t) { readReduction(node); }

template <typename T> void combine(T& target, T value, Reduction reduction) {
    switch (reduction) {
    case Reduction::None: target = value; break;
    case Reduction::Add: target = static_cast<T>(target + value); break;
    case Reduction::Mul: target = static_cast<T>(target * value); break;
    case Reduction::Max: target = std::max(target, value); break;
    case Reduction::Min: target = std::min(target, value); break;
    }
}

/// Calls `visit(updateIndex, targetIndex)` for every element of updates.
template <typename Visit>
void forEachScatter(const Node& node, const RuntimeTensor& data, const RuntimeTensor& indicesTensor, int64_t axis,
                    Visit&& visit) {
    const std::vector<int64_t>& dataDims = data.dims();
    const std::vector<int64_t>& indexDims = indicesTensor.dims();
    std::vector<int64_t> indices = indicesTensor.toInt64s();
    std::vector<int64_t> dataStrides(dataDims.size(), 1);
    for (size_t d = dataDims.size(); d-- > 1;)
        dataStrides[d - 1] = dataStrides[d] * dataDims[d];
    std::vector<int64_t> counter(indexDims.size(), 0);
    for (int64_t i = 0; i < static_cast<int64_t>(indices.size()); ++i) {
        int64_t target = 0;
        for (size_t d = 0; d < indexDims.size(); ++d) {
            int64_t coordinate = static_cast<int64_t>(d) == axis
                                     ? wrapIndex(node, indices[i], dataDims[d])
                                     : counter[d];
            target += coordinate * dataStrides[d];
        }
        visit(i, target);
        for (size_t d = indexDims.size(); d-- > 0;) {
            if (++counter[d] < indexDims[d])
                break;
            counter[d] = 0;
        }
    }
}

template <typename T>
void scatterTyped(const Node& node, const RuntimeTensor& data, const RuntimeTensor& indices,
                  const RuntimeTensor& updates, int64_t axis, Reduction reduction, RuntimeTensor& output) {
    T* target = output.data<T>();
    const T* values = updates.data<T>();
    forEachScatter(node, data, indices, axis,
                   [&](int64_t from, int64_t to) { combine(target[to], values[from], reduction); });
}

void runScatterElements(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                        KernelContext&) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    const RuntimeTensor& indices = requireInput(node, inputs, 1);
    const RuntimeTensor& updates = requireInput(node, inputs, 2);
    if (indices.dims() != updates.dims() || indices.rank() != data.rank() || updates.type() != data.type())
        failNode(node, "indices " + indices.describe() + " and updates " + updates.describe() +
                           " must match each other and the rank of data " + data.describe());
    for (int64_t d = 0; d < data.rank(); ++d)
        if (indices.dims()[d] > data.dims()[d] && data.rank() > 0)
            failNode(node, "indices " + indices.describe() + " exceed data " + data.describe());
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", 0), std::max<int64_t>(data.rank(), 1));
    Reduction reduction = readReduction(node);
    RuntimeTensor output = data.clone();
    if (reduction == Reduction::None) {
        size_t bytes = elementBytes(node, data);
        auto* target = static_cast<uint8_t*>(output.raw());
        const auto* values = static_cast<const uint8_t*>(updates.raw());
        forEachScatter(node, data, indices, axis, [&](int64_t from, int64_t to) {
            std::memcpy(target + to * bytes, values + from * bytes, bytes);
        });
    } else {
        switch (data.type()) {
        case DataType::Float: scatterTyped<float>(node, data, indices, updates, axis, reduction, output); break;
        case DataType::Double: scatterTyped<double>(node, data, indices, updates, axis, reduction, output); break;
        case DataType::Int32: scatterTyped<int32_t>(node, data, indices, updates, axis, reduction, output); break;
        case DataType::Int64: scatterTyped<int64_t>(node, data, indices, updates, axis, reduction, output); break;
        default: failNode(node, "reduction on element type of " + data.describe() + " is not supported");
        }
    }
    outputs[0] = std::move(output);
}

void runNonZero(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                KernelContext& context) {
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    std::vector<double> values = x.toDoubles();
    std::vector<int64_t> dims = x.rank() == 0 ? std::vector<int64_t>{1} : x.dims();
    std::vector<int64_t> positions;
    for (size_t i = 0; i < values.size(); ++i)
        if (values[i] != 0.0)
            positions.push_back(static_cast<int64_t>(i));
    auto count = static_cast<int64_t>(positions.size());
    auto rank = static_cast<int64_t>(dims.size());
    RuntimeTensor output = context.allocate(DataType::Int64, {rank, count});
    int64_t* target = output.data<int64_t>();
    for (int64_t p = 0; p < count; ++p) {
        int64_t remaining = positions[p];
        for (int64_t d = rank; d-- > 0;) {
            target[d * count + p] = remaining % dims[d];
            remaining /= dims[d];
        }
    }
    outputs[0] = std::move(output);
}

void runOneHot(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context) {
    const RuntimeTensor& indicesTensor = requireInput(node, inputs, 0);
    std::vector<double> depthValues = requireInput(node, inputs, 1).toDoubles();
    const RuntimeTensor& values = requireInput(node, inputs, 2);
    if (depthValues.size() != 1 || depthValues[0] < 1)
        failNode(node, "depth must be one positive value");
    if (values.elementCount() != 2)
        failNode(node, "values " + values.describe() + " must hold the off and on values");
    auto depth = static_cast<int64_t>(depthValues[0]);
    int64_t axis = attrInt(node, "axis", -1);
    int64_t rank = indicesTensor.rank() + 1;
    axis = normalizeAxis(node, axis, rank);
    std::vector<int64_t> outputDims = indicesTensor.dims();
    outputDims.insert(outputDims.begin() + axis, depth);
    RuntimeTensor output = context.allocate(values.type(), outputDims);
    size_t bytes = elementBytes(node, values);
    const auto* off = static_cast<const uint8_t*>(values.raw());
    const uint8_t* on = off + bytes;
    auto* target = static_cast<uint8_t*>(output.raw());
    int64_t outer = productOf(indicesTensor.dims(), 0, static_cast<size_t>(axis));
    int64_t inner = productOf(indicesTensor.dims(), static_cast<size_t>(axis), indicesTensor.dims().size());
    std::vector<double> indices = indicesTensor.toDoubles();
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t k = 0; k < depth; ++k)
            for (int64_t i = 0; i < inner; ++i) {
                auto index = static_cast<int64_t>(indices[o * inner + i]);
                if (index < 0)
                    index += depth;
                std::memcpy(target + ((o * depth + k) * inner + i) * bytes, index == k ? on : off, bytes);
            }
    outputs[0] = std::move(output);
}

template <typename T>
void cumSumTyped(const RuntimeTensor& x, int64_t axis, bool exclusive, bool reverse, RuntimeTensor& output) {
    int64_t outer = productOf(x.dims(), 0, static_cast<size_t>(axis));
    int64_t size = x.dims()[axis];
    int64_t inner = productOf(x.dims(), static_cast<size_t>(axis) + 1, x.dims().size());
    const T* source = x.data<T>();
    T* target = output.data<T>();
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t i = 0; i < inner; ++i) {
            T sum = T(0);
            for (int64_t step = 0; step < size; ++step) {
                int64_t j = reverse ? size - 1 - step : step;
                int64_t offset = (o * size + j) * inner + i;
                if (exclusive) {
                    target[offset] = sum;
                    sum = static_cast<T>(sum + source[offset]);
                } else {
                    sum = static_cast<T>(sum + source[offset]);
                    target[offset] = sum;
                }
            }
        }
}

void runCumSum(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context) {
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    std::vector<int64_t> axisValues = requireInput(node, inputs, 1).toInt64s();
    if (axisValues.size() != 1)
        failNode(node, "axis must hold one value");
    if (x.rank() == 0)
        failNode(node, "input " + x.describe() + " must have at least one axis");
    int64_t axis = normalizeAxis(node, axisValues[0], x.rank());
    bool exclusive = attrInt(node, "exclusive", 0) != 0;
    bool reverse = attrInt(node, "reverse", 0) != 0;
    RuntimeTensor output = context.allocate(x.type(), x.dims());
    switch (x.type()) {
    case DataType::Float: cumSumTyped<float>(x, axis, exclusive, reverse, output); break;
    case DataType::Double: cumSumTyped<double>(x, axis, exclusive, reverse, output); break;
    case DataType::Int32: cumSumTyped<int32_t>(x, axis, exclusive, reverse, output); break;
    case DataType::Int64: cumSumTyped<int64_t>(x, axis, exclusive, reverse, output); break;
    case DataType::UInt32: cumSumTyped<uint32_t>(x, axis, exclusive, reverse, output); break;
    case DataType::UInt64: cumSumTyped<uint64_t>(x, axis, exclusive, reverse, output); break;
    default: failNode(node, "unsupported element type of " + x.describe());
    }
    outputs[0] = std::move(output);
}

void runTrilu(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
              KernelContext& context) {
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    if (x.rank() < 2)
        failNode(node, "input " + x.describe() + " must have at least two axes");
    int64_t k = 0;
    if (const RuntimeTensor* kInput = optionalInput(inputs, 1)) {
        std::vector<int64_t> kValues = kInput->toInt64s();
        if (kValues.size() != 1)
            failNode(node, "k must hold one value");
        k = kValues[0];
    }
    bool upper = attrInt(node, "upper", 1) != 0;
    RuntimeTensor output = context.allocate(x.type(), x.dims());
    size_t bytes = elementBytes(node, x);
    int64_t rows = x.dims()[x.rank() - 2];
    int64_t columns = x.dims()[x.rank() - 1];
    int64_t matrices = rows * columns == 0 ? 0 : x.elementCount() / (rows * columns);
    const auto* source = static_cast<const uint8_t*>(x.raw());
    auto* target = static_cast<uint8_t*>(output.raw());
    for (int64_t m = 0; m < matrices; ++m)
        for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < columns; ++j) {
                int64_t offset = ((m * rows + i) * columns + j) * static_cast<int64_t>(bytes);
                bool keep = upper ? j - i >= k : j - i <= k;
                if (keep)
                    std::memcpy(target + offset, source + offset, bytes);
                else
                    std::memset(target + offset, 0, bytes);
            }
    outputs[0] = std::move(output);
}

void runCompress(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                 KernelContext& context) {
    const RuntimeTensor& input = requireInput(node, inputs, 0);
    std::vector<double> condition = requireInput(node, inputs, 1).toDoubles();
    const Attribute* axisAttribute = findAttribute(node, "axis");
    RuntimeTensor x = axisAttribute ? input : input.reshaped({input.elementCount()});
    int64_t axis = axisAttribute ? normalizeAxis(node, axisAttribute->i, x.rank()) : 0;
    int64_t size = x.dims()[axis];
    if (static_cast<int64_t>(condition.size()) > size)
        failNode(node, "condition has " + std::to_string(condition.size()) + " values for an axis of " +
                           std::to_string(size));
    std::vector<int64_t> kept;
    for (size_t i = 0; i < condition.size(); ++i)
        if (condition[i] != 0.0)
            kept.push_back(static_cast<int64_t>(i));
    std::vector<int64_t> outputDims = x.dims();
    outputDims[axis] = static_cast<int64_t>(kept.size());
    RuntimeTensor output = context.allocate(x.type(), outputDims);
    size_t bytes = elementBytes(node, x);
    int64_t outer = productOf(x.dims(), 0, static_cast<size_t>(axis));
    size_t rowBytes = static_cast<size_t>(productOf(x.dims(), static_cast<size_t>(axis) + 1, x.dims().size())) * bytes;
    const auto* source = static_cast<const uint8_t*>(x.raw());
    auto* target = static_cast<uint8_t*>(output.raw());
    for (int64_t o = 0; o < outer; ++o)
        for (size_t j = 0; j < kept.size(); ++j)
            std::memcpy(target + (o * static_cast<int64_t>(kept.size()) + static_cast<int64_t>(j)) * rowBytes,
                        source + (o * size + kept[j]) * rowBytes, rowBytes);
    outputs[0] = std::move(output);
}

} // namespace

void registerIndexingKernels(KernelRegistry& registry) {
    addFunctionKernel(registry, "GatherND", runGatherND);
    addFunctionKernel(registry, "ScatterElements", runScatterElements, validateScatterElements);
    addFunctionKernel(registry, "Scatter", runScatterElements, validateScatterElements);
    addFunctionKernel(registry, "NonZero", runNonZero);
    addFunctionKernel(registry, "OneHot", runOneHot);
    addFunctionKernel(registry, "CumSum", runCumSum);
    addFunctionKernel(registry, "Trilu", runTrilu);
    addFunctionKernel(registry, "Compress", runCompress);
}

} // namespace qs
