#pragma once
// Bit-exact conversions between float32 and the narrow floating-point storage formats that ONNX tensors use
// (IEEE half, bfloat16 and the four float8 variants).

#include "model/datatype.h"

#include <cstdint>

namespace qs {

/// IEEE 754 binary16 bits to float (subnormals, infinities and NaN preserved).
float float16ToFloat(uint16_t bits);

/// float to IEEE 754 binary16 bits, rounding to nearest even; overflow becomes infinity.
uint16_t floatToFloat16(float value);

/// bfloat16 bits (the upper half of a float32) to float.
float bfloat16ToFloat(uint16_t bits);

/// float to bfloat16 bits, rounding to nearest even.
uint16_t floatToBfloat16(float value);

/// One float8 byte of the given type (Float8E4M3FN, Float8E4M3FNUZ, Float8E5M2, Float8E5M2FNUZ) to float.
float float8ToFloat(uint8_t bits, DataType type);

} // namespace qs
