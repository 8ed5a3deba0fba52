#pragma once
// A stateless kernel wrapping a plain function, for the many operators that need no cached state. An optional
// validator runs when the kernel is created so unsupported attribute values are reported before running.

#include "runtime/kernel.h"
#include "runtime/kernelregistry.h"

#include <functional>

namespace qs {

using KernelInputs = std::vector<const RuntimeTensor*>;
using KernelFunction = void (*)(const Node& node, int64_t opset, const KernelInputs& inputs,
                                std::vector<RuntimeTensor>& outputs, KernelContext& context);
using KernelValidator = void (*)(const Node& node, int64_t opset);

class FunctionKernel : public Kernel {
public:
    FunctionKernel(KernelFunction function, int64_t opset) : function_(function), opset_(opset) {}
    void run(const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs, KernelContext& context) override {
        function_(*context.node, opset_, inputs, outputs, context);
    }

private:
    KernelFunction function_;
    int64_t opset_;
};

/// Registers `function` for `opType`, running `validator` (if any) at creation.
inline void addFunctionKernel(KernelRegistry& registry, const std::string& opType, KernelFunction function,
                              KernelValidator validator = nullptr) {
    registry.add(opType, [function, validator](const Node& node, int64_t opset) -> std::unique_ptr<Kernel> {
        if (validator)
            validator(node, opset);
        return std::make_unique<FunctionKernel>(function, opset);
    });
}

/// The input at `index`, or a qs::Error naming the node when it is missing.
inline const RuntimeTensor& requireInput(const Node& node, const KernelInputs& inputs, size_t index) {
    if (index >= inputs.size() || !inputs[index])
        failNode(node, "input " + std::to_string(index) + " is required");
    return *inputs[index];
}

/// The input at `index` or nullptr when absent.
inline const RuntimeTensor* optionalInput(const KernelInputs& inputs, size_t index) {
    return index < inputs.size() ? inputs[index] : nullptr;
}

/// Wraps a possibly negative `axis` into [0, rank); qs::Error naming the node when out of range.
inline int64_t normalizeAxis(const Node& node, int64_t axis, int64_t rank) {
    if (axis < -rank || axis >= rank)
        failNode(node, "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
    return axis < 0 ? axis + rank : axis;
}

} // namespace qs
