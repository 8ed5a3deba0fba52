#include "heatmaplegend.h"

#include "chartstyle.h"
#include "palettecolors.h"

#include <QEvent>
#include <QPainter>
#include <algorithm>

namespace qs {

HeatMapLegend::HeatMapLegend(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void HeatMapLegend::setMetricName(const QString& metricName) {
    m_metricName = metricName;
    updateGeometry();
    update();
}

void HeatMapLegend::setErrorBands(const ErrorBands& bands) {
    m_bands = bands;
    updateGeometry();
    update();
}

void HeatMapLegend::setOrientation(Qt::Orientation orientation) {
    m_orientation = orientation;
    updateGeometry();
    update();
}

void HeatMapLegend::setShowsUnmeasured(bool shows) {
    m_showsUnmeasured = shows;
    updateGeometry();
    update();
}

QVector<HeatMapLegend::Entry> HeatMapLegend::entries() const {
    QVector<Entry> result;
    for (ErrorBand band : {ErrorBand::Good, ErrorBand::Fair, ErrorBand::Poor, ErrorBand::Bad})
        result.push_back({band, errorBandQColor(band),
                          tr("%1 %2").arg(errorBandName(band), errorBandRange(band, m_bands))});
    if (m_showsUnmeasured)
        result.push_back({ErrorBand::Unmeasured, errorBandQColor(ErrorBand::Unmeasured),
                          errorBandName(ErrorBand::Unmeasured)});
    return result;
}

int HeatMapLegend::swatchSize() const {
    return fontMetrics().ascent();
}

int HeatMapLegend::spacing() const {
    return std::max(2, fontMetrics().averageCharWidth() / 2 + 1);
}

int HeatMapLegend::entryWidth(const Entry& entry) const {
    return swatchSize() + spacing() + fontMetrics().horizontalAdvance(entry.text);
}

QSize HeatMapLegend::sizeHint() const {
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const int lineHeight = fontMetrics().height();
    const int gap = 2 * spacing();
    const int titleWidth = m_metricName.isEmpty() ? 0 : boldMetrics.horizontalAdvance(m_metricName);
    const QVector<Entry> shown = entries();
    if (m_orientation == Qt::Horizontal) {
        int width = titleWidth > 0 ? titleWidth + gap : 0;
        for (const Entry& entry : shown)
            width += entryWidth(entry) + gap;
        return {width, lineHeight + spacing()};
    }
    int width = titleWidth;
    for (const Entry& entry : shown)
        width = std::max(width, entryWidth(entry));
    const int lines = int(shown.size()) + (m_metricName.isEmpty() ? 0 : 1);
    return {width + 2 * gap, lines * lineHeight + 2 * spacing()};
}

void HeatMapLegend::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    const int lineHeight = fontMetrics().height();
    const int gap = 2 * spacing();
    const int swatch = swatchSize();
    QFont bold = font();
    bold.setBold(true);
    const bool vertical = m_orientation == Qt::Vertical;
    int x = vertical ? gap : 0;
    int y = vertical ? spacing() : spacing() / 2;
    if (vertical) {
        QColor fill = base;
        fill.setAlpha(230);
        painter.setPen(QPen(blendColors(base, text, 0.3), 1.0));
        painter.setBrush(fill);
        painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), spacing(), spacing());
    }
    painter.setPen(text);
    if (!m_metricName.isEmpty()) {
        painter.setFont(bold);
        const QRect titleRect(x, y, QFontMetrics(bold).horizontalAdvance(m_metricName), lineHeight);
        painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, m_metricName);
        if (vertical)
            y += lineHeight;
        else
            x += titleRect.width() + gap;
        painter.setFont(font());
    }
    for (const Entry& entry : entries()) {
        const QRectF swatchRect(x, y + 0.5 * (lineHeight - swatch), swatch, swatch);
        painter.setPen(QPen(entry.color.darker(130), 1.0));
        painter.setBrush(entry.color);
        painter.drawRect(swatchRect.adjusted(0.5, 0.5, -0.5, -0.5));
        painter.setPen(text);
        const int textLeft = x + swatch + spacing();
        painter.drawText(QRect(textLeft, y, width() - textLeft, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         entry.text);
        if (vertical)
            y += lineHeight;
        else
            x += entryWidth(entry) + gap;
    }
}

void HeatMapLegend::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        updateGeometry();
        update();
    }
}

} // namespace qs
