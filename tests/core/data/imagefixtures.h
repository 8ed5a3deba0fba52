#pragma once
// Small images with known pixels for the data tests, written with OpenCV, and the demo data set's location and
// preprocessing.

#include "data/preprocess.h"

#include <opencv2/core.hpp>

#include <string>

namespace qs::test {

/// resources/demo in the source tree.
std::string demoDir();
/// The preprocessing the demo model was trained with: GRAY, x / 255, mean 0.2860, std 0.3530, NCHW.
PreprocessConfig demoPreprocess();

/// A 4x6 (height x width) BGR image with B = 10*y + x, G = 100 + 10*y + x, R = 200 + 10*y + x.
cv::Mat gradientBgr();
/// A height x width 8-bit gray image with value 10*y + x.
cv::Mat gradientGray(int height, int width);

/// Writes `image` to `path` with cv::imwrite; throws std::runtime_error on failure.
void writeImage(const std::string& path, const cv::Mat& image);
/// A valid PNG of `size` x `size` noise, cut to half its bytes.
std::string truncatedPngBytes(int size = 32);

} // namespace qs::test
