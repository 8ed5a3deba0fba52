#include "runtime/bufferpool.h"

namespace qs {

std::shared_ptr<AlignedBuffer> BufferPool::acquire(size_t sizeBytes) {
    auto found = free_.lower_bound(sizeBytes);
    if (found != free_.end() && found->first <= sizeBytes * 2 + AlignedBuffer::kAlignmentBytes) {
        std::shared_ptr<AlignedBuffer> buffer = std::move(found->second);
        free_.erase(found);
        return buffer;
    }
    return std::make_shared<AlignedBuffer>(sizeBytes);
}

void BufferPool::release(std::shared_ptr<AlignedBuffer> buffer) {
    if (!buffer || buffer.use_count() != 1)
        return;
    size_t capacityBytes = buffer->capacityBytes();
    free_.emplace(capacityBytes, std::move(buffer));
}

size_t BufferPool::idleBytes() const {
    size_t total = 0;
    for (const auto& entry : free_)
        total += entry.first;
    return total;
}

} // namespace qs
