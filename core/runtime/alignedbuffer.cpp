#include "runtime/alignedbuffer.h"

#include "runtime/runtimetensor.h"
#include "util/error.h"

#include <atomic>
#include <cstdlib>

namespace qs {

namespace {

std::atomic<uint64_t> heldBytes{0};
std::atomic<uint64_t> mostHeldBytes{0};

void noteAllocated(uint64_t bytes) {
    const uint64_t now = heldBytes.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    uint64_t peak = mostHeldBytes.load(std::memory_order_relaxed);
    while (now > peak && !mostHeldBytes.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
}

} // namespace

uint64_t AlignedBuffer::liveBytes() {
    return heldBytes.load(std::memory_order_relaxed);
}

uint64_t AlignedBuffer::peakBytes() {
    return mostHeldBytes.load(std::memory_order_relaxed);
}

void AlignedBuffer::resetPeakBytes() {
    mostHeldBytes.store(heldBytes.load(std::memory_order_relaxed), std::memory_order_relaxed);
}

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
    noteAllocated(capacityBytes_);
}

AlignedBuffer::~AlignedBuffer() {
    std::free(data_);
    heldBytes.fetch_sub(capacityBytes_, std::memory_order_relaxed);
}

} // namespace qs
