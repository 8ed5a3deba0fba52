// LRN: local response normalization across channels of an [N, C, ...] float32 tensor, in plain loops.

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <cmath>

namespace qs {

namespace {

void validateLrn(const Node& node, int64_t) {
    if (attrInt(node, "size", 0) < 1)
        failNode(node, "size must be a positive integer");
}

void runLrn(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
            KernelContext& context) {
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    if (x.type() != DataType::Float || x.rank() < 2)
        failNode(node, "expects float32 [N, C, ...], got " + x.describe());
    int64_t size = attrInt(node, "size", 1);
    double alpha = attrFloat(node, "alpha", 0.0001f);
    double beta = attrFloat(node, "beta", 0.75f);
    double bias = attrFloat(node, "bias", 1.0f);
    int64_t below = (size - 1) / 2;
    int64_t above = size - 1 - below;
    int64_t batch = x.dims()[0];
    int64_t channels = x.dims()[1];
    int64_t inner = channels == 0 || batch == 0 ? 0 : x.elementCount() / (batch * channels);
    RuntimeTensor output = context.allocate(DataType::Float, x.dims());
    const float* source = x.data<float>();
    float* target = output.data<float>();
    for (int64_t n = 0; n < batch; ++n)
        for (int64_t c = 0; c < channels; ++c)
            for (int64_t i = 0; i < inner; ++i) {
                double squares = 0.0;
                for (int64_t k = std::max<int64_t>(0, c - below); k <= std::min(channels - 1, c + above); ++k) {
                    double value = source[(n * channels + k) * inner + i];
                    squares += value * value;
                }
                int64_t offset = (n * channels + c) * inner + i;
                double scale = std::pow(bias + alpha / static_cast<double>(size) * squares, beta);
                target[offset] = static_cast<float>(source[offset] / scale);
            }
    outputs[0] = std::move(output);
}

} // namespace

void registerLrnKernels(KernelRegistry& registry) { addFunctionKernel(registry, "LRN", runLrn, validateLrn); }

} // namespace qs
