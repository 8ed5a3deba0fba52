#include "runtime/alignedbuffer.h"

#include "util/error.h"

#include <cstdlib>

namespace qs {

AlignedBuffer::AlignedBuffer(size_t capacityBytes) : capacityBytes_(capacityBytes) {
    size_t roundedBytes = (capacityBytes + kAlignmentBytes - 1) / kAlignmentBytes * kAlignmentBytes;
    if (roundedBytes == 0)
        roundedBytes = kAlignmentBytes;
    data_ = std::aligned_alloc(kAlignmentBytes, roundedBytes);
    if (!data_)
        throw Error("out of memory allocating a tensor of " + std::to_string(capacityBytes) + " bytes");
}

AlignedBuffer::~AlignedBuffer() { std::free(data_); }

} // namespace qs
