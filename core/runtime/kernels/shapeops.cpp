// Shape and data-movement operators in plain loops: Identity, Reshape, Flatten, Squeeze, Unsqueeze,
// Transpose, Concat, Split, Slice, Gather, GatherElements, Shape, Size, ConstantOfShape, Cast, Expand, Tile,
// Range, Pad, Dropout (inference), DepthToSpace, SpaceToDepth.

#include "runtime/kernels/broadcast.h"
#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/kernels/stridedcopy.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace qs {

namespace {

size_t elementBytes(const RuntimeTensor& tensor) {
    return runtimeElementSize(tensor.type());
}

/// Axes from the attribute (old opsets) or the optional input `inputIndex` (newer opsets).
std::vector<int64_t> axesFrom(const Node& node, int64_t opset, int64_t inputSinceOpset,
                              const KernelInputs& inputs, size_t inputIndex) {
    if (opset < inputSinceOpset)
        return attrInts(node, "axes");
    const RuntimeTensor* axes = optionalInput(inputs, inputIndex);
    return axes ? axes->toInt64s() : std::vector<int64_t>{};
}

void runIdentity(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                 KernelContext&) {
    outputs[0] = requireInput(node, inputs, 0);
}

/// Dropout as identity with an all-true mask. That is exact at inference and also in training mode when the
/// ratio is 0 (as some exporters write it); training with a non-zero ratio is random and not supported.
class DropoutKernel : public Kernel {
public:
    void checkConstants(const Node& node, const ConstantLookup& constants) const override {
        if (node.inputs.size() < 3 || node.inputs[2].empty())
            return;
        const RuntimeTensor* training = constants(node.inputs[2]);
        if (!training || training->elementCount() != 1)
            unsupportedNode(node, "training_mode must be a constant");
        if (training->toInt64s()[0] == 0)
            return;
        const RuntimeTensor* ratio = node.inputs[1].empty() ? nullptr : constants(node.inputs[1]);
        if (!ratio || ratio->elementCount() != 1 || ratio->toDoubles()[0] != 0.0)
            unsupportedNode(node, "training mode with a non-zero ratio is random and not supported");
    }

    void run(const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        const RuntimeTensor* training = optionalInput(inputs, 2);
        const RuntimeTensor* ratio = optionalInput(inputs, 1);
        bool isTraining = training && (training->elementCount() != 1 || training->toInt64s()[0] != 0);
        if (isTraining && (!ratio || ratio->elementCount() != 1 || ratio->toDoubles()[0] != 0.0))
            failNode(node, "training mode with a non-zero ratio is not supported");
        outputs[0] = requireInput(node, inputs, 0);
        if (outputs.size() > 1) {
            outputs[1] = context.allocate(DataType::Bool, outputs[0].dims());
            std::memset(outputs[1].raw(), 1, outputs[1].sizeBytes());
        }
    }
};

void runReshape(const Node& node, int64_t opset, const KernelInputs& inputs,
                std::vector<RuntimeTensor>& outputs, KernelContext&) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    std::vector<int64_t> shape =
        opset < 5 ? attrInts(node, "shape") : requireInput(node, inputs, 1).toInt64s();
    bool allowZero = attrInt(node, "allowzero", 0) != 0;
    int64_t inferred = -1;
    int64_t known = 1;
    bool overflow = false;
    for (size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == 0 && !allowZero) {
            if (d >= data.dims().size())
                failNode(node, "shape " + dimsToString(shape) + " copies a dim the input " + data.describe() +
                                   " lacks");
            shape[d] = data.dims()[d];
        }
        if (shape[d] == -1) {
            if (inferred >= 0)
                failNode(node, "shape " + dimsToString(shape) + " has more than one -1");
            inferred = static_cast<int64_t>(d);
        } else if (shape[d] < 0) {
            failNode(node, "invalid shape " + dimsToString(shape));
        } else {
            overflow |= __builtin_mul_overflow(known, shape[d], &known);
        }
    }
    if (overflow) {
        // Only a zero dim makes such a shape describe a real tensor (of 0 elements).
        if (std::find(shape.begin(), shape.end(), 0) == shape.end())
            failNode(node, "shape " + dimsToString(shape) + " has more elements than a 64-bit count holds");
        known = 0;
    }
    if (inferred >= 0) {
        if (known == 0 || data.elementCount() % known != 0)
            failNode(node, "cannot reshape " + data.describe() + " to " + dimsToString(shape));
        shape[inferred] = data.elementCount() / known;
    }
    if (elementCountOf(shape) != data.elementCount())
        failNode(node, "cannot reshape " + data.describe() + " to " + dimsToString(shape));
    outputs[0] = data.reshaped(shape);
}

