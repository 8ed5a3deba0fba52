#include "model/tensorconversion.h"

#include "model/externaldata.h"
#include "util/error.h"

#include <algorithm>
#include <onnx/onnx_pb.h>

#include <cstring>
#include <limits>

namespace qs {

namespace {

const int64_t kMaxElements = std::numeric_limits<int64_t>::max() / 16;

std::string prefix(const std::string& tensorName) {
    return "tensor '" + tensorName + "': ";
}

int64_t checkedElementCount(const Tensor& tensor) {
    int64_t count = 1;
    for (int64_t dim : tensor.dims) {
        if (dim < 0)
            throw Error(prefix(tensor.name) + "negative dimension " + std::to_string(dim));
        if (dim > 0 && count > kMaxElements / dim)
            throw Error(prefix(tensor.name) + "dimensions are too large");
        count *= dim;
    }
    return count;
}

bool isFourBit(DataType type) {
    return type == DataType::Int4 || type == DataType::UInt4;
}

void unpackFourBit(Tensor& tensor, const uint8_t* packed, int64_t count) {
    tensor.data.resize(size_t(count));
    for (int64_t i = 0; i < count; ++i) {
        uint8_t nibble = (packed[i / 2] >> ((i % 2) * 4)) & 0x0Fu;
        if (tensor.type == DataType::Int4 && (nibble & 0x08u))
            nibble |= 0xF0u;
        tensor.data[size_t(i)] = nibble;
    }
}

void sizeMismatch(const Tensor& tensor, const std::string& field, int64_t stored, int64_t expected) {
    std::string dims;
    for (int64_t dim : tensor.dims)
        dims += (dims.empty() ? "" : ",") + std::to_string(dim);
    throw Error(prefix(tensor.name) + field + " holds " + std::to_string(stored) + " but dims [" + dims +
                "] of " + dataTypeName(tensor.type) + " need " + std::to_string(expected));
}

void setBytes(Tensor& tensor, const uint8_t* bytes, int64_t byteCount, int64_t count,
              const std::string& field) {
    if (isFourBit(tensor.type)) {
        const int64_t packedBytes = (count + 1) / 2;
        if (byteCount != packedBytes)
            sizeMismatch(tensor, field + " (bytes)", byteCount, packedBytes);
        unpackFourBit(tensor, bytes, count);
        return;
    }
    const int64_t expected = count * int64_t(dataTypeSize(tensor.type));
    if (byteCount != expected)
        sizeMismatch(tensor, field + " (bytes)", byteCount, expected);
    tensor.data.assign(bytes, bytes + byteCount);
}

template <typename Stored, typename Element>
void copyNarrowed(Tensor& tensor, const google::protobuf::RepeatedField<Stored>& values, int64_t expected,
                  const std::string& field) {
    if (int64_t(values.size()) != expected)
        sizeMismatch(tensor, field + " (values)", values.size(), expected);
    tensor.data.resize(size_t(expected) * sizeof(Element));
    for (int64_t i = 0; i < expected; ++i) {
        const auto value = static_cast<Element>(values.Get(int(i)));
        std::memcpy(tensor.data.data() + size_t(i) * sizeof(Element), &value, sizeof(Element));
    }
}

void copyInt32Field(Tensor& tensor, const onnx::TensorProto& proto, int64_t count) {
    if (isFourBit(tensor.type)) {
        const int64_t packedCount = (count + 1) / 2;
        if (proto.int32_data_size() == packedCount && count != 1) {
            std::vector<uint8_t> packed(static_cast<size_t>(packedCount), 0);
            for (int64_t i = 0; i < packedCount; ++i)
                packed[size_t(i)] = uint8_t(proto.int32_data(int(i)));
            unpackFourBit(tensor, packed.data(), count);
            return;
        }
        copyNarrowed<int32_t, uint8_t>(tensor, proto.int32_data(), count, "int32_data");
        return;
    }
    switch (dataTypeSize(tensor.type)) {
    case 1:
        copyNarrowed<int32_t, uint8_t>(tensor, proto.int32_data(), count, "int32_data");
        break;
    case 2:
        copyNarrowed<int32_t, uint16_t>(tensor, proto.int32_data(), count, "int32_data");
        break;
    default:
        copyNarrowed<int32_t, int32_t>(tensor, proto.int32_data(), count, "int32_data");
        break;
    }
}

void copyTypedFields(Tensor& tensor, const onnx::TensorProto& proto, int64_t count) {
    switch (tensor.type) {
    case DataType::Float:
        copyNarrowed<float, float>(tensor, proto.float_data(), count, "float_data");
        return;
    case DataType::Complex64:
        copyNarrowed<float, float>(tensor, proto.float_data(), 2 * count, "float_data");
        return;
    case DataType::Int64:
        copyNarrowed<int64_t, int64_t>(tensor, proto.int64_data(), count, "int64_data");
        return;
    case DataType::Double:
        copyNarrowed<double, double>(tensor, proto.double_data(), count, "double_data");
        return;
    case DataType::Complex128:
        copyNarrowed<double, double>(tensor, proto.double_data(), 2 * count, "double_data");
        return;
    case DataType::UInt32:
        copyNarrowed<uint64_t, uint32_t>(tensor, proto.uint64_data(), count, "uint64_data");
        return;
    case DataType::UInt64:
        copyNarrowed<uint64_t, uint64_t>(tensor, proto.uint64_data(), count, "uint64_data");
        return;
    case DataType::String:
        if (int64_t(proto.string_data_size()) != count)
            sizeMismatch(tensor, "string_data (values)", proto.string_data_size(), count);
        tensor.strings.assign(proto.string_data().begin(), proto.string_data().end());
        return;
    case DataType::Undefined:
        throw Error(prefix(tensor.name) + "has no data type");
    default:
        copyInt32Field(tensor, proto, count);
        return;
    }
}

/// A decimal byte count, all of it: "0x10", "16 bytes" or "-1" are refused rather than read as 0, 16 or -1.
int64_t strictByteCount(const std::string& text) {
    if (text.empty() || text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw std::invalid_argument("not a decimal byte count");
    return std::stoll(text);
}

ExternalDataReference externalReference(const onnx::TensorProto& proto) {
    ExternalDataReference reference;
    for (const auto& entry : proto.external_data()) {
        try {
            if (entry.key() == "location")
                reference.location = entry.value();
            else if (entry.key() == "offset")
                reference.offset = strictByteCount(entry.value());
            else if (entry.key() == "length")
                reference.length = strictByteCount(entry.value());
        } catch (const std::exception&) {
            throw Error(prefix(proto.name()) + "external data " + entry.key() + " '" + entry.value() +
                        "' is not a decimal byte count");
        }
    }
    return reference;
}

bool hasAnyTypedField(const onnx::TensorProto& proto) {
    return proto.float_data_size() || proto.int32_data_size() || proto.string_data_size() ||
           proto.int64_data_size() || proto.double_data_size() || proto.uint64_data_size();
}

} // namespace

Tensor tensorFromProto(const onnx::TensorProto& proto, const std::string& baseDirectory) {
    Tensor tensor;
    tensor.name = proto.name();
    tensor.type = static_cast<DataType>(proto.data_type());
    tensor.dims.assign(proto.dims().begin(), proto.dims().end());
    const int64_t count = checkedElementCount(tensor);
    if (dataTypeSize(tensor.type) == 0 && tensor.type != DataType::String)
        throw Error(prefix(tensor.name) + "unsupported data type " + std::to_string(proto.data_type()));
    const int64_t expectedBytes =
        isFourBit(tensor.type) ? (count + 1) / 2 : count * int64_t(dataTypeSize(tensor.type));
    if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
        if (tensor.type == DataType::String)
            throw Error(prefix(tensor.name) + "string tensors cannot use external data");
        std::vector<uint8_t> bytes =
            readExternalData(externalReference(proto), baseDirectory, tensor.name, expectedBytes);
        if (isFourBit(tensor.type)) {
            setBytes(tensor, bytes.data(), int64_t(bytes.size()), count, "external data");
        } else {
            // The bytes read are the tensor's own storage: moved, not copied, so a large external weight
            // exists once while loading.
            if (int64_t(bytes.size()) != expectedBytes)
                sizeMismatch(tensor, "external data (bytes)", int64_t(bytes.size()), expectedBytes);
            tensor.data = std::move(bytes);
        }
    } else if (proto.has_raw_data() && tensor.type != DataType::String) {
        const std::string& raw = proto.raw_data();
        setBytes(tensor, reinterpret_cast<const uint8_t*>(raw.data()), int64_t(raw.size()), count,
                 "raw_data");
    } else if (hasAnyTypedField(proto) || count == 0) {
        copyTypedFields(tensor, proto, count);
    } else {
        throw Error(prefix(tensor.name) + "has no data (" + std::to_string(count) + " elements expected)");
    }
    return tensor;
}

Tensor tensorFromSparseProto(const onnx::SparseTensorProto& proto, const std::string& baseDirectory) {
    const Tensor values = tensorFromProto(proto.values(), baseDirectory);
    const Tensor indices = tensorFromProto(proto.indices(), baseDirectory);
    Tensor dense;
    dense.name = values.name;
    dense.type = values.type;
    dense.dims.assign(proto.dims().begin(), proto.dims().end());
    const int64_t count = checkedElementCount(dense);
    const size_t elementBytes = dataTypeSize(dense.type);
    if (elementBytes == 0)
        throw Error(prefix(dense.name) + "sparse " + dataTypeName(dense.type) + " tensors are not supported");
    dense.data.assign(size_t(count) * elementBytes, 0);
    const std::vector<int64_t> flatIndices = indices.toInt64s();
    const int64_t nonZeros = values.elementCount();
    const size_t rank = dense.dims.size();
    const bool coordinates = indices.dims.size() == 2;
    if ((coordinates && int64_t(flatIndices.size()) != nonZeros * int64_t(rank)) ||
        (!coordinates && int64_t(flatIndices.size()) != nonZeros))
        throw Error(prefix(dense.name) + "sparse indices do not match the number of values");
    for (int64_t i = 0; i < nonZeros; ++i) {
        int64_t linear = 0;
        if (coordinates) {
            for (size_t axis = 0; axis < rank; ++axis)
                linear = linear * dense.dims[axis] + flatIndices[size_t(i) * rank + axis];
        } else {
            linear = flatIndices[size_t(i)];
        }
        if (linear < 0 || linear >= count)
            throw Error(prefix(dense.name) + "sparse index " + std::to_string(linear) + " is out of range");
        std::memcpy(dense.data.data() + size_t(linear) * elementBytes,
                    values.data.data() + size_t(i) * elementBytes, elementBytes);
    }
    return dense;
}

} // namespace qs
