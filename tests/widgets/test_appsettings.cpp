// Preferences: AppSettings' keys, defaults and round trip, the Preferences dialog writing them, and the
// studio applying them (engine threads for the next job, the weak-layer threshold, the default folders).

#include "appsettings.h"
#include "datapanel.h"
#include "document.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "mainwindow.h"
#include "modelloadtask.h"
#include "quantizationjobs.h"
#include "settingsdialog.h"
#include "strategyeditor.h"
#include "taskrunner.h"
#include "testsettings.h"
#include "tinymodel.h"

#include "workflow/quantizationsession.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

using qs::AppSettings;
using qs::MainWindow;

namespace {

class PreferenceSettings : public qs::test::IsolatedSettings {
public:
    PreferenceSettings() : qs::test::IsolatedSettings(QStringLiteral("preferences")) {}
};

QString demoPath(const char* relative) {
    return QString::fromUtf8(QS_SOURCE_DIR) + QStringLiteral("/resources/") + QString::fromUtf8(relative);
}

/// Runs `open` (which shows a modal file dialog) and returns the folder the dialog started in; the dialog is
/// cancelled.
QString startFolderOf(const std::function<void()>& open) {
    QString folder;
    auto* poll = new QTimer;
    int attempts = 0;
    QObject::connect(poll, &QTimer::timeout, poll, [&] {
        if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) {
            folder = dialog->directory().absolutePath();
            dialog->reject();
        } else if (++attempts > 200) {
            if (QWidget* modal = QApplication::activeModalWidget())
                modal->close();
        }
    });
    poll->start(10);
    open();
    delete poll;
    return folder;
}

} // namespace

TEST_CASE("AppSettings has its defaults and keeps what was set", "[widgets][studio][settings]") {
    const PreferenceSettings isolated;
    AppSettings settings;
    CHECK(settings.threadCount() == 0);
    CHECK(settings.language() == "system");
    CHECK(settings.theme() == "system");
    CHECK(settings.weakLayerSqnrDb() == 20.0);
    CHECK(settings.sensitivityImages() == 64);
    CHECK(settings.modelsFolder().isEmpty());
    CHECK(settings.dataFolder().isEmpty());
    CHECK(settings.outputFolder().isEmpty());

    QSignalSpy changed(&settings, &AppSettings::changed);
    QSignalSpy themeChanged(&settings, &AppSettings::themeChanged);
    settings.setThreadCount(3);
    settings.setLanguage("zh_CN");
    settings.setTheme("dark");
    settings.setWeakLayerSqnrDb(27.5);
    settings.setSensitivityImages(16);
    settings.setModelsFolder("/tmp/models/");
    settings.setDataFolder("/tmp/data");
    settings.setOutputFolder("/tmp/out");
    CHECK(changed.count() == 8);
    REQUIRE(themeChanged.count() == 1);
    CHECK(themeChanged.first().first().toString() == "dark");

    SECTION("under the keys other parts of the studio read") {
        const QSettings raw;
        CHECK(raw.value("engine/threads").toInt() == 3);
        CHECK(raw.value("ui/language").toString() == "zh_CN");
        CHECK(raw.value("ui/theme").toString() == "dark");
        CHECK(raw.value("analysis/weakLayerSqnrDb").toDouble() == 27.5);
        CHECK(raw.value("analysis/sensitivityImages").toInt() == 16);
        CHECK(raw.value("folders/models").toString() == "/tmp/models");
        CHECK(raw.value("folders/data").toString() == "/tmp/data");
        CHECK(raw.value("folders/output").toString() == "/tmp/out");
    }

    SECTION("and another instance reads them back") {
        const AppSettings other;
        CHECK(other.threadCount() == 3);
        CHECK(other.language() == "zh_CN");
        CHECK(other.theme() == "dark");
        CHECK(other.weakLayerSqnrDb() == 27.5);
        CHECK(other.sensitivityImages() == 16);
        CHECK(other.modelsFolder() == "/tmp/models");
        CHECK(other.dataFolder() == "/tmp/data");
        CHECK(other.outputFolder() == "/tmp/out");
    }

    SECTION("setting the same value again changes nothing") {
        settings.setThreadCount(3);
        settings.setTheme("dark");
        settings.setOutputFolder("/tmp/out");
        CHECK(changed.count() == 8);
        CHECK(themeChanged.count() == 1);
    }

    SECTION("values out of range are brought into range") {
        settings.setThreadCount(-4);
        settings.setLanguage("klingon");
        settings.setTheme("sepia");
        settings.setWeakLayerSqnrDb(-3.0);
        settings.setSensitivityImages(0);
        CHECK(settings.threadCount() == 0);
        CHECK(settings.language() == "system");
        CHECK(settings.theme() == "system");
        CHECK(settings.weakLayerSqnrDb() == 0.0);
        CHECK(settings.sensitivityImages() == 1);
        QSettings().setValue("analysis/weakLayerSqnrDb", "not a number");
        CHECK(settings.weakLayerSqnrDb() == 20.0);
    }

    SECTION("Restore defaults forgets every preference") {
        settings.restoreDefaults();
        CHECK(changed.count() == 9);
        CHECK(themeChanged.count() == 2);
        CHECK(settings.threadCount() == 0);
        CHECK(settings.theme() == "system");
        CHECK(settings.sensitivityImages() == 64);
        CHECK(settings.dataFolder().isEmpty());
        CHECK_FALSE(QSettings().contains("engine/threads"));
    }
}

