// ConvTranspose on oneDNN deconvolution: 1-3 spatial axes, groups, strides, dilations, pads, output_padding,
// output_shape and auto_pad, optional bias and a fused activation. One primitive per input shape; weights (stored
// by ONNX as [Cin, Cout/group, k...]) reordered once per content.

#include "runtime/kernelregistry.h"
#include "runtime/kernels/convkernelbase.h"
#include "runtime/kernels/dnnlsupport.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/kernels/postop.h"
#include "runtime/nodeattributes.h"

#include <cstring>

namespace qs {

namespace {

/// Resolved geometry of one ConvTranspose call.
struct DeconvGeometry {
    std::vector<int64_t> outputSpatial;
    std::vector<int64_t> padsBegin;
    std::vector<int64_t> padsEnd;  ///< may be negative when output_padding adds rows no input reaches
};

class ConvTransposeKernel : public ConvKernelBase<dnnl::deconvolution_forward> {
public:
    explicit ConvTransposeKernel(const Node& node)
        : kernelShape_(attrInts(node, "kernel_shape")), strides_(attrInts(node, "strides")),
          dilations_(attrInts(node, "dilations")), pads_(attrInts(node, "pads")),
          outputPadding_(attrInts(node, "output_padding")), outputShape_(attrInts(node, "output_shape")),
          autoPad_(attrString(node, "auto_pad", "NOTSET")), group_(attrInt(node, "group", 1)) {
        if (group_ < 1)
            failNode(node, "group must be positive");
        if (autoPad_ != "NOTSET" && autoPad_ != "VALID" && autoPad_ != "SAME_UPPER" && autoPad_ != "SAME_LOWER")
            unsupportedNode(node, "auto_pad '" + autoPad_ + "'");
        if (pads_.size() % 2 != 0)
            failNode(node, "pads must hold a begin and an end value per axis");
    }

    bool fuseActivation(const Node& activation, const ConstantLookup& constants) override {
        return postOp_.set(activation, constants);
    }

private:
    void checkChannels(const Node& node, const RuntimeTensor& x, const RuntimeTensor& w,
                       const RuntimeTensor* bias) const override {
        if (x.dims()[1] != w.dims()[0] || w.dims()[0] % group_ != 0)
            failNode(node, "channels of X " + x.describe() + " do not match W " + w.describe() + " with group " +
                               std::to_string(group_));
        if (bias && (bias->rank() != 1 || bias->dims()[0] != w.dims()[1] * group_))
            failNode(node, "bias " + bias->describe() + " does not match W " + w.describe());
    }

    static std::vector<int64_t> orDefault(const std::vector<int64_t>& values, size_t rank, int64_t fallback,
                                          const Node& node, const char* name) {
        if (values.empty())
            return std::vector<int64_t>(rank, fallback);
        if (values.size() != rank)
            failNode(node, std::string(name) + " has " + std::to_string(values.size()) + " values for " +
                               std::to_string(rank) + " spatial axes");
        return values;
    }

    DeconvGeometry resolve(const Node& node, const std::vector<int64_t>& spatial,
                           const std::vector<int64_t>& kernel) const {
        size_t rank = spatial.size();
        std::vector<int64_t> strides = orDefault(strides_, rank, 1, node, "strides");
        std::vector<int64_t> dilations = orDefault(dilations_, rank, 1, node, "dilations");
        std::vector<int64_t> outputPadding = orDefault(outputPadding_, rank, 0, node, "output_padding");
        std::vector<int64_t> pads = orDefault(pads_, rank * 2, 0, node, "pads");
        std::vector<int64_t> requested = outputShape_;
        if (requested.size() == rank + 2)
            requested.erase(requested.begin(), requested.begin() + 2);
        if (!requested.empty() && requested.size() != rank)
            failNode(node, "output_shape " + dimsToString(outputShape_) + " does not match the input rank");
        bool samePads = autoPad_ == "SAME_UPPER" || autoPad_ == "SAME_LOWER";
        if (requested.empty() && samePads)
            for (size_t d = 0; d < rank; ++d)
                requested.push_back(spatial[d] * strides[d]);

        DeconvGeometry geometry;
        for (size_t d = 0; d < rank; ++d) {
            if (strides[d] <= 0 || dilations[d] <= 0 || kernel[d] <= 0 || outputPadding[d] < 0)
                failNode(node, "kernel, strides and dilations must be positive");
            int64_t full = strides[d] * (spatial[d] - 1) + outputPadding[d] + (kernel[d] - 1) * dilations[d] + 1;
            int64_t begin = 0;
            int64_t end = 0;
            if (!requested.empty()) {
                // A negative total (output_shape beyond the full output) extends the end like output_padding.
                int64_t total = full - requested[d];
                int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
                begin = autoPad_ == "SAME_UPPER" ? half : total - half;
                end = total - begin;
                if (begin < 0)
                    failNode(node, "output_shape " + dimsToString(requested) + " would need negative begin padding");
            } else if (autoPad_ == "NOTSET") {
                begin = pads[d];
                end = pads[rank + d];
            }
            geometry.padsBegin.push_back(begin);
            // oneDNN knows no output_padding: it becomes a smaller (possibly negative) end pad.
            geometry.padsEnd.push_back(end - outputPadding[d]);
            geometry.outputSpatial.push_back(full - begin - end);
            if (geometry.outputSpatial.back() <= 0)
                failNode(node, "output would be empty for input spatial dims " + dimsToString(spatial));
        }
        return geometry;
    }

