// Preprocessing checked against tensors computed by hand from images whose every pixel is known.

#include "imagefixtures.h"

#include "data/preprocess.h"
#include "fixtures/modelbuilder.h"
#include "util/error.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <vector>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {

// Pixel values of gradientBgr() by channel name.
float blue(int y, int x) { return static_cast<float>(10 * y + x); }
float green(int y, int x) { return static_cast<float>(100 + 10 * y + x); }
float red(int y, int x) { return static_cast<float>(200 + 10 * y + x); }

float chw(const RuntimeTensor& t, int c, int y, int x) {
    const auto& d = t.dims();
    return t.data<float>()[(c * d[1] + y) * d[2] + x];
}

float hwc(const RuntimeTensor& t, int y, int x, int c) {
    const auto& d = t.dims();
    return t.data<float>()[(y * d[1] + x) * d[2] + c];
}

std::string writeGradient(const TempDir& dir) {
    const std::string path = dir.file("gradient.png");
    writeImage(path, gradientBgr());
    return path;
}

} // namespace

TEST_CASE("RGB NCHW puts red first and keeps pixel values", "[data][preprocess]") {
    TempDir dir;
    PreprocessConfig config;
    const RuntimeTensor t = preprocessImageFile(writeGradient(dir), config);
    REQUIRE(t.type() == DataType::Float);
    REQUIRE(t.dims() == std::vector<int64_t>{3, 4, 6});
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 6; ++x) {
            CHECK(chw(t, 0, y, x) == red(y, x));
            CHECK(chw(t, 1, y, x) == green(y, x));
            CHECK(chw(t, 2, y, x) == blue(y, x));
        }
}

TEST_CASE("BGR NHWC keeps the decoded order, channels last", "[data][preprocess]") {
    TempDir dir;
    PreprocessConfig config;
    config.color = ColorOrder::BGR;
    config.layout = TensorLayout::NHWC;
    const RuntimeTensor t = preprocessImageFile(writeGradient(dir), config);
    REQUIRE(t.dims() == std::vector<int64_t>{4, 6, 3});
    CHECK(hwc(t, 0, 0, 0) == 0.0f);
    CHECK(hwc(t, 3, 5, 0) == blue(3, 5));
    CHECK(hwc(t, 2, 4, 1) == green(2, 4));
    CHECK(hwc(t, 1, 3, 2) == red(1, 3));
    CHECK(t.data<float>()[1] == green(0, 0)); // element 1 is channel 1 of pixel (0,0) in NHWC
}

TEST_CASE("GRAY uses luminance of colour images and gray images become three equal channels",
          "[data][preprocess]") {
    TempDir dir;
    PreprocessConfig gray;
    gray.color = ColorOrder::Gray;
    const RuntimeTensor g = preprocessImageFile(writeGradient(dir), gray);
    REQUIRE(g.dims() == std::vector<int64_t>{1, 4, 6});
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 6; ++x) {
            const float luma = 0.299f * red(y, x) + 0.587f * green(y, x) + 0.114f * blue(y, x);
            CHECK(chw(g, 0, y, x) == Approx(luma).margin(0.6));
        }

    const std::string grayPath = dir.file("gray.png");
    writeImage(grayPath, gradientGray(3, 5));
    const RuntimeTensor rgb = preprocessImageFile(grayPath, PreprocessConfig());
    REQUIRE(rgb.dims() == std::vector<int64_t>{3, 3, 5});
    for (int c = 0; c < 3; ++c)
        CHECK(chw(rgb, c, 2, 4) == 24.0f);
    const RuntimeTensor same = preprocessImageFile(grayPath, gray);
    CHECK(chw(same, 0, 1, 2) == 12.0f);
}

TEST_CASE("Exact resize with nearest and area interpolation", "[data][preprocess]") {
    TempDir dir;
    const std::string path = writeGradient(dir);
    PreprocessConfig config;
    config.resize = {2, 3};
    config.interpolation = Interpolation::Nearest;
    const RuntimeTensor nearest = preprocessImageFile(path, config);
    REQUIRE(nearest.dims() == std::vector<int64_t>{3, 2, 3});
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 3; ++x)
            CHECK(chw(nearest, 0, y, x) == red(2 * y, 2 * x));

    config.interpolation = Interpolation::Area;
    const RuntimeTensor area = preprocessImageFile(path, config);
    // Each output pixel averages a 2x2 block: v(2y,2x) + (0 + 1 + 10 + 11) / 4, rounded to 8 bits.
    CHECK(chw(area, 0, 1, 2) == Approx(red(2, 4) + 5.5f).margin(0.51));
    CHECK(chw(area, 2, 0, 1) == Approx(blue(0, 2) + 5.5f).margin(0.51));

    config.resize = {8, 12};
    config.interpolation = Interpolation::Linear;
    CHECK(preprocessImageFile(path, config).dims() == std::vector<int64_t>{3, 8, 12});
}

