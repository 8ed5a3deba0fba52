#pragma once
// The key to the error band colours: a swatch per band with its SQNR range, under the name of the metric
// coloured by them ("cumulative SQNR"). Vertical, framed and translucent as an overlay in a corner of the
// graph heat-map; horizontal on one line above a chart. Sizes follow the widget's font.

#include "report/errorbands.h"

#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

namespace qs {

class HeatMapLegend : public QWidget {
    Q_OBJECT
public:
    struct Entry {
        ErrorBand band = ErrorBand::Unmeasured;
        QColor color;
        QString text; ///< "good ≥ 30 dB", "not measured"
    };

    explicit HeatMapLegend(QWidget* parent = nullptr);

    /// Shown in bold before the entries; nothing when empty.
    void setMetricName(const QString& metricName);
    QString metricName() const { return m_metricName; }
    void setErrorBands(const ErrorBands& bands);
    const ErrorBands& errorBands() const { return m_bands; }
    /// Vertical (the default) stacks the entries in a framed box; horizontal puts everything on one line.
    void setOrientation(Qt::Orientation orientation);
    Qt::Orientation orientation() const { return m_orientation; }
    /// Whether the grey "not measured" entry is listed (on by default).
    void setShowsUnmeasured(bool shows);

    /// The entries drawn, best band first, "not measured" last when shown.
    QVector<Entry> entries() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    int swatchSize() const;
    int spacing() const;
    int entryWidth(const Entry& entry) const;

    QString m_metricName;
    ErrorBands m_bands = defaultErrorBands();
    Qt::Orientation m_orientation = Qt::Vertical;
    bool m_showsUnmeasured = true;
};

} // namespace qs
