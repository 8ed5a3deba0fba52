#pragma once
// Element types of tensors, numbered as in ONNX's TensorProto.DataType so that conversion is a cast.

#include <cstddef>
#include <cstdint>
#include <string>

namespace qs {

enum class DataType : int32_t {
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
    Float8E4M3FN = 17,
    Float8E4M3FNUZ = 18,
    Float8E5M2 = 19,
    Float8E5M2FNUZ = 20,
    UInt4 = 21,
    Int4 = 22,
};

/// Size of one element in bytes; 0 for String and Undefined. 4-bit types report 1 (they are unpacked in memory).
size_t dataTypeSize(DataType type);

/// Lower-case name as used in JSON output and messages: "float32", "int64", "uint8", "bool", ...
std::string dataTypeName(DataType type);

/// True for float32/float16/bfloat16/double (and the float8 types).
bool isFloatingPoint(DataType type);

} // namespace qs
