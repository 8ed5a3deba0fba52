#include "graphedgeitem.h"

#include "graphnodestyle.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QWidget>
#include <cmath>

namespace qs {
namespace {

constexpr double arrowLength = 7.0;
constexpr double arrowHalfWidth = 3.5;
constexpr double hoverWidth = 8.0;

QPointF toPoint(const LayoutPoint& p) {
    return QPointF(p.x, p.y);
}

} // namespace

GraphEdgeItem::GraphEdgeItem(int edgeIndex, const std::vector<LayoutPoint>& points) : m_edgeIndex(edgeIndex) {
    setZValue(0.0);
    if (points.size() < 2)
        return;
    const QPointF tip = toPoint(points.back());
    const QPointF before = toPoint(points[points.size() - 2]);
    const double dy = tip.y() - before.y();
    const QPointF direction = std::abs(dy) > 1e-6 ? QPointF(0.0, dy > 0 ? 1.0 : -1.0) : QPointF(1.0, 0.0);
    const QPointF base = tip - direction * arrowLength;
    const QPointF normal(-direction.y(), direction.x());
    m_arrow << tip << base + normal * arrowHalfWidth << base - normal * arrowHalfWidth;
    m_path.moveTo(toPoint(points.front()));
    for (size_t i = 1; i < points.size(); ++i) {
        const QPointF from = toPoint(points[i - 1]);
        const QPointF to = i + 1 == points.size() ? base : toPoint(points[i]);
        const double half = 0.5 * (to.y() - from.y());
        m_path.cubicTo(QPointF(from.x(), from.y() + half), QPointF(to.x(), to.y() - half), to);
    }
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-2.0, -2.0, 2.0, 2.0);
}

QRectF GraphEdgeItem::boundingRect() const {
    return m_bounds;
}

QPainterPath GraphEdgeItem::shape() const {
    if (m_shape.isEmpty() && !m_path.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(hoverWidth);
        m_shape = stroker.createStroke(m_path);
        m_shape.addPolygon(m_arrow);
    }
    return m_shape;
}

void GraphEdgeItem::setHighlighted(bool highlighted) {
    if (m_highlighted == highlighted)
        return;
    m_highlighted = highlighted;
    setZValue(highlighted ? 0.5 : 0.0);
    update();
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
    const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    QColor color = m_highlighted ? GraphNodeStyle::selectionColor()
                                 : GraphNodeStyle::edgeColor(widget    ? widget->palette()
                                                             : scene() ? scene()->palette()
                                                                       : QPalette());
    if (!m_highlighted && lod < 0.05)
        color.setAlpha(90);
    painter->setRenderHint(QPainter::Antialiasing, lod >= 0.3);
    QPen pen(color, m_highlighted ? 2.0 : 1.0);
    if (lod < 0.3)
        pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    if (lod >= 0.3) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawPolygon(m_arrow);
    }
}

} // namespace qs
