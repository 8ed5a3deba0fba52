// MaxPool and AveragePool on oneDNN (1-3 spatial axes, strides, dilations, pads, auto_pad, ceil_mode,
// count_include_pad), GlobalAveragePool and GlobalMaxPool in plain loops.

#include "runtime/kernelregistry.h"
#include "runtime/kernels/convgeometry.h"
#include "runtime/kernels/dnnlsupport.h"
#include "runtime/kernels/firstinput.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <limits>
#include <map>

namespace qs {

namespace {

class PoolKernel : public Kernel {
public:
    PoolKernel(const Node& node, bool isMax) : geometry_(WindowGeometry::fromNode(node)), isMax_(isMax) {
        if (geometry_.kernel.empty())
            failNode(node, "kernel_shape is required");
        includePad_ = attrInt(node, "count_include_pad", 0) != 0;
        if (node.outputs.size() > 1 && !node.outputs[1].empty())
            unsupportedNode(node, "the Indices output is not supported");
        if (isMax && attrInt(node, "storage_order", 0) != 0)
            unsupportedNode(node, "storage_order=1 is not supported");
    }

    bool acceptsLayouts(const std::vector<const RuntimeTensor*>&) const override { return true; }

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        const RuntimeTensor& x = firstInput(node, inputs);
        bool integer = x.type() == DataType::UInt8 || x.type() == DataType::Int8;
        if (x.type() != DataType::Float && !(isMax_ && integer))
            failNode(node, "supports float32 (and 8-bit integers for MaxPool) only, got " + x.describe());
        if (x.rank() != static_cast<int64_t>(geometry_.kernel.size()) + 2 || x.rank() > 5)
            failNode(node, "input " + x.describe() + " does not match kernel_shape");
        try {
            Prepared& prepared = prepare(node, x);
            outputs[0] = allocateFor(prepared.primitiveDesc.dst_desc(), x.type(), prepared.outputDims, context);
            dnnl::memory src = toLayout(x, prepared.primitiveDesc.src_desc());
            dnnl::memory dst(storedDesc(outputs[0]), cpuEngine(), outputs[0].raw());
            executePrimitive(prepared.primitive, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
        } catch (const dnnl::error& error) {
            rethrowDnnl(error, nodeLabel(node));
        }
    }

private:
    struct Prepared {
        std::vector<int64_t> outputDims;
        dnnl::pooling_v2_forward::primitive_desc primitiveDesc;
        dnnl::pooling_v2_forward primitive;
    };

    Prepared& prepare(const Node& node, const RuntimeTensor& x) {
        const std::vector<int64_t>& xDims = x.dims();
        DataType type = x.type();
        std::vector<int64_t> key = xDims;
        key.push_back(static_cast<int64_t>(type));
        dnnl::memory::desc srcMd = storedDesc(x);
        auto found = cache_.find(key);
        if (found != cache_.end() && found->second.primitiveDesc.src_desc() == srcMd)
            return found->second;
        if (found != cache_.end())
            cache_.erase(found);
        WindowGeometry geometry = geometry_;
        std::vector<int64_t> spatial(xDims.begin() + 2, xDims.end());
        geometry.resolve(node, spatial);
        std::vector<int64_t> outSpatial = geometry.outputSpatial(spatial);
        std::vector<int64_t> outputDims = {xDims[0], xDims[1]};
        outputDims.insert(outputDims.end(), outSpatial.begin(), outSpatial.end());
        for (int64_t dim : outSpatial)
            if (dim <= 0)
                failNode(node, "output would be empty for input " + dimsToString(xDims));
        dnnl::memory::dims padR;
        dnnl::memory::dims dilations;
        for (size_t d = 0; d < spatial.size(); ++d) {
            padR.push_back((outSpatial[d] - 1) * geometry.strides[d] + (geometry.kernel[d] - 1) * geometry.dilations[d] +
                           1 - spatial[d] - geometry.padsBegin[d]);
            dilations.push_back(geometry.dilations[d] - 1);
        }
        using tag = dnnl::memory::format_tag;
        dnnl::memory::desc dstMd(dnnl::memory::dims(outputDims.begin(), outputDims.end()), dnnlType(type), tag::any);
        dnnl::algorithm algorithm = isMax_ ? dnnl::algorithm::pooling_max
                                           : (includePad_ ? dnnl::algorithm::pooling_avg_include_padding
                                                          : dnnl::algorithm::pooling_avg_exclude_padding);
        if (!isMax_ && includePad_ && padR != dnnl::memory::dims(geometry.padsEnd.begin(), geometry.padsEnd.end()))
            unsupportedNode(node, "count_include_pad with ceil_mode padding beyond the declared pads");
        dnnl::pooling_v2_forward::desc desc(
            dnnl::prop_kind::forward_inference, algorithm, srcMd, dstMd,
            dnnl::memory::dims(geometry.strides.begin(), geometry.strides.end()),
            dnnl::memory::dims(geometry.kernel.begin(), geometry.kernel.end()), dilations,
            dnnl::memory::dims(geometry.padsBegin.begin(), geometry.padsBegin.end()), padR);
        Prepared prepared{outputDims, dnnl::pooling_v2_forward::primitive_desc(desc, cpuEngine()), {}};
        prepared.primitive = dnnl::pooling_v2_forward(prepared.primitiveDesc);
        return cache_.emplace(key, std::move(prepared)).first->second;
    }

