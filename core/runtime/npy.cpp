#include "runtime/npy.h"

#include "util/atomicfile.h"
#include "util/error.h"

#include <cstring>
#include <fstream>
#include <sstream>

namespace qs {

namespace {

const char kMagic[] = "\x93NUMPY";

struct DescrEntry {
    const char* descr;
    DataType type;
};

const DescrEntry kDescrs[] = {
    {"<f4", DataType::Float},  {"<f8", DataType::Double}, {"<i8", DataType::Int64},
    {"<i4", DataType::Int32},  {"|i1", DataType::Int8},   {"|u1", DataType::UInt8},
    {"|b1", DataType::Bool},   {"<i2", DataType::Int16},  {"<u2", DataType::UInt16},
    {"<u4", DataType::UInt32}, {"<u8", DataType::UInt64}, {"<f2", DataType::Float16}};

/// The value text after `'key':` in the header dictionary, or empty.
std::string headerValue(const std::string& header, const std::string& key) {
    size_t keyAt = header.find("'" + key + "'");
    if (keyAt == std::string::npos)
        return {};
    size_t colon = header.find(':', keyAt);
    if (colon == std::string::npos)
        return {};
    size_t start = header.find_first_not_of(' ', colon + 1);
    if (start == std::string::npos)
        return {};
    if (header[start] == '(') {
        size_t end = header.find(')', start);
        return end == std::string::npos ? std::string() : header.substr(start, end - start + 1);
    }
    size_t end = header.find_first_of(",}", start);
    return header.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::vector<int64_t> parseShape(const std::string& text, const std::string& displayName) {
    if (text.size() < 2 || text.front() != '(' || text.back() != ')')
        throw Error(displayName + ": malformed shape in .npy header");
    std::vector<int64_t> dims;
    std::stringstream stream(text.substr(1, text.size() - 2));
    std::string item;
    while (std::getline(stream, item, ',')) {
        size_t first = item.find_first_not_of(' ');
        if (first == std::string::npos)
            continue;
        try {
            size_t used = 0;
            long long value = std::stoll(item.substr(first), &used);
            if (value < 0)
                throw Error(displayName + ": negative dimension in .npy shape");
            dims.push_back(value);
        } catch (const std::logic_error&) {
            throw Error(displayName + ": malformed shape in .npy header");
        }
    }
    return dims;
}

} // namespace

RuntimeTensor parseNpy(const std::string& bytes, const std::string& displayName) {
    if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0)
        throw Error(displayName + ": not a .npy file");
    int major = static_cast<uint8_t>(bytes[6]);
    size_t headerLength = 0;
    size_t headerStart = 0;
    if (major == 1) {
        headerLength = static_cast<uint8_t>(bytes[8]) | (static_cast<uint8_t>(bytes[9]) << 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            throw Error(displayName + ": truncated .npy header");
        for (int i = 3; i >= 0; --i)
            headerLength = (headerLength << 8) | static_cast<uint8_t>(bytes[8 + i]);
        headerStart = 12;
    } else {
        throw Error(displayName + ": unsupported .npy format version " + std::to_string(major));
    }
    if (bytes.size() < headerStart + headerLength)
        throw Error(displayName + ": truncated .npy header");
    std::string header = bytes.substr(headerStart, headerLength);
    std::string descr = headerValue(header, "descr");
    if (descr.size() >= 2)
        descr = descr.substr(1, descr.size() - 2);
    if (headerValue(header, "fortran_order") != "False")
        throw Error(displayName + ": Fortran-ordered .npy arrays are not supported");
    DataType type = DataType::Undefined;
    for (const DescrEntry& entry : kDescrs)
        if (descr == entry.descr ||
            (descr.size() == 3 && descr[0] == '=' && descr.substr(1) == entry.descr + 1))
            type = entry.type;
    if (type == DataType::Undefined)
        throw Error(displayName + ": unsupported .npy dtype '" + descr + "'");
    std::vector<int64_t> dims = parseShape(headerValue(header, "shape"), displayName);
    uint64_t expectedBytes = 0;
    try {
        expectedBytes = checkedTensorBytes(type, dims);
    } catch (const Error& error) {
        throw Error(displayName + ": .npy header: " + error.what());
    }
    size_t dataStart = headerStart + headerLength;
    if (bytes.size() - dataStart < expectedBytes)
        throw Error(displayName + ": .npy data is truncated (" + std::to_string(bytes.size() - dataStart) +
                    " bytes for shape " + dimsToString(dims) + ")");
    RuntimeTensor tensor(type, dims);
    if (tensor.sizeBytes())
        std::memcpy(tensor.raw(), bytes.data() + dataStart, tensor.sizeBytes());
    return tensor;
}

RuntimeTensor readNpy(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw Error(path + ": cannot open");
    std::ostringstream contents;
    contents << file.rdbuf();
    return parseNpy(contents.str(), path);
}

std::string serializeNpy(const RuntimeTensor& tensor) {
    const char* descr = nullptr;
    for (const DescrEntry& entry : kDescrs)
        if (entry.type == tensor.type())
            descr = entry.descr;
    if (!descr)
        throw Error("cannot write tensor " + tensor.describe() + " as .npy");
    std::string shape = "(";
    for (int64_t dim : tensor.dims())
        shape += std::to_string(dim) + ",";
    if (tensor.dims().size() > 1)
        shape.pop_back();
    shape += ")";
    std::string header =
        "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': " + shape + ", }";
    size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::string bytes(kMagic, 6);
    bytes += '\x01';
    bytes += '\x00';
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>((header.size() >> 8) & 0xff);
    bytes += header;
    bytes.append(static_cast<const char*>(tensor.raw()), tensor.sizeBytes());
    return bytes;
}

void writeNpy(const std::string& path, const RuntimeTensor& tensor) {
    writeFileAtomically(path, serializeNpy(tensor));
}

} // namespace qs
