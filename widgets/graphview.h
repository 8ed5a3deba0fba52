#pragma once
// Interactive view of a model graph: a top-to-bottom layered layout (computed off the GUI thread), nodes labelled
// with op type and name and coloured by op category, edges showing tensor shapes on hover; zoom, pan, fit, find.

#include "model/graph.h"

#include <QGraphicsView>
#include <memory>

namespace qs {

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);
    ~GraphView() override;

    /// Shows `graph` (nullptr clears). Layout runs in a worker thread; layoutFinished() fires when the scene is
    /// populated.
    void setGraph(std::shared_ptr<const Graph> graph);
    /// Blocks until a pending layout has been applied to the scene (tests, screenshots).
    void waitForLayout();

    QString selectedNode() const;
    int nodeItemCount() const;
    int edgeItemCount() const;

public slots:
    /// Selects and centres the node; does not emit nodeSelected (only user clicks do).
    void selectNode(const QString& nodeName);
    void fitToWindow();
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Selects the first node whose name or op type contains `text` (case-insensitive), after the current one.
    /// Returns false when nothing matches.
    bool findNext(const QString& text);

signals:
    /// The user selected a node (click or find). Empty string when the selection was cleared.
    void nodeSelected(const QString& nodeName);
    void layoutFinished();
};

} // namespace qs
