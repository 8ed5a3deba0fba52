// The image size limit reads the headers of every format the decoder reads (recognised by content, whatever
// the extension), refuses a tiny file that declares a huge image before decoding it, and is a setting
// (preprocess.max_image_pixels). What OpenCV throws while preprocessing becomes a plain qs::Error naming the
// image.

#include "imagefixtures.h"

#include "data/imagedecoder.h"
#include "data/imagefolder.h"
#include "data/preprocess.h"
#include "fixtures/modelbuilder.h"
#include "util/error.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using namespace std::string_literals;
using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

std::string bigEndian(uint64_t value, int count) {
    std::string bytes;
    for (int i = count - 1; i >= 0; --i)
        bytes += char((value >> (8 * i)) & 0xFF);
    return bytes;
}

std::string littleEndian(uint64_t value, int count) {
    std::string bytes;
    for (int i = 0; i < count; ++i)
        bytes += char((value >> (8 * i)) & 0xFF);
    return bytes;
}

/// A classic TIFF whose only directory declares width x height with tags of `type` (3 SHORT, 4 LONG), the
/// directory `directoryAt` bytes into the file.
std::string tiff(bool little, int type, uint32_t width, uint32_t height, uint32_t directoryAt = 8) {
    auto number = [little](uint64_t value, int count) {
        return little ? littleEndian(value, count) : bigEndian(value, count);
    };
    auto value = [&](uint32_t v) { return type == 3 ? number(v, 2) + std::string(2, '\0') : number(v, 4); };
    std::string bytes = little ? "II*\0"s : "MM\0*"s;
    bytes += number(directoryAt, 4);
    bytes.resize(directoryAt, '\0');
    bytes += number(3, 2);
    bytes += number(256, 2) + number(uint64_t(type), 2) + number(1, 4) + value(width);
    bytes += number(257, 2) + number(uint64_t(type), 2) + number(1, 4) + value(height);
    bytes +=
        number(258, 2) + number(3, 2) + number(1, 4) + number(8, 2) + std::string(2, '\0'); // BitsPerSample
    bytes += number(0, 4);
    return bytes;
}

/// A little-endian BigTIFF declaring width x height as LONG8.
std::string bigTiff(uint64_t width, uint64_t height) {
    std::string bytes = "II+\0"s + littleEndian(8, 2) + littleEndian(0, 2) + littleEndian(16, 8);
    bytes += littleEndian(2, 8);
    bytes += littleEndian(256, 2) + littleEndian(16, 2) + littleEndian(1, 8) + littleEndian(width, 8);
    bytes += littleEndian(257, 2) + littleEndian(16, 2) + littleEndian(1, 8) + littleEndian(height, 8);
    bytes += littleEndian(0, 8);
    return bytes;
}

std::string sunRaster(uint32_t width, uint32_t height) {
    return "\x59\xA6\x6A\x95"s + bigEndian(width, 4) + bigEndian(height, 4) + bigEndian(8, 4) +
           bigEndian(uint64_t(width) * height, 4) + bigEndian(1, 4) + bigEndian(0, 4) + bigEndian(0, 4);
}

std::string openExr(int32_t width, int32_t height) {
    std::string bytes = "\x76\x2F\x31\x01"s + littleEndian(2, 4);
    bytes += "compression\0compression\0"s + littleEndian(1, 4) + '\0';
    bytes += "dataWindow\0box2i\0"s + littleEndian(16, 4) + littleEndian(0, 4) + littleEndian(0, 4) +
             littleEndian(uint32_t(width - 1), 4) + littleEndian(uint32_t(height - 1), 4);
    return bytes + '\0';
}

std::string jp2(uint32_t width, uint32_t height) {
    std::string bytes = "\0\0\0\x0CjP  \r\n\x87\n"s;
    bytes += bigEndian(20, 4) + "ftypjp2 " + bigEndian(0, 4) + "jp2 ";
    const std::string ihdr = bigEndian(22, 4) + "ihdr" + bigEndian(height, 4) + bigEndian(width, 4) +
                             bigEndian(3, 2) + "\x07\x07\0\0"s;
    bytes += bigEndian(8 + ihdr.size(), 4) + "jp2h" + ihdr;
    return bytes;
}

std::string j2kCodestream(uint32_t width, uint32_t height) {
    return "\xFF\x4F\xFF\x51"s + bigEndian(41, 2) + bigEndian(0, 2) + bigEndian(width, 4) +
           bigEndian(height, 4) + bigEndian(0, 4) + bigEndian(0, 4) + bigEndian(width, 4) +
           bigEndian(height, 4) + bigEndian(0, 4) + bigEndian(0, 4) + bigEndian(1, 2) + "\x07\x01\x01"s;
}

std::string webpExtended(uint32_t width, uint32_t height) {
    const std::string chunk = "VP8X"s + littleEndian(10, 4) + littleEndian(0, 4) +
                              littleEndian(width - 1, 3) + littleEndian(height - 1, 3);
    return "RIFF"s + littleEndian(4 + chunk.size(), 4) + "WEBP" + chunk;
}

