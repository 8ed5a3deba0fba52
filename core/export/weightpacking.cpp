#include "export/weightpacking.h"

#include "quant/linearquantization.h"
#include "util/error.h"

#include <algorithm>

namespace qs {

namespace {

size_t groupCount(const WeightQuantization& weight) {
    switch (weight.scheme) {
    case SchemeKind::Uniform:
        return std::max(weight.uniform.scales.size(), size_t(1));
    default:
        return std::max(weight.tables.size(), size_t(1));
    }
}

void fillUniformTable(const WeightQuantization& weight, CodeTable& result) {
    const QuantParams& params = weight.uniform;
    for (size_t g = 0; g < result.groups; ++g)
        for (size_t k = 0; k < result.tableSize; ++k) {
            const int32_t q = params.qmin + int32_t(k);
            if (q <= params.qmax)
                result.table[g * result.tableSize + k] =
                    dequantizeLinearValue(q, params.scale(g), params.zeroPoint(g));
        }
}

void fillLogTable(const WeightQuantization& weight, CodeTable& result, int32_t largestLevel) {
    for (size_t g = 0; g < result.groups; ++g) {
        const std::vector<float>& magnitudes = weight.tables[g];
        for (int32_t level = -largestLevel; level <= largestLevel; ++level) {
            const float magnitude = magnitudes[size_t(level < 0 ? -level : level)];
            result.table[g * result.tableSize + size_t(level + largestLevel)] =
                level < 0 ? -magnitude : magnitude;
        }
    }
}

void fillCodebookTable(const WeightQuantization& weight, CodeTable& result) {
    for (size_t g = 0; g < result.groups; ++g)
        for (size_t k = 0; k < weight.tables[g].size() && k < result.tableSize; ++k)
            result.table[g * result.tableSize + k] = weight.tables[g][k];
}

} // namespace

int storedCodeBits(int bits) {
    if (bits <= 1)
        return 1;
    if (bits == 2)
        return 2;
    if (bits <= 4)
        return 4;
    return 8;
}

CodeTable codeTableOf(const WeightQuantization& weight, const std::string& tensorName) {
    if (weight.bits < 1 || weight.bits > 8)
        throw Error("weight '" + tensorName + "': " + std::to_string(weight.bits) +
                    "-bit codes cannot be stored as table indices (1 to 8 bits)");
    CodeTable result;
    result.groups = groupCount(weight);
    result.tableSize = size_t(1) << weight.bits;
    result.table.assign(result.groups * result.tableSize, 0.0f);
    int32_t offset = 0;
    int64_t usedEntries = int64_t(result.tableSize);
    switch (weight.scheme) {
    case SchemeKind::Uniform:
        offset = -weight.uniform.qmin;
        usedEntries = int64_t(weight.uniform.qmax) - weight.uniform.qmin + 1;
        fillUniformTable(weight, result);
        break;
    case SchemeKind::Log:
        for (const std::vector<float>& magnitudes : weight.tables)
            if (magnitudes.empty() || 2 * magnitudes.size() - 1 > result.tableSize)
                throw Error("weight '" + tensorName + "': log table does not fit " +
                            std::to_string(weight.bits) + " bits");
        offset = int32_t(weight.tables.front().size()) - 1;
        usedEntries = 2 * int64_t(offset) + 1;
        fillLogTable(weight, result, offset);
        break;
    case SchemeKind::Codebook:
        for (const std::vector<float>& centroids : weight.tables)
            if (centroids.size() > result.tableSize)
                throw Error("weight '" + tensorName + "': codebook has more than 2^bits entries");
        usedEntries = 0;
        for (const std::vector<float>& centroids : weight.tables)
            usedEntries = std::max(usedEntries, int64_t(centroids.size()));
        fillCodebookTable(weight, result);
        break;
    case SchemeKind::Float:
        throw Error("weight '" + tensorName + "' is not quantized");
    }
    result.indices.resize(weight.codes.size());
    for (size_t i = 0; i < weight.codes.size(); ++i) {
        const int64_t index = int64_t(weight.codes[i]) + offset;
        if (index < 0 || index >= std::min(usedEntries, int64_t(result.tableSize)))
            throw Error("weight '" + tensorName + "': code " + std::to_string(weight.codes[i]) +
                        " at element " + std::to_string(i) + " is outside its " +
                        std::to_string(weight.bits) + "-bit table");
        result.indices[i] = uint32_t(index);
    }
    return result;
}

std::vector<uint8_t> packCodes(const std::vector<uint32_t>& indices, int storedBits) {
    const size_t perByte = size_t(8 / storedBits);
    std::vector<uint8_t> packed((indices.size() + perByte - 1) / perByte, 0);
    for (size_t i = 0; i < indices.size(); ++i)
        packed[i / perByte] =
            uint8_t(packed[i / perByte] | (indices[i] << ((i % perByte) * size_t(storedBits))));
    return packed;
}

std::vector<uint32_t> unpackCodes(const std::vector<uint8_t>& packed, int storedBits, size_t count) {
    const size_t perByte = size_t(8 / storedBits);
    const uint32_t mask = (1u << storedBits) - 1u;
    std::vector<uint32_t> indices(count, 0);
    for (size_t i = 0; i < count && i / perByte < packed.size(); ++i)
        indices[i] = (uint32_t(packed[i / perByte]) >> ((i % perByte) * size_t(storedBits))) & mask;
    return indices;
}

} // namespace qs
