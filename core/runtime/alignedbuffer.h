#pragma once
// A heap block aligned to 64 bytes (one cache line, the widest SIMD register), the storage behind every
// runtime tensor. Not copyable; tensors share it through std::shared_ptr.

#include <cstddef>
#include <cstdint>

namespace qs {

class AlignedBuffer {
public:
    static constexpr size_t kAlignmentBytes = 64;

    /// Allocates `capacityBytes` (uninitialised). Throws qs::Error when memory runs out.
    explicit AlignedBuffer(size_t capacityBytes);
    ~AlignedBuffer();
    AlignedBuffer(const AlignedBuffer&) = delete;
    AlignedBuffer& operator=(const AlignedBuffer&) = delete;

    void* data() { return data_; }
    const void* data() const { return data_; }
    size_t capacityBytes() const { return capacityBytes_; }

    /// Bytes held by all buffers of the process now, and the most held at once since resetPeakBytes(): what
    /// the runtime's tensors take, to compare memory estimates against.
    static uint64_t liveBytes();
    static uint64_t peakBytes();
    /// Starts a new peak at the current live bytes.
    static void resetPeakBytes();

private:
    void* data_ = nullptr;
    size_t capacityBytes_ = 0;
};

} // namespace qs
