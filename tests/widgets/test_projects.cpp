// Projects in the studio: save and reopen restore the plan field by field and the results without a new
// calibration; a model that changed since is reported with the settings set aside; unsaved work survives a
// studio killed with SIGKILL and is offered back.

#include "document.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "mainwindow.h"
#include "modelloadtask.h"
#include "projectmanager.h"
#include "quantizationjobs.h"
#include "recentfiles.h"
#include "recoverystore.h"
#include "strategyeditor.h"
#include "taskrunner.h"
#include "workflow/quantizationsession.h"

#include "export/onnxwriter.h"
#include "model/onnxloader.h"
#include "quant/quantconfig.h"
#include "quant/quantplan.h"
#include "util/atomicfile.h"
#include "workflow/projectresults.h"

#include "../planchecks.h"
#include "testsettings.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>

using qs::MainWindow;

namespace {

QString demoPath(const char* relative) {
    return QString::fromUtf8(QS_SOURCE_DIR) + QStringLiteral("/resources/") + QString::fromUtf8(relative);
}

class IsolatedSettings : public qs::test::IsolatedSettings {
public:
    IsolatedSettings() : qs::test::IsolatedSettings(QStringLiteral("projects")) {}
};

void waitForModel(MainWindow& window) {
    window.document()->loadTask()->waitForFinished();
    QCoreApplication::processEvents();
    REQUIRE(window.document()->model());
}

/// The demo model with the demo config, one layer edited, and both data folders.
void prepareDemo(MainWindow& window, const QString& model) {
    window.openFile(model);
    waitForModel(window);
    window.strategyEditor()->loadConfigFile(demoPath("configs/demo-w8a8.json"));
    window.document()->setCalibrationFolder(demoPath("demo/calib"));
    window.document()->setEvaluationFolder(demoPath("demo/eval"));
    const QString layer = QString::fromStdString(window.document()->plan().layers[1].layer.nodeName);
    window.strategyEditor()->keepFloat({layer}, true);
}

/// Waits until `condition` holds (the engine runs jobs on other threads), at most `ms`.
template <typename Condition> bool waitUntil(Condition condition, int ms) {
    QElapsedTimer timer;
    timer.start();
    while (!condition() && timer.elapsed() < ms)
        QTest::qWait(50);
    return condition();
}

} // namespace

