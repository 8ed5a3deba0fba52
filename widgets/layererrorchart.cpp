#include "layererrorchart.h"

#include "bandbars.h"
#include "chartstyle.h"
#include "heatmaplegend.h"
#include "palettecolors.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace qs {
namespace {

constexpr double kPairedBarWidth = 0.4;   ///< in rows, per bar, when both series are shown
constexpr double kSingleBarWidth = 0.7;   ///< in rows, when only the cumulative series is shown
constexpr double kPairedRowLines = 1.7;   ///< least row height in text lines, both series
constexpr double kSingleRowLines = 1.25;  ///< least row height in text lines, one series
constexpr int kReservedLines = 5;         ///< plot height in text lines taken by the value axis and legend
constexpr int kMinimumLabelChars = 16;    ///< layer names are elided to at least this many characters,
constexpr int kMaximumLabelChars = 48;    ///< at most this many,
constexpr double kLabelWidthShare = 0.38; ///< and otherwise to this share of the plot width
constexpr int kWheelRows = 3;             ///< rows scrolled per wheel step
constexpr int kMinimumRows = 5;           ///< Ctrl+wheel shows at least this many rows
constexpr double kClickTolerancePixels = 2.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool worseFirst(const LayerErrorRow& a, const LayerErrorRow& b) {
    if (std::isnan(a.cumulativeSqnrDb))
        return false;
    if (std::isnan(b.cumulativeSqnrDb))
        return true;
    return a.cumulativeSqnrDb < b.cumulativeSqnrDb;
}

double valueOf(const LayerErrorRow& row, LayerErrorChart::Series series) {
    return series == LayerErrorChart::Series::Cumulative ? row.cumulativeSqnrDb : row.isolatedSqnrDb;
}

void place(QCPItemPosition* position, QCustomPlot* plot, QCPItemPosition::PositionType typeX, double x,
           QCPItemPosition::PositionType typeY, double y) {
    position->setAxes(plot->xAxis, plot->yAxis);
    position->setAxisRect(plot->axisRect());
    position->setTypeX(typeX);
    position->setTypeY(typeY);
    position->setCoords(x, y);
}

} // namespace

LayerErrorChart::LayerErrorChart(QWidget* parent) : ChartWidget(tr("layer-errors"), parent) {
    QCustomPlot* p = plot();
    p->yAxis->setRangeReversed(true);
    p->yAxis->grid()->setVisible(false);
    p->yAxis->setTickLength(0, 0);
    p->yAxis->setSubTickLength(0, 0);
    p->xAxis->setLabel(tr("SQNR (dB), higher is better"));

    m_cumulative = new BandBars(p->yAxis, p->xAxis, BandBars::Fill::Solid);
    m_cumulative->setName(tr("cumulative (whole model quantized)"));
    m_isolated = new BandBars(p->yAxis, p->xAxis, BandBars::Fill::Tint);
    m_isolated->setName(tr("isolated (only this layer quantized)"));
    auto* group = new QCPBarsGroup(p);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1.0);
    m_cumulative->setBarsGroup(group);
    m_isolated->setBarsGroup(group);

    m_highlight = new QCPItemRect(p);
    m_highlight->setLayer(QStringLiteral("grid"));
    m_highlight->setSelectable(false);
    m_highlight->setVisible(false);
    for (int i = 0; i < 3; ++i) {
        auto* line = new QCPItemStraightLine(p);
        line->setSelectable(false);
        line->setLayer(QStringLiteral("grid"));
        m_thresholds << line;
    }

    placeLegendOutside(p, LegendPlace::BelowPlot);

    m_legend = new HeatMapLegend(this);
    m_legend->setOrientation(Qt::Horizontal);
    m_legend->setShowsUnmeasured(false);
    m_legend->setMetricName(tr("SQNR bands"));
    addHeaderWidget(m_legend);

    m_scrollBar = new QScrollBar(Qt::Vertical, this);
    m_scrollBar->setObjectName(QStringLiteral("layerScrollBar"));
    addSideWidget(m_scrollBar);
    connect(m_scrollBar, &QScrollBar::valueChanged, this, &LayerErrorChart::applyVisibleRange);
    p->installEventFilter(this);
    restyle();
    clear();
}

