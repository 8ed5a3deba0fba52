#include "graphview.h"

#include "graphedgeitem.h"
#include "graphlayout.h"
#include "graphnodeitem.h"
#include "graphnodestyle.h"
#include "graphscenemodel.h"
#include "graphtooltip.h"
#include "heatmaplegend.h"

#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFutureWatcher>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QHash>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QResizeEvent>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

namespace qs {
namespace {

constexpr double minScale = 0.01;
constexpr double maxScale = 6.0;
constexpr double maxFitScale = 1.5;
constexpr double sceneMargin = 40.0;
constexpr double zoomStep = 1.25;
constexpr int legendMargin = 8;

/// Everything computed off the GUI thread for one graph.
struct SceneData {
    std::shared_ptr<const Graph> graph;
    GraphSceneModel model;
    std::vector<LayoutSize> sizes;
    LayoutResult layout;
};

using SceneDataPtr = std::shared_ptr<const SceneData>;

SceneDataPtr computeSceneData(std::shared_ptr<const Graph> graph, std::shared_ptr<const GraphNodeStyle> style,
                              std::shared_ptr<std::atomic<bool>> cancel) {
    auto data = std::make_shared<SceneData>();
    data->graph = graph;
    data->model = GraphSceneModel::fromGraph(*graph);
    data->sizes.reserve(data->model.nodes().size());
    for (const GraphSceneNode& box : data->model.nodes())
        data->sizes.push_back(style->boxSize(box));
    LayoutOptions options;
    options.cancel = cancel.get();
    data->layout = GraphLayout(options).run(data->model.layoutInput(data->sizes));
    return data;
}

} // namespace

struct GraphView::Private {
    std::shared_ptr<const GraphNodeStyle> style = std::make_shared<GraphNodeStyle>();
    SceneDataPtr shown;
    QGraphicsScene* scene = nullptr;
    std::vector<GraphNodeItem*> boxItems;
    std::vector<GraphEdgeItem*> edgeItems;
    std::vector<std::vector<int>> edgesOfBox;
    QHash<QString, int> boxOfNodeName;
    int operatorItemCount = 0;
    quint64 generation = 0;
    QFuture<SceneDataPtr> pending;
    bool pendingApplied = true;
    std::shared_ptr<std::atomic<bool>> cancel;
    bool programmaticSelection = false;
    QString pendingSelection;
    std::vector<GraphEdgeItem*> highlighted;
    QAction* copyName = nullptr;
    bool heatMap = false;
    QHash<QString, double> heatValues;
    QHash<QString, QString> heatDetails;
    QString heatMetric;
    ErrorBands bands = defaultErrorBands();
    HeatMapLegend* legend = nullptr;
};

GraphView::GraphView(QWidget* parent) : QGraphicsView(parent), d(std::make_unique<Private>()) {
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setViewportUpdateMode(SmartViewportUpdate);
    setBackgroundBrush(GraphNodeStyle::backgroundColor(palette()));
    setFocusPolicy(Qt::StrongFocus);
    setWindowTitle(tr("Graph"));
    d->copyName = new QAction(tr("Copy Name"), this);
    d->copyName->setShortcut(QKeySequence::Copy);
    d->copyName->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    d->copyName->setStatusTip(tr("Copy the full name of the selected node"));
    connect(d->copyName, &QAction::triggered, this, &GraphView::copySelectedName);
    addAction(d->copyName);
    d->legend = new HeatMapLegend(this);
    d->legend->setObjectName(QStringLiteral("heatMapLegend"));
    d->legend->hide();
    installScene(new QGraphicsScene(this));
}

GraphView::~GraphView() {
    if (d->cancel)
        d->cancel->store(true);
    if (d->scene)
        disconnect(d->scene, nullptr, this, nullptr);
}

void GraphView::setGraph(std::shared_ptr<const Graph> graph) {
    ++d->generation;
    if (d->cancel)
        d->cancel->store(true);
    d->pendingSelection.clear();
    d->shown.reset();
    installScene(new QGraphicsScene(this));
    if (!graph) {
        d->pending = QFuture<SceneDataPtr>();
        d->pendingApplied = true;
        emit layoutFinished();
        return;
    }
    d->cancel = std::make_shared<std::atomic<bool>>(false);
    d->pending = QtConcurrent::run(computeSceneData, std::move(graph), d->style, d->cancel);
    d->pendingApplied = false;
    const quint64 generation = d->generation;
    auto* watcher = new QFutureWatcher<SceneDataPtr>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == d->generation)
            applyPendingLayout();
    });
    watcher->setFuture(d->pending);
}

