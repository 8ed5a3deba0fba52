#pragma once
// Compact storage of weights quantized below 8 bits or with a log or codebook scheme: every code becomes an
// unsigned index into a per-group table of the float values it stands for, and the indices are packed into
// bytes.
//
//   uniform : index = q - qmin,            table[k] = (k + qmin - zero point) * scale   (the integer grid)
//   log     : index = level + L (L = largest level), table[k] = -m[L-k] .. 0 .. +m[k-L]   (signed levels in
//   order) codebook: index = centroid index,      table[k] = centroid k
//
// A table has 2^bits entries per group (unused ones are 0); groups are the output channels (per channel) or
// one. Codes are stored with 1, 2, 4 or 8 bits (3-bit codes take 4 bits, 5- to 7-bit codes take 8), the first
// code of a byte in its lowest bits: code i sits in byte i / (8 / storedBits) at bit (i % (8 / storedBits)) *
// storedBits. The last byte is padded with zero codes.

#include "quant/weightquantizer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// Bits one code occupies in storage: 1, 2, 4 or 8.
int storedCodeBits(int bits);

struct CodeTable {
    std::vector<uint32_t> indices; ///< one per weight element, < tableSize
    std::vector<float> table;      ///< groups * tableSize values, group-major
    size_t groups = 1;
    size_t tableSize = 0;
};

/// Indices and tables of `weight` (any scheme). Throws qs::Error naming `tensorName` when a code falls
/// outside its table (a quantizer bug).
CodeTable codeTableOf(const WeightQuantization& weight, const std::string& tensorName);

/// Packs `indices` (each < 2^storedBits) LSB first.
std::vector<uint8_t> packCodes(const std::vector<uint32_t>& indices, int storedBits);

/// Inverse of packCodes for `count` codes.
std::vector<uint32_t> unpackCodes(const std::vector<uint8_t>& packed, int storedBits, size_t count);

} // namespace qs
