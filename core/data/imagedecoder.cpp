#include "data/imagedecoder.h"

#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

namespace qs::detail {

cv::Mat decodeImageFile(const std::string& path) {
    if (!imageSizeProblem(path).empty())
        return {};
    try {
        return cv::imread(path, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH);
    } catch (const cv::Exception&) {
        return {};
    }
}

namespace {

std::string readFileStart(const std::string& path, size_t byteCount) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    std::string bytes(byteCount, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(byteCount));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

uint32_t bigEndian(const std::string& bytes, size_t at, int count) {
    uint32_t value = 0;
    for (int i = 0; i < count; ++i)
        value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

uint32_t littleEndian(const std::string& bytes, size_t at, int count) {
    uint32_t value = 0;
    for (int i = count - 1; i >= 0; --i)
        value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

/// Width and height a JPEG declares in its first frame header; {0, 0} when none is found.
std::pair<uint64_t, uint64_t> jpegSize(const std::string& bytes) {
    size_t at = 2;
    while (at + 9 < bytes.size()) {
        if (static_cast<unsigned char>(bytes[at]) != 0xFF)
            return {0, 0};
        const unsigned marker = static_cast<unsigned char>(bytes[at + 1]);
        if (marker == 0xFF) {
            ++at;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            at += 2;
            continue;
        }
        const bool frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame)
            return {bigEndian(bytes, at + 7, 2), bigEndian(bytes, at + 5, 2)};
        at += 2 + bigEndian(bytes, at + 2, 2);
    }
    return {0, 0};
}

/// Width and height of a binary PNM (P5 / P6) header.
std::pair<uint64_t, uint64_t> pnmSize(const std::string& bytes) {
    std::vector<uint64_t> values;
    size_t at = 2;
    while (values.size() < 2 && at < bytes.size()) {
        const char c = bytes[at];
        if (c == '#') {
            while (at < bytes.size() && bytes[at] != '\n')
                ++at;
        } else if (c >= '0' && c <= '9') {
            uint64_t value = 0;
            while (at < bytes.size() && bytes[at] >= '0' && bytes[at] <= '9' && value < (uint64_t(1) << 40))
                value = value * 10 + uint64_t(bytes[at++] - '0');
            values.push_back(value);
            continue;
        }
        ++at;
    }
    return values.size() == 2 ? std::make_pair(values[0], values[1])
                              : std::make_pair(uint64_t(0), uint64_t(0));
}

/// Width and height the file's header declares (PNG, JPEG, BMP, WebP, PNM); {0, 0} when unknown.
std::pair<uint64_t, uint64_t> declaredImageSize(const std::string& path) {
    const std::string bytes = readFileStart(path, 1 << 20);
    if (bytes.size() >= 24 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n", 8) == 0)
        return {bigEndian(bytes, 16, 4), bigEndian(bytes, 20, 4)};
    if (bytes.size() >= 4 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
        static_cast<unsigned char>(bytes[1]) == 0xD8)
        return jpegSize(bytes);
    if (bytes.size() >= 26 && bytes.compare(0, 2, "BM") == 0) {
        const int32_t width = static_cast<int32_t>(littleEndian(bytes, 18, 4));
        const int32_t height = static_cast<int32_t>(littleEndian(bytes, 22, 4));
        return {uint64_t(std::llabs(width)), uint64_t(std::llabs(height))};
    }
    if (bytes.size() >= 30 && bytes.compare(0, 4, "RIFF") == 0 && bytes.compare(8, 4, "WEBP") == 0) {
        const std::string chunk = bytes.substr(12, 4);
        if (chunk == "VP8X")
            return {littleEndian(bytes, 24, 3) + 1ull, littleEndian(bytes, 27, 3) + 1ull};
        if (chunk == "VP8 ")
            return {littleEndian(bytes, 26, 2) & 0x3FFF, littleEndian(bytes, 28, 2) & 0x3FFF};
        if (chunk == "VP8L") {
            const uint32_t packed = littleEndian(bytes, 21, 4);
            return {(packed & 0x3FFF) + 1ull, ((packed >> 14) & 0x3FFF) + 1ull};
        }
    }
    if (bytes.size() >= 3 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '6'))
        return pnmSize(bytes);
    return {0, 0};
}

} // namespace

std::string imageSizeProblem(const std::string& path) {
    const auto [width, height] = declaredImageSize(path);
    if (width == 0 || height == 0 || width * height <= kMaxImagePixels)
        return {};
    return "declares " + std::to_string(width) + "×" + std::to_string(height) +
           " pixels, more than the limit of " + std::to_string(kMaxImagePixels >> 20) +
           " Mpixels for one image; scale it down first";
}

std::string headerProblem(const std::string& path, SampleKind kind) {
    std::error_code error;
    const auto size_bytes = std::filesystem::file_size(path, error);
    if (error)
        return "cannot be read: " + error.message();
    if (size_bytes == 0)
        return "the file is empty";
    if (kind == SampleKind::Npy) {
        if (readFileStart(path, 6) != std::string("\x93NUMPY", 6))
            return "not a NumPy .npy file (bad magic bytes)";
        return {};
    }
    if (readFileStart(path, 1).empty())
        return "cannot be opened for reading";
    try {
        if (!cv::haveImageReader(path))
            return "not a recognised image format (unknown file signature)";
    } catch (const cv::Exception&) {
        return "not a recognised image format";
    }
    return imageSizeProblem(path);
}

} // namespace qs::detail