void runFlatten(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                KernelContext&) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    int64_t axis = attrInt(node, "axis", 1);
    if (axis != data.rank())
        axis = normalizeAxis(node, axis, std::max<int64_t>(data.rank(), 1));
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= data.dims()[d];
    int64_t inner = outer ? data.elementCount() / outer : 0;
    if (outer == 0)
        for (int64_t d = axis; d < data.rank(); ++d)
            inner = (d == axis ? 1 : inner) * data.dims()[d];
    outputs[0] = data.reshaped({outer, inner});
}

void runSqueeze(const Node& node, int64_t opset, const KernelInputs& inputs,
                std::vector<RuntimeTensor>& outputs, KernelContext&) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    std::vector<int64_t> axes = axesFrom(node, opset, 13, inputs, 1);
    std::vector<bool> drop(data.dims().size(), false);
    if (axes.empty()) {
        for (size_t d = 0; d < drop.size(); ++d)
            drop[d] = data.dims()[d] == 1;
    }
    for (int64_t axis : axes) {
        int64_t a = normalizeAxis(node, axis, data.rank());
        if (data.dims()[a] != 1)
            failNode(node, "cannot squeeze axis " + std::to_string(axis) + " of " + data.describe());
        drop[a] = true;
    }
    std::vector<int64_t> dims;
    for (size_t d = 0; d < drop.size(); ++d)
        if (!drop[d])
            dims.push_back(data.dims()[d]);
    outputs[0] = data.reshaped(dims);
}

void runUnsqueeze(const Node& node, int64_t opset, const KernelInputs& inputs,
                  std::vector<RuntimeTensor>& outputs, KernelContext&) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    std::vector<int64_t> axes = axesFrom(node, opset, 13, inputs, 1);
    int64_t rank = data.rank() + static_cast<int64_t>(axes.size());
    std::vector<bool> inserted(rank, false);
    for (int64_t axis : axes) {
        int64_t a = normalizeAxis(node, axis, rank);
        if (inserted[a])
            failNode(node, "axis " + std::to_string(axis) + " repeated");
        inserted[a] = true;
    }
    std::vector<int64_t> dims;
    size_t next = 0;
    for (int64_t d = 0; d < rank; ++d)
        dims.push_back(inserted[d] ? 1 : data.dims()[next++]);
    outputs[0] = data.reshaped(dims);
}

void runTranspose(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                  KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    std::vector<int64_t> perm = attrInts(node, "perm");
    if (perm.empty())
        for (int64_t d = data.rank(); d-- > 0;)
            perm.push_back(d);
    if (static_cast<int64_t>(perm.size()) != data.rank())
        failNode(node, "perm has " + std::to_string(perm.size()) + " entries for " + data.describe());
    std::vector<int64_t> inStrides = contiguousStrides(data.dims());
    std::vector<int64_t> dims;
    std::vector<int64_t> strides;
    std::vector<bool> used(perm.size(), false);
    for (int64_t axis : perm) {
        int64_t a = normalizeAxis(node, axis, data.rank());
        if (used[a])
            failNode(node, "perm repeats axis " + std::to_string(axis));
        used[a] = true;
        dims.push_back(data.dims()[a]);
        strides.push_back(inStrides[a]);
    }
    outputs[0] = context.allocate(data.type(), dims);
    copyStrided(data.raw(), outputs[0].raw(), dims, strides, 0, elementBytes(data));
}

void runConcat(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context) {
    const RuntimeTensor& first = requireInput(node, inputs, 0);
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", 0), std::max<int64_t>(first.rank(), 1));
    std::vector<int64_t> dims = first.dims();
    dims[axis] = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const RuntimeTensor& input = requireInput(node, inputs, i);
        bool compatible = input.type() == first.type() && input.rank() == first.rank();
        for (int64_t d = 0; compatible && d < first.rank(); ++d)
            compatible = d == axis || input.dims()[d] == first.dims()[d];
        if (!compatible)
            failNode(node, "input " + input.describe() + " does not match " + first.describe());
        dims[axis] += input.dims()[axis];
    }
    outputs[0] = context.allocate(first.type(), dims);
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= dims[d];
    size_t bytes = elementBytes(first);
    auto* target = static_cast<uint8_t*>(outputs[0].raw());
    size_t outputRowBytes =
        static_cast<size_t>(outputs[0].elementCount() / std::max<int64_t>(outer, 1)) * bytes;
    size_t columnBytes = 0;
    for (const RuntimeTensor* input : inputs) {
        size_t rowBytes = static_cast<size_t>(input->elementCount() / std::max<int64_t>(outer, 1)) * bytes;
        const auto* source = static_cast<const uint8_t*>(input->raw());
        for (int64_t o = 0; o < outer && rowBytes; ++o)
            std::memcpy(target + o * outputRowBytes + columnBytes, source + o * rowBytes, rowBytes);
        columnBytes += rowBytes;
    }
}

