#include "runtime/alignedbuffer.h"

#include "runtime/runtimetensor.h"
#include "util/error.h"

#include <cstdlib>

namespace qs {

AlignedBuffer::AlignedBuffer(size_t capacityBytes) : capacityBytes_(capacityBytes) {
    if (capacityBytes > tensorByteLimit())
        throw Error("a tensor of " + std::to_string(capacityBytes >> 20) + " MiB is more than the limit of " +
                    std::to_string(tensorByteLimit() >> 20) +
                    " MiB for one tensor (the machine's memory unless --max-tensor-bytes says otherwise)");
    size_t roundedBytes = (capacityBytes + kAlignmentBytes - 1) / kAlignmentBytes * kAlignmentBytes;
    if (roundedBytes == 0)
        roundedBytes = kAlignmentBytes;
    data_ = std::aligned_alloc(kAlignmentBytes, roundedBytes);
    if (!data_)
        throw Error("out of memory allocating a tensor of " + std::to_string(capacityBytes) + " bytes");
}

AlignedBuffer::~AlignedBuffer() {
    std::free(data_);
}

} // namespace qs
