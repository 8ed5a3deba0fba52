#include "model/floatconversion.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace qs {

namespace {

float bitsToFloat(uint32_t bits) {
    float value = 0.0f;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

uint32_t floatToBits(float value) {
    uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

struct Float8Format {
    int exponentBits = 4;
    int mantissaBits = 3;
    int bias = 7;
    bool unsignedZero = false;  ///< FNUZ: 0x80 is NaN, no negative zero, no infinity
    bool ieeeSpecials = false;  ///< E5M2: all-ones exponent encodes infinity and NaN
};

Float8Format float8Format(DataType type) {
    switch (type) {
    case DataType::Float8E4M3FNUZ: return {4, 3, 8, true, false};
    case DataType::Float8E5M2: return {5, 2, 15, false, true};
    case DataType::Float8E5M2FNUZ: return {5, 2, 16, true, false};
    default: return {4, 3, 7, false, false};
    }
}

} // namespace

float float16ToFloat(uint16_t bits) {
    const uint32_t sign = uint32_t(bits & 0x8000u) << 16;
    const uint32_t exponent = (bits >> 10) & 0x1Fu;
    const uint32_t mantissa = bits & 0x3FFu;
    if (exponent == 0x1F)
        return bitsToFloat(sign | 0x7F800000u | (mantissa << 13));
    if (exponent != 0)
        return bitsToFloat(sign | ((exponent + 112u) << 23) | (mantissa << 13));
    const float magnitude = std::ldexp(float(mantissa), -24);
    return sign ? -magnitude : magnitude;
}

uint16_t floatToFloat16(float value) {
    const uint32_t bits = floatToBits(value);
    const uint16_t sign = uint16_t((bits >> 16) & 0x8000u);
    const uint32_t absBits = bits & 0x7FFFFFFFu;
    if (absBits > 0x7F800000u)
        return uint16_t(sign | 0x7E00u);
    if (absBits >= 0x477FF000u)  // rounds to above the largest half (65504)
        return uint16_t(sign | 0x7C00u);
    if (absBits < 0x38800000u) {  // subnormal half or zero
        const float magnitude = bitsToFloat(absBits);
        const auto units = uint16_t(std::nearbyint(magnitude * 16777216.0f));  // 2^24, ties to even
        return uint16_t(sign | units);
    }
    const uint32_t roundedBits = absBits + 0xFFFu + ((absBits >> 13) & 1u);
    return uint16_t(sign | (((roundedBits >> 13) - (112u << 10)) & 0x7FFFu));
}

float bfloat16ToFloat(uint16_t bits) { return bitsToFloat(uint32_t(bits) << 16); }

uint16_t floatToBfloat16(float value) {
    const uint32_t bits = floatToBits(value);
    if ((bits & 0x7FFFFFFFu) > 0x7F800000u)
        return uint16_t((bits >> 16) | 0x40u);
    const uint32_t rounded = bits + 0x7FFFu + ((bits >> 16) & 1u);
    return uint16_t(rounded >> 16);
}

float float8ToFloat(uint8_t bits, DataType type) {
    const Float8Format format = float8Format(type);
    const bool negative = (bits & 0x80u) != 0;
    const int exponentMask = (1 << format.exponentBits) - 1;
    const int mantissaMask = (1 << format.mantissaBits) - 1;
    const int exponent = (bits >> format.mantissaBits) & exponentMask;
    const int mantissa = bits & mantissaMask;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    if (format.unsignedZero && bits == 0x80u)
        return nan;
    if (format.ieeeSpecials && exponent == exponentMask)
        return mantissa == 0 ? (negative ? -std::numeric_limits<float>::infinity()
                                         : std::numeric_limits<float>::infinity())
                             : nan;
    if (!format.unsignedZero && !format.ieeeSpecials && (bits & 0x7Fu) == 0x7Fu)
        return nan;
    const float magnitude = exponent == 0
        ? std::ldexp(float(mantissa), 1 - format.bias - format.mantissaBits)
        : std::ldexp(float(mantissa | (1 << format.mantissaBits)), exponent - format.bias - format.mantissaBits);
    return negative ? -magnitude : magnitude;
}

} // namespace qs
