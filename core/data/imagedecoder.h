#pragma once
// Internal to core/data (includes OpenCV): decoding image files into cv::Mat and cheap header checks.

#include "data/imagefolder.h"
#include "data/preprocess.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>

namespace qs::detail {

/// Decodes `path` as 8-bit or 16-bit gray or 3-channel BGR (alpha dropped, EXIF orientation applied).
/// Returns an empty Mat when the file cannot be read or decoded.
cv::Mat decodeImageFile(const std::string& path);

/// Images may not declare more pixels than this (a small file can declare a huge image: 32000 x 32000 is 3 GB
/// decoded).
constexpr uint64_t kMaxImagePixels = uint64_t(1) << 27;
/// An empty string, or why the size the file's header declares is refused (PNG, JPEG, BMP, WebP and PNM
/// headers are read; other formats are left to the decoder's own limit).
std::string imageSizeProblem(const std::string& path);
/// An empty string when the start of the file looks readable as `kind`, else the reason it does not
/// (including an image too large to decode).
std::string headerProblem(const std::string& path, SampleKind kind);

/// Preprocesses a decoded image (CV_8U/CV_16U/CV_32F, 1, 3 or 4 channels in BGR(A) order).
RuntimeTensor preprocessMat(const cv::Mat& image, const PreprocessConfig& config,
                            const std::string& displayName);

} // namespace qs::detail
