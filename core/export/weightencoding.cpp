#include "export/weightencoding.h"

#include "export/weightpacking.h"
#include "util/error.h"

#include <algorithm>

namespace qs {

namespace {

const int64_t kFirstPerAxisDequantizeOpset = 13;
const int64_t kFirstQuantizeLinearOpset = 10;
const int64_t kFirstModOpset = 10;
const int64_t kOldestDecodableOpset = 7;
const int64_t kCastToFloat = int64_t(DataType::Float);
const int64_t kCastToInt32 = int64_t(DataType::Int32);

std::vector<int64_t> broadcastDims(size_t rank, int axis, int64_t channels) {
    std::vector<int64_t> dims(rank, 1);
    dims[size_t(axis)] = channels;
    return dims;
}

/// The float initializer `name`, checked against `elementCount`; its dims are returned and the float data
/// dropped.
std::vector<int64_t> takeFloatInitializer(Graph& graph, const std::string& name, size_t elementCount,
                                          const std::string& role) {
    const Tensor* tensor = graph.initializer(name);
    if (!tensor)
        throw Error(role + " '" + name + "' is not an initializer of the graph");
    if (tensor->type != DataType::Float)
        throw Error(role + " '" + name + "' is " + dataTypeName(tensor->type) + ", not float32");
    if (size_t(tensor->elementCount()) != elementCount)
        throw Error(role + " '" + name + "' has " + std::to_string(tensor->elementCount()) +
                    " elements but its quantization has " + std::to_string(elementCount));
    std::vector<int64_t> dims = tensor->dims;
    graph.initializers.erase(name);
    return dims;
}

void requireOpset(int64_t opset, int64_t minimum, const std::string& name, const std::string& what) {
    if (opset < minimum)
        throw Error("weight '" + name + "': " + what + " needs opset " + std::to_string(minimum) +
                    " or newer, the model has opset " + std::to_string(opset) +
                    "; convert the model to a newer opset");
}

/// `values` (int32, exact in float32) as a float tensor produced by DequantizeLinear(values, 1, 0). Runtimes
/// keep DequantizeLinear outputs unfolded, so the decoded weight stays a computed value: ONNX Runtime (1.20
/// and newer) otherwise re-quantizes a constant float weight of a Conv/Gemm fed by DequantizeLinear to int8
/// per tensor, which would change codebook, log and 16-bit weights.
std::string dequantizedInt32(GraphEditor& editor, const std::string& name, const std::vector<int32_t>& values,
                             const std::vector<int64_t>& dims, std::vector<Node>& nodes) {
    const std::string codes =
        editor.addInitializer(makeTensor(name + "_int32", DataType::Int32, dims, values));
    const float one = 1.0f;
    const int32_t zero = 0;
    const std::string scale = editor.sharedConstant("unit_scale", DataType::Float, {}, &one, sizeof(one));
    const std::string zeroPoint =
        editor.sharedConstant("int32_zero", DataType::Int32, {}, &zero, sizeof(zero));
    return editor.appendNode(nodes, "DequantizeLinear", {codes, scale, zeroPoint}, {}, name).outputs[0];
}

template <typename Code> std::vector<Code> narrowCodes(const std::vector<int32_t>& codes) {
    std::vector<Code> narrowed(codes.size());
    std::transform(codes.begin(), codes.end(), narrowed.begin(),
                   [](int32_t code) { return static_cast<Code>(code); });
    return narrowed;
}

/// Codes as an initializer of the smallest integer type that holds `bits` bits of `signedness`.
std::string addCodes(GraphEditor& editor, const std::string& name, const QuantParams& params,
                     const std::vector<int32_t>& codes, const std::vector<int64_t>& dims, int bits) {
    const bool isSigned = params.signedness == Signedness::Signed;
    if (bits <= 8)
        return isSigned
                   ? editor.addInitializer(makeTensor(name, DataType::Int8, dims, narrowCodes<int8_t>(codes)))
                   : editor.addInitializer(
                         makeTensor(name, DataType::UInt8, dims, narrowCodes<uint8_t>(codes)));
    return isSigned
               ? editor.addInitializer(makeTensor(name, DataType::Int16, dims, narrowCodes<int16_t>(codes)))
               : editor.addInitializer(
                     makeTensor(name, DataType::UInt16, dims, narrowCodes<uint16_t>(codes)));
}

void encodeDequantizeLinear(GraphEditor& editor, const std::string& name, const WeightQuantization& weight,
                            const std::vector<int64_t>& dims, std::vector<Node>& nodes) {
    const QuantParams& params = weight.uniform;
    const bool perChannel = params.scales.size() > 1;
    const std::vector<int64_t> paramDims =
        perChannel ? std::vector<int64_t>{int64_t(params.scales.size())} : std::vector<int64_t>{};
    const std::string codes = addCodes(editor, name + "_quantized", params, weight.codes, dims, 8);
    const std::string scale =
        editor.addInitializer(makeTensor(name + "_scale", DataType::Float, paramDims, params.scales));
    const DataType codeType = params.signedness == Signedness::Signed ? DataType::Int8 : DataType::UInt8;
    const std::string zeroPoint = editor.addInitializer(
        codeType == DataType::Int8
            ? makeTensor(name + "_zero_point", codeType, paramDims, narrowCodes<int8_t>(params.zeroPoints))
            : makeTensor(name + "_zero_point", codeType, paramDims, narrowCodes<uint8_t>(params.zeroPoints)));
    Node& node =
        editor.appendNode(nodes, "DequantizeLinear", {codes, scale, zeroPoint}, name, name + "_dequantize");
    if (perChannel)
        node.attributes.push_back(intAttribute("axis", weight.axis));
}

void encodeIntegerArithmetic(GraphEditor& editor, int64_t opset, const std::string& name,
                             const WeightQuantization& weight, const std::vector<int64_t>& dims,
                             std::vector<Node>& nodes) {
    const QuantParams& params = weight.uniform;
    const bool perChannel = params.scales.size() > 1;
    const std::vector<int64_t> paramDims =
        perChannel ? broadcastDims(dims.size(), weight.axis, int64_t(params.scales.size()))
                   : std::vector<int64_t>{};
    const std::string codes = addCodes(editor, name + "_quantized", params, weight.codes, dims, weight.bits);
    std::string value = editor.appendNode(nodes, "Cast", {codes}, {}, name + "_cast").outputs[0];
    nodes.back().attributes.push_back(intAttribute("to", kCastToFloat));
    const bool zeroPointsUsed = std::any_of(params.zeroPoints.begin(), params.zeroPoints.end(),
                                            [](int32_t zeroPoint) { return zeroPoint != 0; });
    const bool keepComputed = opset >= kFirstQuantizeLinearOpset;
    if (keepComputed) {
        const std::string zero =
            dequantizedInt32(editor, name + "_zero_point", params.zeroPoints, paramDims, nodes);
        value = editor.appendNode(nodes, "Sub", {value, zero}, {}, name + "_centered").outputs[0];
    } else if (zeroPointsUsed) {
        std::vector<float> zeroPoints(params.zeroPoints.begin(), params.zeroPoints.end());
        const std::string zero =
            editor.addInitializer(makeTensor(name + "_zero_point", DataType::Float, paramDims, zeroPoints));
        value = editor.appendNode(nodes, "Sub", {value, zero}, {}, name + "_centered").outputs[0];
    }
    const std::string scale =
        editor.addInitializer(makeTensor(name + "_scale", DataType::Float, paramDims, params.scales));
    editor.appendNode(nodes, "Mul", {value, scale}, name, name + "_scaled");
}

/// Splits the packed bytes into one int32 index per code, shaped like the weight.
std::string unpackIndices(GraphEditor& editor, int64_t opset, const std::string& name, const CodeTable& table,
                          int storedBits, const std::vector<int64_t>& dims, std::vector<Node>& nodes) {
    const std::vector<uint8_t> packed = packCodes(table.indices, storedBits);
    const int64_t count = int64_t(table.indices.size());
    const int64_t perByte = 8 / storedBits;
    const std::vector<int64_t> packedDims =
        perByte == 1 ? dims : std::vector<int64_t>{int64_t(packed.size()), 1};
    const std::string codes =
        editor.addInitializer(makeTensor(name + "_packed", DataType::UInt8, packedDims, packed));
    Node& cast = editor.appendNode(nodes, "Cast", {codes}, {}, name + "_codes");
    cast.attributes.push_back(intAttribute("to", kCastToInt32));
    std::string value = cast.outputs[0];
    if (perByte == 1)
        return value;
    std::vector<int32_t> divisors;
    for (int64_t j = 0; j < perByte; ++j)
        divisors.push_back(int32_t(1) << (j * storedBits));
    const std::string divisor =
        editor.int32Constant("code_shift_" + std::to_string(storedBits), divisors, {perByte});
    const std::string modulus =
        editor.int32Constant("code_modulus_" + std::to_string(storedBits), {int32_t(1) << storedBits}, {});
    const std::string shifted =
        editor.appendNode(nodes, "Div", {value, divisor}, {}, name + "_shifted").outputs[0];
    if (opset >= kFirstModOpset) {
        value = editor.appendNode(nodes, "Mod", {shifted, modulus}, {}, name + "_split").outputs[0];
    } else {
        const std::string high =
            editor.appendNode(nodes, "Div", {shifted, modulus}, {}, name + "_high").outputs[0];
        const std::string highPart =
            editor.appendNode(nodes, "Mul", {high, modulus}, {}, name + "_high_part").outputs[0];
        value = editor.appendNode(nodes, "Sub", {shifted, highPart}, {}, name + "_split").outputs[0];
    }
    if (int64_t(packed.size()) * perByte == count)
        return editor
            .appendNode(nodes, "Reshape", {value, editor.int64Constant("shape", dims)}, {}, name + "_indices")
            .outputs[0];
    value =
        editor.appendNode(nodes, "Reshape", {value, editor.int64Constant("shape", {-1})}, {}, name + "_flat")
            .outputs[0];
    if (opset >= kFirstQuantizeLinearOpset) {
        value = editor
                    .appendNode(nodes, "Slice",
                                {value, editor.int64Constant("slice_start", {0}),
                                 editor.int64Constant("slice_end", {count}),
                                 editor.int64Constant("slice_axis", {0})},
                                {}, name + "_unpadded")
                    .outputs[0];
    } else {
        Node& slice = editor.appendNode(nodes, "Slice", {value}, {}, name + "_unpadded");
        slice.attributes = {intsAttribute("starts", {0}), intsAttribute("ends", {count}),
                            intsAttribute("axes", {0})};
        value = slice.outputs[0];
    }
    return editor
        .appendNode(nodes, "Reshape", {value, editor.int64Constant("shape", dims)}, {}, name + "_indices")
        .outputs[0];
}

void encodePackedTable(GraphEditor& editor, int64_t opset, const std::string& name,
                       const WeightQuantization& weight, const std::vector<int64_t>& dims,
                       std::vector<Node>& nodes) {
    requireOpset(opset, kOldestDecodableOpset, name, "the table decoder");
    const CodeTable table = codeTableOf(weight, name);
    const int storedBits = storedCodeBits(weight.bits);
    std::string indices = unpackIndices(editor, opset, name, table, storedBits, dims, nodes);
    const bool keepComputed = opset >= kFirstQuantizeLinearOpset;
    if (table.groups > 1 || keepComputed) {
        std::vector<int32_t> offsets(table.groups);
        for (size_t g = 0; g < table.groups; ++g)
            offsets[g] = int32_t(g * table.tableSize);
        std::vector<int64_t> offsetDims;
        if (table.groups > 1) {
            if (weight.axis < 0 || size_t(weight.axis) >= dims.size() ||
                dims[size_t(weight.axis)] != int64_t(table.groups))
                throw Error("weight '" + name + "': " + std::to_string(table.groups) +
                            " tables do not match axis " + std::to_string(weight.axis));
            offsetDims = broadcastDims(dims.size(), weight.axis, int64_t(table.groups));
        }
        std::string offset;
        if (keepComputed) {
            const std::string floatOffset =
                dequantizedInt32(editor, name + "_table_offset", offsets, offsetDims, nodes);
            Node& cast = editor.appendNode(nodes, "Cast", {floatOffset}, {}, name + "_table_offset_int32");
            cast.attributes.push_back(intAttribute("to", kCastToInt32));
            offset = cast.outputs[0];
        } else {
            offset = editor.addInitializer(
                makeTensor(name + "_table_offset", DataType::Int32, offsetDims, offsets));
        }
        indices = editor.appendNode(nodes, "Add", {indices, offset}, {}, name + "_table_index").outputs[0];
    }
    const std::string values = editor.addInitializer(makeTensor(
        name + "_table", DataType::Float, {int64_t(table.groups), int64_t(table.tableSize)}, table.table));
    const std::string flat = editor
                                 .appendNode(nodes, "Reshape", {values, editor.int64Constant("shape", {-1})},
                                             {}, name + "_table_flat")
                                 .outputs[0];
    editor.appendNode(nodes, "Gather", {flat, indices}, name, name + "_lookup")
        .attributes.push_back(intAttribute("axis", 0));
}

} // namespace

std::string weightStorageName(WeightStorage storage) {
    switch (storage) {
    case WeightStorage::DequantizeLinear:
        return "dequantize_linear";
    case WeightStorage::IntegerArithmetic:
        return "integer_cast_mul";
    case WeightStorage::PackedTable:
        return "packed_table";
    }
    return "unknown";
}

WeightStorage weightStorageFor(const WeightQuantization& weight, int64_t opset) {
    // 7-bit uniform codes ("reduced range", which keeps integer kernels without VNNI from saturating) are stored
    // like 8-bit ones so that runtimes still run them on integer kernels.
    if (weight.scheme != SchemeKind::Uniform || weight.bits < 7)
        return WeightStorage::PackedTable;
    if (weight.bits > 8 || opset < kFirstQuantizeLinearOpset)
        return WeightStorage::IntegerArithmetic;
    const bool perChannel = weight.uniform.scales.size() > 1;
    return perChannel && opset < kFirstPerAxisDequantizeOpset ? WeightStorage::IntegerArithmetic
                                                              : WeightStorage::DequantizeLinear;
}

uint64_t storedWeightBytes(const WeightQuantization& weight, int64_t opset) {
    const uint64_t count = weight.codes.size();
    const uint64_t scales = std::max<uint64_t>(weight.uniform.scales.size(), 1);
    switch (weightStorageFor(weight, opset)) {
    case WeightStorage::DequantizeLinear:
        return count + scales * (sizeof(float) + 1);
    case WeightStorage::IntegerArithmetic:
        return count * (weight.bits <= 8 ? 1 : 2) + scales * 2 * sizeof(float);
    case WeightStorage::PackedTable:
        break;
    }
    const uint64_t perByte = uint64_t(8 / storedCodeBits(weight.bits));
    const uint64_t groups =
        std::max<uint64_t>(weight.tables.size(), weight.scheme == SchemeKind::Uniform ? scales : 1);
    const uint64_t offsets = groups > 1 || opset >= kFirstQuantizeLinearOpset ? groups * sizeof(int32_t) : 0;
    return (count + perByte - 1) / perByte + groups * (uint64_t(1) << weight.bits) * sizeof(float) + offsets;
}

void encodeWeight(GraphEditor& editor, int64_t opset, const std::string& weightName,
                  const WeightQuantization& weight, std::vector<Node>& nodes) {
    requireOpset(opset, kOldestDecodableOpset, weightName, "decoding a quantized weight");
    const std::vector<int64_t> dims =
        takeFloatInitializer(editor.graph(), weightName, weight.codes.size(), "weight");
    switch (weightStorageFor(weight, opset)) {
    case WeightStorage::DequantizeLinear:
        return encodeDequantizeLinear(editor, weightName, weight, dims, nodes);
    case WeightStorage::IntegerArithmetic:
        return encodeIntegerArithmetic(editor, opset, weightName, weight, dims, nodes);
    case WeightStorage::PackedTable:
        return encodePackedTable(editor, opset, weightName, weight, dims, nodes);
    }
}

void encodeBias(GraphEditor& editor, int64_t opset, const std::string& biasName, const BiasQuantization& bias,
                std::vector<Node>& nodes) {
    const std::vector<int64_t> dims =
        takeFloatInitializer(editor.graph(), biasName, bias.codes.size(), "bias");
    if (bias.scales.size() != 1 && bias.scales.size() != bias.codes.size())
        throw Error("bias '" + biasName + "' has " + std::to_string(bias.scales.size()) + " scales for " +
                    std::to_string(bias.codes.size()) + " values");
    const bool perChannel = bias.scales.size() > 1;
    const std::vector<int64_t> scaleDims = perChannel ? dims : std::vector<int64_t>{};
    const std::string codes =
        editor.addInitializer(makeTensor(biasName + "_quantized", DataType::Int32, dims, bias.codes));
    const std::string scale =
        editor.addInitializer(makeTensor(biasName + "_scale", DataType::Float, scaleDims, bias.scales));
    if (opset >= kFirstQuantizeLinearOpset && (!perChannel || opset >= kFirstPerAxisDequantizeOpset)) {
        const std::vector<int32_t> zeros(bias.scales.size(), 0);
        const std::string zeroPoint =
            editor.addInitializer(makeTensor(biasName + "_zero_point", DataType::Int32, scaleDims, zeros));
        Node& node = editor.appendNode(nodes, "DequantizeLinear", {codes, scale, zeroPoint}, biasName,
                                       biasName + "_dequantize");
        if (perChannel)
            node.attributes.push_back(intAttribute("axis", 0));
        return;
    }
    Node& cast = editor.appendNode(nodes, "Cast", {codes}, {}, biasName + "_cast");
    cast.attributes.push_back(intAttribute("to", kCastToFloat));
    editor.appendNode(nodes, "Mul", {cast.outputs[0], scale}, biasName, biasName + "_scaled");
}

} // namespace qs
