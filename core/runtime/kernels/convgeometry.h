#pragma once
// Window geometry shared by convolution and pooling: kernel, strides, dilations and begin/end pads per spatial
// axis, with ONNX's auto_pad and ceil_mode resolved against a concrete input shape.

#include "model/graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

struct WindowGeometry {
    std::vector<int64_t> kernel;
    std::vector<int64_t> strides;
    std::vector<int64_t> dilations;
    std::vector<int64_t> padsBegin;
    std::vector<int64_t> padsEnd;
    std::string autoPad = "NOTSET";
    bool ceilMode = false;

    /// Reads kernel_shape, strides, dilations, pads, auto_pad and ceil_mode; `kernel` may stay empty (Conv takes it
    /// from the weights). Throws UnsupportedError for unknown auto_pad values.
    static WindowGeometry fromNode(const Node& node);
    /// Fills defaults for `spatialRank` axes and resolves auto_pad for `inputSpatial`; throws qs::Error naming
    /// `node` when sizes disagree.
    void resolve(const Node& node, const std::vector<int64_t>& inputSpatial);
    /// Output size of each spatial axis (after resolve()).
    std::vector<int64_t> outputSpatial(const std::vector<int64_t>& inputSpatial) const;
};

} // namespace qs
