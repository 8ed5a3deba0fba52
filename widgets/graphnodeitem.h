#pragma once
// One box of the graph view: an operator (header with the op type in bold, node name, initializer rows) or a
// small pill for a graph input/output. Paints its own text and drops detail when zoomed far out. In the
// heat-map mode of the view a colour given from outside replaces the category colour of the header.

#include "graphnodestyle.h"
#include "graphscenemodel.h"

#include <QGraphicsItem>
#include <QString>
#include <QStringList>

namespace qs {

class GraphNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    /// `boxIndex` indexes GraphSceneModel::nodes(); the item is centred on its position.
    GraphNodeItem(const GraphSceneNode& node, int boxIndex, const LayoutSize& size,
                  const GraphNodeStyle& style);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    int boxIndex() const { return m_boxIndex; }
    bool isOperator() const { return m_kind == GraphSceneNode::Kind::Operator; }
    /// IR node name for operators, tensor name for graph inputs/outputs.
    const QString& name() const { return m_name; }
    const QString& opType() const { return m_title; }

    /// Paints the header in `color` instead of the category colour (the heat map); the text on it turns
    /// dark on a light colour. Geometry does not change.
    void setHeatColor(const QColor& color);
    /// Back to the category colour.
    void clearHeatColor();
    bool hasHeatColor() const { return m_hasHeatColor; }
    /// The colour the header is painted in now (heat colour or category colour).
    QColor headerColor() const { return m_hasHeatColor ? m_heatColor : m_color; }

private:
    void paintBackground(QPainter* painter, const QPalette& palette, bool detailed) const;
    void paintText(QPainter* painter, const QPalette& palette) const;
    void elideTexts() const;

    const GraphNodeStyle& m_style;
    GraphSceneNode::Kind m_kind;
    int m_boxIndex;
    QRectF m_rect;
    QColor m_color;
    QColor m_heatColor;
    bool m_hasHeatColor = false;
    QString m_title;
    QString m_name;
    QStringList m_rows;
    mutable QString m_elidedTitle;
    mutable QString m_elidedName;
    mutable QStringList m_elidedRows;
    mutable bool m_elided = false;
};

} // namespace qs
