#include "runtime/kernels/stridedcopy.h"

#include <cstring>

namespace qs {

std::vector<int64_t> contiguousStrides(const std::vector<int64_t>& dims) {
    std::vector<int64_t> strides(dims.size(), 1);
    for (size_t d = dims.size(); d-- > 1;)
        strides[d - 1] = strides[d] * dims[d];
    return strides;
}

template <typename T>
static void copyTyped(const T* input, T* output, const std::vector<int64_t>& dims, const std::vector<int64_t>& strides,
                      int64_t base) {
    size_t rank = dims.size();
    int64_t total = 1;
    for (int64_t dim : dims)
        total *= dim;
    if (total == 0)
        return;
    if (rank == 0) {
        output[0] = input[base];
        return;
    }
    int64_t inner = dims[rank - 1];
    int64_t innerStride = strides[rank - 1];
    std::vector<int64_t> counter(rank, 0);
    int64_t offset = base;
    for (int64_t o = 0; o < total; o += inner) {
        const T* source = input + offset;
        T* target = output + o;
        if (innerStride == 1) {
            std::memcpy(target, source, static_cast<size_t>(inner) * sizeof(T));
        } else {
            for (int64_t i = 0; i < inner; ++i)
                target[i] = source[i * innerStride];
        }
        for (size_t axis = rank - 1; axis-- > 0;) {
            ++counter[axis];
            offset += strides[axis];
            if (counter[axis] < dims[axis])
                break;
            offset -= strides[axis] * counter[axis];
            counter[axis] = 0;
        }
    }
}

void copyStrided(const void* input, void* output, const std::vector<int64_t>& outputDims,
                 const std::vector<int64_t>& inputStrides, int64_t baseOffset, size_t elementBytes) {
    switch (elementBytes) {
    case 1:
        return copyTyped(static_cast<const uint8_t*>(input), static_cast<uint8_t*>(output), outputDims, inputStrides,
                         baseOffset);
    case 2:
        return copyTyped(static_cast<const uint16_t*>(input), static_cast<uint16_t*>(output), outputDims,
                         inputStrides, baseOffset);
    case 4:
        return copyTyped(static_cast<const uint32_t*>(input), static_cast<uint32_t*>(output), outputDims,
                         inputStrides, baseOffset);
    default:
        return copyTyped(static_cast<const uint64_t*>(input), static_cast<uint64_t*>(output), outputDims,
                         inputStrides, baseOffset);
    }
}

} // namespace qs
