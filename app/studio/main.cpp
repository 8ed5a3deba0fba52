// The studio: opens the model given on the command line, if any.
#include "mainwindow.h"
#include "strategyeditor.h"

#include "document.h"
#include "graphview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QTranslator>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Quantscope"));
    QApplication::setApplicationName(QStringLiteral("Quantscope"));
    QApplication::setApplicationVersion(QStringLiteral(QS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.png")));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("quantscope"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Post-training quantization studio for ONNX models."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("model"),
                                 QApplication::translate("main", "The .onnx file to open."));
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
    }
    return app.exec();
}
