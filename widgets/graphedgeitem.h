#pragma once
// One edge of the graph view: a smooth curve through the layout's bend points, leaving and entering boxes
// vertically, with an arrowhead at the consumer. Highlighted while one of its ends is selected.

#include "graphlayout.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>
#include <vector>

namespace qs {

class GraphEdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    /// `edgeIndex` indexes GraphSceneModel::edges(); `points` come from LayoutResult::edgePaths.
    GraphEdgeItem(int edgeIndex, const std::vector<LayoutPoint>& points);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    int edgeIndex() const { return m_edgeIndex; }
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }

private:
    int m_edgeIndex;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QRectF m_bounds;
    mutable QPainterPath m_shape;
    bool m_highlighted = false;
};

} // namespace qs
