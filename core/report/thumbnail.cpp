// imageThumbnailJpeg (declared in reviewreport.h): small JPEG previews of evaluation images for the report.

#include "data/imagedecoder.h"
#include "report/reviewreport.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace qs {

std::string imageThumbnailJpeg(const std::string& path, int maxSidePx) {
    try {
        cv::Mat image = detail::decodeImageFile(path);
        if (image.empty() || maxSidePx <= 0)
            return "";
        if (image.depth() == CV_16U)
            image.convertTo(image, CV_8U, 1.0 / 257.0);
        else if (image.depth() != CV_8U)
            return "";
        const int longer = std::max(image.cols, image.rows);
        if (longer != maxSidePx) {
            const double scale = double(maxSidePx) / longer;
            const cv::Size size(std::max(1, int(image.cols * scale + 0.5)),
                                std::max(1, int(image.rows * scale + 0.5)));
            cv::Mat small;
            cv::resize(image, small, size, 0, 0, longer > maxSidePx ? cv::INTER_AREA : cv::INTER_LINEAR);
            image = small;
        }
        std::vector<uchar> bytes;
        if (!cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, 85}))
            return "";
        return std::string(bytes.begin(), bytes.end());
    } catch (const cv::Exception&) {
        return "";
    } catch (const std::bad_alloc&) {
        return "";
    }
}

} // namespace qs
