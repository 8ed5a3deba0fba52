#include "paretochart.h"

#include "chartstyle.h"
#include "palettecolors.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QLocale>
#include <QMouseEvent>
#include <algorithm>
#include <cmath>

namespace qs {
namespace {

constexpr double kKiB = 1024.0;

bool isShown(const ParetoPoint& point) {
    return !std::isnan(point.accuracy) && point.sizeBytes >= 0;
}

} // namespace

ParetoChart::ParetoChart(QWidget* parent) : ChartWidget(tr("size-accuracy"), parent) {
    QCustomPlot* p = plot();
    m_points = p->addGraph();
    m_points->setLineStyle(QCPGraph::lsNone);
    m_points->setName(tr("variant"));
    m_front = p->addGraph();
    m_front->setLineStyle(QCPGraph::lsLine);
    m_front->setName(tr("Pareto front (smallest for its accuracy)"));
    m_currentRing = p->addGraph();
    m_currentRing->setLineStyle(QCPGraph::lsNone);
    m_currentRing->setName(tr("current"));
    placeLegendOutside(p, LegendPlace::AbovePlot);
    setAccuracyLabel(tr("top-1 accuracy"));
    p->installEventFilter(this);
    restyle();
    clear();
}

ParetoChart::~ParetoChart() = default;

void ParetoChart::setPoints(const QVector<ParetoPoint>& points) {
    m_shown.clear();
    std::copy_if(points.begin(), points.end(), std::back_inserter(m_shown), isShown);
    if (m_shown.isEmpty()) {
        clear();
        return;
    }
    m_frontIds = paretoFront(m_shown);
    if (!pointWithId(m_current))
        m_current = -1;
    showPlot();
    rebuild();
}

void ParetoChart::clear(const QString& hint) {
    m_shown.clear();
    m_frontIds.clear();
    m_current = -1;
    rebuild();
    showEmptyState(hint.isEmpty() ? tr("Evaluate quantization variants to compare their size and accuracy.")
                                  : hint);
}

void ParetoChart::setCurrentPoint(int id) {
    m_current = pointWithId(id) ? id : -1;
    rebuild();
}

void ParetoChart::setAccuracyLabel(const QString& label) {
    m_accuracyLabel = label;
    plot()->yAxis->setLabel(tr("%1 (%)").arg(label));
    plot()->replot(QCustomPlot::rpQueuedReplot);
}

QVector<int> ParetoChart::paretoFront(const QVector<ParetoPoint>& points) {
    QVector<ParetoPoint> sorted = points;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ParetoPoint& a, const ParetoPoint& b) { return a.sizeBytes < b.sizeBytes; });
    QVector<int> front;
    double bestSmaller = -std::numeric_limits<double>::infinity();
    for (int first = 0; first < sorted.size();) {
        int last = first;
        double best = sorted[first].accuracy;
        while (last + 1 < sorted.size() && sorted[last + 1].sizeBytes == sorted[first].sizeBytes)
            best = std::max(best, sorted[++last].accuracy);
        if (best > bestSmaller) {
            for (int i = first; i <= last; ++i)
                if (sorted[i].accuracy == best)
                    front << sorted[i].id;
            bestSmaller = best;
        }
        first = last + 1;
    }
    return front;
}

QVector<int> ParetoChart::frontIds() const {
    return m_frontIds;
}

QVector<int> ParetoChart::plottedIds() const {
    QVector<int> ids;
    for (const ParetoPoint& point : m_shown)
        ids << point.id;
    return ids;
}

const ParetoPoint* ParetoChart::pointWithId(int id) const {
    for (const ParetoPoint& point : m_shown)
        if (point.id == id)
            return &point;
    return nullptr;
}

double ParetoChart::markerSize() const {
    return 0.6 * QFontMetrics(font()).height();
}

void ParetoChart::chooseSizeUnit() {
    qint64 largest = 0;
    for (const ParetoPoint& point : std::as_const(m_shown))
        largest = std::max(largest, point.sizeBytes);
    if (double(largest) < kKiB * kKiB) {
        m_unitBytes = kKiB;
        m_unitName = tr("KiB");
    } else if (double(largest) < kKiB * kKiB * kKiB) {
        m_unitBytes = kKiB * kKiB;
        m_unitName = tr("MiB");
    } else {
        m_unitBytes = kKiB * kKiB * kKiB;
        m_unitName = tr("GiB");
    }
    plot()->xAxis->setLabel(tr("model size (%1), smaller is better").arg(m_unitName));
}