void GraphView::waitForLayout() {
    if (d->pendingApplied)
        return;
    d->pending.waitForFinished();
    applyPendingLayout();
}

void GraphView::applyPendingLayout() {
    if (d->pendingApplied)
        return;
    d->pendingApplied = true;
    d->shown = d->pending.result();
    d->pending = QFuture<SceneDataPtr>();
    populateScene();
    showInitialView();
    if (!d->pendingSelection.isEmpty())
        selectNode(std::exchange(d->pendingSelection, QString()));
    emit layoutFinished();
}

void GraphView::populateScene() {
    const SceneData& data = *d->shown;
    const auto& boxes = data.model.nodes();
    if (data.layout.cancelled || data.layout.nodeCenters.size() != boxes.size())
        return;
    auto* scene = new QGraphicsScene(this);
    scene->setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    scene->setSceneRect(-sceneMargin, -sceneMargin, data.layout.width + 2.0 * sceneMargin,
                        data.layout.height + 2.0 * sceneMargin);
    std::vector<GraphNodeItem*> boxItems;
    for (size_t i = 0; i < boxes.size(); ++i) {
        auto* item = new GraphNodeItem(boxes[i], static_cast<int>(i), data.sizes[i], *d->style);
        item->setPos(data.layout.nodeCenters[i].x, data.layout.nodeCenters[i].y);
        scene->addItem(item);
        boxItems.push_back(item);
    }
    std::vector<GraphEdgeItem*> edgeItems;
    std::vector<std::vector<int>> edgesOfBox(boxes.size());
    const auto& edges = data.model.edges();
    for (size_t e = 0; e < edges.size(); ++e) {
        auto* item = new GraphEdgeItem(static_cast<int>(e), data.layout.edgePaths[e]);
        scene->addItem(item);
        edgeItems.push_back(item);
        edgesOfBox[edges[e].source].push_back(static_cast<int>(e));
        edgesOfBox[edges[e].target].push_back(static_cast<int>(e));
    }
    installScene(scene);
    d->boxItems = std::move(boxItems);
    d->edgeItems = std::move(edgeItems);
    d->edgesOfBox = std::move(edgesOfBox);
    for (GraphNodeItem* item : d->boxItems) {
        if (item->isOperator()) {
            d->boxOfNodeName.insert(item->name(), item->boxIndex());
            ++d->operatorItemCount;
        }
    }
    applyHeatMap();
}

void GraphView::installScene(QGraphicsScene* scene) {
    QGraphicsScene* old = d->scene;
    if (old)
        disconnect(old, nullptr, this, nullptr);
    d->boxItems.clear();
    d->edgeItems.clear();
    d->edgesOfBox.clear();
    d->highlighted.clear();
    d->boxOfNodeName.clear();
    d->operatorItemCount = 0;
    d->scene = scene;
    setScene(scene);
    connect(scene, &QGraphicsScene::selectionChanged, this, &GraphView::onSceneSelectionChanged);
    delete old;
}

void GraphView::showInitialView() {
    resetTransform();
    const QRectF rect = sceneRect();
    if (rect.isEmpty() || d->boxItems.empty())
        return;
    const double fit = std::min(viewport()->width() / rect.width(), viewport()->height() / rect.height());
    if (fit >= 0.5) {
        fitToWindow();
        return;
    }
    const double scale = 0.8;
    setTransform(QTransform::fromScale(scale, scale));
    const auto top =
        std::min_element(d->boxItems.begin(), d->boxItems.end(),
                         [](const GraphNodeItem* a, const GraphNodeItem* b) { return a->y() < b->y(); });
    centerOn((*top)->x(), rect.top() + 0.5 * viewport()->height() / scale);
}

