// Conv on oneDNN: 1-3 spatial axes, groups (depthwise included), dilations, strides, asymmetric pads, auto_pad,
// optional bias and a fused activation (SiLU included). One primitive per input shape, weights reordered once per content.

#include "runtime/kernelregistry.h"
#include "runtime/kernels/convgeometry.h"
#include "runtime/kernels/convkernelbase.h"
#include "runtime/kernels/dnnlsupport.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/kernels/postop.h"
#include "runtime/nodeattributes.h"

namespace qs {

namespace {

class ConvKernel : public ConvKernelBase<dnnl::convolution_forward> {
public:
    explicit ConvKernel(const Node& node)
        : geometry_(WindowGeometry::fromNode(node)), group_(attrInt(node, "group", 1)) {
        if (group_ < 1)
            failNode(node, "group must be positive");
    }

    /// Besides the usual activations takes "Swish" (x * sigmoid(x), offered by the executor for a SiLU pair).
    bool fuseActivation(const Node& activation, const ConstantLookup& constants) override {
        if (activation.opType != "Swish")
            return !swish_ && postOp_.set(activation, constants);
        if (swish_ || postOp_.isSet())
            return false;
        swish_ = true;
        return true;
    }

private:
    void checkChannels(const Node& node, const RuntimeTensor& x, const RuntimeTensor& w,
                       const RuntimeTensor* bias) const override {
        if (x.dims()[1] != w.dims()[1] * group_ || w.dims()[0] % group_ != 0)
            failNode(node, "channels of X " + x.describe() + " do not match W " + w.describe() + " with group " +
                               std::to_string(group_));
        if (bias && (bias->rank() != 1 || bias->dims()[0] != w.dims()[0]))
            failNode(node, "bias " + bias->describe() + " does not match W " + w.describe());
    }

    Plan plan(const Node& node, const std::vector<int64_t>& xDims, const std::vector<int64_t>& wDims,
              bool hasBias) override {
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
        return {outputDims, dnnl::convolution_forward::primitive_desc(desc, attributes, cpuEngine())};
    }

    dnnl::memory::dims groupedWeightDims(const std::vector<int64_t>& wDims) const {
        if (group_ == 1)
            return dnnl::memory::dims(wDims.begin(), wDims.end());
        dnnl::memory::dims dims = {group_, wDims[0] / group_};
        dims.insert(dims.end(), wDims.begin() + 1, wDims.end());
        return dims;
    }

    dnnl::memory reorderWeights(const RuntimeTensor& w, const dnnl::memory::desc& desc) const override {
        dnnl::memory::dims grouped = groupedWeightDims(w.dims());
        RuntimeTensor groupedView = w.reshaped(std::vector<int64_t>(grouped.begin(), grouped.end()));
        return copyToLayout(groupedView, desc);
    }

    WindowGeometry geometry_;
    int64_t group_ = 1;
    PostOp postOp_;
    bool swish_ = false; ///< x * sigmoid(x) applied as a post-op
};

} // namespace

void registerConvKernels(KernelRegistry& registry) {
    registry.add("Conv", [](const Node& node, int64_t) { return std::make_unique<ConvKernel>(node); });
}

} // namespace qs
