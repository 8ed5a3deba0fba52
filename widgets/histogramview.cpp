#include "histogramview.h"

#include "palettecolors.h"

#include <qcustomplot.h>

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace qs {

namespace {

constexpr double kLogBaseCount = 0.8;       ///< bars start just below one on a logarithmic count axis
constexpr size_t kMaximumBoxChannels = 96;  ///< more channels are drawn as bands
constexpr size_t kMaximumOutlinedBins = 64; ///< narrower bars are drawn without outline
constexpr int kMaximumPlottedLevels = 256;  ///< larger grids are drawn as an evenly spaced subset
const QColor kLevelColor(230, 120, 20, 200);
constexpr int kMaximumFullHeightLevels = 32; ///< denser grids are drawn as ticks only
constexpr double kLevelTickRatio = 0.07;     ///< tick length as a fraction of the plot height
const QColor kClipBoundColor(200, 40, 30);
const QColor kClippedRegionColor(220, 50, 40, 45);
const QColor kComparisonColor(0, 158, 115, 220); ///< the comparison grid's levels (bluish green)
const QColor kComparisonBoundColor(0, 120, 90);  ///< and its clip bounds

QCPGraph* addLine(QCustomPlot* plot, const QColor& color, double width) {
    QCPGraph* graph = plot->addGraph();
    graph->setPen(QPen(color, width));
    graph->setLineStyle(QCPGraph::lsLine);
    return graph;
}

QString number(double value) {
    return QString::number(value, 'g', 4);
}

/// Places `position` with separate coordinate types for x and y (plot coordinates or axis-rect ratios).
void place(QCPItemPosition* position, QCustomPlot* plot, QCPItemPosition::PositionType typeX, double x,
           QCPItemPosition::PositionType typeY, double y) {
    position->setAxes(plot->xAxis, plot->yAxis);
    position->setAxisRect(plot->axisRect());
    position->setTypeX(typeX);
    position->setTypeY(typeY);
    position->setCoords(x, y);
}

/// An infinite line at `value`: vertical (at x = value) or horizontal (at y = value).
QCPItemStraightLine* addStraightLine(QCustomPlot* plot, Qt::Orientation orientation, double value,
                                     const QPen& pen) {
    auto* line = new QCPItemStraightLine(plot);
    const auto coords = QCPItemPosition::ptPlotCoords;
    const auto ratio = QCPItemPosition::ptAxisRectRatio;
    if (orientation == Qt::Vertical) {
        place(line->point1, plot, coords, value, ratio, 0.0);
        place(line->point2, plot, coords, value, ratio, 1.0);
    } else {
        place(line->point1, plot, ratio, 0.0, coords, value);
        place(line->point2, plot, ratio, 1.0, coords, value);
    }
    line->setPen(pen);
    line->setSelectable(false);
    return line;
}

/// A full-height band between two x positions, each either a plot coordinate or an axis-rect ratio.
QCPItemRect* addBand(QCustomPlot* plot, QCPItemPosition::PositionType leftType, double left,
                     QCPItemPosition::PositionType rightType, double right, const QColor& color) {
    auto* band = new QCPItemRect(plot);
    place(band->topLeft, plot, leftType, left, QCPItemPosition::ptAxisRectRatio, 0.0);
    place(band->bottomRight, plot, rightType, right, QCPItemPosition::ptAxisRectRatio, 1.0);
    band->setPen(Qt::NoPen);
    band->setBrush(color);
    band->setSelectable(false);
    return band;
}

bool hasClipRangeOf(const QuantGrid& grid) {
    return grid.clipMax > grid.clipMin;
}

int shownLevelCount(int levelCount) {
    return std::min(levelCount, kMaximumPlottedLevels);
}

} // namespace

HistogramView::HistogramView(QWidget* parent) : QWidget(parent) {
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);

    m_gridCaption = new QLabel(this);
    m_gridCaption->setTextFormat(Qt::PlainText);
    m_gridCaption->setWordWrap(true);
    m_gridCaption->hide();

    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("gridLegend"));
    m_legend->setTextFormat(Qt::RichText);
    // One line per grid, cut at the right edge rather than wrapped, so that both lines always show.
    m_legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_legend->hide();
    m_gridName = tr("current");
    m_comparisonName = tr("proposed");

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(200, 120);
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setBrush(QColor(60, 120, 190));
    m_boxes = new QCPStatisticalBox(m_plot->xAxis, m_plot->yAxis);
    m_boxes->setBrush(QColor(70, 130, 200, 90));
    m_boxes->setMedianPen(QPen(QColor(200, 60, 40), 2));
    m_boxes->setWhiskerPen(QPen(QColor(40, 90, 160)));

    m_maxLine = addLine(m_plot, QColor(70, 130, 200), 1.0);
    m_minLine = addLine(m_plot, QColor(70, 130, 200), 1.0);
    m_maxLine->setBrush(QColor(70, 130, 200, 60));
    m_maxLine->setChannelFillGraph(m_minLine);
    m_upperLine = addLine(m_plot, QColor(40, 90, 160), 1.0);
    m_lowerLine = addLine(m_plot, QColor(40, 90, 160), 1.0);
    m_upperLine->setBrush(QColor(40, 90, 160, 110));
    m_upperLine->setChannelFillGraph(m_lowerLine);
    m_meanLine = addLine(m_plot, QColor(200, 60, 40), 1.5);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HistogramView::showBinToolTip);
    applyPaletteColors();

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_plot);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createToolbar());
    layout->addWidget(m_title);
    layout->addWidget(m_gridCaption);
    layout->addWidget(m_legend);
    layout->addWidget(m_stack, 1);
    clear();
}

