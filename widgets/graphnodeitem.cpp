#include "graphnodeitem.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QWidget>

namespace qs {
namespace {

constexpr double textDetailThreshold = 0.4;
constexpr double shapeDetailThreshold = 0.15;

} // namespace

GraphNodeItem::GraphNodeItem(const GraphSceneNode& node, int boxIndex, const LayoutSize& size,
                             const GraphNodeStyle& style)
    : m_style(style), m_kind(node.kind), m_boxIndex(boxIndex),
      m_rect(-0.5 * size.width, -0.5 * size.height, size.width, size.height),
      m_color(GraphNodeStyle::categoryColor(node.category)), m_title(QString::fromStdString(node.title)),
      m_name(
          QString::fromStdString(node.kind == GraphSceneNode::Kind::Operator ? node.subtitle : node.title)) {
    for (const auto& row : node.weightRows)
        m_rows << QString::fromStdString(row.first) + QStringLiteral("  ") +
                      QString::fromStdString(row.second);
    if (node.hiddenWeightRows > 0)
        m_rows << QObject::tr("+%n more", nullptr, node.hiddenWeightRows);
    setZValue(1.0);
    if (isOperator())
        setFlag(ItemIsSelectable);
}

void GraphNodeItem::setHeatColor(const QColor& color) {
    if (m_hasHeatColor && m_heatColor == color)
        return;
    m_heatColor = color;
    m_hasHeatColor = true;
    update();
}

void GraphNodeItem::clearHeatColor() {
    if (!m_hasHeatColor)
        return;
    m_hasHeatColor = false;
    update();
}

QRectF GraphNodeItem::boundingRect() const {
    return m_rect.adjusted(-2.0, -2.0, 2.0, 2.0);
}

QPainterPath GraphNodeItem::shape() const {
    QPainterPath path;
    path.addRect(m_rect);
    return path;
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
    const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    if (lod < shapeDetailThreshold) {
        painter->fillRect(m_rect, isSelected() ? GraphNodeStyle::selectionColor() : headerColor());
        return;
    }
    const QPalette palette = widget ? widget->palette() : scene() ? scene()->palette() : QPalette();
    painter->setRenderHint(QPainter::Antialiasing, true);
    paintBackground(painter, palette, lod >= textDetailThreshold);
    if (lod >= textDetailThreshold)
        paintText(painter, palette);
}

void GraphNodeItem::paintBackground(QPainter* painter, const QPalette& palette, bool detailed) const {
    const QColor header = headerColor();
    const double radius = isOperator() ? GraphNodeStyle::cornerRadius : 0.5 * m_rect.height();
    QPainterPath outline;
    outline.addRoundedRect(m_rect, radius, radius);
    const bool hasBody = isOperator() && detailed && m_rect.height() > GraphNodeStyle::headerHeight + 0.5;
    if (hasBody) {
        painter->fillPath(outline, GraphNodeStyle::bodyColor(palette));
        painter->save();
        painter->setClipRect(
            QRectF(m_rect.left(), m_rect.top(), m_rect.width(), GraphNodeStyle::headerHeight));
        painter->fillPath(outline, header);
        painter->restore();
    } else {
        painter->fillPath(outline, header);
    }
    const QPen pen =
        isSelected() ? QPen(GraphNodeStyle::selectionColor(), 3.0) : QPen(header.darker(140), 1.0);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(outline);
}

void GraphNodeItem::elideTexts() const {
    const double available = m_rect.width() - 2.0 * GraphNodeStyle::horizontalPadding;
    const QFontMetricsF titleMetrics(m_style.titleFont());
    const QFontMetricsF textMetrics(m_style.textFont());
    const QString& headerText = isOperator() ? m_title : m_name;
    m_elidedTitle =
        (isOperator() ? titleMetrics : textMetrics).elidedText(headerText, Qt::ElideMiddle, available);
    m_elidedName = isOperator() ? textMetrics.elidedText(m_name, Qt::ElideMiddle, available) : QString();
    m_elidedRows.clear();
    for (const QString& row : m_rows)
        m_elidedRows << textMetrics.elidedText(row, Qt::ElideRight, available);
    m_elided = true;
}

void GraphNodeItem::paintText(QPainter* painter, const QPalette& palette) const {
    if (!m_elided)
        elideTexts();
    const double left = m_rect.left() + GraphNodeStyle::horizontalPadding;
    const double width = m_rect.width() - 2.0 * GraphNodeStyle::horizontalPadding;
    painter->setPen(GraphNodeStyle::headerTextColor(headerColor()));
    if (!isOperator()) {
        painter->setFont(m_style.textFont());
        painter->drawText(m_rect, Qt::AlignCenter, m_elidedTitle);
        return;
    }
    painter->setFont(m_style.titleFont());
    painter->drawText(QRectF(m_rect.left(), m_rect.top(), m_rect.width(), GraphNodeStyle::headerHeight),
                      Qt::AlignCenter, m_elidedTitle);
    double y = m_rect.top() + GraphNodeStyle::headerHeight;
    painter->setFont(m_style.textFont());
    if (!m_elidedName.isEmpty()) {
        painter->setPen(GraphNodeStyle::nameColor(palette));
        painter->drawText(QRectF(left, y, width, GraphNodeStyle::subtitleHeight), Qt::AlignCenter,
                          m_elidedName);
        y += GraphNodeStyle::subtitleHeight;
    }
    painter->setPen(GraphNodeStyle::rowColor(palette));
    for (const QString& row : m_elidedRows) {
        painter->drawText(QRectF(left, y, width, GraphNodeStyle::rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          row);
        y += GraphNodeStyle::rowHeight;
    }
}

} // namespace qs
