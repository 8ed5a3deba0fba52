#pragma once
// The frame the oneDNN convolution kernels (Conv, ConvTranspose) share: checking X, W and the optional bias,
// one primitive per input shape, weights reordered once per content, and running the primitive.

#include "runtime/kernel.h"
#include "runtime/kernels/dnnlsupport.h"
#include "runtime/nodeattributes.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace qs {

/// Base of a kernel running the oneDNN primitive `Forward` (convolution_forward, deconvolution_forward) on
/// float32 inputs X, W and an optional bias. Subclasses check the channels and describe the primitive.
template <typename Forward> class ConvKernelBase : public Kernel {
public:
    bool acceptsLayouts(const std::vector<const RuntimeTensor*>&) const override { return true; }

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) final {
        const Node& node = *context.node;
        if (inputs.size() < 2 || !inputs[0] || !inputs[1])
            failNode(node, "expects input X and weights W");
        const RuntimeTensor& x = *inputs[0];
        const RuntimeTensor& w = *inputs[1];
        const RuntimeTensor* bias = inputs.size() > 2 ? inputs[2] : nullptr;
        checkShapes(node, x, w, bias);
        try {
            Prepared& prepared = prepare(node, x.dims(), w.dims(), bias != nullptr);
            outputs[0] =
                allocateFor(prepared.primitiveDesc.dst_desc(), DataType::Float, prepared.outputDims, context);
            execute(prepared, x, w, bias, outputs[0]);
        } catch (const dnnl::error& error) {
            rethrowDnnl(error, nodeLabel(node));
        }
    }

protected:
    /// The primitive described for one input shape, with the output dims it produces.
    struct Plan {
        std::vector<int64_t> outputDims;
        typename Forward::primitive_desc primitiveDesc;
    };

    /// Throws qs::Error naming `node` when the channels of X, W and the bias disagree (types and ranks are
    /// already checked).
    virtual void checkChannels(const Node& node, const RuntimeTensor& x, const RuntimeTensor& w,
                               const RuntimeTensor* bias) const = 0;
    /// Describes the primitive for X of `xDims` and W of `wDims`; throws qs::Error naming `node` for bad
    /// geometry.
    virtual Plan plan(const Node& node, const std::vector<int64_t>& xDims, const std::vector<int64_t>& wDims,
                      bool hasBias) = 0;
    /// A new memory of `desc` (the primitive's weights layout) holding a copy of `w`.
    virtual dnnl::memory reorderWeights(const RuntimeTensor& w, const dnnl::memory::desc& desc) const = 0;

private:
    struct Prepared {
        std::vector<int64_t> outputDims;
        typename Forward::primitive_desc primitiveDesc;
        Forward primitive;
        dnnl::memory weights;
        uint64_t weightsContentId = 0;
    };

    void checkShapes(const Node& node, const RuntimeTensor& x, const RuntimeTensor& w,
                     const RuntimeTensor* bias) const {
        if (x.type() != DataType::Float || w.type() != DataType::Float ||
            (bias && bias->type() != DataType::Float))
            failNode(node, "supports float32 only, got " + x.describe() + " and " + w.describe());
        if (x.rank() < 3 || x.rank() > 5 || w.rank() != x.rank())
            failNode(node, "expects X and W of rank 3 to 5, got " + x.describe() + " and " + w.describe());
        checkChannels(node, x, w, bias);
    }

    Prepared& prepare(const Node& node, const std::vector<int64_t>& xDims, const std::vector<int64_t>& wDims,
                      bool hasBias) {
        std::vector<int64_t> key = xDims;
        key.insert(key.end(), wDims.begin(), wDims.end());
        key.push_back(hasBias);
        auto found = cache_.find(key);
        if (found != cache_.end())
            return found->second;
        Plan described = plan(node, xDims, wDims, hasBias);
        Prepared prepared{std::move(described.outputDims), std::move(described.primitiveDesc), {}, {}, 0};
        prepared.primitive = Forward(prepared.primitiveDesc);
        return cache_.emplace(key, std::move(prepared)).first->second;
    }

    void execute(Prepared& prepared, const RuntimeTensor& x, const RuntimeTensor& w,
                 const RuntimeTensor* bias, RuntimeTensor& y) {
        if (!prepared.weights || w.contentId() == 0 || w.contentId() != prepared.weightsContentId) {
            prepared.weights = reorderWeights(w, prepared.primitiveDesc.weights_desc());
            prepared.weightsContentId = w.contentId();
        }
        dnnl::memory src = toLayout(x, prepared.primitiveDesc.src_desc());
        dnnl::memory dst(storedDesc(y), cpuEngine(), y.raw());
        std::unordered_map<int, dnnl::memory> arguments = {
            {DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, prepared.weights}, {DNNL_ARG_DST, dst}};
        if (bias)
            arguments[DNNL_ARG_BIAS] =
                dnnl::memory(prepared.primitiveDesc.bias_desc(), cpuEngine(), const_cast<void*>(bias->raw()));
        executePrimitive(prepared.primitive, arguments);
    }

    std::map<std::vector<int64_t>, Prepared> cache_;
};

} // namespace qs
