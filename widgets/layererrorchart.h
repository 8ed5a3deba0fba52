#pragma once
// The quantization error of every layer as horizontal bars, worst layer on top: the cumulative SQNR (the
// layer's output in the fully quantized model against the float model) and, side by side, the isolated SQNR
// (only that layer quantized). Each bar takes the colour of its error band, the band thresholds are dashed
// lines and a legend names the bands. A model with hundreds of layers shows a screenful of rows at a time:
// the scroll bar or the wheel moves through them, Ctrl+wheel shows more or fewer rows. With only one
// measurement per layer (isolated all NaN, e.g. the layer errors of one image) the isolated series and its
// legend entry are hidden. Clicking a bar (or a layer name) reports the layer.

#include "chartwidget.h"
#include "report/errorbands.h"

#include <QColor>
#include <QStringList>
#include <QVector>
#include <limits>

class QCPBars;
class QCPItemRect;
class QCPItemStraightLine;
class QScrollBar;

namespace qs {

class HeatMapLegend;

struct LayerErrorRow {
    QString layerName;
    double cumulativeSqnrDb = std::numeric_limits<double>::quiet_NaN(); ///< NaN: not measured
    double isolatedSqnrDb = std::numeric_limits<double>::quiet_NaN();   ///< NaN: not measured
};

class LayerErrorChart : public ChartWidget {
    Q_OBJECT
public:
    enum class Series { Cumulative, Isolated };

    explicit LayerErrorChart(QWidget* parent = nullptr);
    ~LayerErrorChart() override;

    /// Shows `rows` sorted worst first: by cumulative SQNR ascending, rows without a cumulative value last
    /// (keeping their order). Infinite values (an exact match) are drawn as bars to the right end of the
    /// axis. Keeps the selected layer when it is still there; scrolls back to the top.
    void setRows(const QVector<LayerErrorRow>& rows);
    /// Back to the empty state; `hint` replaces the default text when given.
    void clear(const QString& hint = {});
    /// The bands that colour the bars and draw the dashed thresholds (defaultErrorBands() until set).
    void setErrorBands(const ErrorBands& bands);
    const ErrorBands& errorBands() const { return m_bands; }

    /// Highlights the row of `layerName` and scrolls it into view; an unknown or empty name removes the
    /// highlight. Does not emit layerClicked.
    void setSelectedLayer(const QString& layerName);
    QString selectedLayer() const { return m_selected; }

    /// The most rows shown at once (30 by default); fewer are shown when the plot is too low for them to be
    /// readable.
    void setVisibleRowCount(int rowCount);
    /// Rows shown at once now.
    int visibleRowCount() const;
    /// Display row at the top of the plot.
    int firstVisibleRow() const;
    /// Scrolls so that `displayRow` is visible (at the top where possible).
    void scrollToRow(int displayRow);

    int rowCount() const { return int(m_rows.size()); }
    /// Layer names in display order (worst first).
    QStringList layerNames() const;
    /// Bar values in display order, read back from the plot; NaN where that series has no bar (not
    /// measured). Infinite inputs come back as the axis' upper end.
    QVector<double> plottedValues(Series series) const;
    /// Fill colour of a bar (the band colour of its value; the isolated series is a lighter tint of it).
    QColor barColor(Series series, int displayRow) const;
    /// False for the isolated series when no row has an isolated value.
    bool isSeriesShown(Series series) const;
    /// The bars of a series: key = display row, value = SQNR in dB (keys run along the vertical axis).
    QCPBars* bars(Series series) const;
    /// Display row of the bar (or layer name) at `pos` in plot pixels, -1 when there is none.
    int rowAt(const QPointF& pos) const;

    QString toolTipAt(const QPointF& pos) const override;

signals:
    /// The user clicked the bar or the name of `layerName`.
    void layerClicked(const QString& layerName);

protected:
    void restyle() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void updateTicks();
    void updateValueRange();
    void updateThresholdLines();
    void updateSelection();
    void updateScrollRange();
    void applyVisibleRange();
    void updateSeriesLayout();
    void handleClick(const QPointF& pos);
    int fittingRowCount() const;
    double displayValue(double sqnrDb) const;

    QVector<LayerErrorRow> m_rows; ///< display order
    ErrorBands m_bands = defaultErrorBands();
    QString m_selected;
    int m_requestedRows = 30;
    double m_axisUpper = 40.0;
    QPointF m_pressPos;
    QCPBars* m_cumulative = nullptr;
    QCPBars* m_isolated = nullptr;
    QCPItemRect* m_highlight = nullptr;
    QVector<QCPItemStraightLine*> m_thresholds;
    QScrollBar* m_scrollBar = nullptr;
    HeatMapLegend* m_legend = nullptr;
};

} // namespace qs