LayerErrorChart::~LayerErrorChart() = default;

void LayerErrorChart::setRows(const QVector<LayerErrorRow>& rows) {
    m_rows = rows;
    std::stable_sort(m_rows.begin(), m_rows.end(), worseFirst);
    if (m_rows.isEmpty()) {
        clear();
        return;
    }
    const QStringList names = layerNames();
    if (!names.contains(m_selected))
        m_selected.clear();
    showPlot();
    rebuild();
    m_scrollBar->setValue(0);
    applyVisibleRange();
}

void LayerErrorChart::clear(const QString& hint) {
    m_rows.clear();
    m_selected.clear();
    rebuild();
    showEmptyState(hint.isEmpty() ? tr("Evaluate the quantized model to see the error of each layer.")
                                  : hint);
}

void LayerErrorChart::setErrorBands(const ErrorBands& bands) {
    m_bands = bands;
    static_cast<BandBars*>(m_cumulative)->setErrorBands(bands);
    static_cast<BandBars*>(m_isolated)->setErrorBands(bands);
    m_legend->setErrorBands(bands);
    rebuild();
}

void LayerErrorChart::rebuild() {
    updateValueRange();
    for (Series series : {Series::Cumulative, Series::Isolated}) {
        QVector<double> keys;
        QVector<double> values;
        for (int row = 0; row < m_rows.size(); ++row) {
            const double value = valueOf(m_rows[row], series);
            if (std::isnan(value))
                continue;
            keys << double(row);
            values << displayValue(value);
        }
        bars(series)->setData(keys, values, true);
    }
    updateSeriesLayout();
    updateThresholdLines();
    updateTicks();
    updateSelection();
    updateScrollRange();
    applyVisibleRange();
}

void LayerErrorChart::updateSeriesLayout() {
    const bool paired = isSeriesShown(Series::Isolated);
    m_isolated->setVisible(paired);
    if (paired) {
        m_isolated->addToLegend();
        if (!m_isolated->barsGroup())
            m_isolated->setBarsGroup(m_cumulative->barsGroup());
    } else {
        m_isolated->removeFromLegend();
        m_isolated->setBarsGroup(nullptr);
    }
    m_cumulative->setWidth(paired ? kPairedBarWidth : kSingleBarWidth);
    m_isolated->setWidth(kPairedBarWidth);
}

void LayerErrorChart::updateValueRange() {
    double lowest = 0.0;
    double highest = m_bands.goodSqnrDb + 10.0;
    for (const LayerErrorRow& row : std::as_const(m_rows)) {
        for (double value : {row.cumulativeSqnrDb, row.isolatedSqnrDb}) {
            if (!std::isfinite(value))
                continue;
            lowest = std::min(lowest, value - 2.0);
            highest = std::max(highest, value + 0.05 * std::abs(value) + 2.0);
        }
    }
    m_axisUpper = highest;
    plot()->xAxis->setRange(lowest, highest);
}

double LayerErrorChart::displayValue(double sqnrDb) const {
    if (std::isinf(sqnrDb))
        return sqnrDb > 0 ? m_axisUpper : plot()->xAxis->range().lower;
    return sqnrDb;
}

void LayerErrorChart::updateThresholdLines() {
    const auto coords = QCPItemPosition::ptPlotCoords;
    const auto ratio = QCPItemPosition::ptAxisRectRatio;
    const std::pair<double, ErrorBand> thresholds[] = {
        {m_bands.goodSqnrDb, ErrorBand::Good},
        {m_bands.fairSqnrDb, ErrorBand::Fair},
        {m_bands.poorSqnrDb, ErrorBand::Poor},
    };
    for (int i = 0; i < m_thresholds.size(); ++i) {
        QCPItemStraightLine* line = m_thresholds[i];
        place(line->point1, plot(), coords, thresholds[i].first, ratio, 0.0);
        place(line->point2, plot(), coords, thresholds[i].first, ratio, 1.0);
        line->setPen(QPen(errorBandQColor(thresholds[i].second), 1.5, Qt::DashLine));
    }
}

