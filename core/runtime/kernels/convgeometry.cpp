#include "runtime/kernels/convgeometry.h"

#include "runtime/kernel.h"
#include "runtime/nodeattributes.h"

namespace qs {

WindowGeometry WindowGeometry::fromNode(const Node& node) {
    WindowGeometry geometry;
    geometry.kernel = attrInts(node, "kernel_shape");
    geometry.strides = attrInts(node, "strides");
    geometry.dilations = attrInts(node, "dilations");
    std::vector<int64_t> pads = attrInts(node, "pads");
    if (pads.size() % 2 != 0)
        failNode(node, "pads must hold a begin and an end value per axis");
    geometry.padsBegin.assign(pads.begin(), pads.begin() + pads.size() / 2);
    geometry.padsEnd.assign(pads.begin() + pads.size() / 2, pads.end());
    geometry.autoPad = attrString(node, "auto_pad", "NOTSET");
    if (geometry.autoPad != "NOTSET" && geometry.autoPad != "VALID" && geometry.autoPad != "SAME_UPPER" &&
        geometry.autoPad != "SAME_LOWER")
        unsupportedNode(node, "auto_pad '" + geometry.autoPad + "'");
    geometry.ceilMode = attrInt(node, "ceil_mode", 0) != 0;
    return geometry;
}

static void fillDefault(std::vector<int64_t>& values, size_t rank, int64_t value, const Node& node,
                        const char* name) {
    if (values.empty())
        values.assign(rank, value);
    if (values.size() != rank)
        failNode(node, std::string(name) + " has " + std::to_string(values.size()) + " values for " +
                           std::to_string(rank) + " spatial axes");
}

void WindowGeometry::resolve(const Node& node, const std::vector<int64_t>& inputSpatial) {
    size_t rank = inputSpatial.size();
    fillDefault(kernel, rank, 1, node, "kernel_shape");
    fillDefault(strides, rank, 1, node, "strides");
    fillDefault(dilations, rank, 1, node, "dilations");
    if (autoPad == "NOTSET") {
        fillDefault(padsBegin, rank, 0, node, "pads");
        fillDefault(padsEnd, rank, 0, node, "pads");
    } else {
        padsBegin.assign(rank, 0);
        padsEnd.assign(rank, 0);
    }
    for (size_t d = 0; d < rank; ++d) {
        if (strides[d] <= 0 || dilations[d] <= 0 || kernel[d] <= 0)
            failNode(node, "kernel, strides and dilations must be positive");
        if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER")
            continue;
        int64_t extent = (kernel[d] - 1) * dilations[d] + 1;
        int64_t output = (inputSpatial[d] + strides[d] - 1) / strides[d];
        int64_t total = std::max<int64_t>(0, (output - 1) * strides[d] + extent - inputSpatial[d]);
        padsBegin[d] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
        padsEnd[d] = total - padsBegin[d];
    }
}

std::vector<int64_t> WindowGeometry::outputSpatial(const std::vector<int64_t>& inputSpatial) const {
    std::vector<int64_t> output(inputSpatial.size(), 0);
    for (size_t d = 0; d < inputSpatial.size(); ++d) {
        int64_t extent = (kernel[d] - 1) * dilations[d] + 1;
        int64_t span = inputSpatial[d] + padsBegin[d] + padsEnd[d] - extent;
        if (span < 0)
            return std::vector<int64_t>(inputSpatial.size(), 0);
        int64_t steps = ceilMode ? (span + strides[d] - 1) / strides[d] : span / strides[d];
        if (ceilMode && steps * strides[d] >= inputSpatial[d] + padsBegin[d])
            --steps;
        output[d] = steps + 1;
    }
    return output;
}

} // namespace qs
