#include "data/preprocess.h"

#include "data/imagedecoder.h"
#include "util/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <new>

namespace qs {

namespace {

std::string upperCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::string sizeText(const std::vector<int>& size) {
    std::string text = "[";
    for (size_t i = 0; i < size.size(); ++i)
        text += (i ? "," : "") + std::to_string(size[i]);
    return text + "]";
}

std::string channelWord(int64_t count) {
    return count == 1 ? " channel" : " channels";
}

void checkSize(const std::vector<int>& size, const std::string& key) {
    if (size.empty())
        return;
    if (size.size() != 2 || size[0] <= 0 || size[1] <= 0)
        throw Error(key + " must be [height, width] with two positive values, got " + sizeText(size));
}

void checkPerChannel(const std::vector<float>& values, const std::string& key, int64_t channels,
                     const std::string& whose) {
    if (values.size() > 1 && static_cast<int64_t>(values.size()) != channels)
        throw Error(key + " has " + std::to_string(values.size()) + " values but " + whose + " has " +
                    std::to_string(channels) + channelWord(channels));
    for (float value : values)
        if (!std::isfinite(value))
            throw Error(key + " contains a value that is not a finite number");
}

int cvInterpolation(Interpolation interpolation) {
    switch (interpolation) {
    case Interpolation::Nearest:
        return cv::INTER_NEAREST;
    case Interpolation::Cubic:
        return cv::INTER_CUBIC;
    case Interpolation::Area:
        return cv::INTER_AREA;
    case Interpolation::Linear:
        break;
    }
    return cv::INTER_LINEAR;
}

std::string pixelsText(int64_t width, int64_t height) {
    return std::to_string(width) + "×" + std::to_string(height);
}

/// Runs one OpenCV step on the image `displayName`; what OpenCV throws (and running out of memory) becomes a
/// qs::Error in plain words: "<image>: cannot <what>" or "<image>: not enough memory to <what>".
template <typename Step>
auto openCvStep(const std::string& displayName, const std::string& what, Step&& step) -> decltype(step()) {
    try {
        return step();
    } catch (const cv::Exception& error) {
        if (error.code == cv::Error::StsNoMem)
            throw Error(displayName + ": not enough memory to " + what);
        throw Error(displayName + ": cannot " + what + " (the image library refused it)");
    } catch (const std::bad_alloc&) {
        throw Error(displayName + ": not enough memory to " + what);
    }
}

/// The most pixels an image may have after resizing: the largest preprocess.resize a config may ask for.
constexpr int64_t kMaxResizedPixels = int64_t(16384) * 16384;

cv::Size resizedSize(const PreprocessConfig& config, int height, int width) {
    if (config.resize.size() == 2)
        return {config.resize[1], config.resize[0]};
    if (config.resizeShorter > 0) {
        const int64_t shorter = std::min(height, width);
        const int64_t longer = std::max(height, width);
        const int longerOut = static_cast<int>(
            std::min<int64_t>((longer * config.resizeShorter + shorter / 2) / shorter, INT_MAX));
        return height <= width ? cv::Size(longerOut, config.resizeShorter)
                               : cv::Size(config.resizeShorter, longerOut);
    }
    return {width, height};
}

cv::Mat convertColor(const cv::Mat& image, ColorOrder color) {
    cv::Mat out;
    const int channels = image.channels();
    if (color == ColorOrder::Gray) {
        if (channels == 1)
            return image;
        cv::cvtColor(image, out, channels == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    } else if (color == ColorOrder::RGB) {
        cv::cvtColor(image, out,
                     channels == 1   ? cv::COLOR_GRAY2RGB
                     : channels == 4 ? cv::COLOR_BGRA2RGB
                                     : cv::COLOR_BGR2RGB);
    } else {
        if (channels == 3)
            return image;
        cv::cvtColor(image, out, channels == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
    }
    return out;
}

cv::Mat resizeAndCrop(const cv::Mat& image, const PreprocessConfig& config, const std::string& displayName) {
    cv::Mat resized = image;
    const cv::Size target = resizedSize(config, image.rows, image.cols);
    if (int64_t(target.width) * target.height > kMaxResizedPixels)
        throw Error(displayName + ": resizing the " + std::to_string(image.cols) + "×" +
                    std::to_string(image.rows) + " image gives " + std::to_string(target.width) + "×" +
                    std::to_string(target.height) + " pixels, more than the limit of " +
                    std::to_string(kMaxResizedPixels >> 20) +
                    " Mpixels (an elongated image with resize_shorter)");
    if (target != image.size())
        openCvStep(displayName,
                   "resize it from " + pixelsText(image.cols, image.rows) + " to " +
                       pixelsText(target.width, target.height) + " pixels",
                   [&] { cv::resize(image, resized, target, 0, 0, cvInterpolation(config.interpolation)); });
    if (config.centerCrop.size() != 2)
        return resized;
    const int cropHeight = config.centerCrop[0];
    const int cropWidth = config.centerCrop[1];
    if (cropHeight > resized.rows || cropWidth > resized.cols)
        throw PreprocessMismatch(displayName + ": preprocess.center_crop " + sizeText(config.centerCrop) +
                                 " is larger than the image after resizing [" + std::to_string(resized.rows) +
                                 "," + std::to_string(resized.cols) + "]");
    const int left = (resized.cols - cropWidth) / 2;
    const int top = (resized.rows - cropHeight) / 2;
    const cv::Rect box(left, top, cropWidth, cropHeight);
    return openCvStep(displayName, "crop it to " + pixelsText(cropWidth, cropHeight) + " pixels",
                      [&] { return resized(box); });
}

cv::Mat toFloat(const cv::Mat& image) {
    cv::Mat out;
    const double depthScale = image.depth() == CV_16U ? 1.0 / 257.0 : 1.0;
    image.convertTo(out, CV_MAKETYPE(CV_32F, image.channels()), depthScale);
    return out;
}

float perChannel(const std::vector<float>& values, int channel, float fallback) {
    if (values.empty())
        return fallback;
    return values.size() == 1 ? values[0] : values[static_cast<size_t>(channel)];
}

RuntimeTensor toTensor(const cv::Mat& pixels, const PreprocessConfig& config) {
    const int height = pixels.rows;
    const int width = pixels.cols;
    const int channels = pixels.channels();
    RuntimeTensor tensor(DataType::Float, preprocessedDims(config, height, width));
    float* out = tensor.data<float>();
    std::vector<float> multiplier(static_cast<size_t>(channels));
    std::vector<float> offset(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c) {
        const float std_value = perChannel(config.std, c, 1.0f);
        multiplier[c] = config.scale / std_value;
        offset[c] = -perChannel(config.mean, c, 0.0f) / std_value;
    }
    const bool planar = config.layout == TensorLayout::NCHW;
    const size_t planeSize = static_cast<size_t>(height) * width;
    for (int y = 0; y < height; ++y) {
        const float* row = pixels.ptr<float>(y);
        for (int x = 0; x < width; ++x) {
            const size_t pixel = static_cast<size_t>(y) * width + x;
            for (int c = 0; c < channels; ++c) {
                const float value = row[x * channels + c] * multiplier[c] + offset[c];
                out[planar ? c * planeSize + pixel : pixel * channels + c] = value;
            }
        }
    }
    return tensor;
}

} // namespace

void validatePreprocess(const PreprocessConfig& config, int64_t modelChannels) {
    checkSize(config.resize, "preprocess.resize");
    checkSize(config.centerCrop, "preprocess.center_crop");
    if (config.resizeShorter < 0)
        throw Error("preprocess.resize_shorter must be positive, got " +
                    std::to_string(config.resizeShorter));
    if (config.resizeShorter > 0 && !config.resize.empty())
        throw Error("preprocess.resize and preprocess.resize_shorter cannot both be set");
    if (!std::isfinite(config.scale) || config.scale == 0.0f)
        throw Error("preprocess.scale must be a finite, non-zero number");
    if (config.maxImagePixels == 0 || config.maxImagePixels > kMaxImagePixelsCeiling)
        throw Error("preprocess.max_image_pixels must be between 1 and " +
                    std::to_string(kMaxImagePixelsCeiling) + ", got " +
                    std::to_string(config.maxImagePixels));
    const int channels = config.channelCount();
    if (modelChannels > 0 && modelChannels != channels)
        throw Error("preprocess.color is " + toString(config.color) + " (" + std::to_string(channels) +
                    channelWord(channels) + ") but the model input has " + std::to_string(modelChannels) +
                    channelWord(modelChannels));
    const std::string whose =
        modelChannels > 0 ? "the model input" : "preprocess.color " + toString(config.color);
    checkPerChannel(config.mean, "preprocess.mean", channels, whose);
    checkPerChannel(config.std, "preprocess.std", channels, whose);
    for (size_t i = 0; i < config.std.size(); ++i)
        if (config.std[i] == 0.0f)
            throw Error("preprocess.std[" + std::to_string(i) + "] is 0 (division by zero)");
}

std::vector<int64_t> preprocessedDims(const PreprocessConfig& config, int imageHeight, int imageWidth) {
    const cv::Size resized = resizedSize(config, imageHeight, imageWidth);
    int64_t height = resized.height;
    int64_t width = resized.width;
    if (config.centerCrop.size() == 2) {
        height = config.centerCrop[0];
        width = config.centerCrop[1];
    }
    const int64_t channels = config.channelCount();
    if (config.layout == TensorLayout::NCHW)
        return {channels, height, width};
    return {height, width, channels};
}

RuntimeTensor preprocessImageFile(const std::string& path, const PreprocessConfig& config) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        throw Error(path + ": image file does not exist");
    std::string problem;
    const cv::Mat image = detail::decodeImageFile(path, &problem, config.maxImagePixels);
    if (image.empty())
        throw Error(path + ": " + problem);
    return detail::preprocessMat(image, config, path);
}

RuntimeTensor preprocessPixels(const uint8_t* pixels, int height, int width, int channels,
                               const PreprocessConfig& config, const std::string& displayName) {
    if (!pixels || height <= 0 || width <= 0)
        throw Error(displayName + ": empty image");
    if (channels != 1 && channels != 3 && channels != 4)
        throw Error(displayName + ": images must have 1, 3 or 4 channels, got " + std::to_string(channels));
    const cv::Mat image(height, width, CV_MAKETYPE(CV_8U, channels), const_cast<uint8_t*>(pixels));
    return detail::preprocessMat(image, config, displayName);
}

RuntimeTensor stackBatch(const std::vector<RuntimeTensor>& samples) {
    if (samples.empty())
        throw Error("Cannot build a batch from no samples");
    const std::vector<int64_t>& sampleDims = samples.front().dims();
    std::vector<int64_t> dims = {static_cast<int64_t>(samples.size())};
    dims.insert(dims.end(), sampleDims.begin(), sampleDims.end());
    RuntimeTensor batch(DataType::Float, dims);
    const size_t sampleBytes = samples.front().sizeBytes();
    for (size_t i = 0; i < samples.size(); ++i) {
        if (samples[i].dims() != sampleDims || samples[i].type() != DataType::Float)
            throw Error("Batch sample " + std::to_string(i) + " is " + samples[i].describe() +
                        " but sample 0 is " + samples.front().describe());
        std::memcpy(static_cast<char*>(batch.raw()) + i * sampleBytes, samples[i].raw(), sampleBytes);
    }
    return batch;
}

std::string toString(ColorOrder color) {
    switch (color) {
    case ColorOrder::RGB:
        return "RGB";
    case ColorOrder::BGR:
        return "BGR";
    case ColorOrder::Gray:
        return "GRAY";
    }
    return "RGB";
}

std::string toString(Interpolation interpolation) {
    switch (interpolation) {
    case Interpolation::Nearest:
        return "nearest";
    case Interpolation::Linear:
        return "linear";
    case Interpolation::Cubic:
        return "cubic";
    case Interpolation::Area:
        return "area";
    }
    return "linear";
}

std::string toString(TensorLayout layout) {
    return layout == TensorLayout::NHWC ? "NHWC" : "NCHW";
}

ColorOrder parseColorOrder(const std::string& text, const std::string& key) {
    const std::string value = upperCase(text);
    if (value == "RGB")
        return ColorOrder::RGB;
    if (value == "BGR")
        return ColorOrder::BGR;
    if (value == "GRAY" || value == "GREY")
        return ColorOrder::Gray;
    throw Error(key + " is '" + text + "'; expected RGB, BGR or GRAY");
}

Interpolation parseInterpolation(const std::string& text, const std::string& key) {
    const std::string value = upperCase(text);
    if (value == "NEAREST")
        return Interpolation::Nearest;
    if (value == "LINEAR" || value == "BILINEAR")
        return Interpolation::Linear;
    if (value == "CUBIC" || value == "BICUBIC")
        return Interpolation::Cubic;
    if (value == "AREA")
        return Interpolation::Area;
    throw Error(key + " is '" + text + "'; expected nearest, linear, cubic or area");
}

TensorLayout parseTensorLayout(const std::string& text, const std::string& key) {
    const std::string value = upperCase(text);
    if (value == "NCHW")
        return TensorLayout::NCHW;
    if (value == "NHWC")
        return TensorLayout::NHWC;
    throw Error(key + " is '" + text + "'; expected NCHW or NHWC");
}

namespace detail {

RuntimeTensor preprocessMat(const cv::Mat& image, const PreprocessConfig& config,
                            const std::string& displayName) {
    validatePreprocess(config);
    if (image.empty())
        throw Error(displayName + ": empty image");
    const int depth = image.depth();
    if (depth != CV_8U && depth != CV_16U && depth != CV_32F)
        throw Error(displayName + ": unsupported pixel depth (only 8-bit, 16-bit and float images)");
    const std::string channels = std::to_string(image.channels()) + channelWord(image.channels());
    const cv::Mat colored =
        openCvStep(displayName, "convert its colours (" + channels + ") to " + toString(config.color),
                   [&] { return convertColor(image, config.color); });
    const cv::Mat cropped = resizeAndCrop(colored, config, displayName);
    const std::string pixels = pixelsText(cropped.cols, cropped.rows) + " pixels";
    const cv::Mat floats = openCvStep(displayName, "convert its " + pixels + " to floating point",
                                      [&] { return toFloat(cropped); });
    try {
        return toTensor(floats, config);
    } catch (const std::bad_alloc&) {
        throw Error(displayName + ": not enough memory for its preprocessed tensor (" + pixels + ")");
    }
}

} // namespace detail

} // namespace qs
