#pragma once
// Turning an image into the float tensor a model expects: colour conversion, resizing, center cropping,
// scaling, per-channel normalisation and layout.
//
// Steps, in order: decode (8- or 16-bit, gray or colour; an alpha channel is dropped, EXIF orientation
// applied) -> convert to `color` -> resize -> center crop -> x * scale -> (x - mean[c]) / std[c] -> NCHW or
// NHWC. 16-bit images are first brought to the 0-255 range by dividing by 257, so one configuration fits both
// depths.

#include "data/imagelimits.h"
#include "runtime/runtimetensor.h"
#include "util/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// The preprocessing does not fit an image that was read fine (a centre crop larger than the resized image):
/// a problem of the configuration rather than of the file.
class PreprocessMismatch : public Error {
public:
    explicit PreprocessMismatch(const std::string& message) : Error(message) {}
};

/// The channel order the model expects.
enum class ColorOrder { RGB, BGR, Gray };
enum class Interpolation { Nearest, Linear, Cubic, Area };
enum class TensorLayout { NCHW, NHWC };

struct PreprocessConfig {
    ColorOrder color = ColorOrder::RGB;
    /// Exact [height, width]; empty keeps the size (unless resizeShorter is set).
    std::vector<int> resize;
    /// Resizes so the shorter side has this many pixels, keeping the aspect ratio (0 = off).
    int resizeShorter = 0;
    Interpolation interpolation = Interpolation::Linear;
    /// [height, width] taken from the middle after resizing (offsets rounded down); empty = no crop.
    std::vector<int> centerCrop;
    /// Multiplies pixel values (0-255), e.g. 1/255.
    float scale = 1.0f;
    /// One value for all channels or one per channel, in the model's channel order; applied after `scale`.
    std::vector<float> mean;
    std::vector<float> std;
    TensorLayout layout = TensorLayout::NCHW;
    /// Images whose header declares more pixels are refused before decoding, and no image is resized to
    /// more (1 to kMaxImagePixelsCeiling).
    uint64_t maxImagePixels = kDefaultMaxImagePixels;

    /// 1 for Gray, else 3.
    int channelCount() const { return color == ColorOrder::Gray ? 1 : 3; }
};

/// Checks the configuration on its own and, when `modelChannels` > 0, against the model input's channel
/// count. Throws qs::Error naming the key, e.g. "preprocess.mean has 3 values but the model input has 1
/// channel".
void validatePreprocess(const PreprocessConfig& config, int64_t modelChannels = -1);

/// The per-sample dims ([C,H,W] or [H,W,C]) for a decoded image of the given size.
std::vector<int64_t> preprocessedDims(const PreprocessConfig& config, int imageHeight, int imageWidth);

/// Decodes the image file and preprocesses it into a float32 tensor [C,H,W] or [H,W,C].
/// Throws qs::Error naming the file when it cannot be decoded, PreprocessMismatch when the configuration does
/// not fit it.
RuntimeTensor preprocessImageFile(const std::string& path, const PreprocessConfig& config);

/// Preprocesses 8-bit pixels already in memory: `channels` is 1 (gray), 3 (BGR) or 4 (BGRA), rows of
/// `width * channels` bytes, tightly packed. `displayName` is used in messages.
RuntimeTensor preprocessPixels(const uint8_t* pixels, int height, int width, int channels,
                               const PreprocessConfig& config, const std::string& displayName = "image");

/// Stacks equally shaped samples into one [N, ...] float32 tensor. Throws qs::Error on a shape mismatch.
RuntimeTensor stackBatch(const std::vector<RuntimeTensor>& samples);

/// "RGB", "BGR", "GRAY" / "nearest", "linear", "cubic", "area" / "NCHW", "NHWC" and back (case-insensitive).
/// The parsers throw qs::Error naming `key` and the accepted values.
std::string toString(ColorOrder color);
std::string toString(Interpolation interpolation);
std::string toString(TensorLayout layout);
ColorOrder parseColorOrder(const std::string& text, const std::string& key = "preprocess.color");
Interpolation parseInterpolation(const std::string& text,
                                 const std::string& key = "preprocess.interpolation");
TensorLayout parseTensorLayout(const std::string& text, const std::string& key = "preprocess.layout");

} // namespace qs
