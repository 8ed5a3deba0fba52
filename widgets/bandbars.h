#pragma once
// Bars coloured one by one by the error band of their value (the plottable of the layer error chart). The
// brush and pen set on the plottable only draw its legend icon.

#include "report/errorbands.h"

#include <qcustomplot.h>

#include <QColor>

namespace qs {

class BandBars : public QCPBars {
public:
    enum class Fill { Solid, Tint };

    BandBars(QCPAxis* keyAxis, QCPAxis* valueAxis, Fill fill);

    void setErrorBands(const ErrorBands& bands) { m_bands = bands; }
    /// The colour tints are mixed towards (the plot's background).
    void setTintBase(const QColor& base) { m_tintBase = base; }
    /// Fill colour of a bar of `value` dB.
    QColor fillColor(double value) const;
    /// Pixel rectangle of the bar at `key` with `value` (including the offset within a bars group).
    QRectF barRect(double key, double value) const { return getBarRect(key, value); }

protected:
    void draw(QCPPainter* painter) override;

private:
    ErrorBands m_bands = defaultErrorBands();
    QColor m_tintBase = Qt::white;
    Fill m_fill;
};

} // namespace qs
