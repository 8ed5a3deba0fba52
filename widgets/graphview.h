#pragma once
// Interactive view of a model graph: a top-to-bottom layered layout (computed off the GUI thread), nodes
// labelled with op type and name (elided in the middle to the box width; the tooltip has the full name) and
// coloured by op category, edges showing tensor shapes on hover; zoom, pan, fit, find; Ctrl+C or the context
// menu copies a node's name. Background, box bodies and edges follow the palette (light or dark theme).
// Heat-map mode colours the nodes by the error band of a per-node metric (SQNR in dB) instead of by op
// category, with a legend in the top-right corner; switching it on, off or to another metric only recolours.

#include "model/graph.h"
#include "report/errorbands.h"

#include <QGraphicsView>
#include <QHash>
#include <memory>

namespace qs {

class HeatMapLegend;

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

    /// Heat-map mode: the header of every operator named in `sqnrByNode` takes the colour of the error band
    /// of its value (dB); operators not in it, or with NaN, are grey ("not measured"). Graph input and output
    /// boxes keep their colour. `metricName` ("cumulative SQNR") titles the legend and the tooltip line.
    /// Calling it again (another metric) recolours the items in place: no new layout. Kept across setGraph
    /// (applied to the new graph's nodes by name) until clearHeatMap().
    void setHeatMap(const QHash<QString, double>& sqnrByNode, const QString& metricName);
    /// Extra lines for the tooltips in heat-map mode, per node name (plain text, lines separated by '\n'),
    /// e.g. "isolated 31.2 dB\nclipped 0.4 %". Replaces the previous details; kept until clearHeatMap().
    void setHeatMapDetails(const QHash<QString, QString>& detailsByNode);
    /// Back to the op category colours; hides the legend.
    void clearHeatMap();
    bool hasHeatMap() const;
    QString heatMapMetric() const;
    /// The bands of the heat map (defaultErrorBands() until set); recolours when the heat map is shown.
    void setErrorBands(const ErrorBands& bands);
    /// The legend overlay (visible in heat-map mode only).
    const HeatMapLegend* heatMapLegend() const;
    /// The tooltip of the box of `nodeName` as shown on hover (empty for an unknown name).
    QString nodeToolTip(const QString& nodeName) const;

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
    /// Keeps the heat-map legend in the top-right corner of the viewport.
    void resizeEvent(QResizeEvent* event) override;

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
    QString boxToolTipText(int boxIndex) const;
    void applyHeatMap();
    void placeLegend();

    std::unique_ptr<Private> d;
};

} // namespace qs
