#pragma once
// A tensor as the executor sees it while running: element type, dims and a 64-byte aligned buffer. Buffers
// are shared (Reshape-like ops return views) and recycled by the executor once the last consumer has run, so
// a RuntimeTensor handed to an observer is only valid during the callback unless copied with clone().

#include "model/datatype.h"
#include "runtime/alignedbuffer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace qs {

struct Tensor;
/// A oneDNN blocked memory layout (defined in kernels/dnnlsupport.h, opaque to everybody else).
struct BlockedLayout;

class RuntimeTensor {
public:
    RuntimeTensor() = default;
    /// Allocates an uninitialised tensor. Throws qs::Error for element types the runtime cannot hold.
    RuntimeTensor(DataType type, std::vector<int64_t> dims);
    /// Uses `buffer` (which must hold at least the tensor's bytes) as storage.
    RuntimeTensor(DataType type, std::vector<int64_t> dims, std::shared_ptr<AlignedBuffer> buffer);

    /// Copies a constant of the graph IR.
    static RuntimeTensor fromConstant(const Tensor& constant);
    /// A float32 tensor holding `values`.
    static RuntimeTensor fromFloats(std::vector<int64_t> dims, const std::vector<float>& values);
    /// An int64 tensor holding `values`.
    static RuntimeTensor fromInt64s(std::vector<int64_t> dims, const std::vector<int64_t>& values);

    /// The same data seen with other dims (same element count); shares the buffer.
    RuntimeTensor reshaped(std::vector<int64_t> dims) const;
    /// A deep copy with its own buffer.
    RuntimeTensor clone() const;
    /// Converts to the graph IR's constant type (copies).
    Tensor toConstant(const std::string& name) const;

    bool isNull() const { return !buffer_; }
    DataType type() const { return type_; }
    const std::vector<int64_t>& dims() const { return dims_; }
    int64_t rank() const { return static_cast<int64_t>(dims_.size()); }
    int64_t elementCount() const { return elementCount_; }
    size_t sizeBytes() const;
    const std::shared_ptr<AlignedBuffer>& buffer() const { return buffer_; }

    void* raw() { return buffer_ ? buffer_->data() : nullptr; }
    const void* raw() const { return buffer_ ? buffer_->data() : nullptr; }
    template <typename T> T* data() { return static_cast<T*>(raw()); }
    template <typename T> const T* data() const { return static_cast<const T*>(raw()); }

    /// Values converted to int64 / double (for shape-like inputs). Throws qs::Error on unsupported types.
    std::vector<int64_t> toInt64s() const;
    std::vector<double> toDoubles() const;

    /// Identifies constant contents (weights) so kernels can cache reordered copies; 0 for transient tensors.
    uint64_t contentId() const { return contentId_; }
    void setContentId(uint64_t contentId) { contentId_ = contentId; }
    /// A process-wide fresh content id.
    static uint64_t newContentId();

    /// Non-null when the data is in a oneDNN blocked layout instead of dense row-major order. Only kernels
    /// that say so (Kernel::acceptsLayouts) see such tensors; the executor converts them for everybody else,
    /// for hooks and for graph outputs.
    const std::shared_ptr<const BlockedLayout>& layout() const { return layout_; }
    void setLayout(std::shared_ptr<const BlockedLayout> layout) { layout_ = std::move(layout); }
    bool isPlain() const { return !layout_; }

    /// "float32[1,3,224,224]"
    std::string describe() const;

private:
    DataType type_ = DataType::Undefined;
    std::vector<int64_t> dims_;
    int64_t elementCount_ = 0;
    std::shared_ptr<AlignedBuffer> buffer_;
    uint64_t contentId_ = 0;
    std::shared_ptr<const BlockedLayout> layout_;
};

/// Bytes per element of the types the runtime holds (float32, float64, int8..int64, uint8..uint64, bool,
/// float16); 0 for anything else.
size_t runtimeElementSize(DataType type);

/// Product of dims; throws qs::Error for negative dims and for a product that overflows 64 bits (a shape with
/// a zero dim has 0 elements whatever the others are).
int64_t elementCountOf(const std::vector<int64_t>& dims);

/// The most bytes one tensor may take (default: the machine's physical memory); every tensor the runtime
/// allocates is checked against it, so that an impossible shape is an error naming the shape, not a crash.
uint64_t tensorByteLimit();
/// 0 restores the default.
void setTensorByteLimit(uint64_t bytes);
/// Bytes of a tensor of `type` and `dims`; throws qs::Error on overflow or above tensorByteLimit().
uint64_t checkedTensorBytes(DataType type, const std::vector<int64_t>& dims);

/// "[1,3,224,224]"
std::string dimsToString(const std::vector<int64_t>& dims);

} // namespace qs
