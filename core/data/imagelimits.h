#pragma once
// How many pixels one image may have. A small file can declare a huge image (a 1 KB TIFF can declare
// 100000 x 100000 pixels, 30 GB decoded), so image headers are read and checked against this limit before
// anything is decoded, and no image is resized beyond it.

#include <cstdint>

namespace qs {

/// The default limit (preprocess.max_image_pixels): 2^27 pixels, e.g. 16384 x 8192.
constexpr uint64_t kDefaultMaxImagePixels = uint64_t(1) << 27;
/// The largest limit that can be set: 2^30 pixels, the image decoder's own limit.
constexpr uint64_t kMaxImagePixelsCeiling = uint64_t(1) << 30;

} // namespace qs