HistogramView::~HistogramView() = default;

void HistogramView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPaletteColors();
}

void HistogramView::applyPaletteColors() {
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    const QColor grid = blendColors(base, text, 0.2);
    m_plot->setBackground(base);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis, m_plot->xAxis2, m_plot->yAxis2}) {
        axis->setBasePen(QPen(text, 0));
        axis->setTickPen(QPen(text, 0));
        axis->setSubTickPen(QPen(text, 0));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
        axis->grid()->setSubGridPen(QPen(blendColors(base, text, 0.1), 0, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(grid, 0));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QWidget* HistogramView::createToolbar() {
    auto* bar = new QWidget(this);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    auto makeButton = [bar](const QString& text, const QString& toolTip) {
        auto* button = new QToolButton(bar);
        button->setText(text);
        button->setToolTip(toolTip);
        button->setCheckable(true);
        button->setAutoRaise(true);
        return button;
    };
    m_tensorButton = makeButton(tr("Histogram"), tr("Histogram of every value in the weight tensor"));
    m_channelButton = makeButton(tr("Per channel"), tr("Range of each output channel: min..max, mean ± std"));
    m_logButton = makeButton(tr("Log scale"), tr("Logarithmic count axis"));
    m_tensorButton->setObjectName(QStringLiteral("wholeTensorButton"));
    m_channelButton->setObjectName(QStringLiteral("perChannelButton"));
    m_logButton->setObjectName(QStringLiteral("logScaleButton"));
    m_tensorButton->setChecked(true);
    auto* group = new QButtonGroup(bar);
    group->addButton(m_tensorButton);
    group->addButton(m_channelButton);
    layout->addWidget(m_tensorButton);
    layout->addWidget(m_channelButton);
    layout->addStretch(1);
    layout->addWidget(m_logButton);

    connect(m_tensorButton, &QToolButton::clicked, this, [this] { setMode(HistogramMode::WholeTensor); });
    connect(m_channelButton, &QToolButton::clicked, this, [this] { setMode(HistogramMode::PerChannel); });
    connect(m_logButton, &QToolButton::toggled, this,
            [this](bool on) { setCountScale(on ? AxisScale::Logarithmic : AxisScale::Linear); });
    return bar;
}

void HistogramView::setWeights(const QString& layerName, const WeightStats& stats) {
    m_tensorName = layerName;
    m_stats = stats;
    m_content = Content::Weights;
    dropGrid();
    m_stack->setCurrentWidget(m_plot);
    updateTitle();
    updateButtons();
    replot();
}

void HistogramView::setHistogram(const QString& title, const Histogram& histogram) {
    m_tensorName = title;
    m_stats = WeightStats{};
    m_stats.histogram = histogram;
    m_content = Content::Histogram;
    dropGrid();
    m_stack->setCurrentWidget(m_plot);
    updateTitle();
    updateButtons();
    replot();
}

void HistogramView::clear(const QString& hint) {
    m_tensorName.clear();
    m_stats = WeightStats{};
    m_content = Content::Nothing;
    dropGrid();
    m_empty->setText(hint.isEmpty() ? tr("Select a layer to see its weights.") : hint);
    m_stack->setCurrentWidget(m_empty);
    m_title->clear();
    updateButtons();
    replot();
}

void HistogramView::setGrid(const QuantGrid& grid) {
    if (!hasHistogram())
        return;
    m_grid = grid;
    m_hasGrid = true;
    updateGridCaption();
    replot();
}

void HistogramView::clearGrid() {
    dropGrid();
    replot();
}

void HistogramView::dropGrid() {
    m_grid = QuantGrid{};
    m_hasGrid = false;
    m_comparisonGrid = QuantGrid{};
    m_hasComparisonGrid = false;
    updateGridCaption();
}

void HistogramView::setComparisonGrid(const QuantGrid& grid) {
    if (!m_hasGrid)
        return;
    m_comparisonGrid = grid;
    m_hasComparisonGrid = true;
    updateGridCaption();
    replot();
}

void HistogramView::clearComparisonGrid() {
    m_comparisonGrid = QuantGrid{};
    m_hasComparisonGrid = false;
    updateGridCaption();
    replot();
}

void HistogramView::setGridNames(const QString& gridName, const QString& comparisonName) {
    m_gridName = gridName;
    m_comparisonName = comparisonName;
    updateGridCaption();
}

QString HistogramView::legendText() const {
    if (!m_hasComparisonGrid)
        return {};
    return tr("%1: %2\n%3: %4").arg(m_gridName, gridText(), m_comparisonName, m_comparisonText);
}

void HistogramView::setMode(HistogramMode mode) {
    m_chosenMode = mode;
    updateButtons();
    replot();
}

HistogramMode HistogramView::mode() const {
    return m_content == Content::Histogram ? HistogramMode::WholeTensor : m_chosenMode;
}

void HistogramView::updateButtons() {
    const HistogramMode shown = mode();
    m_tensorButton->setChecked(shown == HistogramMode::WholeTensor);
    m_channelButton->setChecked(shown == HistogramMode::PerChannel);
    m_channelButton->setEnabled(m_content != Content::Histogram);
    m_logButton->setEnabled(shown == HistogramMode::WholeTensor);
}

void HistogramView::setCountScale(AxisScale scale) {
    m_scale = scale;
    const QSignalBlocker blocker(m_logButton);
    m_logButton->setChecked(scale == AxisScale::Logarithmic);
    replot();
}

QString HistogramView::titleText() const {
    return m_title->text();
}

QString HistogramView::emptyText() const {
    return m_empty->text();
}

QString HistogramView::gridText() const {
    return m_gridCaption->text();
}

QPair<double, double> HistogramView::plottedValueRange() const {
    const QCPRange range =
        mode() == HistogramMode::WholeTensor ? m_plot->xAxis->range() : m_plot->yAxis->range();
    return {range.lower, range.upper};
}

QString HistogramView::binToolTip(double value) const {
    const Histogram& histogram = m_stats.histogram;
    const double width = histogram.binWidth();
    if (!hasHistogram() || width <= 0.0 || !(value >= histogram.lower && value <= histogram.upper))
        return {};
    const size_t bin = std::min(size_t((value - histogram.lower) / width), histogram.counts.size() - 1);
    const double from = histogram.lower + double(bin) * width;
    return tr("bin %1 … %2\ncount %3")
        .arg(number(from), number(from + width), QLocale().toString(qlonglong(histogram.counts[bin])));
}

QVector<double> HistogramView::plottedBinCounts() const {
    QVector<double> counts;
    if (!hasHistogram() || mode() != HistogramMode::WholeTensor)
        return counts;
    const std::vector<int64_t>& bins = m_stats.histogram.counts;
    counts.fill(0.0, int(bins.size()));
    const double lower = m_stats.histogram.lower;
    const double width = m_stats.histogram.binWidth();
    for (auto it = m_bars->data()->constBegin(); it != m_bars->data()->constEnd(); ++it) {
        const int bin = width > 0.0 ? int(std::floor((it->key - lower) / width)) : 0;
        if (bin >= 0 && bin < counts.size())
            counts[bin] = it->value;
    }
    return counts;
}

int HistogramView::plottedChannelCount() const {
    if (!hasWeights() || mode() != HistogramMode::PerChannel)
        return 0;
    return std::max(m_boxes->data()->size(), m_meanLine->data()->size());
}

void HistogramView::replot() {
    removeGridItems();
    m_bars->data()->clear();
    m_boxes->data()->clear();
    for (QCPGraph* line : {m_maxLine, m_minLine, m_upperLine, m_lowerLine, m_meanLine})
        line->data()->clear();
    if (hasHistogram()) {
        if (mode() == HistogramMode::WholeTensor)
            plotHistogram();
        else
            plotChannels();
        if (m_hasGrid)
            plotGrid();
    }
    m_plot->replot();
}

void HistogramView::plotHistogram() {
    const Histogram& histogram = m_stats.histogram;
    const double width = histogram.binWidth();
    const bool logarithmic = m_scale == AxisScale::Logarithmic;
    QVector<double> keys;
    QVector<double> values;
    double highest = 1.0;
    for (size_t bin = 0; bin < histogram.counts.size(); ++bin) {
        const double count = double(histogram.counts[bin]);
        highest = std::max(highest, count);
        if (logarithmic && count <= 0.0)
            continue;
        keys << histogram.lower + (double(bin) + 0.5) * width;
        values << count;
    }
    m_bars->setPen(histogram.counts.size() > kMaximumOutlinedBins ? QPen(Qt::NoPen)
                                                                  : QPen(QColor(30, 70, 130)));
    m_bars->setWidth(width > 0.0 ? width : 1.0);
    m_bars->setBaseValue(logarithmic ? kLogBaseCount : 0.0);
    m_bars->setData(keys, values, true);

    m_plot->xAxis->setLabel(hasWeights() ? tr("weight value") : tr("value"));
    m_plot->yAxis->setLabel(tr("count"));
    m_plot->yAxis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logarithmic)
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    double lowest = histogram.lower;
    double uppermost = histogram.upper;
    widenToClipRanges(lowest, uppermost);
    const double margin = width > 0.0 ? width : 0.5;
    m_plot->xAxis->setRange(lowest - margin, uppermost + margin);
    m_plot->yAxis->setRange(logarithmic ? kLogBaseCount : 0.0, logarithmic ? highest * 2.0 : highest * 1.05);
}

void HistogramView::plotChannels() {
    if (m_stats.channels.size() > kMaximumBoxChannels)
        plotChannelBands();
    else
        plotChannelBoxes();
    m_plot->xAxis->setLabel(tr("output channel"));
    m_plot->yAxis->setLabel(tr("weight value"));
    m_plot->yAxis->setScaleType(QCPAxis::stLinear);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_plot->xAxis->setRange(-1.0, std::max(1.0, double(m_stats.channels.size())));
    double lowest = m_stats.min;
    double uppermost = m_stats.max;
    widenToClipRanges(lowest, uppermost);
    const double span = std::max(1e-12, uppermost - lowest);
    m_plot->yAxis->setRange(lowest - 0.05 * span, uppermost + 0.05 * span);
}

void HistogramView::plotChannelBoxes() {
    QVector<double> keys, minimum, lower, mean, upper, maximum;
    for (size_t channel = 0; channel < m_stats.channels.size(); ++channel) {
        const ChannelRange& range = m_stats.channels[channel];
        keys << double(channel);
        minimum << range.min;
        lower << std::max(range.min, range.mean - range.std);
        mean << range.mean;
        upper << std::min(range.max, range.mean + range.std);
        maximum << range.max;
    }
    m_boxes->setData(keys, minimum, lower, mean, upper, maximum, true);
    m_boxes->setWidth(0.7);
    m_boxes->setWhiskerWidth(0.4);
}

void HistogramView::plotChannelBands() {
    for (size_t channel = 0; channel < m_stats.channels.size(); ++channel) {
        const ChannelRange& range = m_stats.channels[channel];
        const double key = double(channel);
        m_maxLine->addData(key, range.max);
        m_minLine->addData(key, range.min);
        m_upperLine->addData(key, std::min(range.max, range.mean + range.std));
        m_lowerLine->addData(key, std::max(range.min, range.mean - range.std));
        m_meanLine->addData(key, range.mean);
    }
}

bool HistogramView::hasClipRange() const {
    return m_hasGrid && hasClipRangeOf(m_grid);
}

void HistogramView::widenToClipRanges(double& lowest, double& uppermost) const {
    if (hasClipRange()) {
        lowest = std::min(lowest, m_grid.clipMin);
        uppermost = std::max(uppermost, m_grid.clipMax);
    }
    if (m_hasComparisonGrid && hasClipRangeOf(m_comparisonGrid)) {
        lowest = std::min(lowest, m_comparisonGrid.clipMin);
        uppermost = std::max(uppermost, m_comparisonGrid.clipMax);
    }
}

void HistogramView::plotGrid() {
    const QPen boundPen(kClipBoundColor, 1.5, Qt::DashLine);
    const QPen comparisonBoundPen(kComparisonBoundColor, 1.5, Qt::DashDotLine);
    if (mode() == HistogramMode::PerChannel) {
        plotClipBounds(Qt::Horizontal, m_grid, boundPen);
        if (m_hasComparisonGrid)
            plotClipBounds(Qt::Horizontal, m_comparisonGrid, comparisonBoundPen);
        return;
    }
    plotClipRegions();
    m_plottedLevelCount = plotLevels(m_grid, kLevelColor, Qt::BottomEdge);
    plotClipBounds(Qt::Vertical, m_grid, boundPen);
    if (!m_hasComparisonGrid)
        return;
    m_plottedComparisonLevelCount = plotLevels(m_comparisonGrid, kComparisonColor, Qt::TopEdge);
    plotClipBounds(Qt::Vertical, m_comparisonGrid, comparisonBoundPen);
}

int HistogramView::plotLevels(const QuantGrid& grid, const QColor& color, Qt::Edge edge) {
    const int levelCount = int(grid.levels.size());
    const int shownCount = shownLevelCount(levelCount);
    // Every level is a tick along the bottom (a rug; the comparison grid's along the top); a sparse grid also
    // gets faint full-height lines behind the bars, so that a dense 8-bit grid never hides the histogram.
    const bool sparse = shownCount <= kMaximumFullHeightLevels;
    const QPen tickPen(color, 1.0);
    const QPen linePen(QColor(color.red(), color.green(), color.blue(), 70), 1.0);
    const double edgeRatio = edge == Qt::TopEdge ? 0.0 : 1.0;
    const double tickEndRatio = edge == Qt::TopEdge ? kLevelTickRatio : 1.0 - kLevelTickRatio;
    int plotted = 0;
    for (int shown = 0; shown < shownCount; ++shown) {
        const int index = shownCount == levelCount
                              ? shown
                              : int(std::lround(double(shown) * (levelCount - 1) / double(shownCount - 1)));
        const double level = grid.levels[index];
        if (!std::isfinite(level))
            continue;
        auto* tick = new QCPItemLine(m_plot);
        place(tick->start, m_plot, QCPItemPosition::ptPlotCoords, level, QCPItemPosition::ptAxisRectRatio,
              edgeRatio);
        place(tick->end, m_plot, QCPItemPosition::ptPlotCoords, level, QCPItemPosition::ptAxisRectRatio,
              tickEndRatio);
        tick->setPen(tickPen);
        tick->setSelectable(false);
        m_gridItems << tick;
        if (sparse) {
            QCPItemStraightLine* line = addStraightLine(m_plot, Qt::Vertical, level, linePen);
            line->setLayer(QStringLiteral("grid"));
            m_gridItems << line;
        }
        ++plotted;
    }
    return plotted;
}

void HistogramView::plotClipRegions() {
    if (!hasClipRange())
        return;
    const auto coords = QCPItemPosition::ptPlotCoords;
    const auto ratio = QCPItemPosition::ptAxisRectRatio;
    m_gridItems << addBand(m_plot, ratio, 0.0, coords, m_grid.clipMin, kClippedRegionColor);
    m_gridItems << addBand(m_plot, coords, m_grid.clipMax, ratio, 1.0, kClippedRegionColor);
}

void HistogramView::plotClipBounds(Qt::Orientation orientation, const QuantGrid& grid, const QPen& pen) {
    if (!m_hasGrid || !hasClipRangeOf(grid))
        return;
    m_gridItems << addStraightLine(m_plot, orientation, grid.clipMin, pen);
    m_gridItems << addStraightLine(m_plot, orientation, grid.clipMax, pen);
}

void HistogramView::removeGridItems() {
    for (QCPAbstractItem* item : std::as_const(m_gridItems))
        m_plot->removeItem(item);
    m_gridItems.clear();
    m_plottedLevelCount = 0;
    m_plottedComparisonLevelCount = 0;
}

void HistogramView::updateTitle() {
    const QLocale locale;
    if (m_content == Content::Histogram) {
        const Histogram& histogram = m_stats.histogram;
        const int64_t total = std::accumulate(histogram.counts.begin(), histogram.counts.end(), int64_t(0));
        m_title->setText(tr("<b>%1</b> — %2 values in %3 bins from %4 to %5")
                             .arg(m_tensorName.toHtmlEscaped(), locale.toString(qlonglong(total)),
                                  locale.toString(qlonglong(histogram.counts.size())),
                                  number(histogram.lower), number(histogram.upper)));
        return;
    }
    m_title->setText(tr("<b>%1</b> — %2 values, min %3, max %4, mean %5, std %6, %7 zeros")
                         .arg(m_tensorName.toHtmlEscaped(), locale.toString(qlonglong(m_stats.count)),
                              number(m_stats.min), number(m_stats.max), number(m_stats.mean),
                              number(m_stats.std), locale.toString(qlonglong(m_stats.zeros))));
}

void HistogramView::updateGridCaption() {
    m_gridCaption->setVisible(m_hasGrid && !m_hasComparisonGrid);
    m_legend->setVisible(m_hasComparisonGrid);
    m_gridCaption->setText(m_hasGrid ? captionOf(m_grid) : QString());
    m_comparisonText = m_hasComparisonGrid ? captionOf(m_comparisonGrid) : QString();
    if (!m_hasComparisonGrid) {
        m_legend->clear();
        return;
    }
    const auto line = [](const QColor& color, const QString& name, const QString& caption) {
        return QStringLiteral("<span style=\"color:%1\">&#9646;</span> <b>%2</b>: %3")
            .arg(color.name(), name.toHtmlEscaped(), caption.toHtmlEscaped());
    };
    m_legend->setText(line(kLevelColor, m_gridName, gridText()) + QStringLiteral("<br>") +
                      line(kComparisonColor, m_comparisonName, m_comparisonText));
    m_legend->setToolTip(legendText());
}

QString HistogramView::captionOf(const QuantGrid& grid) const {
    const QLocale locale;
    const int levelCount = int(grid.levels.size());
    QStringList facts;
    if (levelCount > kMaximumPlottedLevels)
        facts << tr("%1 levels (%2 drawn)")
                     .arg(locale.toString(levelCount), locale.toString(shownLevelCount(levelCount)));
    else
        facts << tr("%1 levels").arg(locale.toString(levelCount));
    if (hasClipRangeOf(grid))
        facts << tr("clipped %1 %").arg(QString::number(100.0 * grid.clippedFraction, 'f', 2));
    if (!std::isnan(grid.sqnrDb))
        facts << tr("SQNR %1 dB").arg(QString::number(grid.sqnrDb, 'f', 1));
    const QString details = facts.join(tr(", ", "list separator"));
    return grid.description.isEmpty() ? details : tr("%1 — %2").arg(grid.description, details);
}

void HistogramView::showBinToolTip(QMouseEvent* event) {
    const QString text =
        mode() == HistogramMode::WholeTensor && m_plot->axisRect()->rect().contains(event->pos())
            ? binToolTip(m_plot->xAxis->pixelToCoord(event->position().x()))
            : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

} // namespace qs
