// Conv on oneDNN: 1-3 spatial axes, groups (depthwise included), dilations, strides, asymmetric pads, auto_pad,
// optional bias and a fused activation (SiLU included). One primitive per input shape, weights reordered once per content.

#include "runtime/kernelregistry.h"
#include "runtime/kernels/convgeometry.h"
#include "runtime/kernels/dnnlsupport.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/kernels/postop.h"
#include "runtime/nodeattributes.h"

#include <map>

namespace qs {

namespace {

class ConvKernel : public Kernel {
public:
    explicit ConvKernel(const Node& node)
        : geometry_(WindowGeometry::fromNode(node)), group_(attrInt(node, "group", 1)) {
        if (group_ < 1)
            failNode(node, "group must be positive");
    }

    bool acceptsLayouts(const std::vector<const RuntimeTensor*>&) const override { return true; }

    /// Besides the usual activations takes "Swish" (x * sigmoid(x), offered by the executor for a SiLU pair).
    bool fuseActivation(const Node& activation, const ConstantLookup& constants) override {
        if (activation.opType != "Swish")
            return !swish_ && postOp_.set(activation, constants);
        if (swish_ || postOp_.isSet())
            return false;
        swish_ = true;
        return true;
    }

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        if (inputs.size() < 2 || !inputs[0] || !inputs[1])
            failNode(node, "expects input X and weights W");
        const RuntimeTensor& x = *inputs[0];
        const RuntimeTensor& w = *inputs[1];
        const RuntimeTensor* bias = inputs.size() > 2 ? inputs[2] : nullptr;
        checkShapes(node, x, w, bias);
        try {
            Prepared& prepared = prepare(node, x.dims(), w.dims(), bias != nullptr);
            outputs[0] = allocateFor(prepared.primitiveDesc.dst_desc(), DataType::Float, prepared.outputDims, context);
            execute(prepared, x, w, bias, outputs[0]);
        } catch (const dnnl::error& error) {
            rethrowDnnl(error, nodeLabel(node));
        }
    }

private:
    struct Prepared {
        std::vector<int64_t> outputDims;
        dnnl::convolution_forward::primitive_desc primitiveDesc;
        dnnl::convolution_forward primitive;
        dnnl::memory weights;
        uint64_t weightsContentId = 0;
    };

    void checkShapes(const Node& node, const RuntimeTensor& x, const RuntimeTensor& w, const RuntimeTensor* bias) {
        if (x.type() != DataType::Float || w.type() != DataType::Float || (bias && bias->type() != DataType::Float))
            failNode(node, "supports float32 only, got " + x.describe() + " and " + w.describe());
        if (x.rank() < 3 || x.rank() > 5 || w.rank() != x.rank())
            failNode(node, "expects X and W of rank 3 to 5, got " + x.describe() + " and " + w.describe());
        if (x.dims()[1] != w.dims()[1] * group_ || w.dims()[0] % group_ != 0)
            failNode(node, "channels of X " + x.describe() + " do not match W " + w.describe() + " with group " +
                               std::to_string(group_));
        if (bias && (bias->rank() != 1 || bias->dims()[0] != w.dims()[0]))
            failNode(node, "bias " + bias->describe() + " does not match W " + w.describe());
    }