void LayerErrorChart::updateTicks() {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const QFontMetrics metrics(font());
    const int charWidth = metrics.averageCharWidth();
    const int labelWidth = std::clamp(int(kLabelWidthShare * plot()->width()), kMinimumLabelChars * charWidth,
                                      kMaximumLabelChars * charWidth);
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString& name = m_rows[row].layerName;
        QString label = metrics.elidedText(name, Qt::ElideMiddle, labelWidth);
        if (!m_selected.isEmpty() && name == m_selected)
            label = tr("▶ %1").arg(label);
        ticker->addTick(double(row), label);
    }
    plot()->yAxis->setTicker(ticker);
}

void LayerErrorChart::updateSelection() {
    const int row = layerNames().indexOf(m_selected);
    m_highlight->setVisible(row >= 0);
    if (row < 0)
        return;
    const auto coords = QCPItemPosition::ptPlotCoords;
    const auto ratio = QCPItemPosition::ptAxisRectRatio;
    place(m_highlight->topLeft, plot(), ratio, 0.0, coords, row - 0.5);
    place(m_highlight->bottomRight, plot(), ratio, 1.0, coords, row + 0.5);
}

void LayerErrorChart::setSelectedLayer(const QString& layerName) {
    m_selected = layerNames().contains(layerName) ? layerName : QString();
    updateTicks();
    updateSelection();
    const int row = layerNames().indexOf(m_selected);
    if (row >= 0 && (row < firstVisibleRow() || row >= firstVisibleRow() + visibleRowCount()))
        scrollToRow(row);
    plot()->replot();
}

void LayerErrorChart::setVisibleRowCount(int rowCount) {
    m_requestedRows = std::max(1, rowCount);
    updateScrollRange();
    applyVisibleRange();
}

int LayerErrorChart::fittingRowCount() const {
    const int lineHeight = QFontMetrics(font()).height();
    const double rowLines = isSeriesShown(Series::Isolated) ? kPairedRowLines : kSingleRowLines;
    const int available = plot()->height() - kReservedLines * lineHeight;
    return std::max(1, int(available / (rowLines * lineHeight)));
}

int LayerErrorChart::visibleRowCount() const {
    return std::max(0, std::min({m_requestedRows, fittingRowCount(), rowCount()}));
}

int LayerErrorChart::firstVisibleRow() const {
    return m_scrollBar->value();
}

void LayerErrorChart::scrollToRow(int displayRow) {
    m_scrollBar->setValue(displayRow);
}

void LayerErrorChart::updateScrollRange() {
    const int shown = visibleRowCount();
    const QSignalBlocker blocker(m_scrollBar);
    m_scrollBar->setRange(0, std::max(0, rowCount() - shown));
    m_scrollBar->setPageStep(std::max(1, shown));
    m_scrollBar->setSingleStep(1);
    m_scrollBar->setVisible(rowCount() > shown);
}

void LayerErrorChart::applyVisibleRange() {
    const double first = double(firstVisibleRow());
    plot()->yAxis->setRange(first - 0.5, first + std::max(1, visibleRowCount()) - 0.5);
    plot()->replot();
}

QStringList LayerErrorChart::layerNames() const {
    QStringList names;
    for (const LayerErrorRow& row : m_rows)
        names << row.layerName;
    return names;
}

QVector<double> LayerErrorChart::plottedValues(Series series) const {
    QVector<double> values(m_rows.size(), kNaN);
    const QSharedPointer<QCPBarsDataContainer> data = bars(series)->data();
    for (auto it = data->constBegin(); it != data->constEnd(); ++it) {
        const int row = int(std::lround(it->key));
        if (row >= 0 && row < values.size())
            values[row] = it->value;
    }
    return values;
}

QColor LayerErrorChart::barColor(Series series, int displayRow) const {
    if (displayRow < 0 || displayRow >= m_rows.size())
        return {};
    const double value = valueOf(m_rows[displayRow], series);
    if (std::isnan(value))
        return {};
    return static_cast<BandBars*>(bars(series))->fillColor(displayValue(value));
}

bool LayerErrorChart::isSeriesShown(Series series) const {
    if (series == Series::Cumulative)
        return !m_rows.isEmpty();
    return std::any_of(m_rows.begin(), m_rows.end(),
                       [](const LayerErrorRow& row) { return !std::isnan(row.isolatedSqnrDb); });
}