TEST_CASE("The Preferences dialog writes its controls on OK only", "[widgets][studio][settings]") {
    const PreferenceSettings isolated;
    AppSettings settings;
    settings.setSensitivityImages(32);
    qs::SettingsDialog dialog(&settings);
    CHECK(dialog.sensitivityImagesBox()->value() == 32);
    CHECK(dialog.threadsBox()->maximum() == std::max(1, QThread::idealThreadCount()));
    CHECK(dialog.threadsBox()->minimum() == 0);

    dialog.threadsBox()->setValue(1);
    dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData("en"));
    dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData("light"));
    dialog.weakLayerSqnrBox()->setValue(12.5);
    dialog.sensitivityImagesBox()->setValue(100);
    dialog.modelsFolderEdit()->setText("/data/models");
    dialog.dataFolderEdit()->setText("/data/images");
    dialog.outputFolderEdit()->setText("/data/exports");

    SECTION("OK stores every value") {
        dialog.buttons()->button(QDialogButtonBox::Ok)->click();
        CHECK(dialog.result() == QDialog::Accepted);
        CHECK(settings.threadCount() == 1);
        CHECK(settings.language() == "en");
        CHECK(settings.theme() == "light");
        CHECK(settings.weakLayerSqnrDb() == 12.5);
        CHECK(settings.sensitivityImages() == 100);
        CHECK(settings.modelsFolder() == "/data/models");
        CHECK(settings.dataFolder() == "/data/images");
        CHECK(settings.outputFolder() == "/data/exports");

        qs::SettingsDialog again(&settings);
        CHECK(again.threadsBox()->value() == 1);
        CHECK(again.themeBox()->currentData().toString() == "light");
        CHECK(again.weakLayerSqnrBox()->value() == 12.5);
        CHECK(again.outputFolderEdit()->text() == QDir::toNativeSeparators("/data/exports"));
    }

    SECTION("Cancel stores nothing") {
        dialog.buttons()->button(QDialogButtonBox::Cancel)->click();
        CHECK(dialog.result() == QDialog::Rejected);
        CHECK(settings.threadCount() == 0);
        CHECK(settings.theme() == "system");
        CHECK(settings.sensitivityImages() == 32);
        CHECK(settings.modelsFolder().isEmpty());
    }

    SECTION("Restore Defaults resets the controls, and OK then the settings") {
        dialog.buttons()->button(QDialogButtonBox::RestoreDefaults)->click();
        CHECK(dialog.threadsBox()->value() == 0);
        CHECK(dialog.themeBox()->currentData().toString() == "system");
        CHECK(dialog.weakLayerSqnrBox()->value() == 20.0);
        CHECK(dialog.sensitivityImagesBox()->value() == 64);
        CHECK(dialog.dataFolderEdit()->text().isEmpty());
        CHECK(settings.sensitivityImages() == 32);
        dialog.accept();
        CHECK(settings.sensitivityImages() == 64);
    }

    SECTION("every control explains itself") {
        for (const QWidget* widget : dialog.findChildren<QWidget*>()) {
            if (qobject_cast<const QAbstractSpinBox*>(widget) || qobject_cast<const QComboBox*>(widget) ||
                qobject_cast<const QLineEdit*>(widget) || qobject_cast<const QAbstractButton*>(widget)) {
                const QWidget* parent = widget->parentWidget();
                if (qobject_cast<const QAbstractSpinBox*>(parent) || qobject_cast<const QComboBox*>(parent) ||
                    qobject_cast<const QLineEdit*>(parent))
                    continue; // part of a control (a spin box's editor, a line edit's clear button)
                INFO(widget->metaObject()->className() << " " << widget->objectName().toStdString());
                CHECK_FALSE(widget->toolTip().isEmpty());
            }
        }
    }
}