TEST_CASE("A saved project reopens with the same plan, folders and results, without calibrating again",
          "[studio][project]") {
    const IsolatedSettings settings;
    QTemporaryDir folder;
    const QString projectPath = folder.filePath(QStringLiteral("demo.qsproj"));
    qs::QuantPlan savedPlan;
    std::shared_ptr<const qs::CalibrationResult> savedCalibration;
    double savedTop1 = -1.0;
    {
        MainWindow window;
        window.jobs()->setThreadCount(1);
        prepareDemo(window, demoPath("demo/model.onnx"));
        qs::ProjectManager* projects = window.projectManager();
        CHECK(projects->isModified());
        CHECK(window.isWindowModified());
        window.jobs()->evaluate();
        window.taskRunner()->waitForIdle();
        REQUIRE(window.document()->evaluationIsCurrent());
        REQUIRE(window.document()->calibration());
        REQUIRE(window.saveProjectTo(projectPath));
        CHECK_FALSE(projects->isModified());
        CHECK_FALSE(window.isWindowModified());
        CHECK(projects->projectPath() == QFileInfo(projectPath).absoluteFilePath());
        CHECK(window.windowTitle().contains(QStringLiteral("demo")));
        CHECK(QFileInfo::exists(folder.filePath(QStringLiteral("demo.qsresults"))));
        savedPlan = window.document()->plan();
        savedCalibration = window.document()->calibration();
        savedTop1 = window.document()->evaluation()->candidateTop1.value_or(-1.0);
        CHECK_FALSE(window.saveProjectTo(demoPath("demo/model.onnx"))); // never over the model
    }

    MainWindow window;
    window.jobs()->setThreadCount(1);
    QSignalSpy opened(window.projectManager(), &qs::ProjectManager::opened);
    window.openFile(projectPath);
    waitForModel(window);
    REQUIRE(opened.count() == 1);
    CHECK(opened.first().at(1).toStringList().isEmpty());
    qs::Document* document = window.document();
    qs::test::requireSamePlan(document->plan(), savedPlan);
    CHECK(document->calibrationFolder() == demoPath("demo/calib"));
    CHECK(document->evaluationFolder() == demoPath("demo/eval"));
    REQUIRE(document->calibration());
    CHECK(document->calibration()->imageCount == savedCalibration->imageCount);
    CHECK(document->calibration()->histograms.size() == savedCalibration->histograms.size());
    REQUIRE(document->evaluationIsCurrent());
    CHECK(document->evaluation()->candidateTop1.value_or(-2.0) == savedTop1);
    CHECK_FALSE(window.projectManager()->isModified());
    CHECK(document->undoStack()->count() == 0);

    // Evaluating again uses the restored calibration (the session holds that very object: no new pass), and
    // the numbers agree.
    const std::shared_ptr<const qs::CalibrationResult> restored = document->calibration();
    window.jobs()->evaluate();
    window.taskRunner()->waitForIdle();
    REQUIRE(document->sessionSlot()->session);
    CHECK(document->sessionSlot()->session->calibration() == restored);
    CHECK(document->calibration() == restored);
    REQUIRE(document->evaluation());
    CHECK(document->evaluation()->candidateTop1.value_or(-2.0) == Approx(savedTop1));

    SECTION("an edit makes the project modified; undoing it makes it saved again") {
        CHECK(window.projectManager()->isModified()); // the new evaluation is not saved yet
        REQUIRE(window.saveProject());
        CHECK_FALSE(window.projectManager()->isModified());
        const QString layer = QString::fromStdString(document->plan().layers[0].layer.nodeName);
        window.strategyEditor()->keepFloat({layer}, true);
        CHECK(window.projectManager()->isModified());
        document->undoStack()->undo();
        CHECK_FALSE(window.projectManager()->isModified());
    }
    SECTION("another evaluation folder makes the shown evaluation stale, and it is not saved as current") {
        document->setEvaluationFolder(demoPath("demo/calib"));
        CHECK(document->evaluation());
        CHECK_FALSE(document->evaluationIsCurrent());
        CHECK(window.projectManager()->isModified());
    }
    SECTION("closing with unsaved changes asks, and Cancel keeps the window open") {
        window.strategyEditor()->keepFloat(
            {QString::fromStdString(document->plan().layers[0].layer.nodeName)}, true);
        int asked = 0;
        window.setSaveQuestion([&] {
            ++asked;
            return QMessageBox::Cancel;
        });
        CHECK_FALSE(window.close());
        CHECK(asked == 1);
        window.setSaveQuestion([&] {
            ++asked;
            return QMessageBox::Discard;
        });
        CHECK(window.maybeSave());
        CHECK(asked == 2);
    }
}

TEST_CASE("A project dropped on the window opens", "[studio][project]") {
    const IsolatedSettings settings;
    QTemporaryDir folder;
    const QString projectPath = folder.filePath(QStringLiteral("dropped.qsproj"));
    {
        MainWindow window;
        prepareDemo(window, demoPath("demo/model.onnx"));
        REQUIRE(window.saveProjectTo(projectPath));
    }
    MainWindow window;
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(projectPath)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    waitForModel(window);
    CHECK(window.projectManager()->projectPath() == QFileInfo(projectPath).absoluteFilePath());
    CHECK(window.document()->strategy().floatLayers.size() == 1);
    CHECK(window.recentFiles()->files().contains(QFileInfo(projectPath).absoluteFilePath()));
}

TEST_CASE("A model that changed since the project was saved is reported, with its missing layers listed",
          "[studio][project]") {
    const IsolatedSettings settings;
    QTemporaryDir folder;
    const QString model = folder.filePath(QStringLiteral("model.onnx"));
    REQUIRE(QFile::copy(demoPath("demo/model.onnx"), model));
    const QString projectPath = folder.filePath(QStringLiteral("p.qsproj"));
    QString editedLayer;
    {
        MainWindow window;
        prepareDemo(window, model);
        editedLayer = QString::fromStdString(window.document()->plan().layers[1].layer.nodeName);
        REQUIRE(window.saveProjectTo(projectPath));
    }
    // The model is exported again with that layer renamed.
    qs::Model changed = qs::loadOnnxModel(model.toStdString()).model;
    for (qs::Node& node : changed.graph.nodes)
        if (node.name == editedLayer.toStdString())
            node.name = "renamed_layer";
    qs::writeFileAtomically(model.toStdString(), qs::serializeOnnxModel(changed));

    MainWindow window;
    QSignalSpy differs(window.projectManager(), &qs::ProjectManager::modelDiffers);
    QSignalSpy opened(window.projectManager(), &qs::ProjectManager::opened);
    // The warning box is modal; answer it as soon as it shows.
    QTimer closer;
    QObject::connect(&closer, &QTimer::timeout, [] {
        if (QWidget* box = QApplication::activeModalWidget())
            box->close();
    });
    closer.start(50);
    window.openFile(projectPath);
    waitForModel(window);
    waitUntil([&] { return opened.count() == 1; }, 20000);
    REQUIRE(differs.count() == 1);
    CHECK(differs.first().at(1).toStringList() == QStringList{editedLayer});
    REQUIRE(opened.count() == 1);
    CHECK(opened.first().at(1).toStringList().join(QLatin1Char(' ')).contains(editedLayer));
    CHECK(window.document()->plan().findLayer("renamed_layer") != nullptr);
    CHECK(window.document()->strategy().floatLayers.empty());
    CHECK(window.projectManager()->isModified());       // the set-aside settings are not saved yet
    CHECK(window.document()->calibration() == nullptr); // results of the old model are not reused
}

