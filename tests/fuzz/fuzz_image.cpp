// Fuzz target: bytes as an image file of a data folder. Runs what calibration and evaluation do with one
// file (header checks, size limit, decoding, preprocessing) with three fixed preprocessing settings: the demo
// config (gray, no resize), the ImageNet config (RGB, shorter side 256, center crop 224) and a BGR / NHWC /
// area-resize variant. qs::Error is the expected outcome; any other exception escapes.

#include "fuzzsupport.h"

#include "data/imagedecoder.h"
#include "data/preprocess.h"
#include "quant/quantconfig.h"

#include <string>
#include <vector>

namespace {

/// Decoded images above this many pixels are not preprocessed: that is heavy but bounded work (the decoder
/// already enforces kMaxImagePixels).
constexpr size_t kMaxDecodedPixels = size_t(1) << 22;

std::vector<qs::PreprocessConfig> preprocessConfigs() {
    std::vector<qs::PreprocessConfig> configs;
    for (const char* name : {"demo-w8a8.json", "imagenet-w8a8.json"})
        configs.push_back(
            qs::loadQuantConfig(std::string(QS_FUZZ_RESOURCES_DIR "/configs/") + name).preprocess);
    qs::PreprocessConfig variant;
    variant.color = qs::ColorOrder::BGR;
    variant.resize = {40, 30};
    variant.interpolation = qs::Interpolation::Area;
    variant.scale = 1.0f / 255.0f;
    variant.mean = {0.5f};
    variant.std = {0.25f};
    variant.layout = qs::TensorLayout::NHWC;
    configs.push_back(variant);
    return configs;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::vector<qs::PreprocessConfig> configs = preprocessConfigs();
    const std::string path = qs::fuzz::writeScratchFile("sample", data, size);
    qs::detail::headerProblem(path, qs::SampleKind::Image);
    if (!qs::detail::imageSizeProblem(path).empty())
        return 0;
    const cv::Mat image = qs::detail::decodeImageFile(path);
    if (image.empty() || image.total() > kMaxDecodedPixels)
        return 0;
    for (const qs::PreprocessConfig& config : configs) {
        try {
            qs::detail::preprocessMat(image, config, path);
        } catch (const qs::Error&) {
            // An image the settings do not fit (smaller than the crop, an unsupported depth, ...).
        }
    }
    return 0;
}
