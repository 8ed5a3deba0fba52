#include "runtime/kernels/broadcast.h"

#include "runtime/runtimetensor.h"

#include <algorithm>

namespace qs {

std::vector<int64_t> broadcastDims(const std::vector<std::vector<int64_t>>& shapes, const std::string& what) {
    size_t rank = 0;
    for (const auto& shape : shapes)
        rank = std::max(rank, shape.size());
    std::vector<int64_t> result(rank, 1);
    for (const auto& shape : shapes) {
        size_t offset = rank - shape.size();
        for (size_t d = 0; d < shape.size(); ++d) {
            int64_t dim = shape[d];
            int64_t& target = result[offset + d];
            if (dim == target || dim == 1)
                continue;
            if (target == 1) {
                target = dim;
                continue;
            }
            std::string list;
            for (const auto& each : shapes)
                list += (list.empty() ? "" : " and ") + dimsToString(each);
            throw Error(what + ": shapes " + list + " cannot be broadcast together");
        }
    }
    return result;
}

std::vector<int64_t> broadcastStrides(const std::vector<int64_t>& dims, const std::vector<int64_t>& outputDims) {
    size_t rank = outputDims.size();
    std::vector<int64_t> strides(rank, 0);
    size_t offset = rank - dims.size();
    int64_t stride = 1;
    for (size_t d = dims.size(); d-- > 0;) {
        strides[offset + d] = dims[d] == 1 ? 0 : stride;
        stride *= dims[d];
    }
    return strides;
}

} // namespace qs