void runSplit(const Node& node, int64_t opset, const KernelInputs& inputs,
              std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", 0), data.rank());
    std::vector<int64_t> sizes =
        opset < 13 ? attrInts(node, "split")
                   : (optionalInput(inputs, 1) ? inputs[1]->toInt64s() : std::vector<int64_t>{});
    int64_t total = data.dims()[axis];
    int64_t parts = static_cast<int64_t>(outputs.size());
    if (sizes.empty()) {
        int64_t chunk = (total + parts - 1) / parts;
        for (int64_t p = 0; p < parts; ++p)
            sizes.push_back(std::max<int64_t>(0, std::min(chunk, total - p * chunk)));
        if (findAttribute(node, "num_outputs") == nullptr && total % parts != 0)
            failNode(node,
                     "axis of " + data.describe() + " does not split evenly into " + std::to_string(parts));
    }
    int64_t sum = 0;
    for (int64_t size : sizes)
        sum += size;
    if (static_cast<int64_t>(sizes.size()) != parts || sum != total)
        failNode(node, "split sizes " + dimsToString(sizes) + " do not match " + data.describe());
    std::vector<int64_t> strides = contiguousStrides(data.dims());
    int64_t start = 0;
    for (int64_t p = 0; p < parts; ++p) {
        std::vector<int64_t> dims = data.dims();
        dims[axis] = sizes[p];
        outputs[p] = context.allocate(data.type(), dims);
        copyStrided(data.raw(), outputs[p].raw(), dims, strides, start * strides[axis], elementBytes(data));
        start += sizes[p];
    }
}

void runSlice(const Node& node, int64_t opset, const KernelInputs& inputs,
              std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    std::vector<int64_t> starts;
    std::vector<int64_t> ends;
    std::vector<int64_t> axes;
    std::vector<int64_t> steps;
    if (opset < 10) {
        starts = attrInts(node, "starts");
        ends = attrInts(node, "ends");
        axes = attrInts(node, "axes");
    } else {
        starts = requireInput(node, inputs, 1).toInt64s();
        ends = requireInput(node, inputs, 2).toInt64s();
        if (optionalInput(inputs, 3))
            axes = inputs[3]->toInt64s();
        if (optionalInput(inputs, 4))
            steps = inputs[4]->toInt64s();
    }
    if (axes.empty())
        for (size_t i = 0; i < starts.size(); ++i)
            axes.push_back(static_cast<int64_t>(i));
    if (steps.empty())
        steps.assign(starts.size(), 1);
    if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
        failNode(node, "starts, ends, axes and steps differ in length");
    std::vector<int64_t> dims = data.dims();
    std::vector<int64_t> inStrides = contiguousStrides(data.dims());
    std::vector<int64_t> strides = inStrides;
    int64_t base = 0;
    for (size_t i = 0; i < starts.size(); ++i) {
        int64_t axis = normalizeAxis(node, axes[i], data.rank());
        int64_t size = data.dims()[axis];
        int64_t step = steps[i];
        if (step == 0)
            failNode(node, "step must not be 0");
        int64_t start = starts[i] < 0 ? starts[i] + size : starts[i];
        int64_t end = ends[i] < 0 ? ends[i] + size : ends[i];
        if (ends[i] <= std::numeric_limits<int64_t>::min() / 2)
            end = -1;
        int64_t count = 0;
        if (step > 0) {
            start = std::clamp<int64_t>(start, 0, size);
            end = std::clamp<int64_t>(end, 0, size);
            count = end > start ? (end - start + step - 1) / step : 0;
        } else {
            start = std::clamp<int64_t>(start, 0, size - 1);
            end = std::clamp<int64_t>(end, -1, size - 1);
            count = start > end ? (start - end + (-step) - 1) / (-step) : 0;
        }
        dims[axis] = count;
        strides[axis] = inStrides[axis] * step;
        base += start * inStrides[axis];
    }
    outputs[0] = context.allocate(data.type(), dims);
    if (outputs[0].elementCount() > 0)
        copyStrided(data.raw(), outputs[0].raw(), dims, strides, base, elementBytes(data));
}

