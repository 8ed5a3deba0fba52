// Long layer and node names: drawn elided in the middle in the layer table and on graph boxes, whole in the
// tooltips and on the clipboard (Ctrl+C, "Copy Name").

#include "graphscenemodel.h"
#include "graphtooltip.h"
#include "graphview.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "textrecorder.h"
#include "tinymodel.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGraphicsScene>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

namespace {

const QString kLongName =
    QStringLiteral("backbone/stage4/block3/depthwise_separable_convolution_with_a_long_name/conv2");

std::shared_ptr<const qs::Model> tinyCnnWithLongName() {
    auto model = std::make_shared<qs::Model>(*qs::test::makeTinyCnn());
    for (qs::Node& node : model->graph.nodes) {
        if (node.name == "conv2")
            node.name = kLongName.toStdString();
    }
    return model;
}

/// The drawn text that shows `full` elided in the middle: a start and an end of it around an ellipsis.
QString middleElided(const QStringList& texts, const QString& full) {
    for (const QString& text : texts) {
        const qsizetype ellipsis = text.indexOf(QChar(0x2026));
        if (ellipsis < 3 || ellipsis > text.size() - 4)
            continue;
        if (full.startsWith(text.left(ellipsis)) && full.endsWith(text.mid(ellipsis + 1)))
            return text;
    }
    return {};
}

QModelIndex nameCell(qs::LayersPanel& panel, const QString& layer) {
    const int row = panel.tableModel()->rowOfNode(layer);
    REQUIRE(row >= 0);
    return panel.proxyModel()->mapFromSource(panel.tableModel()->index(row, qs::LayerTableModel::NameColumn));
}

} // namespace

TEST_CASE("The layer table elides long names in the middle and copies them whole",
          "[widgets][layertable][elide]") {
    QApplication::clipboard()->clear();
    qs::LayersPanel panel;
    panel.resize(700, 300);
    panel.setModel(tinyCnnWithLongName());
    panel.tableModel()->waitForStatistics();
    panel.show();
    panel.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&panel));
    QTableView* view = panel.tableView();
    const QModelIndex cell = nameCell(panel, kLongName);
    CHECK(cell.data(Qt::DisplayRole).toString() == kLongName);
    CHECK(cell.data(Qt::ToolTipRole).toString() == kLongName);
    CHECK(view->textElideMode() == Qt::ElideMiddle);
    REQUIRE(view->columnWidth(qs::LayerTableModel::NameColumn) <
            view->fontMetrics().horizontalAdvance(kLongName));

    SECTION("the cell is painted with the middle of the name elided") {
        qs::test::TextRecorder recorder(view->viewport()->size());
        view->viewport()->render(&recorder);
        INFO("drawn: " << recorder.texts().join(QStringLiteral(" | ")).toStdString());
        const QString shown = middleElided(recorder.texts(), kLongName);
        CHECK_FALSE(shown.isEmpty());
        CHECK_FALSE(recorder.texts().contains(kLongName));
    }

    SECTION("Ctrl+C copies the full name of the selected row") {
        view->selectionModel()->setCurrentIndex(cell, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        CHECK(QApplication::clipboard()->text() == kLongName);
    }

    SECTION("Copy Name copies every selected name, one per line, in table order") {
        view->selectionModel()->select(cell, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view->selectionModel()->select(nameCell(panel, QStringLiteral("conv1")),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        panel.copyNameAction()->trigger();
        CHECK(QApplication::clipboard()->text() == QStringLiteral("conv1\n") + kLongName);
        CHECK(panel.copyNameAction()->shortcut() == QKeySequence(QKeySequence::Copy));
    }
}

TEST_CASE("Graph boxes elide long node names in the middle; tooltip and copy have the whole name",
          "[graphview][elide]") {
    QApplication::clipboard()->clear();
    const std::shared_ptr<const qs::Model> model = tinyCnnWithLongName();
    const auto graph = std::shared_ptr<const qs::Graph>(model, &model->graph);
    qs::GraphView view;
    view.resize(800, 600);
    view.setGraph(graph);
    view.waitForLayout();

    const QRectF source = view.scene()->sceneRect();
    qs::test::TextRecorder recorder(source.size().toSize());
    QPainter painter(&recorder);
    view.scene()->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    INFO("drawn: " << recorder.texts().join(QStringLiteral(" | ")).toStdString());
    CHECK_FALSE(middleElided(recorder.texts(), kLongName).isEmpty());
    CHECK_FALSE(recorder.texts().contains(kLongName));

    const qs::GraphSceneModel scene = qs::GraphSceneModel::fromGraph(*graph);
    bool tooltipChecked = false;
    for (const qs::GraphSceneNode& box : scene.nodes()) {
        if (box.subtitle == kLongName.toStdString()) {
            CHECK(qs::boxToolTip(*graph, box).contains(kLongName));
            tooltipChecked = true;
        }
    }
    CHECK(tooltipChecked);

    view.selectNode(kLongName);
    REQUIRE(view.selectedNode() == kLongName);
    view.copyNameAction()->trigger();
    CHECK(QApplication::clipboard()->text() == kLongName);

    QApplication::clipboard()->clear();
    view.show();
    view.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    CHECK(QApplication::clipboard()->text() == kLongName);
}
