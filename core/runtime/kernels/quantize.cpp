// QuantizeLinear and DequantizeLinear (per-tensor or per-axis scale and zero point; uint8, int8 and int32) in
// plain loops, rounding half to even and saturating like the ONNX reference.

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace {

/// Index into per-axis parameters for each element: (i / inner) % channels, or 0 for per-tensor ones.
struct AxisWalk {
    int64_t inner = 1;
    int64_t channels = 1;

    int64_t parameterIndex(int64_t element) const { return channels == 1 ? 0 : (element / inner) % channels; }
};

AxisWalk axisWalk(const Node& node, int64_t opset, const RuntimeTensor& x, const RuntimeTensor& scale) {
    AxisWalk walk;
    if (scale.elementCount() == 1 && scale.rank() <= 1)
        return walk;
    if (opset < 13 || scale.rank() != 1)
        failNode(node, "scale " + scale.describe() + " must be a scalar (or 1-D per-axis from opset 13)");
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", 1), x.rank());
    if (scale.elementCount() != x.dims()[axis])
        failNode(node, "scale " + scale.describe() + " does not match axis " + std::to_string(axis) + " of " +
                           x.describe());
    walk.channels = x.dims()[axis];
    for (int64_t d = axis + 1; d < x.rank(); ++d)
        walk.inner *= x.dims()[d];
    return walk;
}

void validateBlockSize(const Node& node, int64_t) {
    if (attrInt(node, "block_size", 0) != 0)
        unsupportedNode(node, "blocked quantization (block_size) is not supported");
}

template <typename Q> void quantizeInto(const RuntimeTensor& x, const float* scale, const Q* zeroPoint,
                                        const AxisWalk& walk, Q* out) {
    const float* in = x.data<float>();
    const float low = static_cast<float>(std::numeric_limits<Q>::lowest());
    const float high = static_cast<float>(std::numeric_limits<Q>::max());
    for (int64_t i = 0; i < x.elementCount(); ++i) {
        int64_t p = walk.parameterIndex(i);
        float zero = zeroPoint ? static_cast<float>(zeroPoint[p]) : 0.0f;
        float value = std::nearbyint(in[i] / scale[p]) + zero;
        out[i] = static_cast<Q>(std::min(high, std::max(low, value)));
    }
}

void runQuantize(const Node& node, int64_t opset, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                 KernelContext& context) {
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    const RuntimeTensor& scale = requireInput(node, inputs, 1);
    const RuntimeTensor* zeroPoint = optionalInput(inputs, 2);
    if (x.type() != DataType::Float || scale.type() != DataType::Float)
        failNode(node, "expects float32 x and scale, got " + x.describe() + " and " + scale.describe());
    AxisWalk walk = axisWalk(node, opset, x, scale);
    if (zeroPoint && zeroPoint->elementCount() != scale.elementCount())
        failNode(node, "zero point " + zeroPoint->describe() + " does not match scale " + scale.describe());
    DataType type = zeroPoint ? zeroPoint->type() : DataType::UInt8;
    outputs[0] = context.allocate(type, x.dims());
    if (type == DataType::UInt8)
        quantizeInto<uint8_t>(x, scale.data<float>(), zeroPoint ? zeroPoint->data<uint8_t>() : nullptr, walk,
                              outputs[0].data<uint8_t>());
    else if (type == DataType::Int8)
        quantizeInto<int8_t>(x, scale.data<float>(), zeroPoint ? zeroPoint->data<int8_t>() : nullptr, walk,
                             outputs[0].data<int8_t>());
    else
        failNode(node, "unsupported zero point type " + zeroPoint->describe());
}

template <typename Q> void dequantizeFrom(const RuntimeTensor& x, const float* scale, const Q* zeroPoint,
                                          const AxisWalk& walk, float* out) {
    const Q* in = x.data<Q>();
    for (int64_t i = 0; i < x.elementCount(); ++i) {
        int64_t p = walk.parameterIndex(i);
        float zero = zeroPoint ? static_cast<float>(zeroPoint[p]) : 0.0f;
        out[i] = (static_cast<float>(in[i]) - zero) * scale[p];
    }
}

void runDequantize(const Node& node, int64_t opset, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                   KernelContext& context) {
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    const RuntimeTensor& scale = requireInput(node, inputs, 1);
    const RuntimeTensor* zeroPoint = optionalInput(inputs, 2);
    if (scale.type() != DataType::Float)
        failNode(node, "expects a float32 scale, got " + scale.describe());
    if (zeroPoint && (zeroPoint->type() != x.type() || zeroPoint->elementCount() != scale.elementCount()))
        failNode(node, "zero point " + zeroPoint->describe() + " does not match x " + x.describe() + " and scale " +
                           scale.describe());
    AxisWalk walk = axisWalk(node, opset, x, scale);
    outputs[0] = context.allocate(DataType::Float, x.dims());
    float* out = outputs[0].data<float>();
    switch (x.type()) {
    case DataType::UInt8:
        return dequantizeFrom<uint8_t>(x, scale.data<float>(), zeroPoint ? zeroPoint->data<uint8_t>() : nullptr, walk, out);
    case DataType::Int8:
        return dequantizeFrom<int8_t>(x, scale.data<float>(), zeroPoint ? zeroPoint->data<int8_t>() : nullptr, walk, out);
    case DataType::Int32:
        return dequantizeFrom<int32_t>(x, scale.data<float>(), zeroPoint ? zeroPoint->data<int32_t>() : nullptr, walk, out);
    default:
        failNode(node, "unsupported input type " + x.describe());
    }
}

} // namespace

void registerQuantizeKernels(KernelRegistry& registry) {
    addFunctionKernel(registry, "QuantizeLinear", runQuantize, validateBlockSize);
    addFunctionKernel(registry, "DequantizeLinear", runDequantize, validateBlockSize);
}

} // namespace qs