void runGather(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    const RuntimeTensor& indicesTensor = requireInput(node, inputs, 1);
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", 0), data.rank());
    std::vector<int64_t> indices = indicesTensor.toInt64s();
    int64_t axisSize = data.dims()[axis];
    std::vector<int64_t> dims(data.dims().begin(), data.dims().begin() + axis);
    dims.insert(dims.end(), indicesTensor.dims().begin(), indicesTensor.dims().end());
    dims.insert(dims.end(), data.dims().begin() + axis + 1, data.dims().end());
    outputs[0] = context.allocate(data.type(), dims);
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= data.dims()[d];
    int64_t inner = 1;
    for (int64_t d = axis + 1; d < data.rank(); ++d)
        inner *= data.dims()[d];
    size_t chunkBytes = static_cast<size_t>(inner) * elementBytes(data);
    const auto* source = static_cast<const uint8_t*>(data.raw());
    auto* target = static_cast<uint8_t*>(outputs[0].raw());
    for (int64_t o = 0; o < outer; ++o) {
        for (size_t i = 0; i < indices.size(); ++i) {
            int64_t index = indices[i] < 0 ? indices[i] + axisSize : indices[i];
            if (index < 0 || index >= axisSize)
                failNode(node, "index " + std::to_string(indices[i]) + " out of range for axis of size " +
                                   std::to_string(axisSize));
            std::memcpy(target + (o * indices.size() + i) * chunkBytes,
                        source + (o * axisSize + index) * chunkBytes, chunkBytes);
        }
    }
}

void runGatherElements(const Node& node, int64_t, const KernelInputs& inputs,
                       std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    const RuntimeTensor& indicesTensor = requireInput(node, inputs, 1);
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", 0), data.rank());
    if (indicesTensor.rank() != data.rank())
        failNode(node, "indices " + indicesTensor.describe() + " must have the rank of " + data.describe());
    std::vector<int64_t> indices = indicesTensor.toInt64s();
    outputs[0] = context.allocate(data.type(), indicesTensor.dims());
    std::vector<int64_t> dataStrides = contiguousStrides(data.dims());
    std::vector<int64_t> counter(indicesTensor.dims().size(), 0);
    size_t bytes = elementBytes(data);
    const auto* source = static_cast<const uint8_t*>(data.raw());
    auto* target = static_cast<uint8_t*>(outputs[0].raw());
    for (size_t i = 0; i < indices.size(); ++i) {
        int64_t offset = 0;
        for (size_t d = 0; d < counter.size(); ++d) {
            int64_t coordinate = counter[d];
            if (static_cast<int64_t>(d) == axis) {
                coordinate = indices[i] < 0 ? indices[i] + data.dims()[d] : indices[i];
                if (coordinate < 0 || coordinate >= data.dims()[d])
                    failNode(node, "index " + std::to_string(indices[i]) + " out of range");
            } else if (coordinate >= data.dims()[d]) {
                failNode(node, "indices " + indicesTensor.describe() + " exceed data " + data.describe());
            }
            offset += coordinate * dataStrides[d];
        }
        std::memcpy(target + i * bytes, source + offset * bytes, bytes);
        for (size_t d = counter.size(); d-- > 0;) {
            if (++counter[d] < indicesTensor.dims()[d])
                break;
            counter[d] = 0;
        }
    }
}

void runShape(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
              KernelContext&) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    int64_t rank = data.rank();
    int64_t start = attrInt(node, "start", 0);
    int64_t end = attrInt(node, "end", rank);
    start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
    end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
    std::vector<int64_t> dims(data.dims().begin() + start, data.dims().begin() + std::max(start, end));
    outputs[0] = RuntimeTensor::fromInt64s({static_cast<int64_t>(dims.size())}, dims);
}

void runSize(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext&) {
    outputs[0] = RuntimeTensor::fromInt64s({}, {requireInput(node, inputs, 0).elementCount()});
}