QString GraphView::selectedNode() const {
    if (!d->scene)
        return {};
    for (QGraphicsItem* item : d->scene->selectedItems())
        if (item->type() == GraphNodeItem::Type)
            return static_cast<GraphNodeItem*>(item)->name();
    return {};
}

QAction* GraphView::copyNameAction() const {
    return d->copyName;
}

void GraphView::copySelectedName() {
    const QString name = selectedNode();
    if (!name.isEmpty())
        QGuiApplication::clipboard()->setText(name);
}

int GraphView::nodeItemCount() const {
    return d->operatorItemCount;
}

int GraphView::edgeItemCount() const {
    return static_cast<int>(d->edgeItems.size());
}

void GraphView::selectNode(const QString& nodeName) {
    if (!d->pendingApplied) {
        d->pendingSelection = nodeName;
        return;
    }
    selectBox(d->boxOfNodeName.value(nodeName, -1));
}

void GraphView::selectBox(int boxIndex) {
    d->programmaticSelection = true;
    d->scene->clearSelection();
    if (boxIndex >= 0 && boxIndex < static_cast<int>(d->boxItems.size())) {
        d->boxItems[boxIndex]->setSelected(true);
        centerOn(d->boxItems[boxIndex]);
    }
    d->programmaticSelection = false;
}

void GraphView::onSceneSelectionChanged() {
    for (GraphEdgeItem* edge : d->highlighted)
        edge->setHighlighted(false);
    d->highlighted.clear();
    for (QGraphicsItem* item : d->scene->selectedItems()) {
        if (item->type() != GraphNodeItem::Type)
            continue;
        for (int e : d->edgesOfBox[static_cast<GraphNodeItem*>(item)->boxIndex()]) {
            d->edgeItems[e]->setHighlighted(true);
            d->highlighted.push_back(d->edgeItems[e]);
        }
    }
    if (!d->programmaticSelection)
        emit nodeSelected(selectedNode());
}

bool GraphView::findNext(const QString& text) {
    if (text.isEmpty() || !d->pendingApplied || !d->shown)
        return false;
    const int count = static_cast<int>(d->boxItems.size());
    const int current = d->boxOfNodeName.value(selectedNode(), -1);
    for (int step = 1; step <= count; ++step) {
        const int index = ((current < 0 ? -1 : current) + step + count) % count;
        const GraphNodeItem* item = d->boxItems[index];
        if (!item->isOperator())
            continue;
        if (item->name().contains(text, Qt::CaseInsensitive) ||
            item->opType().contains(text, Qt::CaseInsensitive)) {
            selectBox(index);
            emit nodeSelected(item->name());
            return true;
        }
    }
    return false;
}

void GraphView::setHeatMap(const QHash<QString, double>& sqnrByNode, const QString& metricName) {
    d->heatMap = true;
    d->heatValues = sqnrByNode;
    d->heatMetric = metricName;
    d->legend->setMetricName(metricName);
    d->legend->adjustSize();
    d->legend->show();
    d->legend->raise();
    placeLegend();
    applyHeatMap();
}

void GraphView::setHeatMapDetails(const QHash<QString, QString>& detailsByNode) {
    d->heatDetails = detailsByNode;
}

void GraphView::clearHeatMap() {
    d->heatMap = false;
    d->heatValues.clear();
    d->heatDetails.clear();
    d->heatMetric.clear();
    d->legend->hide();
    applyHeatMap();
}

bool GraphView::hasHeatMap() const {
    return d->heatMap;
}

QString GraphView::heatMapMetric() const {
    return d->heatMetric;
}

void GraphView::setErrorBands(const ErrorBands& bands) {
    d->bands = bands;
    d->legend->setErrorBands(bands);
    d->legend->adjustSize();
    placeLegend();
    applyHeatMap();
}

const HeatMapLegend* GraphView::heatMapLegend() const {
    return d->legend;
}