TEST_CASE("Shorter-side resize keeps the aspect ratio", "[data][preprocess]") {
    PreprocessConfig config;
    config.resizeShorter = 2;
    CHECK(preprocessedDims(config, 4, 6) == std::vector<int64_t>{3, 2, 3});
    CHECK(preprocessedDims(config, 6, 4) == std::vector<int64_t>{3, 3, 2});
    config.resizeShorter = 3;
    CHECK(preprocessedDims(config, 4, 6) == std::vector<int64_t>{3, 3, 5}); // 4.5 rounds up
    config.resizeShorter = 256;
    CHECK(preprocessedDims(config, 375, 500) == std::vector<int64_t>{3, 256, 341});

    TempDir dir;
    config.resizeShorter = 2;
    config.interpolation = Interpolation::Nearest;
    config.layout = TensorLayout::NHWC;
    const RuntimeTensor t = preprocessImageFile(writeGradient(dir), config);
    REQUIRE(t.dims() == std::vector<int64_t>{2, 3, 3});
    CHECK(hwc(t, 1, 2, 0) == red(2, 4));
}

TEST_CASE("Center crop takes the middle, offsets rounded down", "[data][preprocess]") {
    TempDir dir;
    const std::string path = writeGradient(dir);
    PreprocessConfig config;
    config.centerCrop = {2, 4};
    const RuntimeTensor t = preprocessImageFile(path, config);
    REQUIRE(t.dims() == std::vector<int64_t>{3, 2, 4});
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 4; ++x)
            CHECK(chw(t, 1, y, x) == green(y + 1, x + 1));

    config.centerCrop = {3, 3}; // offsets (4-3)/2 = 0 rows, (6-3)/2 = 1 column
    const RuntimeTensor odd = preprocessImageFile(path, config);
    CHECK(chw(odd, 0, 0, 0) == red(0, 1));
    CHECK(chw(odd, 0, 2, 2) == red(2, 3));

    config.centerCrop = {5, 2};
    CHECK_THROWS_WITH(preprocessImageFile(path, config),
                      Contains("gradient.png") && Contains("preprocess.center_crop [5,2]"));
}

TEST_CASE("Scale, mean and std are applied per channel after scaling", "[data][preprocess]") {
    TempDir dir;
    PreprocessConfig config;
    config.scale = 1.0f / 255.0f;
    config.mean = {0.485f, 0.456f, 0.406f};
    config.std = {0.229f, 0.224f, 0.225f};
    const RuntimeTensor t = preprocessImageFile(writeGradient(dir), config);
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 6; ++x) {
            const auto close = [](double expected) { return Approx(expected).epsilon(1e-5).margin(1e-5); };
            CHECK(chw(t, 0, y, x) == close((red(y, x) / 255.0 - 0.485) / 0.229));
            CHECK(chw(t, 1, y, x) == close((green(y, x) / 255.0 - 0.456) / 0.224));
            CHECK(chw(t, 2, y, x) == close((blue(y, x) / 255.0 - 0.406) / 0.225));
        }

    config.mean = {100.0f};
    config.std = {2.0f};
    config.scale = 1.0f;
    const RuntimeTensor single = preprocessImageFile(writeGradient(dir), config);
    CHECK(chw(single, 0, 1, 1) == Approx((211.0 - 100.0) / 2.0));
    CHECK(chw(single, 2, 1, 1) == Approx((11.0 - 100.0) / 2.0));
}

TEST_CASE("16-bit images are divided by 257 and alpha is dropped", "[data][preprocess]") {
    TempDir dir;
    cv::Mat deep(2, 3, CV_16UC1);
    for (int i = 0; i < 6; ++i)
        deep.at<uint16_t>(i / 3, i % 3) = static_cast<uint16_t>((40 * i + 7) * 257);
    const std::string deepPath = dir.file("deep.png");
    writeImage(deepPath, deep);
    PreprocessConfig gray;
    gray.color = ColorOrder::Gray;
    const RuntimeTensor g = preprocessImageFile(deepPath, gray);
    REQUIRE(g.dims() == std::vector<int64_t>{1, 2, 3});
    for (int i = 0; i < 6; ++i)
        CHECK(g.data<float>()[i] == Approx(40 * i + 7));

    cv::Mat bgra(4, 6, CV_8UC4);
    const cv::Mat bgr = gradientBgr();
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 6; ++x) {
            const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
            bgra.at<cv::Vec4b>(y, x) = cv::Vec4b(p[0], p[1], p[2], static_cast<uchar>(x * 40));
        }
    const std::string alphaPath = dir.file("alpha.png");
    writeImage(alphaPath, bgra);
    const RuntimeTensor t = preprocessImageFile(alphaPath, PreprocessConfig());
    REQUIRE(t.dims() == std::vector<int64_t>{3, 4, 6});
    CHECK(chw(t, 0, 3, 5) == red(3, 5));
    CHECK(chw(t, 2, 3, 5) == blue(3, 5));
}

