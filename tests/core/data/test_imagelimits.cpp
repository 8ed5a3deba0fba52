// Images whose header declares more pixels than the limit are refused from the header, before anything is
// decoded: a 1 MB file can declare 32000 x 32000 pixels (3 GB decoded).

#include "imagefixtures.h"

#include "data/imagefolder.h"
#include "data/preprocess.h"
#include "fixtures/modelbuilder.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

void putBigEndian(std::string& bytes, size_t at, uint32_t value, int count) {
    for (int i = 0; i < count; ++i)
        bytes[at + i] = char((value >> (8 * (count - 1 - i))) & 0xFF);
}

uint32_t crc32(const std::string& bytes, size_t begin, size_t end) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = begin; i < end; ++i) {
        crc ^= static_cast<unsigned char>(bytes[i]);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/// A real image file of `extension`, with its header rewritten to declare width x height.
std::string hugeDeclared(const TempDir& dir, const std::string& extension, uint32_t width, uint32_t height) {
    const std::string small = dir.file("small" + extension);
    writeImage(small, gradientGray(16, 16));
    std::string bytes = readBytes(small);
    if (extension == ".png") {
        putBigEndian(bytes, 16, width, 4);
        putBigEndian(bytes, 20, height, 4);
        putBigEndian(bytes, 29, crc32(bytes, 12, 29), 4); // a valid IHDR chunk: only its size is wrong
    } else if (extension == ".jpg") {
        for (size_t at = 2; at + 9 < bytes.size();
             at += 2 + ((unsigned char)bytes[at + 2] << 8 | (unsigned char)bytes[at + 3])) {
            const unsigned marker = static_cast<unsigned char>(bytes[at + 1]);
            if (marker == 0xC0 || marker == 0xC2) {
                putBigEndian(bytes, at + 5, height, 2);
                putBigEndian(bytes, at + 7, width, 2);
                break;
            }
        }
    } else if (extension == ".bmp") {
        for (int i = 0; i < 4; ++i) {
            bytes[18 + i] = char((width >> (8 * i)) & 0xFF);
            bytes[22 + i] = char((height >> (8 * i)) & 0xFF);
        }
    }
    const std::string path = dir.file("huge" + extension);
    writeBytes(path, bytes);
    std::remove(small.c_str());
    return path;
}

} // namespace

TEST_CASE("An image declaring more pixels than the limit is refused from its header", "[data][limits]") {
    const std::string extension = GENERATE(std::string(".png"), std::string(".jpg"), std::string(".bmp"));
    TempDir dir;
    const uint32_t side = extension == ".jpg" ? 60000 : 32000; // JPEG sides are 16-bit
    const std::string huge = hugeDeclared(dir, extension, side, side);
    INFO(extension);
    CHECK_THROWS_WITH(preprocessImageFile(huge, demoPreprocess()),
                      Contains("huge" + extension) && Contains("more than the limit"));

    writeImage(dir.file("ok" + extension), gradientGray(16, 16));
    const ImageFolderScan scan = scanImageFolder(dir.path());
    REQUIRE(scan.items.size() == 1);
    REQUIRE(scan.skipped.size() == 1);
    CHECK_THAT(scan.skipped[0].reason,
               Contains("declares " + std::to_string(side) + "×" + std::to_string(side)));
    CHECK_NOTHROW(preprocessImageFile(dir.file("ok" + extension), demoPreprocess()));
}

TEST_CASE("Images within the limit keep decoding, whatever their header says", "[data][limits]") {
    TempDir dir;
    writeImage(dir.file("wide.png"), gradientGray(2, 4000));
    const std::string path = hugeDeclared(dir, ".png", 4000, 2);
    CHECK_NOTHROW(scanImageFolder(dir.path()));
}

TEST_CASE("An image whose name holds a line break is skipped with the reason", "[data][limits]") {
    TempDir dir;
    writeImage(dir.file("ok.png"), gradientGray(8, 8));
    writeImage(dir.file("two\nlines.png"), gradientGray(8, 8));
    const ImageFolderScan scan = scanImageFolder(dir.path());
    REQUIRE(scan.items.size() == 1);
    REQUIRE(scan.skipped.size() == 1);
    CHECK_THAT(scan.skipped[0].reason, Contains("line break"));
}
