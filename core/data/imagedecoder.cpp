#include "data/imagedecoder.h"

#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>

namespace qs::detail {

cv::Mat decodeImageFile(const std::string& path) {
    try {
        return cv::imread(path, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH);
    } catch (const cv::Exception&) {
        return {};
    }
}

namespace {

std::string readFileStart(const std::string& path, size_t byteCount) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    std::string bytes(byteCount, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(byteCount));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

} // namespace

std::string headerProblem(const std::string& path, SampleKind kind) {
    std::error_code error;
    const auto size_bytes = std::filesystem::file_size(path, error);
    if (error)
        return "cannot be read: " + error.message();
    if (size_bytes == 0)
        return "the file is empty";
    if (kind == SampleKind::Npy) {
        if (readFileStart(path, 6) != std::string("\x93NUMPY", 6))
            return "not a NumPy .npy file (bad magic bytes)";
        return {};
    }
    if (readFileStart(path, 1).empty())
        return "cannot be opened for reading";
    try {
        if (!cv::haveImageReader(path))
            return "not a recognised image format (unknown file signature)";
    } catch (const cv::Exception&) {
        return "not a recognised image format";
    }
    return {};
}

} // namespace qs::detail