TEST_CASE("Pixels in memory give the same tensor as the file", "[data][preprocess]") {
    TempDir dir;
    PreprocessConfig config;
    config.resize = {3, 4};
    config.scale = 0.5f;
    const cv::Mat bgr = gradientBgr();
    const RuntimeTensor fromFile = preprocessImageFile(writeGradient(dir), config);
    const RuntimeTensor fromPixels = preprocessPixels(bgr.data, 4, 6, 3, config);
    REQUIRE(fromFile.dims() == fromPixels.dims());
    for (int64_t i = 0; i < fromFile.elementCount(); ++i)
        CHECK(fromFile.data<float>()[i] == fromPixels.data<float>()[i]);
    CHECK_THROWS_WITH(preprocessPixels(bgr.data, 4, 6, 2, config, "frame"), Contains("frame"));
}

TEST_CASE("The demo image gives the documented normalised tensor", "[data][preprocess]") {
    const std::string path = demoDir() + "/calib/calib_0000.png";
    PreprocessConfig config;
    config.color = ColorOrder::Gray;
    config.scale = 1.0f / 255.0f;
    config.mean = {0.2860f};
    config.std = {0.3530f};
    validatePreprocess(config, 1);
    const RuntimeTensor t = preprocessImageFile(path, config);
    REQUIRE(t.dims() == std::vector<int64_t>{1, 28, 28});
    const cv::Mat pixels = cv::imread(path, cv::IMREAD_GRAYSCALE);
    REQUIRE(pixels.rows == 28);
    for (int y = 0; y < 28; y += 3)
        for (int x = 0; x < 28; x += 5)
            CHECK(chw(t, 0, y, x) == Approx((pixels.at<uchar>(y, x) / 255.0 - 0.2860) / 0.3530).margin(1e-5));
}

TEST_CASE("Batches stack samples along a new first axis", "[data][preprocess]") {
    const RuntimeTensor a = RuntimeTensor::fromFloats({1, 2, 2}, {1, 2, 3, 4});
    const RuntimeTensor b = RuntimeTensor::fromFloats({1, 2, 2}, {5, 6, 7, 8});
    const RuntimeTensor batch = stackBatch({a, b});
    REQUIRE(batch.dims() == std::vector<int64_t>{2, 1, 2, 2});
    CHECK(batch.data<float>()[4] == 5.0f);
    CHECK(batch.data<float>()[7] == 8.0f);
    CHECK_THROWS_WITH(stackBatch({a, RuntimeTensor::fromFloats({1, 1, 2}, {1, 2})}), Contains("[1,1,2]"));
    CHECK_THROWS_AS(stackBatch({}), Error);
}

TEST_CASE("Preprocess validation names the key", "[data][preprocess]") {
    PreprocessConfig config;
    config.color = ColorOrder::Gray;
    config.mean = {0.5f, 0.5f, 0.5f};
    CHECK_THROWS_WITH(validatePreprocess(config, 1),
                      "preprocess.mean has 3 values but the model input has 1 channel");
    config.mean.clear();
    CHECK_THROWS_WITH(validatePreprocess(config, 3), Contains("preprocess.color is GRAY"));

    PreprocessConfig rgb;
    rgb.std = {1.0f, 0.0f, 1.0f};
    CHECK_THROWS_WITH(validatePreprocess(rgb), Contains("preprocess.std[1] is 0"));
    rgb.std = {1.0f, 2.0f};
    CHECK_THROWS_WITH(validatePreprocess(rgb), Contains("preprocess.std has 2 values"));
    rgb.std.clear();
    rgb.resize = {224};
    CHECK_THROWS_WITH(validatePreprocess(rgb), Contains("preprocess.resize must be [height, width]"));
    rgb.resize = {224, 224};
    rgb.resizeShorter = 256;
    CHECK_THROWS_WITH(validatePreprocess(rgb), Contains("preprocess.resize_shorter"));
    rgb.resize.clear();
    rgb.centerCrop = {0, 224};
    CHECK_THROWS_WITH(validatePreprocess(rgb), Contains("preprocess.center_crop"));
    rgb.centerCrop = {224, 224};
    CHECK_NOTHROW(validatePreprocess(rgb, 3));
}

TEST_CASE("Option names parse case-insensitively and reject unknown values", "[data][preprocess]") {
    CHECK(parseColorOrder("rgb") == ColorOrder::RGB);
    CHECK(parseColorOrder("Gray") == ColorOrder::Gray);
    CHECK(parseInterpolation("AREA") == Interpolation::Area);
    CHECK(parseTensorLayout("nhwc") == TensorLayout::NHWC);
    CHECK(toString(parseInterpolation(toString(Interpolation::Cubic))) == "cubic");
    CHECK_THROWS_WITH(parseColorOrder("YUV"), Contains("preprocess.color") && Contains("YUV"));
    CHECK_THROWS_WITH(parseTensorLayout("CHW", "input.layout"), Contains("input.layout"));
}

TEST_CASE("Undecodable files are reported by name", "[data][preprocess]") {
    TempDir dir;
    const std::string bad = dir.writeFile("noise.png", std::string(64, '\x5a'));
    CHECK_THROWS_WITH(preprocessImageFile(bad, PreprocessConfig()), Contains("noise.png"));
    CHECK_THROWS_WITH(preprocessImageFile(dir.file("missing.png"), PreprocessConfig()),
                      Contains("missing.png") && Contains("does not exist"));
}
