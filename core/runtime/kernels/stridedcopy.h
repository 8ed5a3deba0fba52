#pragma once
// Dtype-agnostic data movement used by the layout operators (Transpose, Slice, Expand, Pad, ...): copy an output
// of given dims from an input walked with arbitrary per-axis element strides (0 for broadcast, negative allowed).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qs {

/// out[i0..in] = in[base + sum(i_k * strides[k])], element size `elementBytes` (1, 2, 4 or 8).
void copyStrided(const void* input, void* output, const std::vector<int64_t>& outputDims,
                 const std::vector<int64_t>& inputStrides, int64_t baseOffset, size_t elementBytes);

/// Row-major element strides of `dims`.
std::vector<int64_t> contiguousStrides(const std::vector<int64_t>& dims);

} // namespace qs
