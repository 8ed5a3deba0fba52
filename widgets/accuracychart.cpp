#include "accuracychart.h"

#include "chartstyle.h"
#include "palettecolors.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QLocale>
#include <cmath>

namespace qs {
namespace {

constexpr double kBarWidth = 0.38;    ///< in categories
constexpr double kPairOffset = 0.2;   ///< reference left, candidate right of the category centre
constexpr double kTopPercent = 125.0; ///< room above 100 % for the value and change texts
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QCPBars* addBars(QCustomPlot* plot) {
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setWidth(kBarWidth);
    return bars;
}

} // namespace

AccuracyChart::AccuracyChart(QWidget* parent) : ChartWidget(tr("accuracy"), parent) {
    QCustomPlot* p = plot();
    m_reference = addBars(p);
    m_candidate = addBars(p);
    m_agreement = addBars(p);
    m_agreement->removeFromLegend();
    setSeriesNames(tr("Float"), tr("Quantized"));

    auto percentTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int percent = 0; percent <= 100; percent += 20)
        percentTicks->addTick(percent, tr("%1 %").arg(percent));
    p->yAxis->setTicker(percentTicks);
    p->yAxis->setRange(0.0, kTopPercent);
    p->yAxis->setLabel(tr("accuracy"));
    p->xAxis->grid()->setVisible(false);
    p->xAxis->setTickLength(0, 0);
    p->xAxis->setSubTickLength(0, 0);
    placeLegendOutside(p, LegendPlace::AbovePlot);
    restyle();
    clear();
}

AccuracyChart::~AccuracyChart() = default;

void AccuracyChart::setSeriesNames(const QString& referenceName, const QString& candidateName) {
    m_reference->setName(referenceName);
    m_candidate->setName(candidateName);
    plot()->replot(QCustomPlot::rpQueuedReplot);
}

void AccuracyChart::setData(const AccuracyChartData& data) {
    m_data = data;
    m_categories.clear();
    if (data.referenceTop1 || data.candidateTop1)
        m_categories.push_back({tr("Top-1"), data.referenceTop1, data.candidateTop1, std::nullopt});
    if (data.referenceTop5 || data.candidateTop5)
        m_categories.push_back({tr("Top-5"), data.referenceTop5, data.candidateTop5, std::nullopt});
    if (data.agreementTop1)
        m_categories.push_back({tr("Top-1 agreement"), std::nullopt, std::nullopt, data.agreementTop1});
    if (m_categories.isEmpty()) {
        clear();
        return;
    }
    showPlot();
    rebuild();
}

void AccuracyChart::clear(const QString& hint) {
    m_data = {};
    m_categories.clear();
    rebuild();
    showEmptyState(hint.isEmpty()
                       ? tr("Evaluate the quantized model on labelled images to compare its accuracy with "
                            "the float model.")
                       : hint);
}

void AccuracyChart::rebuild() {
    removeLabels();
    m_deltaTexts.clear();
    for (QCPBars* bars : {m_reference, m_candidate, m_agreement})
        bars->data()->clear();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < m_categories.size(); ++i) {
        const Category& category = m_categories[i];
        const double key = double(i + 1);
        ticker->addTick(key, category.name);
        if (category.reference) {
            m_reference->addData(key - kPairOffset, 100.0 * *category.reference);
            addValueLabel(key - kPairOffset, *category.reference);
        }
        if (category.candidate) {
            m_candidate->addData(key + kPairOffset, 100.0 * *category.candidate);
            addValueLabel(key + kPairOffset, *category.candidate);
        }
        if (category.agreement) {
            m_agreement->addData(key, 100.0 * *category.agreement);
            addValueLabel(key, *category.agreement);
        }
        addDeltaLabel(key, category);
    }
    plot()->xAxis->setTicker(ticker);
    plot()->xAxis->setRange(0.4, std::max<double>(1, m_categories.size()) + 0.6);
    plot()->replot();
}

void AccuracyChart::removeLabels() {
    for (QCPAbstractItem* item : std::as_const(m_labels))
        plot()->removeItem(item);
    m_labels.clear();
}