    WindowGeometry geometry_;
    bool isMax_;
    bool includePad_ = false;
    std::map<std::vector<int64_t>, Prepared> cache_;
};

/// Sum of `count` floats with independent partial sums, so that the compiler can vectorise the loop.
float planeSum(const float* values, int64_t count) {
    constexpr int kLanes = 8;
    float partial[kLanes] = {};
    int64_t i = 0;
    for (; i + kLanes <= count; i += kLanes)
        for (int lane = 0; lane < kLanes; ++lane)
            partial[lane] += values[i + lane];
    float sum = 0.0f;
    for (; i < count; ++i)
        sum += values[i];
    for (float value : partial)
        sum += value;
    return sum;
}

class GlobalPoolKernel : public Kernel {
public:
    explicit GlobalPoolKernel(bool isMax) : isMax_(isMax) {}

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        const RuntimeTensor& x = firstInput(node, inputs);
        if (x.type() != DataType::Float || x.rank() < 2)
            failNode(node, "expects a float32 tensor of rank >= 2, got " + x.describe());
        std::vector<int64_t> outDims(x.dims().size(), 1);
        outDims[0] = x.dims()[0];
        outDims[1] = x.dims()[1];
        outputs[0] = context.allocate(DataType::Float, outDims);
        int64_t planes = outDims[0] * outDims[1];
        int64_t planeSize = planes ? x.elementCount() / planes : 0;
        const float* in = x.data<float>();
        float* out = outputs[0].data<float>();
        bool isMax = isMax_;
#pragma omp parallel for if (planes * planeSize > (1 << 15)) schedule(static)
        for (int64_t p = 0; p < planes; ++p) {
            const float* plane = in + p * planeSize;
            if (isMax) {
                float best = -std::numeric_limits<float>::infinity();
                for (int64_t i = 0; i < planeSize; ++i)
                    best = std::max(best, plane[i]);
                out[p] = best;
            } else {
                out[p] = planeSize ? planeSum(plane, planeSize) / static_cast<float>(planeSize) : 0.0f;
            }
        }
    }

private:
    bool isMax_;
};

} // namespace

void registerPoolKernels(KernelRegistry& registry) {
    registry.add("MaxPool", [](const Node& node, int64_t) { return std::make_unique<PoolKernel>(node, true); });
    registry.add("AveragePool", [](const Node& node, int64_t) { return std::make_unique<PoolKernel>(node, false); });
    registry.add("GlobalAveragePool", [](const Node&, int64_t) { return std::make_unique<GlobalPoolKernel>(false); });
    registry.add("GlobalMaxPool", [](const Node&, int64_t) { return std::make_unique<GlobalPoolKernel>(true); });
}

} // namespace qs
