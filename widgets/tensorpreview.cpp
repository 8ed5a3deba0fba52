#include "tensorpreview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace {

constexpr int kTileSide_px = 160;
constexpr double kUnscaledMagnitude = 20.0; ///< larger values look like raw 0-255 pixels
constexpr int kConstantGray = 128;

struct ChannelStats {
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
};

/// Where value (c, y, x) of a [C,H,W] or [H,W,C] sample lives.
struct SampleIndexer {
    int64_t channels = 0;
    int64_t height = 0;
    int64_t width = 0;
    TensorLayout layout = TensorLayout::NCHW;

    size_t operator()(int64_t c, int64_t y, int64_t x) const {
        if (layout == TensorLayout::NCHW)
            return static_cast<size_t>((c * height + y) * width + x);
        return static_cast<size_t>((y * width + x) * channels + c);
    }
};

ChannelStats channelStats(const std::vector<float>& values, const SampleIndexer& at, int64_t c) {
    ChannelStats stats;
    double sum = 0.0;
    int64_t count = 0;
    for (int64_t y = 0; y < at.height; ++y)
        for (int64_t x = 0; x < at.width; ++x) {
            const double value = values[at(c, y, x)];
            if (!std::isfinite(value))
                continue;
            stats.min = count ? std::min(stats.min, value) : value;
            stats.max = count ? std::max(stats.max, value) : value;
            sum += value;
            ++count;
        }
    if (count)
        stats.mean = sum / double(count);
    return stats;
}

QImage grayscaleImage(const std::vector<float>& values, const SampleIndexer& at, int64_t c,
                      const ChannelStats& stats) {
    QImage image(int(at.width), int(at.height), QImage::Format_Grayscale8);
    const double range = stats.max - stats.min;
    for (int64_t y = 0; y < at.height; ++y) {
        uchar* line = image.scanLine(int(y));
        for (int64_t x = 0; x < at.width; ++x) {
            const double value = values[at(c, y, x)];
            int gray = kConstantGray;
            if (!std::isfinite(value))
                gray = 0;
            else if (range > 0.0)
                gray = int(std::lround((value - stats.min) / range * 255.0));
            line[x] = uchar(std::clamp(gray, 0, 255));
        }
    }
    return image;
}

QString number(double value) {
    return QString::number(value, 'f', 2);
}

QString dimsText(const std::vector<int64_t>& dims) {
    QStringList parts;
    for (int64_t dim : dims)
        parts << QString::number(dim);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

bool shapeFits(const std::vector<int64_t>& dims, size_t valueCount) {
    if (dims.size() != 3)
        return false;
    int64_t product = 1;
    for (int64_t dim : dims) {
        if (dim <= 0 || dim > std::numeric_limits<int>::max())
            return false;
        product *= dim;
    }
    return static_cast<size_t>(product) == valueCount;
}

} // namespace

TensorPreview::TensorPreview(QWidget* parent) : QWidget(parent) {
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setToolTip(tr("The image and the shape of the tensor shown"));

    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #e65100;"));
    m_warning->setToolTip(tr("Why these values may not be what the model expects"));

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    m_tiles = new QWidget;
    m_tilesLayout = new QHBoxLayout(m_tiles);
    m_tilesLayout->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_tiles);
    scroll->setWidgetResizable(true);
    scroll->setToolTip(tr("Each channel of the tensor, its minimum shown black and its maximum white"));

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(scroll);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_warning);
    layout->addWidget(m_stack, 1);
    clear();
}

TensorPreview::~TensorPreview() = default;

void TensorPreview::setTensor(const QString& title, const std::vector<float>& values,
                              const std::vector<int64_t>& dims, TensorLayout layout) {
    if (!shapeFits(dims, values.size())) {
        clear(tr("Cannot show a tensor of shape %1 with %2 values: expected [C, H, W] or [H, W, C]")
                  .arg(dimsText(dims))
                  .arg(values.size()));
        return;
    }
    const bool planar = layout == TensorLayout::NCHW;
    const SampleIndexer at{planar ? dims[0] : dims[2], planar ? dims[1] : dims[0], planar ? dims[2] : dims[1],
                           layout};
    m_images.clear();
    m_captions.clear();
    for (int64_t c = 0; c < at.channels; ++c) {
        const ChannelStats stats = channelStats(values, at, c);
        m_images << grayscaleImage(values, at, c, stats);
        m_captions << tr("channel %1: min %2, max %3, mean %4")
                          .arg(c)
                          .arg(number(stats.min), number(stats.max), number(stats.mean));
    }
    m_title->setText(tr("%1 — %2 %3").arg(title, dimsText(dims), QString::fromStdString(toString(layout))));
    setWarning({});
    showChannels();
}

