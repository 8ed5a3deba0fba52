#pragma once
// Numpy-style broadcasting for the plain-loop kernels: the output shape of several inputs and, per input, the
// element strides (0 along broadcast axes) to walk it in output order.

#include "util/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// Broadcast shape of `shapes`; throws qs::Error (prefixed with `what`) when they are incompatible.
std::vector<int64_t> broadcastDims(const std::vector<std::vector<int64_t>>& shapes, const std::string& what);

/// Strides (in elements) of an input of `dims` read in the order of `outputDims`; 0 along broadcast axes.
std::vector<int64_t> broadcastStrides(const std::vector<int64_t>& dims, const std::vector<int64_t>& outputDims);

/// Calls `inner(outputOffset, inputOffsets, count, innerStrides)` for each run of the innermost axis of
/// `outputDims`, with the offset of every input at the start of the run.
template <size_t N, typename InnerLoop>
void forEachBroadcastRow(const std::vector<int64_t>& outputDims, const std::vector<int64_t> (&strides)[N],
                         InnerLoop&& inner) {
    size_t rank = outputDims.size();
    int64_t total = 1;
    for (int64_t dim : outputDims)
        total *= dim;
    if (total == 0)
        return;
    if (rank == 0) {
        int64_t offsets[N] = {};
        int64_t innerStrides[N] = {};
        inner(int64_t{0}, offsets, int64_t{1}, innerStrides);
        return;
    }
    int64_t innerCount = outputDims[rank - 1];
    int64_t innerStrides[N];
    for (size_t k = 0; k < N; ++k)
        innerStrides[k] = strides[k][rank - 1];
    std::vector<int64_t> counter(rank, 0);
    int64_t offsets[N] = {};
    for (int64_t outputOffset = 0; outputOffset < total; outputOffset += innerCount) {
        inner(outputOffset, offsets, innerCount, innerStrides);
        for (size_t axis = rank - 1; axis-- > 0;) {
            ++counter[axis];
            for (size_t k = 0; k < N; ++k)
                offsets[k] += strides[k][axis];
            if (counter[axis] < outputDims[axis])
                break;
            for (size_t k = 0; k < N; ++k)
                offsets[k] -= strides[k][axis] * counter[axis];
            counter[axis] = 0;
        }
    }
}

} // namespace qs
