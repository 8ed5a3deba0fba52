#include "layerspanel.h"
#include "layertablemodel.h"
#include "tinymodel.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>

using qs::LayerTableModel;

namespace {

QStringList nodeNamesInOrder(const QAbstractItemModel& model) {
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, 0).data(LayerTableModel::NodeNameRole).toString();
    return names;
}

} // namespace

TEST_CASE("LayerTableModel lists the quantizable layers with statistics", "[widgets][layertable]") {
    LayerTableModel table;
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy computed(&table, &LayerTableModel::statisticsComputed);
    const auto model = qs::test::makeTinyCnn();
    table.setModel(model);
    table.waitForStatistics();

    REQUIRE(table.rowCount() == 3);
    CHECK(table.columnCount() == LayerTableModel::ColumnCount);
    CHECK(nodeNamesInOrder(table) == QStringList{"conv1", "conv2", "fc"});
    CHECK(computed.count() == 1);
    CHECK(table.statisticsReady());
    CHECK(table.index(0, LayerTableModel::OpColumn).data().toString() == "Conv");
    CHECK(table.index(1, LayerTableModel::ShapeColumn).data().toString() == QString::fromUtf8("8 × 4 × 3 × 3"));
    CHECK(table.index(0, LayerTableModel::ParametersColumn).data(LayerTableModel::SortRole).toLongLong() == 112);
    CHECK(table.index(1, LayerTableModel::ParametersColumn).data(LayerTableModel::SortRole).toLongLong() == 288);

    const qs::WeightStats expected = qs::computeWeightStats(*model->graph.initializer("conv2.weight"), 0);
    const qs::WeightStats* stats = table.statsAt(1);
    REQUIRE(stats != nullptr);
    CHECK(stats->count == 288);
    CHECK(stats->channels.size() == 8);
    CHECK(table.index(1, LayerTableModel::MinColumn).data(LayerTableModel::SortRole).toDouble() ==
          Approx(expected.min));
    CHECK(table.index(1, LayerTableModel::MaxColumn).data(LayerTableModel::SortRole).toDouble() ==
          Approx(expected.max));
    CHECK(expected.min == Approx(0.3));

    CHECK(table.rowOfNode("fc") == 2);
    CHECK(table.rowOfNode("relu1") == -1);
    CHECK(table.nodeNameAt(0) == "conv1");
    CHECK(table.nodeNameAt(7).isEmpty());

    table.setModel(nullptr);
    CHECK(table.rowCount() == 0);
    CHECK(table.statsAt(0) == nullptr);
}

TEST_CASE("LayerTableModel sorts numerically through a proxy", "[widgets][layertable]") {
    LayerTableModel table;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&table);
    proxy.setSortRole(LayerTableModel::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    table.setModel(qs::test::makeTinyCnn());
    table.waitForStatistics();

    proxy.sort(LayerTableModel::ParametersColumn, Qt::AscendingOrder);
    CHECK(nodeNamesInOrder(proxy) == QStringList{"fc", "conv1", "conv2"});
    proxy.sort(LayerTableModel::ParametersColumn, Qt::DescendingOrder);
    CHECK(nodeNamesInOrder(proxy) == QStringList{"conv2", "conv1", "fc"});
    proxy.sort(LayerTableModel::MinColumn, Qt::AscendingOrder);
    CHECK(nodeNamesInOrder(proxy) == QStringList{"conv1", "fc", "conv2"});
}

TEST_CASE("A new model replaces the rows while statistics are still computing", "[widgets][layertable]") {
    LayerTableModel table;
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    table.setModel(qs::test::makeTinyCnn());
    table.setModel(qs::test::makeTinyCnn());
    table.waitForStatistics();
    CHECK(table.rowCount() == 3);
    CHECK(table.statsAt(2) != nullptr);
}

TEST_CASE("LayersPanel filters, reports user selection and follows programmatic selection silently",
          "[widgets][layertable]") {
    qs::LayersPanel panel;
    panel.setModel(qs::test::makeTinyCnn());
    panel.tableModel()->waitForStatistics();
    QSignalSpy selected(&panel, &qs::LayersPanel::layerSelected);

    panel.selectLayer("conv2");
    CHECK(panel.selectedLayer() == "conv2");
    CHECK(selected.count() == 0);
    panel.selectLayer("relu1");
    CHECK(panel.selectedLayer().isEmpty());

    const QModelIndex fcRow = panel.proxyModel()->mapFromSource(panel.tableModel()->index(2, 0));
    panel.tableView()->selectionModel()->setCurrentIndex(
        fcRow, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    REQUIRE(selected.count() == 1);
    CHECK(selected.first().first().toString() == "fc");

    panel.filterEdit()->setText("CONV");
    CHECK(panel.proxyModel()->rowCount() == 2);
    panel.filterEdit()->setText("gemm");
    CHECK(panel.proxyModel()->rowCount() == 1);
}
