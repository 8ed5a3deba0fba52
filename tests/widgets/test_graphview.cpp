// GraphView and its scene model on graphs built directly in the IR: one item per node and per edge, selection
// signals, find, replacing the graph while a layout runs, tooltips, rendering.

#include "graphedgeitem.h"
#include "graphnodeitem.h"
#include "graphscenemodel.h"
#include "graphtooltip.h"
#include "graphview.h"

#include <catch2/catch.hpp>

#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

namespace {

qs::ValueInfo floatValue(const std::string& name, std::vector<int64_t> dims) {
    qs::ValueInfo info;
    info.name = name;
    info.type = qs::DataType::Float;
    info.hasShape = true;
    for (int64_t d : dims)
        info.shape.push_back(qs::Dim::fixed(d));
    return info;
}

qs::Tensor floatTensor(const std::string& name, std::vector<int64_t> dims) {
    qs::Tensor tensor;
    tensor.name = name;
    tensor.type = qs::DataType::Float;
    tensor.dims = dims;
    int64_t count = 1;
    for (int64_t d : dims)
        count *= d;
    tensor.data.assign(static_cast<size_t>(count) * 4, 0);
    return tensor;
}

qs::Node node(const std::string& op, const std::string& name, std::vector<std::string> inputs,
              std::vector<std::string> outputs) {
    qs::Node n;
    n.opType = op;
    n.name = name;
    n.inputs = std::move(inputs);
    n.outputs = std::move(outputs);
    return n;
}

/// x -> conv1(W, B) -> relu1 -> conv2(W2) -> add(conv2, relu1) -> relu2 -> square (Mul of one tensor twice) -> y
/// Edges: x->conv1, conv1->relu1, relu1->conv2, conv2->add, relu1->add, add->relu2, relu2->square, square->y = 8.
std::shared_ptr<qs::Graph> residualGraph() {
    auto g = std::make_shared<qs::Graph>();
    g->name = "residual";
    g->inputs.push_back(floatValue("x", {1, 3, 8, 8}));
    g->initializers["W"] = floatTensor("W", {4, 3, 3, 3});
    g->initializers["B"] = floatTensor("B", {4});
    g->initializers["W2"] = floatTensor("W2", {4, 4, 3, 3});
    g->nodes.push_back(node("Conv", "conv1", {"x", "W", "B"}, {"c1"}));
    g->nodes.push_back(node("Relu", "relu1", {"c1"}, {"r1"}));
    g->nodes.push_back(node("Conv", "conv2", {"r1", "W2", ""}, {"c2"}));
    g->nodes.push_back(node("Add", "add", {"c2", "r1"}, {"a"}));
    g->nodes.push_back(node("Relu", "relu2", {"a"}, {"r2"}));
    g->nodes.push_back(node("Mul", "square", {"r2", "r2"}, {"y"}));
    g->outputs.push_back(floatValue("y", {1, 4, 8, 8}));
    for (const char* name : {"c1", "r1", "c2", "a", "r2"})
        g->valueInfos[name] = floatValue(name, {1, 4, 8, 8});
    g->valueInfos["x"] = g->inputs[0];
    g->valueInfos["y"] = g->outputs[0];
    return g;
}

/// A long residual chain (about 4 nodes per block) for tests that need a layout that takes a while.
std::shared_ptr<qs::Graph> chainGraph(int blocks) {
    auto g = std::make_shared<qs::Graph>();
    g->inputs.push_back(floatValue("in", {1, 8}));
    std::string x = "in";
    for (int b = 0; b < blocks; ++b) {
        const std::string p = "b" + std::to_string(b) + "_";
        g->nodes.push_back(node("MatMul", p + "mm", {x}, {p + "m"}));
        g->nodes.push_back(node("Gelu", p + "act", {p + "m"}, {p + "g"}));
        g->nodes.push_back(node("LayerNormalization", p + "ln", {p + "g"}, {p + "n"}));
        g->nodes.push_back(node("Add", p + "res", {p + "n", x}, {p + "o"}));
        x = p + "o";
    }
    g->outputs.push_back(floatValue(x, {1, 8}));
    return g;
}

template <typename Item> std::vector<Item*> itemsOfType(const qs::GraphView& view) {
    std::vector<Item*> result;
    for (QGraphicsItem* item : view.scene()->items())
        if (item->type() == Item::Type)
            result.push_back(static_cast<Item*>(item));
    return result;
}

qs::GraphNodeItem* boxNamed(const qs::GraphView& view, const QString& name) {
    for (qs::GraphNodeItem* item : itemsOfType<qs::GraphNodeItem>(view))
        if (item->isOperator() && item->name() == name)
            return item;
    return nullptr;
}

} // namespace

TEST_CASE("GraphSceneModel makes one box per node and one edge per producer-consumer tensor", "[graphview]") {
    const auto graph = residualGraph();
    const qs::GraphSceneModel model = qs::GraphSceneModel::fromGraph(*graph);
    REQUIRE(model.operatorCount() == 6);
    REQUIRE(model.nodes().size() == 6 + 1 + 1);
    REQUIRE(model.edges().size() == 8);
    const qs::GraphSceneNode& conv1 = model.nodes()[1];
    REQUIRE(conv1.title == "Conv");
    REQUIRE(conv1.category == qs::OpCategory::Layer);
    REQUIRE(conv1.weightRows.size() == 2);
    REQUIRE(conv1.weightRows[0].first == "W");
    REQUIRE(conv1.weightRows[0].second == "4\xC3\x97" "3\xC3\x97" "3\xC3\x97" "3");
    REQUIRE(model.nodes().front().kind == qs::GraphSceneNode::Kind::GraphInput);
    REQUIRE(model.nodes().back().kind == qs::GraphSceneNode::Kind::GraphOutput);
    REQUIRE(qs::opCategory("Relu") == qs::OpCategory::Activation);
    REQUIRE(qs::opCategory("DequantizeLinear") == qs::OpCategory::Quantization);
    REQUIRE(qs::opCategory("MyCustomOp") == qs::OpCategory::Other);
}

