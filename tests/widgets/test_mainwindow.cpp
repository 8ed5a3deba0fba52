#include "document.h"
#include "graphview.h"
#include "histogramview.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "mainwindow.h"
#include "messagelog.h"
#include "modelloadtask.h"
#include "recentfiles.h"
#include "testsettings.h"
#include "tinymodel.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDragEnterEvent>
#include <QFile>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QThread>
#include <QUrl>

using qs::MainWindow;

namespace {

using TestSettings = qs::test::IsolatedSettings;

void selectTableRowOf(MainWindow& window, const QString& nodeName) {
    qs::LayersPanel* panel = window.layersPanel();
    const int row = panel->tableModel()->rowOfNode(nodeName);
    REQUIRE(row >= 0);
    const QModelIndex index = panel->proxyModel()->mapFromSource(panel->tableModel()->index(row, 0));
    panel->tableView()->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                     QItemSelectionModel::Rows);
}

void openAndWait(MainWindow& window, const QString& path) {
    window.openFile(path);
    window.document()->loadTask()->waitForFinished();
}

} // namespace

TEST_CASE("Main window keeps graph and table selection in sync", "[widgets][studio]") {
    const TestSettings settings;
    MainWindow window;
    window.document()->setModel(qs::test::makeTinyCnn(), QString());
    window.graphView()->waitForLayout();
    window.layersPanel()->tableModel()->waitForStatistics();
    REQUIRE(window.layersPanel()->tableModel()->rowCount() == 3);
    QSignalSpy selectionChanges(window.document(), &qs::Document::selectionChanged);

    SECTION("selecting a table row selects the graph node and shows its weights") {
        selectTableRowOf(window, "conv2");
        CHECK(window.document()->selection() == "conv2");
        CHECK(window.graphView()->selectedNode() == "conv2");
        CHECK(window.histogramView()->hasWeights());
        CHECK(window.histogramView()->titleText().contains("conv2"));
        CHECK(selectionChanges.count() == 1);
    }

    SECTION("selecting a graph node selects the table row") {
        emit window.graphView()->nodeSelected("fc");
        CHECK(window.document()->selection() == "fc");
        CHECK(window.layersPanel()->selectedLayer() == "fc");
        CHECK(window.histogramView()->titleText().contains("fc"));
        CHECK(selectionChanges.count() == 1);

        emit window.graphView()->nodeSelected("relu1");
        CHECK(window.layersPanel()->selectedLayer().isEmpty());
        CHECK_FALSE(window.histogramView()->hasWeights());
        CHECK(window.histogramView()->emptyText().contains("relu1"));
        CHECK(selectionChanges.count() == 2);
    }
}

TEST_CASE("Main window opens a model file in the background", "[widgets][studio]") {
    const TestSettings settings;
    qs::test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("small_cnn.onnx"));
    qs::test::makeSmallCnn(path.toStdString());

    MainWindow window;
    QSignalSpy changed(window.document(), &qs::Document::modelChanged);
    openAndWait(window, path);

    REQUIRE(changed.count() == 1);
    REQUIRE(window.document()->model() != nullptr);
    CHECK(window.document()->filePath() == path);
    CHECK(window.windowTitle().contains("small_cnn.onnx"));
    CHECK(window.layersPanel()->tableModel()->rowCount() == 3);
    CHECK(window.recentFiles()->files().value(0) == path);
    CHECK(qs::RecentFiles().files().value(0) == path);

    window.graphView()->waitForLayout();
    window.layersPanel()->tableModel()->waitForStatistics();
    selectTableRowOf(window, "dwconv");
    CHECK(window.graphView()->selectedNode() == "dwconv");
    CHECK(window.histogramView()->hasWeights());
}

TEST_CASE("Main window reports a malformed file without crashing", "[widgets][studio]") {
    const TestSettings settings;
    qs::test::TempDir dir;
    const QString path =
        QString::fromStdString(dir.writeFile("broken.onnx", "this is not a protobuf \x01\x02\xff"));

    MainWindow window;
    QSignalSpy failed(window.document(), &qs::Document::loadFailed);
    openAndWait(window, path);

    REQUIRE(failed.count() == 1);
    const QString message = failed.first().first().toString();
    CHECK(message.contains("broken.onnx"));
    CHECK(window.document()->model() == nullptr);
    CHECK(window.messageLog()->count(qs::MessageLevel::Error) == 1);
    CHECK_FALSE(window.recentFiles()->files().contains(path));
    QMessageBox* box = window.findChild<QMessageBox*>();
    REQUIRE(box != nullptr);
    CHECK(box->text() == message);
    box->close();
}

TEST_CASE("Recent files keep the newest first, without duplicates, and persist", "[widgets][studio]") {
    const TestSettings settings;
    qs::RecentFiles recent(nullptr, 3);
    QSignalSpy changed(&recent, &qs::RecentFiles::changed);
    recent.add("/models/a.onnx");
    recent.add("/models/b.onnx");
    recent.add("/models/a.onnx");
    recent.add("/models/c.onnx");
    recent.add("/models/d.onnx");
    CHECK(recent.files() == QStringList{"/models/d.onnx", "/models/c.onnx", "/models/a.onnx"});
    CHECK(changed.count() == 5);
    CHECK(qs::RecentFiles(nullptr, 3).files() == recent.files());
    recent.clear();
    CHECK(qs::RecentFiles().files().isEmpty());
}

TEST_CASE("Dropping an .onnx file on the main window opens it", "[widgets][studio]") {
    const TestSettings settings;
    qs::test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("dropped.onnx"));
    qs::test::makeSmallCnn(path.toStdString());

    MainWindow window;
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    window.document()->loadTask()->waitForFinished();
    REQUIRE(window.document()->model() != nullptr);
    CHECK(window.document()->filePath() == path);

    QMimeData text;
    text.setUrls({QUrl::fromLocalFile(dir.file("notes.txt").c_str())});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(&window, &refused);
    CHECK_FALSE(refused.isAccepted());
}

namespace {

/// Opens a small model, cancels the load after `delayMs` (the worker may have read the file by then) and
/// checks that no model was delivered.
void checkCancelledLoad(int delayMs) {
    const TestSettings settings;
    qs::test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("small_cnn.onnx"));
    qs::test::makeSmallCnn(path.toStdString());

    qs::Document document;
    QSignalSpy cancelled(&document, &qs::Document::loadCancelled);
    QSignalSpy changed(&document, &qs::Document::modelChanged);
    document.open(path);
    if (delayMs > 0)
        QThread::msleep(static_cast<unsigned long>(delayMs));
    document.loadTask()->cancel();
    document.loadTask()->waitForFinished();
    CHECK(cancelled.count() == 1);
    CHECK(changed.count() == 0);
    CHECK(document.model() == nullptr);
    CHECK_FALSE(document.isLoading());
}

} // namespace

TEST_CASE("A load cancelled after the file was read still delivers no model", "[widgets][studio]") {
    // The worker reads the tiny file long before this thread handles its result: the cancel lands in between.
    checkCancelledLoad(500);
}

TEST_CASE("Cancelling a load leaves the document empty", "[widgets][studio]") {
    checkCancelledLoad(0);
}
