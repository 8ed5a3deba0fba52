// The studio: opens the model given on the command line, if any.
#include "appsettings.h"
#include "apptheme.h"
#include "mainwindow.h"
#include "strategyeditor.h"
#include "uilanguage.h"

#include "document.h"
#include "graphview.h"

#include "util/atomicfile.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QSettings>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv) {
    qs::removeTemporaryFilesOnSignals(); // an export stopped by SIGTERM leaves no temporary file
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Quantscope"));
    QApplication::setApplicationName(QStringLiteral("Quantscope"));
    QApplication::setApplicationVersion(QStringLiteral(QS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.svg")));
    qs::applyTheme(qs::themeSetting());

    // The language follows the system unless the settings choose one; the studio's .qm files are under
    // :/i18n.
    const QString language = QSettings().value(QLatin1String(qs::AppSettings::kLanguageKey)).toString();
    const QLocale locale = qs::interfaceLocale(language);
    if (!language.isEmpty() && language != QLatin1String("system"))
        QLocale::setDefault(locale);
    qs::installTranslators(app, locale, QStringLiteral(":/i18n"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Post-training quantization studio for ONNX models."));
    parser.addHelpOption();
    // Printed as "quantscope <version>", the same form as quantscope-cli's.
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QApplication::translate("main", "Displays version information."));
    parser.addOption(versionOption);
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QApplication::translate("main", "The .onnx model or .qsproj project to open."));
    const QCommandLineOption selectOption(QStringLiteral("select"),
                                          QApplication::translate("main", "Select node <name> once loaded."),
                                          QStringLiteral("name"));
    parser.addOption(selectOption);
    const QCommandLineOption configOption(
        QStringLiteral("config"), QApplication::translate("main", "Load the quantization config <file>."),
        QStringLiteral("file"));
    const QCommandLineOption calibOption(
        QStringLiteral("calib"), QApplication::translate("main", "Use <folder> as calibration images."),
        QStringLiteral("folder"));
    const QCommandLineOption evalOption(QStringLiteral("eval"),
                                        QApplication::translate("main", "Use <folder> as evaluation images."),
                                        QStringLiteral("folder"));
    parser.addOptions({configOption, calibOption, evalOption});
    parser.process(app);
    if (parser.isSet(versionOption)) {
        std::fputs("quantscope " QS_VERSION "\n", stdout);
        return 0;
    }

    qs::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        const QString node = parser.value(selectOption);
        if (!node.isEmpty()) {
            QObject::connect(
                window.document(), &qs::Document::modelChanged, &window,
                [&window, node] {
                    QObject::connect(
                        window.graphView(), &qs::GraphView::layoutFinished, &window,
                        [&window, node] { window.document()->setSelection(node); }, Qt::SingleShotConnection);
                },
                Qt::SingleShotConnection);
        }
        const QString config = parser.value(configOption);
        const QString calib = parser.value(calibOption);
        const QString eval = parser.value(evalOption);
        QObject::connect(
            window.document(), &qs::Document::modelChanged, &window,
            [&window, config, calib, eval] {
                if (!config.isEmpty())
                    window.strategyEditor()->loadConfigFile(config);
                if (!calib.isEmpty())
                    window.document()->setCalibrationFolder(calib);
                if (!eval.isEmpty())
                    window.document()->setEvaluationFolder(eval);
            },
            Qt::SingleShotConnection);
        window.openFile(parser.positionalArguments().first());
    } else {
        QTimer::singleShot(0, &window, &qs::MainWindow::offerRecovery);
    }
    return app.exec();
}
