// Softmax / LogSoftmax (2-D coercion before opset 13, single axis after), BatchNormalization (inference),
// LayerNormalization and InstanceNormalization in plain loops.

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <cmath>

namespace qs {

namespace {

const RuntimeTensor& floatInput(const Node& node, const KernelInputs& inputs, size_t index) {
    const RuntimeTensor& tensor = requireInput(node, inputs, index);
    if (tensor.type() != DataType::Float)
        failNode(node, "supports float32 only, got " + tensor.describe());
    return tensor;
}

void softmax(const Node& node, int64_t opset, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context, bool logarithm) {
    const RuntimeTensor& x = floatInput(node, inputs, 0);
    int64_t rank = std::max<int64_t>(x.rank(), 1);
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", opset < 13 ? 1 : -1), rank);
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= x.dims()[d];
    int64_t length = 1;
    int64_t inner = 1;
    if (opset < 13) {
        length = outer ? x.elementCount() / outer : 0;
    } else {
        length = x.rank() ? x.dims()[axis] : 1;
        for (int64_t d = axis + 1; d < x.rank(); ++d)
            inner *= x.dims()[d];
    }
    outputs[0] = context.allocate(DataType::Float, x.dims());
    const float* in = x.data<float>();
    float* out = outputs[0].data<float>();
#pragma omp parallel for if (x.elementCount() > (1 << 15)) schedule(static)
    for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
            const float* row = in + o * length * inner + i;
            float* target = out + o * length * inner + i;
            float maximum = -INFINITY;
            for (int64_t k = 0; k < length; ++k)
                maximum = std::max(maximum, row[k * inner]);
            float sum = 0.0f;
            for (int64_t k = 0; k < length; ++k) {
                float e = std::exp(row[k * inner] - maximum);
                target[k * inner] = e;
                sum += e;
            }
            if (logarithm) {
                float logSum = std::log(sum);
                for (int64_t k = 0; k < length; ++k)
                    target[k * inner] = row[k * inner] - maximum - logSum;
            } else {
                float scale = 1.0f / sum;
                for (int64_t k = 0; k < length; ++k)
                    target[k * inner] *= scale;
            }
        }
    }
}

void runSoftmax(const Node& node, int64_t opset, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                KernelContext& context) {
    softmax(node, opset, inputs, outputs, context, false);
}

void runLogSoftmax(const Node& node, int64_t opset, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                   KernelContext& context) {
    softmax(node, opset, inputs, outputs, context, true);
}

void validateBatchNorm(const Node& node, int64_t) {
    if (attrInt(node, "training_mode", 0) != 0)
        unsupportedNode(node, "training_mode=1 is not supported");
    for (size_t o = 1; o < node.outputs.size(); ++o)
        if (!node.outputs[o].empty())
            unsupportedNode(node, "running mean/variance outputs (training) are not supported");
}

void runBatchNorm(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                  KernelContext& context) {
    const RuntimeTensor& x = floatInput(node, inputs, 0);
    const float* scale = floatInput(node, inputs, 1).data<float>();
    const float* bias = floatInput(node, inputs, 2).data<float>();
    const float* mean = floatInput(node, inputs, 3).data<float>();
    const float* variance = floatInput(node, inputs, 4).data<float>();
    float epsilon = attrFloat(node, "epsilon", 1e-5f);
    if (x.rank() < 2)
        failNode(node, "input " + x.describe() + " needs a channel axis");
    int64_t channels = x.dims()[1];
    for (size_t i = 1; i < 5; ++i)
        if (inputs[i]->elementCount() != channels)
            failNode(node, "parameter " + inputs[i]->describe() + " does not match " + std::to_string(channels) +
                               " channels");
    int64_t batch = x.dims()[0];
    int64_t planeCount = batch * channels;
    int64_t planeSize = planeCount > 0 ? x.elementCount() / planeCount : 0;
    outputs[0] = context.allocate(DataType::Float, x.dims());
    const float* in = x.data<float>();
    float* out = outputs[0].data<float>();
#pragma omp parallel for if (x.elementCount() > (1 << 15)) schedule(static)
    for (int64_t p = 0; p < batch * channels; ++p) {
        int64_t c = p % channels;
        float multiplier = scale[c] / std::sqrt(variance[c] + epsilon);
        float shift = bias[c] - mean[c] * multiplier;
        for (int64_t i = 0; i < planeSize; ++i)
            out[p * planeSize + i] = in[p * planeSize + i] * multiplier + shift;
    }
}

