#pragma once
// Plot of one tensor's values: either the whole-tensor histogram (bars, linear or logarithmic count axis) or,
// for a weight, the per-output-channel ranges (a box per channel spanning min..max, with mean ± std and a
// mean mark). An activation has only the histogram. A quantization grid (levels and clip range) can be drawn
// over the plot, and a second grid next to it to compare them (e.g. the grid a fix would give, before it is
// applied). Shows a short hint when nothing is selected.

#include "model/weightstats.h"
#include "quantgrid.h"

#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPAbstractItem;
class QCPBars;
class QCPGraph;
class QCPStatisticalBox;
class QLabel;
class QMouseEvent;
class QStackedWidget;
class QToolButton;

namespace qs {

enum class HistogramMode { WholeTensor, PerChannel };
enum class AxisScale { Linear, Logarithmic };

class HistogramView : public QWidget {
    Q_OBJECT
public:
    explicit HistogramView(QWidget* parent = nullptr);
    ~HistogramView() override;

    /// Shows the statistics of the weight of layer `layerName` (a copy is kept). Drops the grid.
    void setWeights(const QString& layerName, const WeightStats& stats);
    /// Shows a histogram without per-channel data, e.g. of an activation (a copy is kept). The per-channel
    /// button is disabled meanwhile; a chosen per-channel mode comes back with the next weights. Drops the
    /// grid.
    void setHistogram(const QString& title, const Histogram& histogram);
    /// Back to the empty state; `hint` replaces the default "select a layer" text when given. Drops the grid.
    void clear(const QString& hint = {});

    /// Draws `grid` over the current plot until the next setWeights, setHistogram or clear; mode and scale
    /// switches keep it. Whole-tensor mode draws the levels and the clip range, per-channel mode only the
    /// clip bounds. The clip range is drawn only when clipMax > clipMin. Ignored while nothing is shown.
    void setGrid(const QuantGrid& grid);
    void clearGrid();
    bool hasGrid() const { return m_hasGrid; }
    /// The grid drawn (empty without grid).
    const QuantGrid& grid() const { return m_grid; }

    /// Draws `grid` as well, to compare it with the one of setGrid(): its levels as ticks along the top edge
    /// and its clip bounds dash-dotted, in a second colour, with a legend naming both grids. Kept by
    /// setGrid() and mode switches, dropped by clearGrid() and new content. Ignored while no grid is shown.
    void setComparisonGrid(const QuantGrid& grid);
    void clearComparisonGrid();
    bool hasComparisonGrid() const { return m_hasComparisonGrid; }
    const QuantGrid& comparisonGrid() const { return m_comparisonGrid; }
    /// Caption of the comparison grid, as gridText() for the first one; empty without comparison grid.
    QString comparisonGridText() const { return m_comparisonText; }
    /// Number of comparison grid level lines currently drawn.
    int plottedComparisonLevelCount() const { return m_plottedComparisonLevelCount; }
    /// Names shown in the legend for the two grids (default "current" and "proposed").
    void setGridNames(const QString& gridName, const QString& comparisonName);
    /// The legend shown while two grids are drawn (plain text, one line per grid); empty otherwise.
    QString legendText() const;

    /// Chooses the plot; per-channel is shown only for weights (see setHistogram).
    void setMode(HistogramMode mode);
    /// Mode of the plot shown: always WholeTensor for a histogram without per-channel data.
    HistogramMode mode() const;
    /// Count axis scale of the whole-tensor histogram (the per-channel plot is always linear).
    void setCountScale(AxisScale scale);
    AxisScale countScale() const { return m_scale; }

    bool hasWeights() const { return m_content == Content::Weights; }
    /// True when weights or a histogram without per-channel data are shown.
    bool hasHistogram() const { return m_content != Content::Nothing; }
    QString titleText() const;
    QString emptyText() const;
    /// Caption of the grid shown under the title (description, levels, clipped share, SQNR); empty without
    /// grid.
    QString gridText() const;
    /// Bar heights currently plotted, one per histogram bin (whole-tensor mode; empty otherwise).
    QVector<double> plottedBinCounts() const;
    /// Number of channel boxes currently plotted (per-channel mode; 0 otherwise).
    int plottedChannelCount() const;
    /// Number of grid level lines currently drawn: every level, or an evenly spaced subset of a large grid.
    int plottedLevelCount() const { return m_plottedLevelCount; }
    /// Shown range of the value axis (x in whole-tensor mode, y in per-channel mode).
    QPair<double, double> plottedValueRange() const;
    /// Hover text for the whole-tensor bin holding `value` (its range and count); empty outside the
    /// histogram.
    QString binToolTip(double value) const;

protected:
    /// Follows a palette change (light or dark theme) in the plot's background, axes and grid.
    void changeEvent(QEvent* event) override;

private:
    enum class Content { Nothing, Weights, Histogram };

    void applyPaletteColors();

    QWidget* createToolbar();
    void updateButtons();
    void replot();
    void plotHistogram();
    void plotChannels();
    void plotChannelBoxes();
    void plotChannelBands();
    void plotGrid();
    int plotLevels(const QuantGrid& grid, const QColor& color, Qt::Edge edge);
    void plotClipRegions();
    void plotClipBounds(Qt::Orientation orientation, const QuantGrid& grid, const QPen& pen);
    void removeGridItems();
    void dropGrid();
    void updateTitle();
    void updateGridCaption();
    QString captionOf(const QuantGrid& grid) const;
    void showBinToolTip(QMouseEvent* event);
    bool hasClipRange() const;
    /// Widens [lowest, uppermost] to the clip ranges of both grids.
    void widenToClipRanges(double& lowest, double& uppermost) const;

    QLabel* m_title = nullptr;
    QLabel* m_gridCaption = nullptr;
    QLabel* m_legend = nullptr; ///< replaces m_gridCaption while two grids are drawn
    QLabel* m_empty = nullptr;
    QStackedWidget* m_stack = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPBars* m_bars = nullptr;
    QCPStatisticalBox* m_boxes = nullptr; ///< per-channel boxes while they are wide enough to see
    QCPGraph* m_maxLine = nullptr;        ///< bands for many channels: max filled down to min,
    QCPGraph* m_minLine = nullptr;
    QCPGraph* m_upperLine = nullptr; ///< mean + std filled down to mean - std,
    QCPGraph* m_lowerLine = nullptr;
    QCPGraph* m_meanLine = nullptr;        ///< and the mean
    QVector<QCPAbstractItem*> m_gridItems; ///< level lines, clip regions and bounds; owned by m_plot
    QToolButton* m_tensorButton = nullptr;
    QToolButton* m_channelButton = nullptr;
    QToolButton* m_logButton = nullptr;

    QString m_tensorName; ///< layer name or histogram title, shown in bold
    WeightStats m_stats;  ///< weight statistics; only `histogram` for a histogram without per-channel data
    Content m_content = Content::Nothing;
    QuantGrid m_grid;
    bool m_hasGrid = false;
    int m_plottedLevelCount = 0;
    QuantGrid m_comparisonGrid;
    bool m_hasComparisonGrid = false;
    QString m_comparisonText;
    int m_plottedComparisonLevelCount = 0;
    QString m_gridName;
    QString m_comparisonName;
    HistogramMode m_chosenMode = HistogramMode::WholeTensor;
    AxisScale m_scale = AxisScale::Linear;
};

} // namespace qs
