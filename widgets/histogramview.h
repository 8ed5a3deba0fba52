#pragma once
// Plot of one layer's weights: either the whole-tensor histogram (bars, linear or logarithmic count axis) or the
// per-output-channel ranges (a box per channel spanning min..max, with mean ± std and a mean mark). Shows a short
// hint when no layer is selected.

#include "model/weightstats.h"

#include <QString>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPStatisticalBox;
class QLabel;
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

    /// Shows the statistics of the weight of layer `layerName` (a copy is kept).
    void setWeights(const QString& layerName, const WeightStats& stats);
    /// Back to the empty state; `hint` replaces the default "select a layer" text when given.
    void clear(const QString& hint = {});

    void setMode(HistogramMode mode);
    HistogramMode mode() const { return m_mode; }
    /// Count axis scale of the whole-tensor histogram (the per-channel plot is always linear).
    void setCountScale(AxisScale scale);
    AxisScale countScale() const { return m_scale; }

    bool hasWeights() const { return m_hasWeights; }
    QString titleText() const;
    QString emptyText() const;
    /// Bar heights currently plotted, one per histogram bin (whole-tensor mode; empty otherwise).
    QVector<double> plottedBinCounts() const;
    /// Number of channel boxes currently plotted (per-channel mode; 0 otherwise).
    int plottedChannelCount() const;

private:
    QWidget* createToolbar();
    void replot();
    void plotHistogram();
    void plotChannels();
    void plotChannelBoxes();
    void plotChannelBands();
    void updateTitle();

    QLabel* m_title = nullptr;
    QLabel* m_empty = nullptr;
    QStackedWidget* m_stack = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPBars* m_bars = nullptr;
    QCPStatisticalBox* m_boxes = nullptr;  ///< per-channel boxes while they are wide enough to see
    QCPGraph* m_maxLine = nullptr;         ///< bands for many channels: max filled down to min,
    QCPGraph* m_minLine = nullptr;
    QCPGraph* m_upperLine = nullptr;       ///< mean + std filled down to mean - std,
    QCPGraph* m_lowerLine = nullptr;
    QCPGraph* m_meanLine = nullptr;        ///< and the mean
    QToolButton* m_tensorButton = nullptr;
    QToolButton* m_channelButton = nullptr;
    QToolButton* m_logButton = nullptr;

    QString m_layerName;
    WeightStats m_stats;
    bool m_hasWeights = false;
    HistogramMode m_mode = HistogramMode::WholeTensor;
    AxisScale m_scale = AxisScale::Linear;
};

} // namespace qs
