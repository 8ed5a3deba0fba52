#include "imagefixtures.h"

#include <opencv2/imgcodecs.hpp>

#include <stdexcept>
#include <vector>

namespace qs::test {

PreprocessConfig demoPreprocess() {
    PreprocessConfig config;
    config.color = ColorOrder::Gray;
    config.scale = 1.0f / 255.0f;
    config.mean = {0.2860f};
    config.std = {0.3530f};
    return config;
}

std::string demoDir() { return std::string(QS_SOURCE_DIR) + "/resources/demo"; }

cv::Mat gradientBgr() {
    cv::Mat image(4, 6, CV_8UC3);
    for (int y = 0; y < image.rows; ++y)
        for (int x = 0; x < image.cols; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(10 * y + x),
                                                  static_cast<uchar>(100 + 10 * y + x),
                                                  static_cast<uchar>(200 + 10 * y + x));
    return image;
}

cv::Mat gradientGray(int height, int width) {
    cv::Mat image(height, width, CV_8UC1);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<uchar>(y, x) = static_cast<uchar>(10 * y + x);
    return image;
}

void writeImage(const std::string& path, const cv::Mat& image) {
    if (!cv::imwrite(path, image))
        throw std::runtime_error("cannot write test image " + path);
}

std::string truncatedPngBytes(int size) {
    cv::Mat noise(size, size, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
    std::vector<uchar> bytes;
    cv::imencode(".png", noise, bytes);
    return std::string(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2));
}

} // namespace qs::test
