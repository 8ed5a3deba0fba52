// QuantizeLinear and DequantizeLinear (per-tensor or per-axis scale and zero point; uint8, int8, uint16, int16, and
// int32 for dequantized biases) in plain loops, rounding half to even and saturating like the ONNX reference. The
// same kernels serve ONNX Runtime's "com.microsoft" contrib versions, which quantized models use for 16-bit
// activations.

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

template <typename Q> void quantizeInto(const RuntimeTensor& x, const float* scale, const RuntimeTensor* zeroPoint,
                                        const AxisWalk& walk, RuntimeTensor& y) {
    const float* in = x.data<float>();
    const Q* zero = zeroPoint ? zeroPoint->data<Q>() : nullptr;
    Q* out = y.data<Q>();
    const float low = static_cast<float>(std::numeric_limits<Q>::lowest());
    const float high = static_cast<float>(std::numeric_limits<Q>::max());
    for (int64_t i = 0; i < x.elementCount(); ++i) {
        int64_t p = walk.parameterIndex(i);
        float value = std::nearbyint(in[i] / scale[p]) + (zero ? static_cast<float>(zero[p]) : 0.0f);
        out[i] = static_cast<Q>(std::min(high, std::max(low, value)));
    }
}

/// The quantized type: the zero point's, else the `output_dtype` attribute (opset 21), else uint8.
DataType quantizedType(const Node& node, const RuntimeTensor* zeroPoint) {
    if (zeroPoint)
        return zeroPoint->type();
    int64_t outputType = attrInt(node, "output_dtype", 0);
    return outputType ? static_cast<DataType>(outputType) : DataType::UInt8;
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
    DataType type = quantizedType(node, zeroPoint);
    const float* scales = scale.data<float>();
    switch (type) {
    case DataType::UInt8:
        outputs[0] = context.allocate(type, x.dims());
        return quantizeInto<uint8_t>(x, scales, zeroPoint, walk, outputs[0]);
    case DataType::Int8:
        outputs[0] = context.allocate(type, x.dims());
        return quantizeInto<int8_t>(x, scales, zeroPoint, walk, outputs[0]);
    case DataType::UInt16:
        outputs[0] = context.allocate(type, x.dims());
        return quantizeInto<uint16_t>(x, scales, zeroPoint, walk, outputs[0]);
    case DataType::Int16:
        outputs[0] = context.allocate(type, x.dims());
        return quantizeInto<int16_t>(x, scales, zeroPoint, walk, outputs[0]);
    default:
        failNode(node, "unsupported quantized type " + std::to_string(static_cast<int>(type)) +
                           " (uint8, int8, uint16 or int16 expected)");
    }
}

template <typename Q> void dequantizeFrom(const RuntimeTensor& x, const float* scale, const RuntimeTensor* zeroPoint,
                                          const AxisWalk& walk, float* out) {
    const Q* in = x.data<Q>();
    const Q* zero = zeroPoint ? zeroPoint->data<Q>() : nullptr;
    for (int64_t i = 0; i < x.elementCount(); ++i) {
        int64_t p = walk.parameterIndex(i);
        int64_t centred = static_cast<int64_t>(in[i]) - (zero ? static_cast<int64_t>(zero[p]) : 0);
        out[i] = static_cast<float>(centred) * scale[p];
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
    const float* scales = scale.data<float>();
    switch (x.type()) {
    case DataType::UInt8: return dequantizeFrom<uint8_t>(x, scales, zeroPoint, walk, out);
    case DataType::Int8: return dequantizeFrom<int8_t>(x, scales, zeroPoint, walk, out);
    case DataType::UInt16: return dequantizeFrom<uint16_t>(x, scales, zeroPoint, walk, out);
    case DataType::Int16: return dequantizeFrom<int16_t>(x, scales, zeroPoint, walk, out);
    case DataType::Int32: return dequantizeFrom<int32_t>(x, scales, zeroPoint, walk, out);
    default: failNode(node, "unsupported input type " + x.describe());
    }
}

/// ONNX Runtime's contrib Quantize/DequantizeLinear ("com.microsoft"): the same arithmetic, per-axis parameters
/// allowed whatever the model's default-domain opset.
void registerContribKernel(KernelRegistry& registry, const std::string& opType, KernelFunction function) {
    registry.addInDomain("com.microsoft", opType, [function](const Node& node, int64_t opset) -> std::unique_ptr<Kernel> {
        validateBlockSize(node, opset);
        return std::make_unique<FunctionKernel>(function, std::max<int64_t>(opset, 13));
    });
}

} // namespace

void registerQuantizeKernels(KernelRegistry& registry) {
    addFunctionKernel(registry, "QuantizeLinear", runQuantize, validateBlockSize);
    addFunctionKernel(registry, "DequantizeLinear", runDequantize, validateBlockSize);
    registerContribKernel(registry, "QuantizeLinear", runQuantize);
    registerContribKernel(registry, "DequantizeLinear", runDequantize);
}

} // namespace qs
