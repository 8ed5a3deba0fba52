#include "data/imagedecoder.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <utility>
#include <vector>

namespace qs::detail {

namespace {

/// The decoder's own limit on one side (OpenCV refuses wider or taller images whatever their area).
constexpr uint64_t kMaxDecoderSide = uint64_t(1) << 20;
/// Bytes read from the start of a file to find its size (JPEG and JPEG 2000 headers can follow large
/// metadata blocks).
constexpr size_t kHeaderBytes = size_t(1) << 20;

using Size2 = std::pair<uint64_t, uint64_t>; // width, height

std::string readFileAt(const std::string& path, uint64_t offset, size_t byteCount) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in)
        return {};
    std::string bytes(byteCount, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(byteCount));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

std::string readFileStart(const std::string& path, size_t byteCount) {
    return readFileAt(path, 0, byteCount);
}

/// Unsigned integer of `count` bytes (at most 8) at `at`; 0 when the bytes are not all there.
uint64_t bigEndian(const std::string& bytes, size_t at, int count) {
    if (at + size_t(count) > bytes.size())
        return 0;
    uint64_t value = 0;
    for (int i = 0; i < count; ++i)
        value = value << 8 | static_cast<unsigned char>(bytes[at + size_t(i)]);
    return value;
}

uint64_t littleEndian(const std::string& bytes, size_t at, int count) {
    if (at + size_t(count) > bytes.size())
        return 0;
    uint64_t value = 0;
    for (int i = count - 1; i >= 0; --i)
        value = value << 8 | static_cast<unsigned char>(bytes[at + size_t(i)]);
    return value;
}

bool startsWith(const std::string& bytes, const char* prefix, size_t length) {
    return bytes.size() >= length && bytes.compare(0, length, prefix, length) == 0;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// Width and height a JPEG declares in its first frame header; {0, 0} when none is found.
Size2 jpegSize(const std::string& bytes) {
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

/// The first `count` decimal numbers after the two-byte magic of a PNM / PFM header (comments skipped).
std::vector<uint64_t> headerNumbers(const std::string& bytes, size_t count) {
    std::vector<uint64_t> values;
    size_t at = 2;
    while (values.size() < count && at < bytes.size()) {
        const char c = bytes[at];
        if (c == '#') {
            while (at < bytes.size() && bytes[at] != '\n' && bytes[at] != '\r')
                ++at;
        } else if (c >= '0' && c <= '9') {
            uint64_t value = 0;
            while (at < bytes.size() && bytes[at] >= '0' && bytes[at] <= '9') {
                value = std::min<uint64_t>(value * 10 + uint64_t(bytes[at] - '0'), uint64_t(1) << 40);
                ++at;
            }
            values.push_back(value);
            continue;
        } else if (!isSpace(c) && c != '-' && c != '+' && c != '.') {
            break;
        }
        ++at;
    }
    return values;
}

/// PNM (P1 to P6) and PFM (PF, Pf): width and height are the first two numbers of the header.
Size2 pnmSize(const std::string& bytes) {
    const std::vector<uint64_t> values = headerNumbers(bytes, 2);
    return values.size() == 2 ? Size2{values[0], values[1]} : Size2{0, 0};
}

/// PAM (P7): "WIDTH w" and "HEIGHT h" lines before "ENDHDR".
Size2 pamSize(const std::string& bytes) {
    uint64_t width = 0;
    uint64_t height = 0;
    size_t at = 2;
    while (at < bytes.size()) {
        size_t end = bytes.find('\n', at);
        if (end == std::string::npos)
            end = bytes.size();
        const std::string line = bytes.substr(at, end - at);
        at = end + 1;
        size_t word = 0;
        while (word < line.size() && isSpace(line[word]))
            ++word;
        if (line.compare(word, 6, "ENDHDR") == 0)
            break;
        for (auto [key, target] : {std::pair<const char*, uint64_t*>{"WIDTH", &width}, {"HEIGHT", &height}}) {
            const size_t length = std::char_traits<char>::length(key);
            if (line.compare(word, length, key) == 0 && word + length < line.size() &&
                isSpace(line[word + length])) {
                const std::vector<uint64_t> values = headerNumbers("  " + line.substr(word + length), 1);
                if (!values.empty())
                    *target = values[0];
            }
        }
    }
    return {width, height};
}

/// TIFF (classic and BigTIFF, "II" or "MM"): ImageWidth (256) and ImageLength (257) of the first image
/// file directory, stored as SHORT, LONG or LONG8. The directory can be anywhere in the file.
Size2 tiffSize(const std::string& path, const std::string& start) {
    const bool little = start[0] == 'I';
    auto read = [little](const std::string& bytes, size_t at, int count) {
        return little ? littleEndian(bytes, at, count) : bigEndian(bytes, at, count);
    };
    const uint64_t version = read(start, 2, 2);
    const bool big = version == 43;
    if (version != 42 && !big)
        return {0, 0};
    const uint64_t directory = big ? read(start, 8, 8) : read(start, 4, 4);
    const size_t countBytes = big ? 8 : 2;
    const size_t entryBytes = big ? 20 : 12;
    std::string bytes = readFileAt(path, directory, countBytes);
    const uint64_t entries = std::min<uint64_t>(read(bytes, 0, int(countBytes)), 4096);
    bytes = readFileAt(path, directory, countBytes + size_t(entries) * entryBytes);
    uint64_t width = 0;
    uint64_t height = 0;
    for (uint64_t i = 0; i < entries; ++i) {
        const size_t at = countBytes + size_t(i) * entryBytes;
        const uint64_t tag = read(bytes, at, 2);
        if (tag != 256 && tag != 257)
            continue;
        const uint64_t type = read(bytes, at + 2, 2);
        const size_t valueAt = at + (big ? 12 : 8);
        const uint64_t value = type == 3    ? read(bytes, valueAt, 2)
                               : type == 4  ? read(bytes, valueAt, 4)
                               : type == 16 ? read(bytes, valueAt, 8)
                                            : 0;
        (tag == 256 ? width : height) = std::min<uint64_t>(value, uint64_t(1) << 40);
    }
    return {width, height};
}

/// Radiance HDR: header lines up to an empty line, then the resolution line ("-Y 480 +X 640", either axis
/// first).
Size2 hdrSize(const std::string& bytes) {
    const size_t blank = bytes.find("\n\n");
    if (blank == std::string::npos)
        return {0, 0};
    size_t end = bytes.find('\n', blank + 2);
    if (end == std::string::npos)
        end = bytes.size();
    std::string first;
    std::string second;
    uint64_t firstValue = 0;
    uint64_t secondValue = 0;
    const std::string line = bytes.substr(blank + 2, end - blank - 2);
    size_t at = 0;
    auto word = [&]() {
        while (at < line.size() && isSpace(line[at]))
            ++at;
        const size_t begin = at;
        while (at < line.size() && !isSpace(line[at]))
            ++at;
        return line.substr(begin, at - begin);
    };
    auto number = [&]() {
        const std::vector<uint64_t> values = headerNumbers("  " + word(), 1);
        return values.empty() ? uint64_t(0) : values[0];
    };
    first = word();
    firstValue = number();
    second = word();
    secondValue = number();
    if (first.size() != 2 || second.size() != 2)
        return {0, 0};
    if (first[1] == 'Y' && second[1] == 'X')
        return {secondValue, firstValue};
    if (first[1] == 'X' && second[1] == 'Y')
        return {firstValue, secondValue};
    return {0, 0};
}

/// OpenEXR: the dataWindow attribute (box2i: xMin, yMin, xMax, yMax) of the first header.
Size2 exrSize(const std::string& bytes) {
    size_t at = 8;
    for (int attribute = 0; attribute < 1024 && at < bytes.size(); ++attribute) {
        const size_t nameEnd = bytes.find('\0', at);
        if (nameEnd == std::string::npos || nameEnd == at)
            return {0, 0};
        const size_t typeEnd = bytes.find('\0', nameEnd + 1);
        if (typeEnd == std::string::npos)
            return {0, 0};
        const std::string name = bytes.substr(at, nameEnd - at);
        const std::string type = bytes.substr(nameEnd + 1, typeEnd - nameEnd - 1);
        const uint64_t size = littleEndian(bytes, typeEnd + 1, 4);
        const size_t value = typeEnd + 5;
        if (name == "dataWindow" && type == "box2i" && size == 16) {
            auto coordinate = [&](size_t index) {
                return int64_t(int32_t(uint32_t(littleEndian(bytes, value + 4 * index, 4))));
            };
            const int64_t width = coordinate(2) - coordinate(0) + 1;
            const int64_t height = coordinate(3) - coordinate(1) + 1;
            return {uint64_t(std::max<int64_t>(width, 0)), uint64_t(std::max<int64_t>(height, 0))};
        }
        at = value + size_t(size);
    }
    return {0, 0};
}

/// JPEG 2000 codestream: the SIZ segment right after the start-of-codestream marker.
Size2 j2kSize(const std::string& bytes, size_t at) {
    if (bigEndian(bytes, at, 2) != 0xFF4F || bigEndian(bytes, at + 2, 2) != 0xFF51)
        return {0, 0};
    const uint64_t width = bigEndian(bytes, at + 8, 4);
    const uint64_t height = bigEndian(bytes, at + 12, 4);
    const uint64_t left = bigEndian(bytes, at + 16, 4);
    const uint64_t top = bigEndian(bytes, at + 20, 4);
    return {width > left ? width - left : 0, height > top ? height - top : 0};
}

/// JP2: the image header box (ihdr: height, width) inside the JP2 header box (jp2h).
Size2 jp2Size(const std::string& bytes) {
    size_t at = 0;
    size_t end = bytes.size();
    for (int box = 0; box < 256 && at + 8 <= end; ++box) {
        uint64_t length = bigEndian(bytes, at, 4);
        const std::string type = bytes.substr(at + 4, 4);
        size_t header = 8;
        if (length == 1) {
            length = bigEndian(bytes, at + 8, 8);
            header = 16;
        } else if (length == 0) {
            length = end - at;
        }
        if (length < header)
            return {0, 0};
        if (type == "jp2h") {
            end = size_t(std::min<uint64_t>(at + length, end));
            at += header;
            continue;
        }
        if (type == "ihdr")
            return {bigEndian(bytes, at + header + 4, 4), bigEndian(bytes, at + header, 4)};
        if (type == "jp2c")
            return j2kSize(bytes, at + header);
        if (length > end - at)
            return {0, 0};
        at += size_t(length);
    }
    return {0, 0};
}

/// DICOM ("DICM" after a 128-byte preamble) is not decoded: its reader allocates whatever element lengths a
/// file declares (gigabytes for a file of a few bytes).
bool isDicom(const std::string& path) {
    return readFileAt(path, 128, 4) == "DICM";
}

const char* const kDicomProblem =
    "is a DICOM file; data folders take PNG, JPEG, BMP, TIFF, WebP and PNM images";

} // namespace

Size2 declaredImageSize(const std::string& path) {
    const std::string bytes = readFileStart(path, kHeaderBytes);
    if (bytes.size() < 4)
        return {0, 0};
    if (startsWith(bytes, "\x89PNG\r\n\x1a\n", 8))
        return {bigEndian(bytes, 16, 4), bigEndian(bytes, 20, 4)};
    if (startsWith(bytes, "\xFF\xD8", 2))
        return jpegSize(bytes);
    if (startsWith(bytes, "BM", 2)) {
        if (littleEndian(bytes, 14, 4) == 12) // OS/2 BITMAPCOREHEADER: 16-bit sides
            return {littleEndian(bytes, 18, 2), littleEndian(bytes, 20, 2)};
        const int32_t width = static_cast<int32_t>(uint32_t(littleEndian(bytes, 18, 4)));
        const int32_t height = static_cast<int32_t>(uint32_t(littleEndian(bytes, 22, 4)));
        return {uint64_t(std::llabs(width)), uint64_t(std::llabs(height))};
    }
    if (bytes.size() >= 30 && startsWith(bytes, "RIFF", 4) && bytes.compare(8, 4, "WEBP") == 0) {
        const std::string chunk = bytes.substr(12, 4);
        if (chunk == "VP8X")
            return {littleEndian(bytes, 24, 3) + 1ull, littleEndian(bytes, 27, 3) + 1ull};
        if (chunk == "VP8 ")
            return {littleEndian(bytes, 26, 2) & 0x3FFF, littleEndian(bytes, 28, 2) & 0x3FFF};
        if (chunk == "VP8L") {
            const uint64_t packed = littleEndian(bytes, 21, 4);
            return {(packed & 0x3FFF) + 1ull, ((packed >> 14) & 0x3FFF) + 1ull};
        }
        return {0, 0};
    }
    if (startsWith(bytes, "II*\0", 4) || startsWith(bytes, "MM\0*", 4) || startsWith(bytes, "II+\0", 4) ||
        startsWith(bytes, "MM\0+", 4))
        return tiffSize(path, bytes);
    if (bytes[0] == 'P' && ((bytes[1] >= '1' && bytes[1] <= '6') || bytes[1] == 'F' || bytes[1] == 'f'))
        return pnmSize(bytes);
    if (bytes[0] == 'P' && bytes[1] == '7')
        return pamSize(bytes);
    if (startsWith(bytes, "\x59\xA6\x6A\x95", 4)) // Sun raster
        return {bigEndian(bytes, 4, 4), bigEndian(bytes, 8, 4)};
    if (startsWith(bytes, "#?RADIANCE", 10) || startsWith(bytes, "#?RGBE", 6))
        return hdrSize(bytes);
    if (startsWith(bytes, "\x76\x2F\x31\x01", 4)) // OpenEXR
        return exrSize(bytes);
    if (startsWith(bytes, "\0\0\0\x0CjP  \r\n\x87\n", 12))
        return jp2Size(bytes);
    if (startsWith(bytes, "\xFF\x4F\xFF\x51", 4))
        return j2kSize(bytes, 0);
    return {0, 0};
}

std::string imageSizeProblem(const std::string& path, uint64_t maxPixels) {
    const auto [width, height] = declaredImageSize(path);
    if (width == 0 || height == 0)
        return {};
    const std::string size = std::to_string(width) + "×" + std::to_string(height);
    // Sides are below 2^41 (the readers clamp them), so the product cannot overflow.
    if (width * height > maxPixels)
        return "declares " + size + " pixels, more than the limit of " + std::to_string(maxPixels) +
               " pixels for one image (preprocess.max_image_pixels); scale it down first";
    if (width > kMaxDecoderSide || height > kMaxDecoderSide)
        return "declares " + size + " pixels; the image decoder reads at most " +
               std::to_string(kMaxDecoderSide) + " pixels per side";
    return {};
}

cv::Mat decodeImageFile(const std::string& path, std::string* problem, uint64_t maxPixels) {
    std::string reason = isDicom(path) ? kDicomProblem : imageSizeProblem(path, maxPixels);
    if (reason.empty()) {
        try {
            cv::Mat image = cv::imread(path, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH);
            if (!image.empty())
                return image;
            reason = "cannot be decoded as an image (corrupt or unsupported format)";
        } catch (const cv::Exception& error) {
            reason =
                error.code == cv::Error::StsNoMem
                    ? "not enough memory to decode it"
                    : "cannot be decoded as an image (the decoder stopped on corrupt or unsupported data)";
        } catch (const std::bad_alloc&) {
            reason = "not enough memory to decode it";
        }
        const auto [width, height] = declaredImageSize(path);
        if (reason.rfind("not enough memory", 0) == 0 && width > 0 && height > 0)
            reason += " (" + std::to_string(width) + "×" + std::to_string(height) + " pixels)";
    }
    if (problem)
        *problem = reason;
    return {};
}

std::string headerProblem(const std::string& path, SampleKind kind, uint64_t maxPixels) {
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
    if (isDicom(path))
        return kDicomProblem;
    try {
        if (!cv::haveImageReader(path))
            return "not a recognised image format (unknown file signature)";
    } catch (const cv::Exception&) {
        return "not a recognised image format";
    }
    return imageSizeProblem(path, maxPixels);
}

} // namespace qs::detail