void runConstantOfShape(const Node& node, int64_t, const KernelInputs& inputs,
                        std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    std::vector<int64_t> dims = requireInput(node, inputs, 0).toInt64s();
    const Attribute* value = findAttribute(node, "value");
    RuntimeTensor fill = RuntimeTensor::fromFloats({}, {0.0f});
    if (value && value->tensor)
        fill = RuntimeTensor::fromConstant(*value->tensor);
    if (fill.elementCount() != 1)
        failNode(node, "value must hold exactly one element");
    outputs[0] = context.allocate(fill.type(), dims);
    size_t bytes = elementBytes(fill);
    auto* target = static_cast<uint8_t*>(outputs[0].raw());
    for (int64_t i = 0; i < outputs[0].elementCount(); ++i)
        std::memcpy(target + i * bytes, fill.raw(), bytes);
}

template <typename To> void castInto(const RuntimeTensor& from, To* target, const Node& node) {
    int64_t count = from.elementCount();
    switch (from.type()) {
    case DataType::Float:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<float>()[i]);
        break;
    case DataType::Double:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<double>()[i]);
        break;
    case DataType::Int64:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<int64_t>()[i]);
        break;
    case DataType::Int32:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<int32_t>()[i]);
        break;
    case DataType::Int16:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<int16_t>()[i]);
        break;
    case DataType::Int8:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<int8_t>()[i]);
        break;
    case DataType::UInt8:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<uint8_t>()[i]);
        break;
    case DataType::UInt16:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<uint16_t>()[i]);
        break;
    case DataType::UInt32:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<uint32_t>()[i]);
        break;
    case DataType::UInt64:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<uint64_t>()[i]);
        break;
    case DataType::Bool:
        for (int64_t i = 0; i < count; ++i)
            target[i] = static_cast<To>(from.data<uint8_t>()[i] != 0);
        break;
    default:
        failNode(node, "cannot cast from " + from.describe());
    }
}

bool isCastable(DataType type) {
    switch (type) {
    case DataType::Float:
    case DataType::Double:
    case DataType::Int64:
    case DataType::Int32:
    case DataType::Int16:
    case DataType::Int8:
    case DataType::UInt8:
    case DataType::UInt16:
    case DataType::UInt32:
    case DataType::UInt64:
    case DataType::Bool:
        return true;
    default:
        return false;
    }
}

void validateCast(const Node& node, int64_t) {
    auto to = static_cast<DataType>(attrInt(node, "to", 0));
    if (!isCastable(to))
        unsupportedNode(node, "cast to element type " + std::to_string(static_cast<int>(to)));
}

void runCast(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) {
    const RuntimeTensor& from = requireInput(node, inputs, 0);
    auto to = static_cast<DataType>(attrInt(node, "to", 0));
    RuntimeTensor result = context.allocate(to, from.dims());
    switch (to) {
    case DataType::Float:
        castInto(from, result.data<float>(), node);
        break;
    case DataType::Double:
        castInto(from, result.data<double>(), node);
        break;
    case DataType::Int64:
        castInto(from, result.data<int64_t>(), node);
        break;
    case DataType::Int32:
        castInto(from, result.data<int32_t>(), node);
        break;
    case DataType::Int16:
        castInto(from, result.data<int16_t>(), node);
        break;
    case DataType::Int8:
        castInto(from, result.data<int8_t>(), node);
        break;
    case DataType::UInt8:
        castInto(from, result.data<uint8_t>(), node);
        break;
    case DataType::UInt16:
        castInto(from, result.data<uint16_t>(), node);
        break;
    case DataType::UInt32:
        castInto(from, result.data<uint32_t>(), node);
        break;
    case DataType::UInt64:
        castInto(from, result.data<uint64_t>(), node);
        break;
    case DataType::Bool: {
        std::vector<double> values = from.toDoubles();
        for (size_t i = 0; i < values.size(); ++i)
            result.data<uint8_t>()[i] = values[i] != 0.0 ? 1 : 0;
        break;
    }
    default:
        failNode(node, "cannot cast to element type " + std::to_string(static_cast<int>(to)));
    }
    outputs[0] = std::move(result);
}

void runExpand(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    std::vector<int64_t> shape = requireInput(node, inputs, 1).toInt64s();
    std::vector<int64_t> dims = broadcastDims({data.dims(), shape}, nodeLabel(node));
    outputs[0] = context.allocate(data.type(), dims);
    copyStrided(data.raw(), outputs[0].raw(), dims, broadcastStrides(data.dims(), dims), 0,
                elementBytes(data));
}

