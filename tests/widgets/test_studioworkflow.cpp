// The quantization job driven through the studio's real widgets and the real engine on the demo model: open,
// load the config, edit a layer's strategy in the table (undo, redo), drop the calibration folder, calibrate,
// evaluate, export, and check that the export's accuracy is the one the studio showed.

#include "commands/setlayerschemecommand.h"
#include "datapanel.h"
#include "document.h"
#include "histogramview.h"
#include "layerinspector.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "mainwindow.h"
#include "modelloadtask.h"
#include "projectmanager.h"
#include "quantizationjobs.h"
#include "strategyeditor.h"
#include "taskprogresswidget.h"
#include "taskrunner.h"
#include "tensorpreview.h"
#include "testsettings.h"

#include "data/batchloader.h"
#include "data/imagefolder.h"
#include "eval/evaluation.h"
#include "fixtures/modelbuilder.h"
#include "model/onnxloader.h"
#include "runtime/executor.h"
#include "workflow/datainput.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCoreApplication>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

#include <atomic>
#include <filesystem>
#include <thread>

using qs::MainWindow;

namespace {

QString demoPath(const char* relative) {
    return QString::fromUtf8(QS_SOURCE_DIR) + QStringLiteral("/resources/") + QString::fromUtf8(relative);
}

/// Settings isolated from the user's and from parallel test processes.
class IsolatedSettings : public qs::test::IsolatedSettings {
public:
    IsolatedSettings() : qs::test::IsolatedSettings(QStringLiteral("workflow")) {}
};

void openDemo(MainWindow& window) {
    window.openFile(demoPath("demo/model.onnx"));
    window.document()->loadTask()->waitForFinished();
    REQUIRE(window.document()->model());
    window.strategyEditor()->loadConfigFile(demoPath("configs/demo-w8a8.json"));
    REQUIRE(window.document()->config().preprocess.color == qs::ColorOrder::Gray);
    window.layersPanel()->tableModel()->waitForStatistics();
}

void dropFolder(QWidget* target, const QString& folder) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(folder)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    CHECK(drop.isAccepted());
}

QModelIndex tableIndex(MainWindow& window, const QString& layer, int column) {
    qs::LayerTableModel* table = window.layersPanel()->tableModel();
    const int row = table->rowOfNode(layer);
    REQUIRE(row >= 0);
    return table->index(row, column);
}

/// Top-1 accuracy of `modelPath` on the demo evaluation images, computed with the engine independently of the
/// studio (an executor per model, the demo preprocessing from the config).
double exportedTop1(const std::string& modelPath, const qs::QuantConfig& config) {
    const qs::LoadResult reference = qs::loadOnnxModel(demoPath("demo/model.onnx").toStdString());
    const qs::LoadResult exported = qs::loadOnnxModel(modelPath);
    qs::Executor referenceExecutor(reference.model);
    qs::Executor exportedExecutor(exported.model);
    const qs::ImageFolderScan scan =
        qs::scanImageFolder(demoPath("demo/eval").toStdString(), qs::scanOptionsFor(config, false));
    qs::BatchLoader loader(scan, config.preprocess, 50);
    const qs::EvaluationResult result =
        qs::evaluatePair({&referenceExecutor, {}, "", ""}, {&exportedExecutor, {}, "", ""}, loader);
    return result.candidateTop1.value_or(-1.0);
}

} // namespace

