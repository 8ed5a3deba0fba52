// The Chinese translation: the compiled .qm loads and translates the studio (and Qt's own translation comes
// with it where it is installed), and every progress stage core reports while the studio loads, scans,
// calibrates, evaluates and exports the demo model has a translated title.

#include "mainwindow.h"
#include "stagetitle.h"
#include "testsettings.h"
#include "uilanguage.h"

#include "data/imagefolder.h"
#include "fixtures/modelbuilder.h"
#include "model/onnxloader.h"
#include "quant/quantconfig.h"
#include "workflow/datainput.h"
#include "workflow/quantizationsession.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QTranslator>

#include <mutex>
#include <set>

namespace {

const std::string kDemo = QS_SOURCE_DIR "/resources/demo/";

/// Installs the zh_CN translators for the test's lifetime.
class ChineseInterface {
public:
    ChineseInterface()
        : m_installed(qs::installTranslators(*QCoreApplication::instance(), qs::interfaceLocale("zh_CN"),
                                             QStringLiteral(QS_QM_DIR))) {}
    ~ChineseInterface() {
        for (QTranslator* translator : m_installed) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    ChineseInterface(const ChineseInterface&) = delete;
    ChineseInterface& operator=(const ChineseInterface&) = delete;
    const QList<QTranslator*>& installed() const { return m_installed; }

private:
    QList<QTranslator*> m_installed;
};

} // namespace

TEST_CASE("The zh_CN translation translates the studio", "[widgets][translations]") {
    const qs::test::IsolatedSettings settings(QStringLiteral("translations"));
    const ChineseInterface chinese;
    REQUIRE_FALSE(chinese.installed().isEmpty());
    CHECK(chinese.installed().front()->language() == QStringLiteral("zh_CN"));
    CHECK(qs::MainWindow::tr("&File") == QString::fromUtf8("文件(&F)"));
    CHECK(QCoreApplication::translate("qs::LayerTableModel", "Granularity") == QString::fromUtf8("粒度"));
    CHECK(qs::stageTitle(std::string("Calibrating")) == QString::fromUtf8("校准"));
    CHECK(qs::stageTitle(QStringLiteral("Listing /data/calib")) == QString::fromUtf8("列出 /data/calib"));
    CHECK(qs::stageTitle(QStringLiteral("a stage no table knows")) ==
          QStringLiteral("a stage no table knows"));

    qs::MainWindow window;
    const QList<QAction*> menus = window.menuBar()->actions();
    REQUIRE_FALSE(menus.isEmpty());
    CHECK(menus.front()->text() == QString::fromUtf8("文件(&F)"));

    const QString qtBase =
        QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_zh_CN.qm");
    if (QFile::exists(qtBase)) {
        CHECK(chinese.installed().size() == 2);
        CHECK(QCoreApplication::translate("QPlatformTheme", "Cancel") == QString::fromUtf8("取消"));
    }
}

TEST_CASE("English and the system language need no translation unless it is Chinese",
          "[widgets][translations]") {
    CHECK(qs::installTranslators(*QCoreApplication::instance(), qs::interfaceLocale("en"),
                                 QStringLiteral(QS_QM_DIR))
              .isEmpty());
    CHECK(qs::interfaceLocale("system") == QLocale::system());
    CHECK(qs::interfaceLocale("") == QLocale::system());
    CHECK(qs::interfaceLocale("zh_CN").language() == QLocale::Chinese);
    CHECK(qs::stageTitle(QStringLiteral("Calibrating")) == QStringLiteral("Calibrating"));
}

TEST_CASE("Every progress stage core reports has a translated title", "[widgets][translations]") {
    std::mutex mutex;
    std::set<std::string> stages;
    const qs::ProgressCallback record = [&](double, const std::string& stage) {
        const std::lock_guard<std::mutex> lock(mutex);
        stages.insert(stage);
        return true;
    };

    qs::LoadResult loaded = qs::loadOnnxModel(kDemo + "model.onnx", qs::LoadOptions{}, record);
    const auto model = std::make_shared<const qs::Model>(std::move(loaded.model));
    const qs::QuantConfig config = qs::loadQuantConfig(QS_SOURCE_DIR "/resources/configs/demo-w8a8.json");
    qs::scanImageFolder(kDemo + "calib", qs::scanOptionsFor(config, true), record);
    qs::QuantizationSession session(model, qs::SessionOptions{1, {}});
    session.setConfig(config);
    session.calibrate(kDemo + "calib", qs::CalibrationScope::EveryCandidate, record);
    session.quantize(record);
    session.correctBiases(record);
    session.evaluate(kDemo + "eval", record);
    session.sensitivity(kDemo + "eval", 8, record);
    const qs::test::TempDir dir;
    session.exportModel(dir.file("demo-quantized.onnx"), qs::ExportOptions{}, record);

    const ChineseInterface chinese;
    REQUIRE_FALSE(chinese.installed().isEmpty());
    REQUIRE(stages.size() > 10);
    for (const std::string& stage : stages) {
        INFO("stage \"" << stage << "\": add it to app/studio/stagetitle.cpp and translate it");
        CHECK(qs::isKnownStage(QString::fromStdString(stage)));
        CHECK(qs::stageTitle(stage) != QString::fromStdString(stage));
    }
}
