#include "histogramview.h"

#include <qcustomplot.h>

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace qs {

namespace {

constexpr double kLogBaseCount = 0.8;  ///< bars start just below one on a logarithmic count axis
constexpr size_t kMaximumBoxChannels = 96;  ///< more channels are drawn as bands
constexpr size_t kMaximumOutlinedBins = 64;  ///< narrower bars are drawn without outline

QCPGraph* addLine(QCustomPlot* plot, const QColor& color, double width) {
    QCPGraph* graph = plot->addGraph();
    graph->setPen(QPen(color, width));
    graph->setLineStyle(QCPGraph::lsLine);
    return graph;
}

QString number(double value) {
    return QString::number(value, 'g', 4);
}

} // namespace

HistogramView::HistogramView(QWidget* parent) : QWidget(parent) {
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);

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

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_plot);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createToolbar());
    layout->addWidget(m_title);
    layout->addWidget(m_stack, 1);
    clear();
}

HistogramView::~HistogramView() = default;

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
    m_layerName = layerName;
    m_stats = stats;
    m_hasWeights = true;
    m_stack->setCurrentWidget(m_plot);
    updateTitle();
    replot();
}

void HistogramView::clear(const QString& hint) {
    m_layerName.clear();
    m_stats = WeightStats{};
    m_hasWeights = false;
    m_empty->setText(hint.isEmpty() ? tr("Select a layer to see its weights.") : hint);
    m_stack->setCurrentWidget(m_empty);
    m_title->clear();
    replot();
}

void HistogramView::setMode(HistogramMode mode) {
    m_mode = mode;
    m_tensorButton->setChecked(mode == HistogramMode::WholeTensor);
    m_channelButton->setChecked(mode == HistogramMode::PerChannel);
    m_logButton->setEnabled(mode == HistogramMode::WholeTensor);
    replot();
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

QVector<double> HistogramView::plottedBinCounts() const {
    QVector<double> counts;
    if (!m_hasWeights || m_mode != HistogramMode::WholeTensor)
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
    if (!m_hasWeights || m_mode != HistogramMode::PerChannel)
        return 0;
    return std::max(m_boxes->data()->size(), m_meanLine->data()->size());
}

void HistogramView::replot() {
    m_bars->data()->clear();
    m_boxes->data()->clear();
    for (QCPGraph* line : {m_maxLine, m_minLine, m_upperLine, m_lowerLine, m_meanLine})
        line->data()->clear();
    if (m_hasWeights) {
        if (m_mode == HistogramMode::WholeTensor)
            plotHistogram();
        else
            plotChannels();
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
    m_bars->setPen(histogram.counts.size() > kMaximumOutlinedBins ? QPen(Qt::NoPen) : QPen(QColor(30, 70, 130)));
    m_bars->setWidth(width > 0.0 ? width : 1.0);
    m_bars->setBaseValue(logarithmic ? kLogBaseCount : 0.0);
    m_bars->setData(keys, values, true);

    m_plot->xAxis->setLabel(tr("weight value"));
    m_plot->yAxis->setLabel(tr("count"));
    m_plot->yAxis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logarithmic)
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    const double margin = width > 0.0 ? width : 0.5;
    m_plot->xAxis->setRange(histogram.lower - margin, histogram.upper + margin);
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
    const double span = std::max(1e-12, m_stats.max - m_stats.min);
    m_plot->yAxis->setRange(m_stats.min - 0.05 * span, m_stats.max + 0.05 * span);
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

void HistogramView::updateTitle() {
    const QLocale locale;
    m_title->setText(tr("<b>%1</b> — %2 values, min %3, max %4, mean %5, std %6, %7 zeros")
                         .arg(m_layerName.toHtmlEscaped(), locale.toString(qlonglong(m_stats.count)),
                              number(m_stats.min), number(m_stats.max), number(m_stats.mean), number(m_stats.std),
                              locale.toString(qlonglong(m_stats.zeros))));
}

} // namespace qs