void GraphView::applyHeatMap() {
    const double unmeasured = std::numeric_limits<double>::quiet_NaN();
    for (GraphNodeItem* item : d->boxItems) {
        if (!item->isOperator())
            continue;
        if (d->heatMap)
            item->setHeatColor(
                GraphNodeStyle::heatMapColor(d->bands.band(d->heatValues.value(item->name(), unmeasured))));
        else
            item->clearHeatColor();
    }
}

void GraphView::placeLegend() {
    const QRect area = viewport()->geometry();
    d->legend->move(area.right() - d->legend->width() - legendMargin + 1, area.top() + legendMargin);
}

void GraphView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    placeLegend();
}

void GraphView::fitToWindow() {
    if (!d->scene || d->boxItems.empty())
        return;
    fitInView(sceneRect(), Qt::KeepAspectRatio);
    if (transform().m11() > maxFitScale) {
        setTransform(QTransform::fromScale(maxFitScale, maxFitScale));
        centerOn(sceneRect().center());
    }
}

void GraphView::scaleBy(double factor) {
    const double current = transform().m11();
    const double target = std::clamp(current * factor, minScale, maxScale);
    if (current > 0.0)
        scale(target / current, target / current);
}

void GraphView::zoomIn() {
    scaleBy(zoomStep);
}

void GraphView::zoomOut() {
    scaleBy(1.0 / zoomStep);
}

void GraphView::resetZoom() {
    const QPointF centre = mapToScene(viewport()->rect().center());
    setTransform(QTransform());
    centerOn(centre);
}

void GraphView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        scaleBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    default:
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool GraphView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        QToolTip::showText(help->globalPos(), toolTipAt(help->pos()), viewport());
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

void GraphView::contextMenuEvent(QContextMenuEvent* event) {
    QGraphicsItem* item = itemAt(event->pos());
    if (!item || item->type() != GraphNodeItem::Type) {
        QGraphicsView::contextMenuEvent(event);
        return;
    }
    const QString name = static_cast<GraphNodeItem*>(item)->name();
    QMenu menu(this);
    QAction* copy =
        menu.addAction(tr("Copy Name"), this, [name] { QGuiApplication::clipboard()->setText(name); });
    copy->setStatusTip(tr("Copy the full name of this node"));
    menu.exec(event->globalPos());
}

void GraphView::changeEvent(QEvent* event) {
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        setBackgroundBrush(GraphNodeStyle::backgroundColor(palette()));
        viewport()->update();
    }
    if (event->type() == QEvent::FontChange) {
        d->legend->adjustSize();
        placeLegend();
    }
}

QString GraphView::toolTipAt(const QPoint& viewportPos) const {
    QGraphicsItem* item = itemAt(viewportPos);
    if (item && d->shown) {
        const SceneData& data = *d->shown;
        if (item->type() == GraphNodeItem::Type)
            return boxToolTipText(static_cast<GraphNodeItem*>(item)->boxIndex());
        if (item->type() == GraphEdgeItem::Type)
            return tensorToolTip(*data.graph,
                                 data.model.edges()[static_cast<GraphEdgeItem*>(item)->edgeIndex()].tensor);
    }
    return tr("Drag to pan · wheel to scroll · Ctrl+wheel or +/− to zoom · 0 for 100 % · click a node to "
              "select it");
}

QString GraphView::boxToolTipText(int boxIndex) const {
    const SceneData& data = *d->shown;
    const GraphSceneNode& box = data.model.nodes()[boxIndex];
    QString text = boxToolTip(*data.graph, box);
    if (d->heatMap && box.kind == GraphSceneNode::Kind::Operator) {
        const QString name = QString::fromStdString(box.subtitle);
        text +=
            QStringLiteral("<hr/>") +
            heatMapToolTip(d->heatMetric, d->heatValues.value(name, std::numeric_limits<double>::quiet_NaN()),
                           d->bands, d->heatDetails.value(name));
    }
    return text;
}

QString GraphView::nodeToolTip(const QString& nodeName) const {
    const int box = d->boxOfNodeName.value(nodeName, -1);
    if (box < 0 || !d->shown)
        return {};
    return boxToolTipText(box);
}

} // namespace qs
