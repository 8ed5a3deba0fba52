// The graph view's heat-map mode: nodes coloured by the error band of a per-node SQNR, grey when unmeasured,
// recoloured in place when the metric changes, the legend overlay, the hover text, and back to the category
// colours.

#include "chartimages.h"
#include "graphnodeitem.h"
#include "graphnodestyle.h"
#include "graphview.h"
#include "heatmaplegend.h"

#include <catch2/catch.hpp>

#include <QGraphicsScene>
#include <QSignalSpy>
#include <QTest>
#include <limits>

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor goodBlue(0x00, 0x72, 0xB2);
const QColor fairYellow(0xE6, 0xC2, 0x29);
const QColor poorOrange(0xE6, 0x9F, 0x00);
const QColor badVermillion(0xD5, 0x5E, 0x00);
const QColor unmeasuredGrey(0x9E, 0x9E, 0x9E);

qs::ValueInfo floatValue(const std::string& name, std::vector<int64_t> dims) {
    qs::ValueInfo info;
    info.name = name;
    info.type = qs::DataType::Float;
    info.hasShape = true;
    for (int64_t d : dims)
        info.shape.push_back(qs::Dim::fixed(d));
    return info;
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

/// x -> conv1 -> relu1 -> conv2 -> add(conv2, relu1) -> relu2 -> square -> y
std::shared_ptr<qs::Graph> residualGraph() {
    auto g = std::make_shared<qs::Graph>();
    g->inputs.push_back(floatValue("x", {1, 3, 8, 8}));
    g->nodes.push_back(node("Conv", "conv1", {"x"}, {"c1"}));
    g->nodes.push_back(node("Relu", "relu1", {"c1"}, {"r1"}));
    g->nodes.push_back(node("Conv", "conv2", {"r1"}, {"c2"}));
    g->nodes.push_back(node("Add", "add", {"c2", "r1"}, {"a"}));
    g->nodes.push_back(node("Relu", "relu2", {"a"}, {"r2"}));
    g->nodes.push_back(node("Mul", "square", {"r2", "r2"}, {"y"}));
    g->outputs.push_back(floatValue("y", {1, 4, 8, 8}));
    return g;
}

QHash<QString, qs::GraphNodeItem*> boxesByName(const qs::GraphView& view) {
    QHash<QString, qs::GraphNodeItem*> boxes;
    for (QGraphicsItem* item : view.scene()->items())
        if (item->type() == qs::GraphNodeItem::Type)
            boxes.insert(static_cast<qs::GraphNodeItem*>(item)->name(),
                         static_cast<qs::GraphNodeItem*>(item));
    return boxes;
}

/// conv1 good, conv2 fair, add poor, relu2 bad, square NaN, relu1 absent.
QHash<QString, double> cumulativeSqnr() {
    return {{"conv1", 35.0}, {"conv2", 25.0}, {"add", 15.0}, {"relu2", 5.0}, {"square", kNaN}};
}

} // namespace

TEST_CASE("Heat map colours quantized nodes by band and the rest grey", "[heatmap]") {
    qs::GraphView view;
    view.setGraph(residualGraph());
    view.waitForLayout();
    auto boxes = boxesByName(view);
    REQUIRE(boxes.size() == 8);
    CHECK_FALSE(view.hasHeatMap());
    CHECK(boxes["conv1"]->headerColor() == qs::GraphNodeStyle::categoryColor(qs::OpCategory::Layer));

    view.setHeatMap(cumulativeSqnr(), "cumulative SQNR");
    CHECK(view.hasHeatMap());
    CHECK(view.heatMapMetric() == "cumulative SQNR");
    CHECK(boxes["conv1"]->headerColor() == goodBlue);
    CHECK(boxes["conv2"]->headerColor() == fairYellow);
    CHECK(boxes["add"]->headerColor() == poorOrange);
    CHECK(boxes["relu2"]->headerColor() == badVermillion);
    CHECK(boxes["square"]->headerColor() == unmeasuredGrey);
    CHECK(boxes["relu1"]->headerColor() == unmeasuredGrey);
    CHECK_FALSE(boxes["x"]->hasHeatColor());
    CHECK(boxes["x"]->headerColor() == qs::GraphNodeStyle::categoryColor(qs::OpCategory::InputOutput));

    view.clearHeatMap();
    CHECK_FALSE(view.hasHeatMap());
    CHECK_FALSE(boxes["conv1"]->hasHeatColor());
    CHECK(boxes["conv1"]->headerColor() == qs::GraphNodeStyle::categoryColor(qs::OpCategory::Layer));
    CHECK(boxes["relu1"]->headerColor() == qs::GraphNodeStyle::categoryColor(qs::OpCategory::Activation));
}