void runInstanceNorm(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                     KernelContext& context) {
    const RuntimeTensor& x = floatInput(node, inputs, 0);
    const float* scale = floatInput(node, inputs, 1).data<float>();
    const float* bias = floatInput(node, inputs, 2).data<float>();
    float epsilon = attrFloat(node, "epsilon", 1e-5f);
    if (x.rank() < 3 || inputs[1]->elementCount() != x.dims()[1] || inputs[2]->elementCount() != x.dims()[1])
        failNode(node, "scale and B must match the channels of " + x.describe());
    int64_t channels = x.dims()[1];
    int64_t planes = x.dims()[0] * channels;
    int64_t planeSize = planes ? x.elementCount() / planes : 0;
    outputs[0] = context.allocate(DataType::Float, x.dims());
    for (int64_t p = 0; p < planes; ++p) {
        const float* in = x.data<float>() + p * planeSize;
        float* out = outputs[0].data<float>() + p * planeSize;
        double sum = 0.0;
        for (int64_t i = 0; i < planeSize; ++i)
            sum += in[i];
        double mean = sum / static_cast<double>(planeSize);
        double squares = 0.0;
        for (int64_t i = 0; i < planeSize; ++i)
            squares += (in[i] - mean) * (in[i] - mean);
        float inverse = static_cast<float>(1.0 / std::sqrt(squares / static_cast<double>(planeSize) + epsilon));
        int64_t c = p % channels;
        for (int64_t i = 0; i < planeSize; ++i)
            out[i] = (in[i] - static_cast<float>(mean)) * inverse * scale[c] + bias[c];
    }
}

void runLayerNorm(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                  KernelContext& context) {
    const RuntimeTensor& x = floatInput(node, inputs, 0);
    const RuntimeTensor& scale = floatInput(node, inputs, 1);
    const RuntimeTensor* bias = optionalInput(inputs, 2);
    int64_t axis = normalizeAxis(node, attrInt(node, "axis", -1), x.rank());
    float epsilon = attrFloat(node, "epsilon", 1e-5f);
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= x.dims()[d];
    int64_t length = outer ? x.elementCount() / outer : 0;
    if (scale.elementCount() != length || (bias && bias->elementCount() != length))
        failNode(node, "scale/bias must have " + std::to_string(length) + " elements (only full-size supported)");
    std::vector<int64_t> statDims = x.dims();
    for (int64_t d = axis; d < x.rank(); ++d)
        statDims[d] = 1;
    outputs[0] = context.allocate(DataType::Float, x.dims());
    RuntimeTensor meanOut = context.allocate(DataType::Float, statDims);
    RuntimeTensor inverseOut = context.allocate(DataType::Float, statDims);
#pragma omp parallel for if (x.elementCount() > (1 << 15)) schedule(static)
    for (int64_t o = 0; o < outer; ++o) {
        const float* in = x.data<float>() + o * length;
        float* out = outputs[0].data<float>() + o * length;
        double sum = 0.0;
        for (int64_t i = 0; i < length; ++i)
            sum += in[i];
        float mean = static_cast<float>(sum / static_cast<double>(length));
        double squares = 0.0;
        for (int64_t i = 0; i < length; ++i)
            squares += (in[i] - mean) * (in[i] - mean);
        float inverse = static_cast<float>(1.0 / std::sqrt(squares / static_cast<double>(length) + epsilon));
        for (int64_t i = 0; i < length; ++i)
            out[i] = (in[i] - mean) * inverse * scale.data<float>()[i] + (bias ? bias->data<float>()[i] : 0.0f);
        meanOut.data<float>()[o] = mean;
        inverseOut.data<float>()[o] = inverse;
    }
    if (outputs.size() > 1)
        outputs[1] = std::move(meanOut);
    if (outputs.size() > 2)
        outputs[2] = std::move(inverseOut);
}

} // namespace

void registerNormalizationKernels(KernelRegistry& registry) {
    addFunctionKernel(registry, "Softmax", runSoftmax);
    addFunctionKernel(registry, "LogSoftmax", runLogSoftmax);
    addFunctionKernel(registry, "BatchNormalization", runBatchNorm, validateBatchNorm);
    addFunctionKernel(registry, "InstanceNormalization", runInstanceNorm);
    addFunctionKernel(registry, "LayerNormalization", runLayerNorm);
}

} // namespace qs