std::string webpLossless(uint32_t width, uint32_t height) {
    const uint32_t packed = (width - 1) | ((height - 1) << 14);
    const std::string chunk =
        "VP8L"s + littleEndian(13, 4) + "\x2f" + littleEndian(packed, 4) + std::string(8, '\0');
    return "RIFF"s + littleEndian(4 + chunk.size(), 4) + "WEBP" + chunk;
}

std::string bmpCore(uint32_t width, uint32_t height) {
    return "BM"s + littleEndian(26, 4) + littleEndian(0, 4) + littleEndian(26, 4) + littleEndian(12, 4) +
           littleEndian(width, 2) + littleEndian(height, 2) + littleEndian(1, 2) + littleEndian(24, 2);
}

struct Crafted {
    std::string name; ///< file name (its extension need not match the content)
    std::string bytes;
    uint64_t width = 0;
    uint64_t height = 0;
};

std::vector<Crafted> hugeImages() {
    return {
        {"le-short.tif", tiff(true, 3, 60000, 60000), 60000, 60000},
        {"le-long.tif", tiff(true, 4, 100000, 90000), 100000, 90000},
        {"be-short.tiff", tiff(false, 3, 50000, 40000), 50000, 40000},
        {"be-long.tiff", tiff(false, 4, 70000, 80000), 70000, 80000},
        {"directory-at-2MiB.tif", tiff(true, 4, 30000, 30000, 2u << 20), 30000, 30000},
        {"bigtiff.tif", bigTiff(200000, 100000), 200000, 100000},
        {"p5.pgm", "P5\n40000 40000\n255\n\x01\x02"s, 40000, 40000},
        {"p6.ppm", "P6 # a comment\n# another\n 30000\t20000 255\n\x01"s, 30000, 20000},
        {"p1.pgm", "P1\n50000 50000\n0 1 0\n"s, 50000, 50000},
        {"p2.pgm", "P2\n40000 40000\n255\n1 2 3\n"s, 40000, 40000},
        {"p3.ppm", "P3\n40000 40000\n255\n1 2 3\n"s, 40000, 40000},
        {"p4.pgm", "P4\n60000 60000\n\xff"s, 60000, 60000},
        {"p7.ppm", "P7\nWIDTH 40000\nHEIGHT 30000\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n\x01"s, 40000,
         30000},
        {"gray.pfm.pgm", "Pf\n40000 40000\n-1.0\n\0\0\0\0"s, 40000, 40000},
        {"color.pfm.ppm", "PF\n30000 30000\n1.0\n\0\0\0\0"s, 30000, 30000},
        {"sun-raster.png", sunRaster(40000, 40000), 40000, 40000},
        {"radiance.png", "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 40000 +X 50000\n\x02\x02"s, 50000, 40000},
        {"rgbe-x-first.png", "#?RGBE\nEXPOSURE=1\n\n+X 60000 -Y 30000\n\x02\x02"s, 60000, 30000},
        {"openexr.png", openExr(50000, 50000), 50000, 50000},
        {"boxes.jp2.png", jp2(40000, 40000), 40000, 40000},
        {"codestream.png", j2kCodestream(45000, 45000), 45000, 45000},
        {"extended.webp", webpExtended(16384, 16384), 16384, 16384},
        {"lossless.webp", webpLossless(16384, 16000), 16384, 16000},
        {"os2.bmp", bmpCore(65535, 65535), 65535, 65535},
    };
}

} // namespace

TEST_CASE("A tiny file declaring a huge image is refused from its header, in every format the decoder reads",
          "[data][limits][headers]") {
    TempDir dir;
    for (const Crafted& image : hugeImages()) {
        INFO(image.name);
        const std::string path = dir.writeFile(image.name, image.bytes);
        CHECK(detail::declaredImageSize(path) == std::make_pair(image.width, image.height));
        const std::string size = std::to_string(image.width) + "×" + std::to_string(image.height);
        CHECK_THROWS_WITH(preprocessImageFile(path, demoPreprocess()),
                          Contains(image.name) && Contains("declares " + size) &&
                              Contains("more than the limit of 134217728 pixels") &&
                              Contains("preprocess.max_image_pixels"));
        std::string problem;
        CHECK(detail::decodeImageFile(path, &problem).empty());
        CHECK_THAT(problem, Contains("declares " + size));
        std::remove(path.c_str());
    }
}

TEST_CASE("The scan skips files declaring a huge image and says why", "[data][limits][headers]") {
    TempDir dir;
    writeImage(dir.file("ok.png"), gradientGray(8, 8));
    dir.writeFile("huge.tif", tiff(false, 4, 70000, 80000));
    dir.writeFile("huge.pgm", "P5\n40000 40000\n255\n\x01\x02"s);
    const ImageFolderScan scan = scanImageFolder(dir.path());
    REQUIRE(scan.items.size() == 1);
    REQUIRE(scan.skipped.size() == 2);
    for (const SkippedFile& skipped : scan.skipped)
        CHECK_THAT(skipped.reason, Contains("more than the limit of 134217728 pixels"));
}

