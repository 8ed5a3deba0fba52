#pragma once
// Helpers of the chart and heat-map rendering tests: looking for a colour in a grabbed image, and keeping the
// images for a look when QS_CHART_IMAGE_DIR names a folder.

#include <QColor>
#include <QDir>
#include <QImage>
#include <QString>
#include <cstdlib>

namespace chartimages {

/// Number of pixels of `image` within `tolerance` (per channel) of `color`.
inline int countPixels(const QImage& image, const QColor& color, int tolerance = 6) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            if (std::abs(qRed(line[x]) - color.red()) <= tolerance &&
                std::abs(qGreen(line[x]) - color.green()) <= tolerance &&
                std::abs(qBlue(line[x]) - color.blue()) <= tolerance)
                ++count;
    }
    return count;
}

/// Saves `image` as `<QS_CHART_IMAGE_DIR>/<name>-<scale>x.png` when that variable is set.
inline void keep(const QImage& image, const QString& name) {
    const QString folder = qEnvironmentVariable("QS_CHART_IMAGE_DIR");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    image.save(QDir(folder).filePath(QStringLiteral("%1-%2x.png").arg(name).arg(image.devicePixelRatio())));
}

} // namespace chartimages