TEST_CASE("GraphView scene has one item per node and one per edge", "[graphview]") {
    qs::GraphView view;
    const auto graph = residualGraph();
    QSignalSpy finished(&view, &qs::GraphView::layoutFinished);
    view.setGraph(graph);
    view.waitForLayout();
    REQUIRE(finished.count() == 1);
    REQUIRE(view.nodeItemCount() == 6);
    REQUIRE(view.edgeItemCount() == 8);
    const auto boxes = itemsOfType<qs::GraphNodeItem>(view);
    REQUIRE(boxes.size() == 8);
    REQUIRE(std::count_if(boxes.begin(), boxes.end(), [](auto* b) { return b->isOperator(); }) == 6);
    REQUIRE(itemsOfType<qs::GraphEdgeItem>(view).size() == 8);
    REQUIRE(boxNamed(view, "conv1")->y() < boxNamed(view, "relu1")->y());
    REQUIRE(boxNamed(view, "add")->y() < boxNamed(view, "square")->y());

    view.setGraph(nullptr);
    view.waitForLayout();
    REQUIRE(view.nodeItemCount() == 0);
    REQUIRE(view.edgeItemCount() == 0);
}

TEST_CASE("GraphView selectNode selects without emitting and clicks emit nodeSelected", "[graphview]") {
    qs::GraphView view;
    view.resize(900, 700);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.setGraph(residualGraph());
    view.waitForLayout();
    QSignalSpy selected(&view, &qs::GraphView::nodeSelected);

    view.selectNode("conv2");
    REQUIRE(view.selectedNode() == "conv2");
    REQUIRE(boxNamed(view, "conv2")->isSelected());
    REQUIRE(selected.count() == 0);
    view.selectNode("no such node");
    REQUIRE(view.selectedNode().isEmpty());
    REQUIRE(selected.count() == 0);

    qs::GraphNodeItem* relu = boxNamed(view, "relu1");
    view.centerOn(relu);
    const QPoint pos = view.mapFromScene(relu->scenePos());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, pos);
    REQUIRE(selected.count() == 1);
    REQUIRE(selected.takeFirst().at(0).toString() == "relu1");
    REQUIRE(view.selectedNode() == "relu1");
}

TEST_CASE("GraphView findNext cycles through matching nodes", "[graphview]") {
    qs::GraphView view;
    view.setGraph(residualGraph());
    view.waitForLayout();
    QSignalSpy selected(&view, &qs::GraphView::nodeSelected);
    REQUIRE(view.findNext("RELU"));
    REQUIRE(view.selectedNode() == "relu1");
    REQUIRE(view.findNext("relu"));
    REQUIRE(view.selectedNode() == "relu2");
    REQUIRE(view.findNext("relu"));
    REQUIRE(view.selectedNode() == "relu1");
    REQUIRE(view.findNext("conv"));  // matches op type and name
    REQUIRE(view.selectedNode() == "conv2");
    REQUIRE(selected.count() == 4);
    REQUIRE(!view.findNext("softmax"));
    REQUIRE(view.selectedNode() == "conv2");
}

TEST_CASE("GraphView survives setGraph while a layout is running", "[graphview]") {
    auto view = std::make_unique<qs::GraphView>();
    QSignalSpy finished(view.get(), &qs::GraphView::layoutFinished);
    view->setGraph(chainGraph(500));
    view->setGraph(residualGraph());
    view->selectNode("add");
    view->waitForLayout();
    REQUIRE(view->nodeItemCount() == 6);
    REQUIRE(view->selectedNode() == "add");
    QTest::qWait(50);
    REQUIRE(finished.count() == 1);

    view->setGraph(chainGraph(400));
    view->setGraph(chainGraph(300));
    view->setGraph(chainGraph(20));
    view->waitForLayout();
    REQUIRE(view->nodeItemCount() == 80);
    REQUIRE(view->edgeItemCount() == 5 * 20 + 1);  // per block: 3 inside, 2 from its input; plus the output

    view->setGraph(chainGraph(500));
    view.reset();  // destroyed while the worker runs
}

TEST_CASE("Graph tooltips name tensors with type and shape", "[graphview]") {
    const auto graph = residualGraph();
    const qs::GraphSceneModel model = qs::GraphSceneModel::fromGraph(*graph);
    const QString edge = qs::tensorToolTip(*graph, "r1");
    REQUIRE(edge.contains("r1"));
    REQUIRE(edge.contains("float32"));
    REQUIRE(edge.contains(QString::fromUtf8("1×4×8×8")));
    const QString box = qs::boxToolTip(*graph, model.nodes()[1]);
    REQUIRE(box.contains("conv1"));
    REQUIRE(box.contains(QString::fromUtf8("4×3×3×3")));
    REQUIRE(box.contains("initializer"));
    REQUIRE(qs::tensorToolTip(*graph, "nowhere").contains("unknown"));
}

TEST_CASE("GraphView renders nodes at normal and far-out zoom", "[graphview]") {
    qs::GraphView view;
    view.setGraph(chainGraph(30));
    view.waitForLayout();
    for (double scale : {1.0, 0.05}) {
        const QRectF source = view.scene()->sceneRect();
        QImage image((source.size() * scale).toSize().expandedTo(QSize(8, 8)), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        view.scene()->render(&painter, QRectF(image.rect()), source);
        painter.end();
        int coloured = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                coloured += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
        INFO("scale " << scale);
        REQUIRE(coloured > image.width() * image.height() / 50);
    }
}