void runTile(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    std::vector<int64_t> repeats = requireInput(node, inputs, 1).toInt64s();
    if (static_cast<int64_t>(repeats.size()) != data.rank())
        failNode(node, "repeats " + dimsToString(repeats) + " do not match " + data.describe());
    std::vector<int64_t> dims;
    for (int64_t d = 0; d < data.rank(); ++d) {
        if (repeats[d] < 0)
            failNode(node, "repeats must not be negative");
        dims.push_back(data.dims()[d] * repeats[d]);
    }
    outputs[0] = context.allocate(data.type(), dims);
    std::vector<int64_t> inStrides = contiguousStrides(data.dims());
    size_t bytes = elementBytes(data);
    const auto* source = static_cast<const uint8_t*>(data.raw());
    auto* target = static_cast<uint8_t*>(outputs[0].raw());
    std::vector<int64_t> counter(dims.size(), 0);
    for (int64_t o = 0; o < outputs[0].elementCount(); ++o) {
        int64_t offset = 0;
        for (size_t d = 0; d < dims.size(); ++d)
            offset += (counter[d] % data.dims()[d]) * inStrides[d];
        std::memcpy(target + o * bytes, source + offset * bytes, bytes);
        for (size_t d = dims.size(); d-- > 0;) {
            if (++counter[d] < dims[d])
                break;
            counter[d] = 0;
        }
    }
}

template <typename T>
void fillRange(const Node& node, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context, DataType type) {
    T start = requireInput(node, inputs, 0).data<T>()[0];
    T limit = requireInput(node, inputs, 1).data<T>()[0];
    T delta = requireInput(node, inputs, 2).data<T>()[0];
    if (delta == T(0))
        failNode(node, "delta must not be 0");
    double steps =
        std::ceil((static_cast<double>(limit) - static_cast<double>(start)) / static_cast<double>(delta));
    // NaN (infinite start or limit) or beyond int64: no tensor holds that many elements.
    if (std::isnan(steps) || steps >= 0x1p62)
        failNode(node, "start, limit and delta give more elements than a tensor can hold");
    int64_t count = steps > 0 ? static_cast<int64_t>(steps) : 0;
    outputs[0] = context.allocate(type, {count});
    for (int64_t i = 0; i < count; ++i)
        outputs[0].data<T>()[i] = static_cast<T>(start + static_cast<T>(i) * delta);
}

void runRange(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
              KernelContext& context) {
    DataType type = requireInput(node, inputs, 0).type();
    for (size_t i = 0; i < 3; ++i)
        if (requireInput(node, inputs, i).type() != type || inputs[i]->elementCount() != 1)
            failNode(node, "start, limit and delta must be scalars of one type");
    switch (type) {
    case DataType::Float:
        return fillRange<float>(node, inputs, outputs, context, type);
    case DataType::Double:
        return fillRange<double>(node, inputs, outputs, context, type);
    case DataType::Int64:
        return fillRange<int64_t>(node, inputs, outputs, context, type);
    case DataType::Int32:
        return fillRange<int32_t>(node, inputs, outputs, context, type);
    default:
        failNode(node, "unsupported element type " + inputs[0]->describe());
    }
}

void validatePad(const Node& node, int64_t) {
    std::string mode = attrString(node, "mode", "constant");
    if (mode != "constant" && mode != "reflect" && mode != "edge")
        unsupportedNode(node, "mode '" + mode + "'");
}