    Plan plan(const Node& node, const std::vector<int64_t>& xDims, const std::vector<int64_t>& wDims,
              bool hasBias) override {
        std::vector<int64_t> spatial(xDims.begin() + 2, xDims.end());
        std::vector<int64_t> kernel(wDims.begin() + 2, wDims.end());
        if (!kernelShape_.empty() && kernelShape_ != kernel)
            failNode(node, "kernel_shape disagrees with the weights' spatial dims");
        DeconvGeometry geometry = resolve(node, spatial, kernel);
        int64_t outChannels = wDims[1] * group_;
        std::vector<int64_t> outputDims = {xDims[0], outChannels};
        outputDims.insert(outputDims.end(), geometry.outputSpatial.begin(), geometry.outputSpatial.end());

        using tag = dnnl::memory::format_tag;
        using dt = dnnl::memory::data_type;
        std::vector<int64_t> strides = orDefault(strides_, spatial.size(), 1, node, "strides");
        std::vector<int64_t> dilationValues = orDefault(dilations_, spatial.size(), 1, node, "dilations");
        dnnl::memory::dims dnnlStrides(strides.begin(), strides.end());
        dnnl::memory::dims dilations;
        for (int64_t d : dilationValues)
            dilations.push_back(d - 1);
        dnnl::memory::dims padL(geometry.padsBegin.begin(), geometry.padsBegin.end());
        dnnl::memory::dims padR(geometry.padsEnd.begin(), geometry.padsEnd.end());
        dnnl::memory::desc srcMd(dnnl::memory::dims(xDims.begin(), xDims.end()), dt::f32, tag::any);
        dnnl::memory::desc dstMd(dnnl::memory::dims(outputDims.begin(), outputDims.end()), dt::f32, tag::any);
        dnnl::memory::desc weightsMd(logicalWeightDims(wDims), dt::f32, tag::any);
        dnnl::memory::desc biasMd({outChannels}, dt::f32, tag::a);
        auto algorithm = dnnl::algorithm::deconvolution_direct;
        auto prop = dnnl::prop_kind::forward_inference;
        auto desc = hasBias ? dnnl::deconvolution_forward::desc(prop, algorithm, srcMd, weightsMd, biasMd, dstMd,
                                                                dnnlStrides, dilations, padL, padR)
                            : dnnl::deconvolution_forward::desc(prop, algorithm, srcMd, weightsMd, dstMd, dnnlStrides,
                                                                dilations, padL, padR);
        return {outputDims,
                dnnl::deconvolution_forward::primitive_desc(desc, postOp_.attributes(), cpuEngine())};
    }

    /// oneDNN's logical weight dims: [Cout, Cin, k...] or [group, Cout/group, Cin/group, k...].
    dnnl::memory::dims logicalWeightDims(const std::vector<int64_t>& wDims) const {
        dnnl::memory::dims dims;
        if (group_ == 1) {
            dims = {wDims[1], wDims[0]};
        } else {
            dims = {group_, wDims[1], wDims[0] / group_};
        }
        dims.insert(dims.end(), wDims.begin() + 2, wDims.end());
        return dims;
    }

    /// The ONNX weights [Cin, Cout/group, k...] described in oneDNN's logical order through strides.
    dnnl::memory::desc onnxWeightDesc(const std::vector<int64_t>& wDims) const {
        int64_t spatialCount = 1;
        for (size_t d = 2; d < wDims.size(); ++d)
            spatialCount *= wDims[d];
        dnnl::memory::dims spatialStrides(wDims.size() - 2, 1);
        for (size_t d = spatialStrides.size(); d-- > 1;)
            spatialStrides[d - 1] = spatialStrides[d] * wDims[d + 2];
        int64_t outStride = spatialCount;
        int64_t inStride = wDims[1] * spatialCount;
        dnnl::memory::dims strides;
        if (group_ == 1)
            strides = {outStride, inStride};
        else
            strides = {inStride * (wDims[0] / group_), outStride, inStride};
        strides.insert(strides.end(), spatialStrides.begin(), spatialStrides.end());
        return dnnl::memory::desc(logicalWeightDims(wDims), dnnl::memory::data_type::f32, strides);
    }

    dnnl::memory reorderWeights(const RuntimeTensor& w, const dnnl::memory::desc& desc) const override {
        RuntimeTensor plainWeights = toPlainLayout(w, nullptr);
        dnnl::memory source(onnxWeightDesc(w.dims()), cpuEngine(), const_cast<void*>(plainWeights.raw()));
        dnnl::memory target(desc, cpuEngine());
        executePrimitive(dnnl::reorder(source, target), {{DNNL_ARG_FROM, source}, {DNNL_ARG_TO, target}});
        return target;
    }

    std::vector<int64_t> kernelShape_;
    std::vector<int64_t> strides_;
    std::vector<int64_t> dilations_;
    std::vector<int64_t> pads_;
    std::vector<int64_t> outputPadding_;
    std::vector<int64_t> outputShape_;
    std::string autoPad_;
    int64_t group_ = 1;
    PostOp postOp_;
};

} // namespace

void registerConvTransposeKernels(KernelRegistry& registry) {
    registry.add("ConvTranspose",
                 [](const Node& node, int64_t) { return std::make_unique<ConvTransposeKernel>(node); });
}

} // namespace qs