void AccuracyChart::addValueLabel(double key, double fraction) {
    auto* label = new QCPItemText(plot());
    label->position->setCoords(key, 100.0 * fraction);
    label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
    label->setText(formatPercent(fraction));
    label->setFont(font());
    label->setColor(palette().color(QPalette::WindowText));
    label->setPadding(QMargins(0, 0, 0, 2));
    label->setClipToAxisRect(false);
    label->setSelectable(false);
    m_labels << label;
}

void AccuracyChart::addDeltaLabel(double key, const Category& category) {
    if (!category.reference || !category.candidate)
        return;
    const QString text = deltaText(*category.reference, *category.candidate);
    m_deltaTexts << text;
    QFont bold = font();
    bold.setBold(true);
    auto* label = new QCPItemText(plot());
    label->position->setCoords(key, 100.0 * std::max(*category.reference, *category.candidate));
    label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
    label->setText(text);
    label->setFont(bold);
    label->setColor(palette().color(QPalette::WindowText));
    label->setPadding(QMargins(0, 0, 0, QFontMetrics(font()).height() + 4));
    label->setClipToAxisRect(false);
    label->setSelectable(false);
    m_labels << label;
}

QString AccuracyChart::deltaText(double reference, double candidate) {
    const double points = std::round(1000.0 * (candidate - reference)) / 10.0;
    const QString magnitude = QLocale().toString(std::abs(points), 'f', 1);
    if (points < 0.0)
        return tr("−%1 pt").arg(magnitude);
    if (points > 0.0)
        return tr("+%1 pt").arg(magnitude);
    return tr("%1 pt").arg(magnitude);
}

QStringList AccuracyChart::categories() const {
    QStringList names;
    for (const Category& category : m_categories)
        names << category.name;
    return names;
}

QVector<double> AccuracyChart::valuesOf(const QCPBars* bars) const {
    QVector<double> values(m_categories.size(), kNaN);
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
        const int index = int(std::lround(it->key)) - 1;
        if (index >= 0 && index < values.size())
            values[index] = it->value;
    }
    return values;
}

QVector<double> AccuracyChart::referenceValues() const {
    return valuesOf(m_reference);
}

QVector<double> AccuracyChart::candidateValues() const {
    return valuesOf(m_candidate);
}

QVector<double> AccuracyChart::agreementValues() const {
    return valuesOf(m_agreement);
}

QStringList AccuracyChart::deltaTexts() const {
    return m_deltaTexts;
}

QString AccuracyChart::toolTipAt(const QPointF& pos) const {
    const QCPAxis* x = plot()->xAxis;
    const QCPAxis* y = plot()->yAxis;
    for (const QCPBars* bars : {m_reference, m_candidate, m_agreement}) {
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
            const QRectF rect =
                QRectF(QPointF(x->coordToPixel(it->key - 0.5 * kBarWidth), y->coordToPixel(0.0)),
                       QPointF(x->coordToPixel(it->key + 0.5 * kBarWidth), y->coordToPixel(it->value)))
                    .normalized();
            if (!rect.contains(pos))
                continue;
            const int index = int(std::lround(it->key)) - 1;
            if (index < 0 || index >= m_categories.size())
                return {};
            const Category& category = m_categories[index];
            if (category.agreement)
                return tr("%1: %2 of the images get the same class from both models")
                    .arg(category.name, formatPercent(*category.agreement));
            QStringList lines{category.name};
            if (category.reference)
                lines << tr("%1: %2").arg(m_reference->name(), formatPercent(*category.reference));
            if (category.candidate)
                lines << tr("%1: %2").arg(m_candidate->name(), formatPercent(*category.candidate));
            if (category.reference && category.candidate)
                lines << tr("change: %1").arg(deltaText(*category.reference, *category.candidate));
            return lines.join(QLatin1Char('\n'));
        }
    }
    return {};
}

void AccuracyChart::restyle() {
    const QColor base = palette().color(QPalette::Base);
    const QColor reference = errorBandQColor(ErrorBand::Unmeasured);
    const QColor candidate = errorBandQColor(ErrorBand::Good);
    m_reference->setBrush(reference);
    m_reference->setPen(QPen(reference.darker(130), 0));
    m_candidate->setBrush(candidate);
    m_candidate->setPen(QPen(candidate.darker(130), 0));
    m_agreement->setBrush(blendColors(candidate, base, 0.45));
    m_agreement->setPen(QPen(candidate, 0));
    rebuild();
}

} // namespace qs