void runPad(const Node& node, int64_t opset, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
            KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    std::string mode = attrString(node, "mode", "constant");
    std::vector<int64_t> pads =
        opset < 11 ? attrInts(node, "pads") : requireInput(node, inputs, 1).toInt64s();
    double constant = opset < 11 ? attrFloat(node, "value", 0.0f) : 0.0;
    if (opset >= 11 && optionalInput(inputs, 2) && inputs[2]->elementCount() > 0)
        constant = inputs[2]->toDoubles()[0];
    std::vector<int64_t> axes =
        opset >= 18 && optionalInput(inputs, 3) ? inputs[3]->toInt64s() : std::vector<int64_t>{};
    int64_t rank = data.rank();
    std::vector<int64_t> begin(rank, 0);
    std::vector<int64_t> end(rank, 0);
    if (axes.empty())
        for (int64_t d = 0; d < rank; ++d)
            axes.push_back(d);
    if (pads.size() != axes.size() * 2)
        failNode(node, "pads has " + std::to_string(pads.size()) + " values for " +
                           std::to_string(axes.size()) + " axes");
    for (size_t i = 0; i < axes.size(); ++i) {
        int64_t axis = normalizeAxis(node, axes[i], rank);
        begin[axis] = pads[i];
        end[axis] = pads[i + axes.size()];
    }
    std::vector<int64_t> dims(rank);
    for (int64_t d = 0; d < rank; ++d) {
        dims[d] = data.dims()[d] + begin[d] + end[d];
        if (dims[d] < 0)
            failNode(node, "pads make a negative dimension");
        if (mode != "constant" && data.dims()[d] == 0 && dims[d] > 0)
            failNode(node, "cannot pad an empty axis in mode '" + mode + "'");
        if (mode == "reflect" && (begin[d] >= data.dims()[d] || end[d] >= data.dims()[d]) &&
            (begin[d] || end[d]))
            failNode(node, "reflect pads must be smaller than the axis");
    }
    outputs[0] = context.allocate(data.type(), dims);
    size_t bytes = elementBytes(data);
    std::vector<uint8_t> fill(bytes, 0);
    switch (data.type()) {
    case DataType::Float: {
        float v = static_cast<float>(constant);
        std::memcpy(fill.data(), &v, bytes);
        break;
    }
    case DataType::Double:
        std::memcpy(fill.data(), &constant, bytes);
        break;
    case DataType::Int64: {
        int64_t v = static_cast<int64_t>(constant);
        std::memcpy(fill.data(), &v, bytes);
        break;
    }
    case DataType::Int32: {
        int32_t v = static_cast<int32_t>(constant);
        std::memcpy(fill.data(), &v, bytes);
        break;
    }
    default:
        if (constant != 0.0)
            failNode(node, "constant pad value for " + data.describe());
        break;
    }
    std::vector<int64_t> inStrides = contiguousStrides(data.dims());
    const auto* source = static_cast<const uint8_t*>(data.raw());
    auto* target = static_cast<uint8_t*>(outputs[0].raw());
    std::vector<int64_t> counter(rank, 0);
    for (int64_t o = 0; o < outputs[0].elementCount(); ++o) {
        int64_t offset = 0;
        bool outside = false;
        for (int64_t d = 0; d < rank; ++d) {
            int64_t c = counter[d] - begin[d];
            int64_t size = data.dims()[d];
            if (c < 0 || c >= size) {
                if (mode == "constant")
                    outside = true;
                else if (mode == "edge")
                    c = c < 0 ? 0 : size - 1;
                else
                    c = c < 0 ? -c : 2 * (size - 1) - c;
            }
            offset += c * inStrides[d];
        }
        std::memcpy(target + o * bytes, outside ? fill.data() : source + offset * bytes, bytes);
        for (int64_t d = rank; d-- > 0;) {
            if (++counter[d] < dims[d])
                break;
            counter[d] = 0;
        }
    }
}

void runDepthSpace(const Node& node, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                   KernelContext& context, bool toSpace) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    int64_t block = attrInt(node, "blocksize", 0);
    if (data.rank() != 4 || block <= 0)
        failNode(node, "expects a 4-D input and a positive blocksize");
    int64_t n = data.dims()[0], c = data.dims()[1], h = data.dims()[2], w = data.dims()[3];
    bool crd = attrString(node, "mode", "DCR") == "CRD";
    std::vector<int64_t> viewDims;
    std::vector<int64_t> perm;
    std::vector<int64_t> outDims;
    if (toSpace) {
        if (c % (block * block) != 0)
            failNode(node, "channels not divisible by blocksize^2");
        int64_t oc = c / (block * block);
        viewDims = crd ? std::vector<int64_t>{n, oc, block, block, h, w}
                       : std::vector<int64_t>{n, block, block, oc, h, w};
        perm = crd ? std::vector<int64_t>{0, 1, 4, 2, 5, 3} : std::vector<int64_t>{0, 3, 4, 1, 5, 2};
        outDims = {n, oc, h * block, w * block};
    } else {
        if (h % block != 0 || w % block != 0)
            failNode(node, "spatial dims not divisible by blocksize");
        viewDims = {n, c, h / block, block, w / block, block};
        perm = {0, 3, 5, 1, 2, 4};
        outDims = {n, c * block * block, h / block, w / block};
    }
    std::vector<int64_t> viewStrides = contiguousStrides(viewDims);
    std::vector<int64_t> dims;
    std::vector<int64_t> strides;
    for (int64_t axis : perm) {
        dims.push_back(viewDims[axis]);
        strides.push_back(viewStrides[axis]);
    }
    outputs[0] = context.allocate(data.type(), outDims);
    copyStrided(data.raw(), outputs[0].raw(), dims, strides, 0, elementBytes(data));
}