    Prepared& prepare(const Node& node, const std::vector<int64_t>& xDims, const std::vector<int64_t>& wDims,
                      bool hasBias) {
        std::vector<int64_t> key = xDims;
        key.insert(key.end(), wDims.begin(), wDims.end());
        key.push_back(hasBias);
        auto found = cache_.find(key);
        if (found != cache_.end())
            return found->second;

        WindowGeometry geometry = geometry_;
        std::vector<int64_t> spatial(xDims.begin() + 2, xDims.end());
        std::vector<int64_t> kernel(wDims.begin() + 2, wDims.end());
        if (!geometry.kernel.empty() && geometry.kernel != kernel)
            failNode(node, "kernel_shape disagrees with the weights' spatial dims");
        geometry.kernel = kernel;
        geometry.resolve(node, spatial);
        std::vector<int64_t> outSpatial = geometry.outputSpatial(spatial);
        std::vector<int64_t> outputDims = {xDims[0], wDims[0]};
        outputDims.insert(outputDims.end(), outSpatial.begin(), outSpatial.end());
        for (int64_t dim : outSpatial)
            if (dim <= 0)
                failNode(node, "output would be empty for input " + dimsToString(xDims));

        using tag = dnnl::memory::format_tag;
        using dt = dnnl::memory::data_type;
        dnnl::memory::dims strides(geometry.strides.begin(), geometry.strides.end());
        dnnl::memory::dims dilations;
        for (int64_t d : geometry.dilations)
            dilations.push_back(d - 1);
        dnnl::memory::dims padL(geometry.padsBegin.begin(), geometry.padsBegin.end());
        dnnl::memory::dims padR(geometry.padsEnd.begin(), geometry.padsEnd.end());
        for (size_t d = 0; d < padR.size(); ++d)
            padR[d] = (outSpatial[d] - 1) * geometry.strides[d] + (kernel[d] - 1) * geometry.dilations[d] + 1 -
                      spatial[d] - padL[d];
        dnnl::memory::desc srcMd(dnnl::memory::dims(xDims.begin(), xDims.end()), dt::f32, tag::any);
        dnnl::memory::desc dstMd(dnnl::memory::dims(outputDims.begin(), outputDims.end()), dt::f32, tag::any);
        dnnl::memory::desc weightsMd(groupedWeightDims(wDims), dt::f32, tag::any);
        dnnl::memory::desc biasMd({wDims[0]}, dt::f32, tag::a);
        auto desc = hasBias ? dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference,
                                                              dnnl::algorithm::convolution_direct, srcMd, weightsMd,
                                                              biasMd, dstMd, strides, dilations, padL, padR)
                            : dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference,
                                                              dnnl::algorithm::convolution_direct, srcMd, weightsMd,
                                                              dstMd, strides, dilations, padL, padR);
        dnnl::primitive_attr attributes = postOp_.attributes();
        if (swish_) {
            dnnl::post_ops ops;
            ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_swish, 1.0f, 0.0f);
            attributes.set_post_ops(ops);
        }
        Prepared prepared{outputDims, dnnl::convolution_forward::primitive_desc(desc, attributes, cpuEngine()), {},
                          {}, 0};
        prepared.primitive = dnnl::convolution_forward(prepared.primitiveDesc);
        return cache_.emplace(key, std::move(prepared)).first->second;
    }

    dnnl::memory::dims groupedWeightDims(const std::vector<int64_t>& wDims) const {
        if (group_ == 1)
            return dnnl::memory::dims(wDims.begin(), wDims.end());
        dnnl::memory::dims dims = {group_, wDims[0] / group_};
        dims.insert(dims.end(), wDims.begin() + 1, wDims.end());
        return dims;
    }

    void execute(Prepared& prepared, const RuntimeTensor& x, const RuntimeTensor& w, const RuntimeTensor* bias,
                 RuntimeTensor& y) {
        if (!prepared.weights || w.contentId() == 0 || w.contentId() != prepared.weightsContentId) {
            dnnl::memory::dims grouped = groupedWeightDims(w.dims());
            RuntimeTensor groupedView = w.reshaped(std::vector<int64_t>(grouped.begin(), grouped.end()));
            dnnl::memory reordered = copyToLayout(groupedView, prepared.primitiveDesc.weights_desc());
            prepared.weights = reordered;
            prepared.weightsContentId = w.contentId();
        }
        dnnl::memory src = toLayout(x, prepared.primitiveDesc.src_desc());
        dnnl::memory dst(storedDesc(y), cpuEngine(), y.raw());
        std::unordered_map<int, dnnl::memory> arguments = {
            {DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, prepared.weights}, {DNNL_ARG_DST, dst}};
        if (bias)
            arguments[DNNL_ARG_BIAS] = dnnl::memory(prepared.primitiveDesc.bias_desc(), cpuEngine(),
                                                    const_cast<void*>(bias->raw()));
        executePrimitive(prepared.primitive, arguments);
    }

    WindowGeometry geometry_;
    int64_t group_ = 1;
    PostOp postOp_;
    bool swish_ = false;  ///< x * sigmoid(x) applied as a post-op
    std::map<std::vector<int64_t>, Prepared> cache_;
};

} // namespace

void registerConvKernels(KernelRegistry& registry) {
    registry.add("Conv", [](const Node& node, int64_t) { return std::make_unique<ConvKernel>(node); });
}

} // namespace qs
