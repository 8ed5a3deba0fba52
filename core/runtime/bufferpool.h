#pragma once
// Recycles tensor buffers within one executor: a buffer released after its tensor's last consumer is handed to
// the next allocation of a similar size instead of going back to the heap.

#include "runtime/alignedbuffer.h"

#include <map>
#include <memory>

namespace qs {

class BufferPool {
public:
    /// A buffer of at least `sizeBytes`, reused when a free one of up to twice that size exists.
    std::shared_ptr<AlignedBuffer> acquire(size_t sizeBytes);
    /// Takes `buffer` back if nobody else holds it; otherwise does nothing.
    void release(std::shared_ptr<AlignedBuffer> buffer);
    /// Frees every idle buffer.
    void clear() { free_.clear(); }
    size_t idleBytes() const;

private:
    std::multimap<size_t, std::shared_ptr<AlignedBuffer>> free_;
};

} // namespace qs