void runDepthToSpace(const Node& node, int64_t, const KernelInputs& inputs,
                     std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    runDepthSpace(node, inputs, outputs, context, true);
}

void runSpaceToDepth(const Node& node, int64_t, const KernelInputs& inputs,
                     std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    runDepthSpace(node, inputs, outputs, context, false);
}

void validateScatterND(const Node& node, int64_t) {
    std::string reduction = attrString(node, "reduction", "none");
    if (reduction != "none")
        unsupportedNode(node, "reduction '" + reduction + "' is not supported");
}

void runScatterND(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                  KernelContext& context) {
    const RuntimeTensor& data = requireInput(node, inputs, 0);
    const RuntimeTensor& indicesTensor = requireInput(node, inputs, 1);
    const RuntimeTensor& updates = requireInput(node, inputs, 2);
    if (indicesTensor.rank() < 1 || updates.type() != data.type())
        failNode(node, "expects indices of rank >= 1 and updates of the data's type");
    int64_t depth = indicesTensor.dims().back();
    if (depth > data.rank())
        failNode(node, "index depth " + std::to_string(depth) + " exceeds the rank of " + data.describe());
    int64_t sliceElements = 1;
    for (int64_t d = depth; d < data.rank(); ++d)
        sliceElements *= data.dims()[d];
    int64_t sliceCount = depth ? indicesTensor.elementCount() / depth : 0;
    if (updates.elementCount() != sliceCount * sliceElements)
        failNode(node, "updates " + updates.describe() + " do not match indices " + indicesTensor.describe());
    outputs[0] = context.allocate(data.type(), data.dims());
    std::memcpy(outputs[0].raw(), data.raw(), data.sizeBytes());
    std::vector<int64_t> indices = indicesTensor.toInt64s();
    std::vector<int64_t> strides = contiguousStrides(data.dims());
    size_t bytes = elementBytes(data);
    auto* target = static_cast<uint8_t*>(outputs[0].raw());
    const auto* source = static_cast<const uint8_t*>(updates.raw());
    for (int64_t s = 0; s < sliceCount; ++s) {
        int64_t offset = 0;
        for (int64_t k = 0; k < depth; ++k) {
            int64_t index = indices[s * depth + k];
            int64_t size = data.dims()[k];
            if (index < -size || index >= size)
                failNode(node, "index " + std::to_string(index) + " out of range for axis of size " +
                                   std::to_string(size));
            offset += (index < 0 ? index + size : index) * strides[k];
        }
        std::memcpy(target + offset * bytes, source + s * sliceElements * bytes, sliceElements * bytes);
    }
}

} // namespace

void registerShapeKernels(KernelRegistry& registry) {
    addFunctionKernel(registry, "Identity", runIdentity);
    registry.add("Dropout", [](const Node&, int64_t) { return std::make_unique<DropoutKernel>(); });
    addFunctionKernel(registry, "ScatterND", runScatterND, validateScatterND);
    addFunctionKernel(registry, "Reshape", runReshape);
    addFunctionKernel(registry, "Flatten", runFlatten);
    addFunctionKernel(registry, "Squeeze", runSqueeze);
    addFunctionKernel(registry, "Unsqueeze", runUnsqueeze);
    addFunctionKernel(registry, "Transpose", runTranspose);
    addFunctionKernel(registry, "Concat", runConcat);
    addFunctionKernel(registry, "Split", runSplit);
    addFunctionKernel(registry, "Slice", runSlice);
    addFunctionKernel(registry, "Gather", runGather);
    addFunctionKernel(registry, "GatherElements", runGatherElements);
    addFunctionKernel(registry, "Shape", runShape);
    addFunctionKernel(registry, "Size", runSize);
    addFunctionKernel(registry, "ConstantOfShape", runConstantOfShape);
    addFunctionKernel(registry, "Cast", runCast, validateCast);
    addFunctionKernel(registry, "Expand", runExpand);
    addFunctionKernel(registry, "Tile", runTile);
    addFunctionKernel(registry, "Range", runRange);
    addFunctionKernel(registry, "Pad", runPad, validatePad);
    addFunctionKernel(registry, "DepthToSpace", runDepthToSpace);
    addFunctionKernel(registry, "SpaceToDepth", runSpaceToDepth);
}

} // namespace qs
