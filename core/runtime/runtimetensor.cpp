#include "runtime/runtimetensor.h"

#include "model/graph.h"
#include "util/error.h"

#include <atomic>
#include <cstring>
#include <unistd.h>

namespace qs {

size_t runtimeElementSize(DataType type) {
    switch (type) {
    case DataType::Float:
    case DataType::Int32:
    case DataType::UInt32:
        return 4;
    case DataType::Double:
    case DataType::Int64:
    case DataType::UInt64:
        return 8;
    case DataType::Int16:
    case DataType::UInt16:
    case DataType::Float16:
    case DataType::BFloat16:
        return 2;
    case DataType::Int8:
    case DataType::UInt8:
    case DataType::Bool:
        return 1;
    default:
        return 0;
    }
}

namespace {

uint64_t physicalMemoryBytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return uint64_t(1) << 40;
    return uint64_t(pages) * uint64_t(pageSize);
}

std::atomic<uint64_t> tensorLimitBytes{0}; ///< 0 = physical memory

} // namespace

int64_t elementCountOf(const std::vector<int64_t>& dims) {
    bool empty = false;
    for (int64_t dim : dims) {
        if (dim < 0)
            throw Error("negative dimension in tensor shape " + dimsToString(dims));
        empty = empty || dim == 0;
    }
    if (empty)
        return 0;
    int64_t count = 1;
    for (int64_t dim : dims)
        if (__builtin_mul_overflow(count, dim, &count))
            throw Error("tensor shape " + dimsToString(dims) +
                        " has more elements than a 64-bit count holds");
    return count;
}

uint64_t tensorByteLimit() {
    static const uint64_t physical = physicalMemoryBytes();
    const uint64_t limit = tensorLimitBytes.load(std::memory_order_relaxed);
    return limit ? limit : physical;
}

void setTensorByteLimit(uint64_t bytes) {
    tensorLimitBytes.store(bytes);
}

uint64_t checkedTensorBytes(DataType type, const std::vector<int64_t>& dims) {
    const int64_t count = elementCountOf(dims);
    uint64_t bytes = 0;
    if (__builtin_mul_overflow(uint64_t(count), uint64_t(runtimeElementSize(type)), &bytes))
        throw Error("tensor shape " + dimsToString(dims) + " needs more bytes than a 64-bit size holds");
    if (bytes > tensorByteLimit())
        throw Error("a tensor of shape " + dimsToString(dims) + " needs " + std::to_string(bytes >> 20) +
                    " MiB, more than the limit of " + std::to_string(tensorByteLimit() >> 20) +
                    " MiB for one tensor (the machine's memory unless --max-tensor-bytes says otherwise)");
    return bytes;
}

std::string dimsToString(const std::vector<int64_t>& dims) {
    std::string text = "[";
    for (size_t i = 0; i < dims.size(); ++i)
        text += (i ? "," : "") + std::to_string(dims[i]);
    return text + "]";
}

static std::string typeLabel(DataType type) {
    return "type " + std::to_string(static_cast<int>(type));
}

RuntimeTensor::RuntimeTensor(DataType type, std::vector<int64_t> dims)
    : type_(type), dims_(std::move(dims)), elementCount_(elementCountOf(dims_)) {
    if (runtimeElementSize(type) == 0)
        throw Error("the runtime cannot hold tensors of " + typeLabel(type));
    checkedTensorBytes(type_, dims_);
    buffer_ = std::make_shared<AlignedBuffer>(sizeBytes());
}

RuntimeTensor::RuntimeTensor(DataType type, std::vector<int64_t> dims, std::shared_ptr<AlignedBuffer> buffer)
    : type_(type), dims_(std::move(dims)), elementCount_(elementCountOf(dims_)), buffer_(std::move(buffer)) {
    if (runtimeElementSize(type) == 0)
        throw Error("the runtime cannot hold tensors of " + typeLabel(type));
    if (!buffer_ || buffer_->capacityBytes() < sizeBytes())
        throw Error("buffer too small for tensor " + describe());
}

size_t RuntimeTensor::sizeBytes() const {
    return static_cast<size_t>(elementCount_) * runtimeElementSize(type_);
}

RuntimeTensor RuntimeTensor::fromConstant(const Tensor& constant) {
    if (runtimeElementSize(constant.type) == 0)
        throw Error("tensor '" + constant.name + "': the runtime cannot hold its element " +
                    typeLabel(constant.type));
    RuntimeTensor tensor(constant.type, constant.dims);
    if (constant.data.size() != tensor.sizeBytes())
        throw Error("tensor '" + constant.name + "' holds " + std::to_string(constant.data.size()) +
                    " bytes but its shape " + dimsToString(constant.dims) + " needs " +
                    std::to_string(tensor.sizeBytes()));
    if (!constant.data.empty())
        std::memcpy(tensor.raw(), constant.data.data(), constant.data.size());
    return tensor;
}