TEST_CASE("Headers written by the real encoders are read with the right size", "[data][headers]") {
    TempDir dir;
    const cv::Mat gray(23, 37, CV_8UC1, cv::Scalar(7));
    const cv::Mat color(23, 37, CV_8UC3, cv::Scalar(1, 2, 3));
    const cv::Mat floats(23, 37, CV_32FC3, cv::Scalar(0.5, 0.25, 0.125));
    const std::vector<std::pair<std::string, cv::Mat>> files = {
        {".png", color}, {".jpg", color}, {".bmp", color},  {".webp", color},
        {".tif", color}, {".pgm", gray},  {".ppm", color},  {".pbm", gray},
        {".pam", color}, {".sr", color},  {".pfm", floats}, {".hdr", floats}};
    for (const auto& [extension, image] : files) {
        INFO(extension);
        const std::string path = dir.file("image" + extension);
        REQUIRE(cv::imwrite(path, image));
        CHECK(detail::declaredImageSize(path) == std::make_pair(uint64_t(37), uint64_t(23)));
        CHECK(detail::imageSizeProblem(path).empty());
        CHECK(detail::imageSizeProblem(path, 37 * 23 - 1) != "");
    }
    const cv::Mat larger(48, 64, CV_8UC3, cv::Scalar(1, 2, 3)); // OpenJPEG needs a few resolution levels
    const std::string jp2Path = dir.file("image.jp2");
    if (cv::imwrite(jp2Path, larger))
        CHECK(detail::declaredImageSize(jp2Path) == std::make_pair(uint64_t(64), uint64_t(48)));
    const std::string exrPath = dir.file("image.exr");
    if (cv::imwrite(exrPath, floats))
        CHECK(detail::declaredImageSize(exrPath) == std::make_pair(uint64_t(37), uint64_t(23)));
}

TEST_CASE("preprocess.max_image_pixels lowers and raises the limit", "[data][limits]") {
    TempDir dir;
    const std::string path = dir.file("square.png");
    writeImage(path, gradientGray(64, 64));
    PreprocessConfig config = demoPreprocess();
    config.maxImagePixels = 4095;
    CHECK_THROWS_WITH(preprocessImageFile(path, config), Contains("square.png") &&
                                                             Contains("declares 64×64 pixels") &&
                                                             Contains("more than the limit of 4095 pixels"));
    ImageFolderOptions options;
    options.maxImagePixels = 4095;
    CHECK_THROWS_WITH(scanImageFolder(dir.path(), options), Contains("more than the limit of 4095 pixels"));

    config.maxImagePixels = 4096;
    CHECK(preprocessImageFile(path, config).dims() == std::vector<int64_t>{1, 64, 64});
    options.maxImagePixels = 4096;
    CHECK(scanImageFolder(dir.path(), options).items.size() == 1);

    // A header above the default limit gets through the check once the limit is raised (this file then
    // fails in the decoder, being only a header).
    const std::string huge = dir.writeFile("huge.tif", tiff(true, 4, 12000, 12000));
    CHECK_THROWS_WITH(preprocessImageFile(huge, demoPreprocess()), Contains("more than the limit"));
    config.maxImagePixels = kMaxImagePixelsCeiling;
    CHECK_THROWS_WITH(preprocessImageFile(huge, config), Contains("huge.tif") &&
                                                             !Contains("more than the limit") &&
                                                             Contains("cannot be decoded"));

    config.maxImagePixels = 0;
    CHECK_THROWS_WITH(validatePreprocess(config), Contains("preprocess.max_image_pixels"));
    config.maxImagePixels = kMaxImagePixelsCeiling + 1;
    CHECK_THROWS_WITH(validatePreprocess(config), Contains("preprocess.max_image_pixels"));
}

TEST_CASE("OpenCV failures while preprocessing become plain errors naming the image", "[data][opencv]") {
    const PreprocessConfig config =
        demoPreprocess(); // GRAY: a colour conversion OpenCV cannot do for 2 channels
    const cv::Mat twoChannels(8, 8, CV_8UC2, cv::Scalar(1, 2));
    const std::string message = [&] {
        try {
            detail::preprocessMat(twoChannels, config, "pair.tif");
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string("no qs::Error");
    }();
    CHECK_THAT(message, Contains("pair.tif") && Contains("cannot convert its colours (2 channels) to GRAY"));
    CHECK(message.find("OpenCV") == std::string::npos);

    PreprocessConfig rgb = config;
    rgb.color = ColorOrder::RGB;
    cv::Mat fiveChannels(8, 8, CV_8UC(5));
    std::memset(fiveChannels.data, 1, fiveChannels.total() * fiveChannels.elemSize());
    CHECK_THROWS_WITH(detail::preprocessMat(fiveChannels, rgb, "five.tif"),
                      Contains("five.tif") && Contains("5 channels") && !Contains("OpenCV("));
}