void ParetoChart::rebuild() {
    for (QCPAbstractItem* item : std::as_const(m_labels))
        plot()->removeItem(item);
    m_labels.clear();
    for (QCPGraph* graph : {m_points, m_front, m_currentRing})
        graph->data()->clear();
    chooseSizeUnit();
    updateRanges();
    for (const ParetoPoint& point : std::as_const(m_shown)) {
        const double key = double(point.sizeBytes) / m_unitBytes;
        m_points->addData(key, 100.0 * point.accuracy);
        if (point.id == m_current)
            m_currentRing->addData(key, 100.0 * point.accuracy);
        addLabel(point);
    }
    for (int id : std::as_const(m_frontIds)) {
        const ParetoPoint* point = pointWithId(id);
        m_front->addData(double(point->sizeBytes) / m_unitBytes, 100.0 * point->accuracy);
    }
    plot()->replot();
}

void ParetoChart::updateRanges() {
    double largest = 0.0;
    double lowest = 100.0;
    double highest = 0.0;
    for (const ParetoPoint& point : std::as_const(m_shown)) {
        largest = std::max(largest, double(point.sizeBytes) / m_unitBytes);
        lowest = std::min(lowest, 100.0 * point.accuracy);
        highest = std::max(highest, 100.0 * point.accuracy);
    }
    if (m_shown.isEmpty()) {
        largest = 1.0;
        lowest = 0.0;
        highest = 100.0;
    }
    const double span = std::max(highest - lowest, 2.0);
    plot()->xAxis->setRange(0.0, largest > 0.0 ? largest * 1.15 : 1.0);
    plot()->yAxis->setRange(std::max(0.0, lowest - 0.3 * span), highest + 0.25 * span);
}

void ParetoChart::addLabel(const ParetoPoint& point) {
    const double key = double(point.sizeBytes) / m_unitBytes;
    // Points near the right end get their label on the left so that it stays inside the plot.
    const bool right = key > 0.8 * plot()->xAxis->range().upper && plot()->xAxis->range().upper > 0.0;
    auto* label = new QCPItemText(plot());
    label->position->setCoords(key, 100.0 * point.accuracy);
    label->setPositionAlignment(Qt::AlignBottom | (right ? Qt::AlignRight : Qt::AlignLeft));
    const int gap = int(std::ceil(markerSize())); // clear of the ring around the current point
    label->setPadding(right ? QMargins(0, 0, gap, gap / 2) : QMargins(gap, 0, 0, gap / 2));
    label->setText(point.label);
    QFont labelFont = font();
    labelFont.setBold(point.id == m_current);
    label->setFont(labelFont);
    label->setColor(palette().color(QPalette::WindowText));
    label->setSelectable(false);
    m_labels << label;
}

int ParetoChart::pointAt(const QPointF& pos) const {
    const double reach = std::max(markerSize(), 6.0);
    int nearest = -1;
    double nearestDistance = reach;
    for (const ParetoPoint& point : m_shown) {
        const QPointF pixel(plot()->xAxis->coordToPixel(double(point.sizeBytes) / m_unitBytes),
                            plot()->yAxis->coordToPixel(100.0 * point.accuracy));
        const double distance = std::hypot(pixel.x() - pos.x(), pixel.y() - pos.y());
        if (distance <= nearestDistance) {
            nearest = point.id;
            nearestDistance = distance;
        }
    }
    return nearest;
}

QString ParetoChart::toolTipAt(const QPointF& pos) const {
    const ParetoPoint* point = pointWithId(pointAt(pos));
    if (!point)
        return {};
    QStringList lines{
        point->label,
        tr("size: %1")
            .arg(QLocale().formattedDataSize(point->sizeBytes, 1, QLocale::DataSizeTraditionalFormat)),
        tr("%1: %2").arg(m_accuracyLabel, formatPercent(point->accuracy))};
    if (m_frontIds.contains(point->id))
        lines << tr("on the Pareto front");
    return lines.join(QLatin1Char('\n'));
}

bool ParetoChart::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot()) {
        if (event->type() == QEvent::MouseButtonPress) {
            m_pressPos = static_cast<QMouseEvent*>(event)->position();
        } else if (event->type() == QEvent::MouseButtonRelease) {
            auto* mouse = static_cast<QMouseEvent*>(event);
            const int id = pointAt(mouse->position());
            if (mouse->button() == Qt::LeftButton && id >= 0 &&
                (mouse->position() - m_pressPos).manhattanLength() < 4.0) {
                setCurrentPoint(id);
                emit pointClicked(id);
            }
        }
    }
    return ChartWidget::eventFilter(watched, event);
}

void ParetoChart::restyle() {
    const QColor text = palette().color(QPalette::WindowText);
    const QColor front = errorBandQColor(ErrorBand::Good);
    const QColor other = errorBandQColor(ErrorBand::Unmeasured);
    const double size = markerSize();
    m_points->setPen(QPen(other, 0));
    m_points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, other.darker(120), other, size));
    m_front->setPen(QPen(front, 2.0));
    m_front->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, front.darker(120), front, size));
    m_currentRing->setPen(QPen(text, 2.0));
    m_currentRing->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(text, 2.0), Qt::NoBrush, 2.0 * size));
    rebuild();
}

} // namespace qs