TEST_CASE("The studio does the whole quantization job in the window", "[widgets][studio][workflow]") {
    const IsolatedSettings settings;
    MainWindow window;
    window.jobs()->setThreadCount(1);
    openDemo(window);
    qs::Document* document = window.document();
    qs::LayerTableModel* table = window.layersPanel()->tableModel();
    QAbstractItemModelTester tester(table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QString layer = QString::fromStdString(document->plan().layers[2].layer.nodeName);

    // The table shows the plan and where each scheme came from.
    CHECK(tableIndex(window, layer, qs::LayerTableModel::WeightSchemeColumn).data().toString() == "uniform");
    CHECK(tableIndex(window, layer, qs::LayerTableModel::BitsColumn).data().toInt() == 8);
    CHECK(tableIndex(window, layer, qs::LayerTableModel::SourceColumn).data().toString() == "default");

    // Editing the scheme cell pushes one undo command; the table follows the document.
    document->setSelection(layer);
    const int undoBefore = document->undoStack()->count();
    const QModelIndex scheme = tableIndex(window, layer, qs::LayerTableModel::WeightSchemeColumn);
    CHECK(table->flags(scheme) & Qt::ItemIsEditable);
    table->setData(scheme, 2); // "codebook"
    CHECK(document->undoStack()->count() == undoBefore + 1);
    CHECK(document->plan().findLayer(layer.toStdString())->weights.kind == qs::SchemeKind::Codebook);
    CHECK(scheme.data().toString() == "codebook");
    CHECK(tableIndex(window, layer, qs::LayerTableModel::SourceColumn).data().toString() == "override");
    CHECK(window.windowTitle().contains("[*]"));
    CHECK(window.isWindowModified());
    table->setData(tableIndex(window, layer, qs::LayerTableModel::BitsColumn), 4);
    CHECK(document->undoStack()->count() == undoBefore + 2);
    CHECK(document->plan().findLayer(layer.toStdString())->weights.bits == 4);
    // The weight histogram shows the codebook's 2^bits levels as soon as the preview is done, without
    // calibrating.
    window.taskRunner()->waitForIdle();
    CHECK(window.histogramView()->hasGrid());
    CHECK(window.histogramView()->plottedLevelCount() == 16);
    CHECK(window.histogramView()->gridText().contains("SQNR"));

    document->undoStack()->undo();
    document->undoStack()->undo();
    CHECK(document->plan().findLayer(layer.toStdString())->weights.kind == qs::SchemeKind::Uniform);
    CHECK(scheme.data().toString() == "uniform");
    window.taskRunner()->waitForIdle();
    CHECK(window.histogramView()->plottedLevelCount() == 256);
    document->undoStack()->redo();
    document->undoStack()->redo();
    CHECK(scheme.data().toString() == "codebook");
    window.taskRunner()->waitForIdle();
    CHECK(window.histogramView()->plottedLevelCount() == 16);

    SECTION("a layer's range method is edited in the table without recalibrating") {
        const QModelIndex method = tableIndex(window, layer, qs::LayerTableModel::RangeMethodColumn);
        CHECK(method.data().toString() == "mse");
        REQUIRE(table->flags(method) & Qt::ItemIsEditable);
        table->setData(method, 1); // percentile
        const qs::LayerPlan* plan = document->plan().findLayer(layer.toStdString());
        CHECK(plan->range.method == "percentile");
        CHECK(plan->rangeOverridden);
        CHECK(method.data().toString().startsWith("percentile"));
        CHECK(document->plan().layers.front().range.method == "mse"); // other layers keep the default
        document->undoStack()->undo();
        CHECK(document->plan().findLayer(layer.toStdString())->range.method == "mse");
    }
    SECTION("bit-width edits in the inspector merge into one undo step, invalid ones are not offered") {
        document->undoStack()
            ->undo(); // back to 8-bit codebook, so the next edit does not merge with the table's
        window.inspector()->setLayers({layer});
        const int index = document->undoStack()->index();
        window.inspector()->bitsBox()->setValue(3);
        window.inspector()->bitsBox()->setValue(2);
        CHECK(document->undoStack()->index() == index + 1);
        CHECK(document->plan().findLayer(layer.toStdString())->weights.bits == 2);
        CHECK(window.inspector()->bitsBox()->maximum() == 8); // codebook: 1-8 bits
        document->undoStack()->undo();
        CHECK(document->plan().findLayer(layer.toStdString())->weights.bits == 8);
    }

    SECTION("calibrate, evaluate and export from the window; the export scores what the studio showed") {
        dropFolder(&window, demoPath("demo/calib"));
        CHECK(document->calibrationFolder() == demoPath("demo/calib"));
        dropFolder(&window, demoPath("demo/eval"));
        CHECK(document->evaluationFolder() == demoPath("demo/eval"));
        window.taskRunner()->waitForIdle();
        CHECK(window.dataPanel()->calibrationSummary()->text().contains("256"));
        CHECK(window.dataPanel()->tensorPreview()->channelCount() == 1);

        REQUIRE(window.jobs()->calibrate() > 0);
        window.taskRunner()->waitForIdle();
        REQUIRE(document->calibration());
        CHECK(document->calibration()->imageCount == 256);
        CHECK(window.activationView()->hasHistogram());
        CHECK(window.activationView()->hasGrid());

        REQUIRE(window.jobs()->evaluate() > 0);
        window.taskRunner()->waitForIdle();
        REQUIRE(document->evaluation());
        REQUIRE(document->evaluationIsCurrent());
        const double shownTop1 = document->evaluation()->candidateTop1.value();
        CHECK(shownTop1 > 0.8);
        CHECK_FALSE(tableIndex(window, layer, qs::LayerTableModel::SqnrColumn).data().toString().isEmpty());
        CHECK_FALSE(tableIndex(window, layer, qs::LayerTableModel::SizeColumn).data().toString().isEmpty());

        qs::test::TempDir dir;
        const QString output = QString::fromStdString(dir.file("demo-codebook.onnx"));
        QSignalSpy exported(window.jobs(), &qs::QuantizationJobs::exported);
        REQUIRE(window.exportTo(output) > 0);
        window.taskRunner()->waitForIdle();
        REQUIRE(exported.count() == 1);
        REQUIRE(std::filesystem::exists(output.toStdString()));
        CHECK(std::filesystem::exists(output.toStdString() + ".plan.json"));
        CHECK(exported.first().at(2).toString().endsWith("demo-codebook.report.html"));
        CHECK(std::filesystem::exists(dir.file("demo-codebook.report.html")));
        // loadOnnxModel runs the ONNX checker; the accuracy measured on the export equals the studio's
        // figure.
        CHECK(exportedTop1(output.toStdString(), document->config()) == shownTop1);
        // Never the input model.
        CHECK(window.exportTo(demoPath("demo/model.onnx")) == 0);

        SECTION("the strategy saved as a config file reads back as the same config") {
            const QString configPath = QString::fromStdString(dir.file("strategy.json"));
            REQUIRE(window.saveConfigTo(configPath));
            CHECK(window.projectManager()->isModified()); // a config file is not the project
            const qs::QuantConfig reread = qs::loadQuantConfig(configPath.toStdString());
            CHECK(qs::quantConfigToJson(reread) == qs::quantConfigToJson(document->config()));
            CHECK(reread.layers.size() == 1);
            CHECK_FALSE(window.saveConfigTo(demoPath("demo/model.onnx")));
        }
        SECTION("an edit after evaluating marks the results as stale") {
            window.strategyEditor()->keepFloat({layer}, true);
            CHECK_FALSE(document->evaluationIsCurrent());
            CHECK(table->index(table->rowOfNode(layer), qs::LayerTableModel::SqnrColumn)
                      .data(Qt::ForegroundRole)
                      .isValid());
        }
    }
}

TEST_CASE("Cancelling calibration midway leaves the document as it was", "[widgets][studio][workflow]") {
    const IsolatedSettings settings;
    MainWindow window;
    window.jobs()->setThreadCount(1);
    openDemo(window);
    qs::Document* document = window.document();
    // 12,000 images: long enough to cancel midway.
    qs::test::TempDir dir;
    for (int copy = 0; copy < 12; ++copy) {
        const std::filesystem::path target =
            std::filesystem::path(dir.path()) / ("copy" + std::to_string(copy));
        std::filesystem::copy(demoPath("demo/eval").toStdString(), target,
                              std::filesystem::copy_options::recursive);
    }
    document->setCalibrationFolder(QString::fromStdString(dir.path()));
    qs::QuantConfig config = document->config();
    config.calibration.maxImages = 0;
    document->setConfig(config);
    window.taskRunner()->waitForIdle();
    const int revision = document->revision();

    QSignalSpy cancelled(window.taskRunner(), &qs::TaskRunner::jobCancelled);
    double fraction = 0.0;
    QObject::connect(window.taskRunner(), &qs::TaskRunner::jobProgress,
                     [&fraction](int, double value, const QString&, qint64, qint64) { fraction = value; });
    const int job = window.jobs()->calibrate();
    REQUIRE(job > 0);
    // Wait until inference is under way, then cancel from the GUI thread as the Cancel button does.
    for (int i = 0; i < 2000 && fraction < 0.05; ++i)
        QTest::qWait(5);
    CHECK(fraction > 0.0);
    CHECK(fraction < 1.0);
    window.progressWidget()->cancelRequested();
    window.taskRunner()->waitForIdle();
    CHECK(cancelled.count() == 1);
    CHECK(document->calibration() == nullptr);
    CHECK(document->revision() == revision);
    CHECK_FALSE(document->evaluation());
}

TEST_CASE("A result computed for an older strategy is dropped", "[widgets][studio][workflow]") {
    const IsolatedSettings settings;
    MainWindow window;
    window.jobs()->setThreadCount(1);
    openDemo(window);
    qs::Document* document = window.document();
    document->setCalibrationFolder(demoPath("demo/calib"));
    document->setEvaluationFolder(demoPath("demo/eval"));
    QSignalSpy messages(window.jobs(), &qs::QuantizationJobs::message);
    REQUIRE(window.jobs()->evaluate() > 0);
    // An edit while the job runs: the job's result belongs to the old revision.
    window.strategyEditor()->applyPreset(qs::StrategyPreset::FirstLastFloat);
    window.taskRunner()->waitForIdle();
    CHECK_FALSE(document->evaluation());
    CHECK(messages.count() >= 1);
}

TEST_CASE("Invalid edits are refused with the reason and change nothing", "[widgets][studio][workflow]") {
    const IsolatedSettings settings;
    MainWindow window;
    openDemo(window);
    qs::Document* document = window.document();
    QSignalSpy rejected(window.strategyEditor(), &qs::StrategyEditor::rejected);
    const int count = document->undoStack()->count();
    window.strategyEditor()->keepFloat({QStringLiteral("no-such-layer")}, true);
    CHECK(rejected.count() == 1);
    CHECK(rejected.first().first().toString().contains("no-such-layer"));
    CHECK(document->undoStack()->count() == count);
    // A scheme that a kind does not allow is adjusted, never stored: 16-bit log becomes 8-bit log.
    const qs::QuantScheme log = qs::SetLayerSchemeCommand::edited(
        qs::QuantScheme{qs::SchemeKind::Uniform, 16, qs::Granularity::PerChannel, qs::RangeMode::Symmetric,
                        qs::Signedness::Signed},
        qs::TensorRole::Weight, qs::SchemeField::Kind, int(qs::SchemeKind::Log));
    CHECK(log.bits == 8);
    const qs::QuantScheme activation = qs::SetLayerSchemeCommand::edited(
        qs::QuantScheme{}, qs::TensorRole::Activation, qs::SchemeField::Bits, 12);
    CHECK(activation.bits == 16);
}
