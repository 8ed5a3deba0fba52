#pragma once
// Internal to core/data (includes OpenCV): decoding image files into cv::Mat and cheap header checks.

#include "data/imagefolder.h"
#include "data/imagelimits.h"
#include "data/preprocess.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace qs::detail {

/// Decodes `path` as 8-bit or 16-bit gray or 3-channel BGR (alpha dropped, EXIF orientation applied).
/// Returns an empty Mat when the file cannot be read or decoded, with the reason in `*problem` when given
/// (its size is above `maxPixels`, not enough memory to decode it, corrupt or unsupported). Never throws.
cv::Mat decodeImageFile(const std::string& path, std::string* problem = nullptr,
                        uint64_t maxPixels = kDefaultMaxImagePixels);

/// The default limit of imageSizeProblem (preprocess.max_image_pixels sets another).
constexpr uint64_t kMaxImagePixels = kDefaultMaxImagePixels;

/// Width and height the file's header declares, {0, 0} when unknown. Formats are recognised by their
/// signature, as the decoder recognises them (whatever the file's extension): PNG, JPEG, BMP, WebP, TIFF
/// (classic and BigTIFF, either byte order), PNM (P1 to P6), PAM (P7), PFM, Sun raster, Radiance HDR,
/// OpenEXR and JPEG 2000 (JP2 boxes or a bare codestream).
std::pair<uint64_t, uint64_t> declaredImageSize(const std::string& path);

/// An empty string, or why the size the file's header declares is refused: more than `maxPixels` pixels, or a
/// side above the decoder's own limit (see declaredImageSize for the formats read).
std::string imageSizeProblem(const std::string& path, uint64_t maxPixels = kDefaultMaxImagePixels);
/// An empty string when the start of the file looks readable as `kind`, else the reason it does not
/// (including an image too large to decode).
std::string headerProblem(const std::string& path, SampleKind kind,
                          uint64_t maxPixels = kDefaultMaxImagePixels);

/// Preprocesses a decoded image (CV_8U/CV_16U/CV_32F, 1, 3 or 4 channels in BGR(A) order). Every OpenCV
/// failure (colour conversion, resizing, cropping, conversion to float) and running out of memory becomes a
/// qs::Error naming `displayName` and saying which step failed.
RuntimeTensor preprocessMat(const cv::Mat& image, const PreprocessConfig& config,
                            const std::string& displayName);

} // namespace qs::detail