QCPBars* LayerErrorChart::bars(Series series) const {
    return series == Series::Cumulative ? m_cumulative : m_isolated;
}

int LayerErrorChart::rowAt(const QPointF& pos) const {
    if (m_rows.isEmpty() || isEmpty())
        return -1;
    const QRect area = plot()->axisRect()->rect();
    if (pos.y() < area.top() || pos.y() > area.bottom() || pos.x() < 0 || pos.x() > area.right())
        return -1;
    const int row = int(std::lround(plot()->yAxis->pixelToCoord(pos.y())));
    if (row < 0 || row >= m_rows.size())
        return -1;
    if (pos.x() < area.left())
        return row;
    for (Series series : {Series::Cumulative, Series::Isolated}) {
        const double value = valueOf(m_rows[row], series);
        if (std::isnan(value) || !isSeriesShown(series))
            continue;
        const QRectF bar =
            static_cast<BandBars*>(bars(series))->barRect(row, displayValue(value)).normalized();
        const double tolerance = kClickTolerancePixels;
        if (bar.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(pos))
            return row;
    }
    return -1;
}

QString LayerErrorChart::toolTipAt(const QPointF& pos) const {
    const int row = rowAt(pos);
    if (row < 0)
        return {};
    const LayerErrorRow& layer = m_rows[row];
    auto line = [this](const QString& what, double value) {
        const ErrorBand band = m_bands.band(value);
        return band == ErrorBand::Unmeasured
                   ? tr("%1: %2").arg(what, formatSqnrDb(value))
                   : tr("%1: %2 (%3)").arg(what, formatSqnrDb(value), errorBandName(band));
    };
    QStringList lines{layer.layerName, line(tr("cumulative"), layer.cumulativeSqnrDb)};
    if (isSeriesShown(Series::Isolated))
        lines << line(tr("isolated"), layer.isolatedSqnrDb);
    return lines.join(QLatin1Char('\n'));
}

void LayerErrorChart::handleClick(const QPointF& pos) {
    const int row = rowAt(pos);
    if (row < 0)
        return;
    const QString name = m_rows[row].layerName;
    setSelectedLayer(name);
    emit layerClicked(name);
}

bool LayerErrorChart::eventFilter(QObject* watched, QEvent* event) {
    if (watched != plot())
        return ChartWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Wheel: {
        auto* wheel = static_cast<QWheelEvent*>(event);
        const int steps = wheel->angleDelta().y() / 120;
        if (wheel->modifiers() & Qt::ControlModifier) {
            const int shown = std::max(visibleRowCount(), 1);
            setVisibleRowCount(std::max(kMinimumRows, steps > 0 ? shown * 4 / 5 : shown * 5 / 4 + 1));
        } else {
            m_scrollBar->setValue(m_scrollBar->value() - steps * kWheelRows);
        }
        return true;
    }
    case QEvent::Resize:
        updateTicks();
        updateScrollRange();
        applyVisibleRange();
        break;
    case QEvent::MouseButtonPress:
        m_pressPos = static_cast<QMouseEvent*>(event)->position();
        break;
    case QEvent::MouseButtonRelease: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton && (mouse->position() - m_pressPos).manhattanLength() < 4.0)
            handleClick(mouse->position());
        break;
    }
    default:
        break;
    }
    return ChartWidget::eventFilter(watched, event);
}

void LayerErrorChart::restyle() {
    const QPalette& colors = palette();
    const QColor text = colors.color(QPalette::WindowText);
    const QColor base = colors.color(QPalette::Base);
    static_cast<BandBars*>(m_isolated)->setTintBase(base);
    m_cumulative->setBrush(blendColors(base, text, 0.6));
    m_cumulative->setPen(QPen(blendColors(base, text, 0.8), 0));
    m_isolated->setBrush(blendColors(base, text, 0.25));
    m_isolated->setPen(QPen(blendColors(base, text, 0.6), 0));
    QColor highlight = colors.color(QPalette::Highlight);
    highlight.setAlpha(60);
    m_highlight->setBrush(highlight);
    m_highlight->setPen(Qt::NoPen);
    updateTicks();
    updateScrollRange();
    applyVisibleRange();
}

} // namespace qs
