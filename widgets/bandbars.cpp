#include "bandbars.h"

#include "chartstyle.h"
#include "palettecolors.h"

namespace qs {

BandBars::BandBars(QCPAxis* keyAxis, QCPAxis* valueAxis, Fill fill)
    : QCPBars(keyAxis, valueAxis), m_fill(fill) {}

QColor BandBars::fillColor(double value) const {
    const QColor color = errorBandQColor(m_bands.band(value));
    return m_fill == Fill::Solid ? color : blendColors(color, m_tintBase, 0.55);
}

void BandBars::draw(QCPPainter* painter) {
    if (!mKeyAxis || !mValueAxis || mDataContainer->isEmpty())
        return;
    QCPBarsDataContainer::const_iterator begin;
    QCPBarsDataContainer::const_iterator end;
    getVisibleDataBounds(begin, end);
    applyDefaultAntialiasingHint(painter);
    for (auto it = begin; it != end; ++it) {
        if (std::isnan(it->value))
            continue;
        const QColor band = errorBandQColor(m_bands.band(it->value));
        painter->setBrush(fillColor(it->value));
        painter->setPen(QPen(m_fill == Fill::Solid ? band.darker(125) : band, 0));
        painter->drawRect(getBarRect(it->key, it->value));
    }
}

} // namespace qs