TEST_CASE("Switching the heat-map metric recolours without a new layout", "[heatmap]") {
    qs::GraphView view;
    view.setGraph(residualGraph());
    view.waitForLayout();
    QSignalSpy layouts(&view, &qs::GraphView::layoutFinished);
    const QGraphicsScene* scene = view.scene();
    const auto boxes = boxesByName(view);
    QHash<QString, QPointF> positions;
    for (auto it = boxes.begin(); it != boxes.end(); ++it)
        positions.insert(it.key(), it.value()->pos());

    view.setHeatMap(cumulativeSqnr(), "cumulative SQNR");
    view.setHeatMap({{"conv1", 5.0}, {"relu1", 31.0}}, "isolated SQNR");
    QCoreApplication::processEvents();

    CHECK(layouts.count() == 0);
    CHECK(view.scene() == scene);
    CHECK(boxesByName(view) == boxes);
    for (auto it = boxes.begin(); it != boxes.end(); ++it)
        CHECK(it.value()->pos() == positions.value(it.key()));
    CHECK(boxes["conv1"]->headerColor() == badVermillion);
    CHECK(boxes["relu1"]->headerColor() == goodBlue);
    CHECK(boxes["conv2"]->headerColor() == unmeasuredGrey);
    CHECK(view.heatMapLegend()->metricName() == "isolated SQNR");
}

TEST_CASE("Heat map set before the layout applies to the new scene", "[heatmap]") {
    qs::GraphView view;
    view.setHeatMap(cumulativeSqnr(), "cumulative SQNR");
    view.setGraph(residualGraph());
    view.waitForLayout();
    const auto boxes = boxesByName(view);
    CHECK(boxes["relu2"]->headerColor() == badVermillion);
    CHECK(boxes["relu1"]->headerColor() == unmeasuredGrey);
}

TEST_CASE("Heat-map legend lists the bands with their thresholds", "[heatmap]") {
    qs::GraphView view;
    view.resize(600, 400);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    const qs::HeatMapLegend* legend = view.heatMapLegend();
    CHECK_FALSE(legend->isVisible());
    view.setHeatMap(cumulativeSqnr(), "cumulative SQNR");
    CHECK(legend->isVisible());
    const auto entries = legend->entries();
    REQUIRE(entries.size() == 5);
    CHECK(entries[0].color == goodBlue);
    CHECK(entries[0].text.contains("30"));
    CHECK(entries[1].text.contains("20"));
    CHECK(entries[3].color == badVermillion);
    CHECK(entries[3].text.contains("10"));
    CHECK(entries[4].color == unmeasuredGrey);
    // Top-right corner of the viewport.
    const QRect area = view.viewport()->geometry();
    CHECK(legend->geometry().right() <= area.right());
    CHECK(legend->geometry().right() > area.center().x());
    CHECK(legend->geometry().top() < area.center().y());

    qs::ErrorBands strict;
    strict.goodSqnrDb = 40.0;
    view.setErrorBands(strict);
    CHECK(legend->entries()[0].text.contains("40"));
    view.clearHeatMap();
    CHECK_FALSE(legend->isVisible());
}

TEST_CASE("Heat-map tooltip shows the metric value and the details", "[heatmap]") {
    qs::GraphView view;
    view.setGraph(residualGraph());
    view.waitForLayout();
    CHECK_FALSE(view.nodeToolTip("conv2").contains("SQNR"));
    view.setHeatMap(cumulativeSqnr(), "cumulative SQNR");
    view.setHeatMapDetails({{"conv2", "isolated 31.0 dB\nclipped 0.4 %"}});
    const QString tip = view.nodeToolTip("conv2");
    CHECK(tip.contains("cumulative SQNR"));
    CHECK(tip.contains("25.0 dB"));
    CHECK(tip.contains("fair"));
    CHECK(tip.contains("isolated 31.0 dB"));
    CHECK(tip.contains("clipped 0.4 %"));
    CHECK(view.nodeToolTip("square").contains("not measured"));
    CHECK(view.nodeToolTip("nowhere").isEmpty());
}

TEST_CASE("Heat-map header text stays readable on light band colours", "[heatmap]") {
    CHECK(qs::GraphNodeStyle::headerTextColor(goodBlue) == QColor(Qt::white));
    CHECK(qs::GraphNodeStyle::headerTextColor(badVermillion) == QColor(Qt::white));
    CHECK(qs::GraphNodeStyle::headerTextColor(fairYellow).lightness() < 60);
    CHECK(qs::GraphNodeStyle::headerTextColor(poorOrange).lightness() < 60);
}

TEST_CASE("Heat map renders the band colours and the legend", "[heatmap]") {
    qs::GraphView view;
    view.resize(640, 560);
    view.setGraph(residualGraph());
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.waitForLayout();
    view.fitToWindow();
    view.setHeatMap(cumulativeSqnr(), "cumulative SQNR");
    const QImage image = view.grab().toImage();
    chartimages::keep(image, "heatmap");
    for (const QColor& band : {goodBlue, fairYellow, poorOrange, badVermillion, unmeasuredGrey})
        CHECK(chartimages::countPixels(image, band, 4) > 30);
}