TEST_CASE("The studio applies the preferences", "[widgets][studio][settings]") {
    const PreferenceSettings isolated;
    MainWindow window;

    SECTION("engine threads go to the jobs") {
        CHECK(window.jobs()->threadCount() == 0);
        window.appSettings()->setThreadCount(2);
        CHECK(window.jobs()->threadCount() == 2);
    }

    SECTION("the weak-layer threshold goes to the Layers table") {
        qs::LayerTableModel* table = window.layersPanel()->tableModel();
        CHECK(table->weakSqnrThresholdDb() == 20.0);
        window.document()->setModel(qs::test::makeTinyCnn(), QString());
        QMap<QString, qs::LayerTableModel::LayerNumbers> numbers;
        numbers["conv1"].sqnrDb = 15.0;
        numbers["conv2"].sqnrDb = 25.0;
        table->setNumbers(numbers, false);
        const int conv1 = table->rowOfNode("conv1");
        const int conv2 = table->rowOfNode("conv2");
        const int fc = table->rowOfNode("fc");
        const auto marked = [table](int row) {
            return table->index(row, qs::LayerTableModel::SqnrColumn).data(Qt::BackgroundRole).isValid();
        };
        CHECK(marked(conv1));
        CHECK_FALSE(marked(conv2));
        CHECK_FALSE(marked(fc)); // not measured
        QSignalSpy dataChanged(table, &QAbstractItemModel::dataChanged);
        window.appSettings()->setWeakLayerSqnrDb(30.0);
        CHECK(table->weakSqnrThresholdDb() == 30.0);
        CHECK(dataChanged.count() == 1);
        CHECK(marked(conv1));
        CHECK(marked(conv2));
        window.appSettings()->setWeakLayerSqnrDb(10.0);
        CHECK_FALSE(marked(conv1));
        CHECK_FALSE(table->isWeak(conv1));
    }

    SECTION("the folder choosers start in the default folders") {
        QTemporaryDir models;
        QTemporaryDir data;
        window.appSettings()->setModelsFolder(models.path());
        window.appSettings()->setDataFolder(data.path());
        QAction* openAction = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->shortcut() == QKeySequence(QKeySequence::Open))
                openAction = action;
        REQUIRE(openAction);
        CHECK(startFolderOf([openAction] { openAction->trigger(); }) == QDir(models.path()).absolutePath());
        window.document()->setModel(qs::test::makeTinyCnn(), QString());
        CHECK(startFolderOf([&window] { window.dataPanel()->chooseFolder(true); }) ==
              QDir(data.path()).absolutePath());

        window.appSettings()->setDataFolder(QString());
        window.document()->setCalibrationFolder(models.path());
        CHECK(startFolderOf([&window] { window.dataPanel()->chooseFolder(true); }) ==
              QDir(models.path()).absolutePath());
    }
}

TEST_CASE("A new thread count applies from the next job, keeping the calibration",
          "[widgets][studio][settings][workflow]") {
    const PreferenceSettings isolated;
    MainWindow window;
    window.openFile(demoPath("demo/model.onnx"));
    window.document()->loadTask()->waitForFinished();
    REQUIRE(window.document()->model());
    window.strategyEditor()->loadConfigFile(demoPath("configs/demo-w8a8.json"));
    window.document()->setCalibrationFolder(demoPath("demo/calib"));
    window.document()->setEvaluationFolder(demoPath("demo/eval"));

    window.appSettings()->setThreadCount(1);
    REQUIRE(window.jobs()->calibrate() != 0);
    window.appSettings()->setThreadCount(2); // while the calibration is queued or running
    window.taskRunner()->waitForIdle();
    const std::shared_ptr<qs::SessionSlot> slot = window.document()->sessionSlot();
    REQUIRE(slot->session);
    CHECK(slot->session->executor().threadCount() == 1); // the running job kept its threads
    const std::shared_ptr<const qs::CalibrationResult> calibration = window.document()->calibration();
    REQUIRE(calibration);
    const qs::QuantizationSession* first = slot->session.get();

    REQUIRE(window.jobs()->evaluate() != 0);
    window.taskRunner()->waitForIdle();
    REQUIRE(window.document()->evaluation());
    CHECK(slot->session.get() != first);
    CHECK(slot->session->executor().threadCount() == 2);
    CHECK(slot->session->calibration() == calibration); // moved over, not measured again
    CHECK(window.document()->calibration() == calibration);
}