RuntimeTensor RuntimeTensor::fromFloats(std::vector<int64_t> dims, const std::vector<float>& values) {
    RuntimeTensor tensor(DataType::Float, std::move(dims));
    if (static_cast<int64_t>(values.size()) != tensor.elementCount())
        throw Error("fromFloats: " + std::to_string(values.size()) + " values for shape " +
                    dimsToString(tensor.dims()));
    if (!values.empty())
        std::memcpy(tensor.raw(), values.data(), tensor.sizeBytes());
    return tensor;
}

RuntimeTensor RuntimeTensor::fromInt64s(std::vector<int64_t> dims, const std::vector<int64_t>& values) {
    RuntimeTensor tensor(DataType::Int64, std::move(dims));
    if (static_cast<int64_t>(values.size()) != tensor.elementCount())
        throw Error("fromInt64s: " + std::to_string(values.size()) + " values for shape " +
                    dimsToString(tensor.dims()));
    if (!values.empty())
        std::memcpy(tensor.raw(), values.data(), tensor.sizeBytes());
    return tensor;
}

RuntimeTensor RuntimeTensor::reshaped(std::vector<int64_t> dims) const {
    if (layout_)
        throw Error("cannot view blocked-layout tensor " + describe() + " with other dims");
    RuntimeTensor view = *this;
    view.dims_ = std::move(dims);
    view.elementCount_ = elementCountOf(view.dims_);
    if (view.elementCount_ != elementCount_)
        throw Error("cannot view tensor " + describe() + " as " + dimsToString(view.dims_));
    return view;
}

RuntimeTensor RuntimeTensor::clone() const {
    if (isNull())
        return {};
    if (layout_)
        throw Error("cannot copy blocked-layout tensor " + describe());
    RuntimeTensor copy(type_, dims_);
    if (sizeBytes())
        std::memcpy(copy.raw(), raw(), sizeBytes());
    copy.contentId_ = contentId_;
    return copy;
}

Tensor RuntimeTensor::toConstant(const std::string& name) const {
    Tensor constant;
    constant.name = name;
    constant.type = type_;
    constant.dims = dims_;
    const auto* bytes = static_cast<const uint8_t*>(raw());
    if (bytes)
        constant.data.assign(bytes, bytes + sizeBytes());
    return constant;
}

template <typename To> static std::vector<To> convertAll(const RuntimeTensor& tensor) {
    std::vector<To> values(static_cast<size_t>(tensor.elementCount()));
    int64_t count = tensor.elementCount();
    switch (tensor.type()) {
    case DataType::Float:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<float>()[i]);
        break;
    case DataType::Double:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<double>()[i]);
        break;
    case DataType::Int64:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<int64_t>()[i]);
        break;
    case DataType::Int32:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<int32_t>()[i]);
        break;
    case DataType::Int16:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<int16_t>()[i]);
        break;
    case DataType::UInt16:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<uint16_t>()[i]);
        break;
    case DataType::UInt32:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<uint32_t>()[i]);
        break;
    case DataType::UInt64:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<uint64_t>()[i]);
        break;
    case DataType::Int8:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<int8_t>()[i]);
        break;
    case DataType::UInt8:
    case DataType::Bool:
        for (int64_t i = 0; i < count; ++i)
            values[i] = static_cast<To>(tensor.data<uint8_t>()[i]);
        break;
    default:
        throw Error("cannot read values of tensor " + tensor.describe());
    }
    return values;
}

std::vector<int64_t> RuntimeTensor::toInt64s() const {
    return convertAll<int64_t>(*this);
}

std::vector<double> RuntimeTensor::toDoubles() const {
    return convertAll<double>(*this);
}

uint64_t RuntimeTensor::newContentId() {
    static std::atomic<uint64_t> next{1};
    return next.fetch_add(1);
}

std::string RuntimeTensor::describe() const {
    static const char* const names[] = {"undefined", "float32", "uint8",  "int8",   "uint16",
                                        "int16",     "int32",   "int64",  "string", "bool",
                                        "float16",   "float64", "uint32", "uint64"};
    int index = static_cast<int>(type_);
    std::string typeName = index >= 0 && index <= 13 ? names[index] : typeLabel(type_);
    return typeName + dimsToString(dims_);
}

} // namespace qs
