#pragma once
// Interactive view of a model graph: a top-to-bottom layered layout (computed off the GUI thread), nodes
// labelled with op type and name (elided in the middle to the box width; the tooltip has the full name) and
// coloured by op category, edges showing tensor shapes on hover; zoom, pan, fit, find; Ctrl+C or the context
// menu copies a node's name. Background, box bodies and edges follow the palette (light or dark theme).

#include "model/graph.h"

#include <QGraphicsView>
#include <memory>

namespace qs {

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);
    ~GraphView() override;

    /// Shows `graph` (nullptr clears). Layout runs in a worker thread; layoutFinished() fires when the scene
    /// is populated.
    void setGraph(std::shared_ptr<const Graph> graph);
    /// Blocks until a pending layout has been applied to the scene (tests, screenshots).
    void waitForLayout();

    QString selectedNode() const;
    /// "Copy Name" (Ctrl+C while the view has focus): copies the selected node's full name to the clipboard.
    QAction* copyNameAction() const;
    /// Items drawn for IR nodes (graph input/output boxes are not counted).
    int nodeItemCount() const;
    /// Items drawn for edges: one per distinct (producer, consumer, tensor) connection, where the producer is
    /// a node or a graph input box and the consumer a node or a graph output box (see graphscenemodel.h).
    int edgeItemCount() const;

public slots:
    /// Selects and centres the node; does not emit nodeSelected (only user clicks do).
    void selectNode(const QString& nodeName);
    void fitToWindow();
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Selects the first node whose name or op type contains `text` (case-insensitive), after the current
    /// one. Returns false when nothing matches.
    bool findNext(const QString& text);
    /// Puts the selected node's full name on the clipboard; does nothing without a selection.
    void copySelectedName();

signals:
    /// The user selected a node (click or find). Empty string when the selection was cleared.
    void nodeSelected(const QString& nodeName);
    void layoutFinished();

protected:
    /// Plain wheel scrolls, Ctrl+wheel zooms around the pointer.
    void wheelEvent(QWheelEvent* event) override;
    /// + / = zoom in, - zooms out, 0 resets to 100 %.
    void keyPressEvent(QKeyEvent* event) override;
    /// Builds tooltips lazily: node details, tensor type and shape on edges, the controls elsewhere.
    bool viewportEvent(QEvent* event) override;
    /// Offers "Copy Name" for the node under the pointer.
    void contextMenuEvent(QContextMenuEvent* event) override;
    /// Repaints in the new colours when the palette changes.
    void changeEvent(QEvent* event) override;

private:
    struct Private;

    void applyPendingLayout();
    void populateScene();
    void installScene(QGraphicsScene* scene);
    void showInitialView();
    void selectBox(int boxIndex);
    void onSceneSelectionChanged();
    void scaleBy(double factor);
    QString toolTipAt(const QPoint& viewportPos) const;

    std::unique_ptr<Private> d;
};

} // namespace qs
