#include "model/graph.h"

#include "model/floatconversion.h"
#include "util/error.h"

#include <algorithm>
#include <cstring>

namespace qs {

namespace {

template <typename T, typename Out> void appendConverted(const Tensor& tensor, std::vector<Out>& out) {
    const size_t count = tensor.data.size() / sizeof(T);
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        T value{};
        std::memcpy(&value, tensor.data.data() + i * sizeof(T), sizeof(T));
        out.push_back(static_cast<Out>(value));
    }
}

template <typename Out> std::vector<Out> convertIntegers(const Tensor& tensor) {
    std::vector<Out> out;
    switch (tensor.type) {
    case DataType::UInt8:
    case DataType::UInt4:
    case DataType::Bool: appendConverted<uint8_t>(tensor, out); break;
    case DataType::Int8:
    case DataType::Int4: appendConverted<int8_t>(tensor, out); break;
    case DataType::UInt16: appendConverted<uint16_t>(tensor, out); break;
    case DataType::Int16: appendConverted<int16_t>(tensor, out); break;
    case DataType::Int32: appendConverted<int32_t>(tensor, out); break;
    case DataType::Int64: appendConverted<int64_t>(tensor, out); break;
    case DataType::UInt32: appendConverted<uint32_t>(tensor, out); break;
    case DataType::UInt64: appendConverted<uint64_t>(tensor, out); break;
    default: throw Error("tensor '" + tensor.name + "': " + dataTypeName(tensor.type) + " is not an integer type");
    }
    return out;
}

const Attribute* findAttribute(const std::vector<Attribute>& attributes, const std::string& attrName) {
    for (const Attribute& attribute : attributes)
        if (attribute.name == attrName)
            return &attribute;
    return nullptr;
}

} // namespace

std::string Dim::toString() const {
    if (isStatic())
        return std::to_string(value);
    return symbol.empty() ? "?" : symbol;
}

int64_t Tensor::elementCount() const {
    int64_t count = 1;
    for (int64_t dim : dims)
        count *= dim;
    return count;
}

std::vector<double> Tensor::toDoubles() const {
    std::vector<double> out;
    const size_t count = data.size() / std::max<size_t>(1, dataTypeSize(type));
    switch (type) {
    case DataType::Float: appendConverted<float>(*this, out); return out;
    case DataType::Double: appendConverted<double>(*this, out); return out;
    case DataType::Float16:
    case DataType::BFloat16:
        out.reserve(count);
        for (size_t i = 0; i < count; ++i) {
            uint16_t bits = 0;
            std::memcpy(&bits, data.data() + 2 * i, 2);
            out.push_back(type == DataType::Float16 ? float16ToFloat(bits) : bfloat16ToFloat(bits));
        }
        return out;
    case DataType::Float8E4M3FN:
    case DataType::Float8E4M3FNUZ:
    case DataType::Float8E5M2:
    case DataType::Float8E5M2FNUZ:
        out.reserve(count);
        for (size_t i = 0; i < count; ++i)
            out.push_back(float8ToFloat(data[i], type));
        return out;
    case DataType::String:
    case DataType::Complex64:
    case DataType::Complex128:
    case DataType::Undefined:
        throw Error("tensor '" + name + "': " + dataTypeName(type) + " values cannot be converted to numbers");
    default: return convertIntegers<double>(*this);
    }
}

std::vector<int64_t> Tensor::toInt64s() const {
    if (isFloatingPoint(type)) {
        std::vector<int64_t> out;
        for (double value : toDoubles())
            out.push_back(static_cast<int64_t>(value));
        return out;
    }
    if (type == DataType::String || type == DataType::Complex64 || type == DataType::Complex128 ||
        type == DataType::Undefined)
        throw Error("tensor '" + name + "': " + dataTypeName(type) + " values cannot be converted to integers");
    return convertIntegers<int64_t>(*this);
}

const Attribute* Node::attribute(const std::string& attrName) const { return findAttribute(attributes, attrName); }

int64_t Node::intAttr(const std::string& attrName, int64_t fallback) const {
    const Attribute* found = attribute(attrName);
    return found && found->kind == Attribute::Kind::Int ? found->i : fallback;
}

float Node::floatAttr(const std::string& attrName, float fallback) const {
    const Attribute* found = attribute(attrName);
    return found && found->kind == Attribute::Kind::Float ? found->f : fallback;
}

std::string Node::stringAttr(const std::string& attrName, const std::string& fallback) const {
    const Attribute* found = attribute(attrName);
    return found && found->kind == Attribute::Kind::String ? found->s : fallback;
}

std::vector<int64_t> Node::intsAttr(const std::string& attrName) const {
    const Attribute* found = attribute(attrName);
    return found && found->kind == Attribute::Kind::Ints ? found->ints : std::vector<int64_t>{};
}

const Tensor* Graph::initializer(const std::string& tensorName) const {
    const auto found = initializers.find(tensorName);
    return found == initializers.end() ? nullptr : &found->second;
}

const ValueInfo* Graph::valueInfo(const std::string& tensorName) const {
    const auto found = valueInfos.find(tensorName);
    return found == valueInfos.end() ? nullptr : &found->second;
}

int Graph::producerIndex(const std::string& tensorName) const {
    if (tensorName.empty())
        return -1;
    for (size_t i = 0; i < nodes.size(); ++i)
        for (const std::string& output : nodes[i].outputs)
            if (output == tensorName)
                return int(i);
    return -1;
}

std::vector<int> Graph::consumerIndices(const std::string& tensorName) const {
    std::vector<int> consumers;
    if (tensorName.empty())
        return consumers;
    for (size_t i = 0; i < nodes.size(); ++i)
        for (const std::string& input : nodes[i].inputs)
            if (input == tensorName) {
                consumers.push_back(int(i));
                break;
            }
    return consumers;
}

int Graph::nodeIndex(const std::string& nodeName) const {
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == nodeName)
            return int(i);
    return -1;
}

int64_t ModelInfo::opset() const {
    for (const char* domainName : {"", "ai.onnx"}) {
        const auto found = opsetImports.find(domainName);
        if (found != opsetImports.end())
            return found->second;
    }
    return 0;
}

int64_t countParameters(const Graph& graph) {
    int64_t parameters = 0;
    for (const auto& entry : graph.initializers)
        if (isFloatingPoint(entry.second.type))
            parameters += entry.second.elementCount();
    return parameters;
}

} // namespace qs