TEST_CASE("Unsaved work survives a studio killed with SIGKILL and is restored at the next start",
          "[studio][project][recovery]") {
    const IsolatedSettings settings;
    QTemporaryDir home;
    const QString configHome = home.filePath(QStringLiteral("config"));
    const QString dataHome = home.filePath(QStringLiteral("data"));
    QDir().mkpath(configHome + QStringLiteral("/Quantscope"));
    {
        QFile conf(configHome + QStringLiteral("/Quantscope/Quantscope.conf"));
        REQUIRE(conf.open(QIODevice::WriteOnly));
        conf.write("[autosave]\nintervalSeconds=1\n");
    }
    QProcess studio;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    studio.setProcessEnvironment(environment);
    studio.start(QStringLiteral(QS_STUDIO_BINARY), {demoPath("demo/model.onnx"), QStringLiteral("--config"),
                                                    demoPath("configs/demo-codebook4.json"),
                                                    QStringLiteral("--calib"), demoPath("demo/calib")});
    REQUIRE(studio.waitForStarted(20000));
    const QString recoveryFolder = dataHome + QStringLiteral("/Quantscope/Quantscope/recovery");
    const bool autosaved = waitUntil(
        [&] { return !QDir(recoveryFolder).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty(); },
        60000);
    studio.kill(); // SIGKILL: no chance to clean up
    studio.waitForFinished(10000);
    INFO(studio.readAllStandardError().toStdString());
    REQUIRE(autosaved);

    const qs::RecoveryStore store(recoveryFolder);
    const QList<qs::RecoveryEntry> entries = store.abandoned();
    REQUIRE(entries.size() == 1);
    CHECK(entries.first().modelPath == demoPath("demo/model.onnx"));
    CHECK(entries.first().originalProject.isEmpty());

    MainWindow window;
    REQUIRE(window.projectManager()->restore(entries.first()));
    waitForModel(window);
    const qs::QuantConfig expected =
        qs::loadQuantConfig(demoPath("configs/demo-codebook4.json").toStdString());
    qs::test::requireSamePlan(window.document()->plan(),
                              qs::buildQuantPlan(window.document()->model()->graph, expected));
    CHECK(window.document()->calibrationFolder() == demoPath("demo/calib"));
    CHECK(window.projectManager()->isModified()); // restored work is unsaved until saved
    CHECK(window.projectManager()->projectPath().isEmpty());
    CHECK(store.abandoned().isEmpty()); // offered once
}

TEST_CASE("A running studio's autosave is not offered to another one", "[studio][project][recovery]") {
    const IsolatedSettings settings;
    QTemporaryDir folder;
    MainWindow window;
    qs::ProjectManager manager(window.document(), folder.path());
    manager.setAutosaveInterval(0);
    window.openFile(demoPath("demo/model.onnx"));
    waitForModel(window);
    CHECK_FALSE(manager.autosaveNow()); // nothing unsaved yet
    window.strategyEditor()->loadConfigFile(demoPath("configs/demo-w8a8.json"));
    REQUIRE(manager.isModified());
    REQUIRE(manager.autosaveNow());
    CHECK(QFileInfo::exists(manager.recovery()->projectFile()));
    const qs::RecoveryStore other(folder.path());
    CHECK(other.abandoned().isEmpty());
    REQUIRE(manager.saveTo(folder.filePath(QStringLiteral("saved.qsproj"))));
    CHECK_FALSE(manager.isModified());
    CHECK_FALSE(QFileInfo::exists(manager.recovery()->projectFile())); // saved work needs no recovery
}