void TensorPreview::setWarning(const QString& warning) {
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
}

void TensorPreview::clear(const QString& hint) {
    m_images.clear();
    m_captions.clear();
    removeTiles();
    m_title->clear();
    setWarning({});
    m_empty->setText(hint.isEmpty() ? tr("Choose an image to see the tensor the model gets for it") : hint);
    m_stack->setCurrentWidget(m_empty);
}

QImage TensorPreview::channelImage(int c) const {
    return c >= 0 && c < m_images.size() ? m_images[c] : QImage();
}

QString TensorPreview::channelCaption(int c) const {
    return c >= 0 && c < m_captions.size() ? m_captions[c] : QString();
}

QString TensorPreview::titleText() const {
    return m_title->text();
}

QString TensorPreview::warningText() const {
    return m_warning->text();
}

QString TensorPreview::emptyText() const {
    return m_empty->text();
}

void TensorPreview::showChannels() {
    removeTiles();
    for (int c = 0; c < m_images.size(); ++c) {
        const QImage& image = m_images[c];
        const QSize size = image.size().scaled(kTileSide_px, kTileSide_px, Qt::KeepAspectRatio);
        const Qt::TransformationMode mode =
            size.width() > image.width() ? Qt::FastTransformation : Qt::SmoothTransformation;
        auto* picture = new QLabel(m_tiles);
        picture->setPixmap(QPixmap::fromImage(image.scaled(size, Qt::IgnoreAspectRatio, mode)));
        picture->setToolTip(tr("Channel %1, %2×%3 values").arg(c).arg(image.height()).arg(image.width()));
        auto* caption = new QLabel(m_captions[c], m_tiles);
        caption->setToolTip(tr("Statistics of channel %1 over all finite values").arg(c));
        auto* tile = new QVBoxLayout;
        tile->addWidget(picture);
        tile->addWidget(caption);
        tile->addStretch(1);
        m_tilesLayout->addLayout(tile);
    }
    m_stack->setCurrentIndex(1);
}

void TensorPreview::removeTiles() {
    while (QLayoutItem* item = m_tilesLayout->takeAt(0)) {
        if (QLayout* tile = item->layout())
            while (QLayoutItem* child = tile->takeAt(0)) {
                delete child->widget();
                delete child;
            }
        delete item;
    }
}

QString TensorPreview::statisticsWarning(const std::vector<float>& values, const PreprocessConfig& config) {
    double min = 0.0;
    double max = 0.0;
    size_t finiteCount = 0;
    for (float value : values) {
        if (!std::isfinite(value))
            continue;
        min = finiteCount ? std::min(min, double(value)) : value;
        max = finiteCount ? std::max(max, double(value)) : value;
        ++finiteCount;
    }
    QStringList warnings;
    if (finiteCount < values.size())
        warnings << tr("%1 of %2 values are not finite (NaN or infinity)")
                        .arg(values.size() - finiteCount)
                        .arg(values.size());
    if (finiteCount == 0)
        return warnings.join(QLatin1Char('\n'));
    if (min == max) {
        warnings
            << tr("Every value is %1: the image may be blank or the preprocessing wrong").arg(number(min));
        return warnings.join(QLatin1Char('\n'));
    }
    const double largest = std::max(std::fabs(min), std::fabs(max));
    if (largest > kUnscaledMagnitude)
        warnings << tr("Values reach %1, which looks like unscaled 0-255 pixels: right only if the model "
                       "expects raw pixels, otherwise check the scale (e.g. 1/255)")
                        .arg(number(largest));
    const bool subtractsMean =
        std::any_of(config.mean.begin(), config.mean.end(), [](float mean) { return mean > 0.0f; });
    if (subtractsMean && min >= 0.0)
        warnings << tr(
            "No value is negative although a mean is subtracted: check that the mean was applied and "
            "fits the scale (ImageNet's mean is for values in [0, 1])");
    return warnings.join(QLatin1Char('\n'));
}

} // namespace qs
