#pragma once
// The exact float tensor a model gets for one image, one grayscale picture per channel (each channel's
// min..max mapped to black..white) with its min, max and mean, so wrong scaling or channel order is visible
// at a glance. Takes the values as plain data; it never loads or preprocesses images itself.

#include "data/preprocess.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <cstdint>
#include <vector>

class QHBoxLayout;
class QLabel;
class QStackedWidget;

namespace qs {

class TensorPreview : public QWidget {
    Q_OBJECT
public:
    explicit TensorPreview(QWidget* parent = nullptr);
    ~TensorPreview() override;

    /// Shows one sample: `dims` are [C,H,W] for NCHW or [H,W,C] for NHWC (no batch dimension) and `values`
    /// holds their product of floats in that order. Clears the warning. Shapes that do not fit show a hint
    /// instead.
    void setTensor(const QString& title, const std::vector<float>& values, const std::vector<int64_t>& dims,
                   TensorLayout layout);
    /// A line shown in orange above the channels, e.g. from `statisticsWarning`; empty hides it.
    void setWarning(const QString& warning);
    /// Back to the empty state; `hint` replaces the default text when given.
    void clear(const QString& hint = {});

    bool hasTensor() const { return !m_images.isEmpty(); }
    int channelCount() const { return m_images.size(); }
    /// Channel `c` as an 8-bit grayscale image of the tensor's height and width (null when out of range).
    /// A constant channel is mid-gray; values that are not finite are black.
    QImage channelImage(int c) const;
    /// "channel 0: min -2.12, max 2.25, mean 0.03" (empty when out of range).
    QString channelCaption(int c) const;
    QString titleText() const;
    QString warningText() const;
    QString emptyText() const;

    /// A warning when the values look wrong for `config`: magnitudes above 20 (unscaled 0-255 data), no
    /// negative value although a positive mean is subtracted, a constant tensor, or values that are not
    /// finite. Empty when nothing looks wrong.
    static QString statisticsWarning(const std::vector<float>& values, const PreprocessConfig& config);

private:
    void showChannels();
    void removeTiles();

    QLabel* m_title = nullptr;
    QLabel* m_warning = nullptr;
    QLabel* m_empty = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_tiles = nullptr;
    QHBoxLayout* m_tilesLayout = nullptr;

    QVector<QImage> m_images;
    QStringList m_captions;
};

} // namespace qs
