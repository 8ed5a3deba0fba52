#include "chartexport.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <algorithm>

namespace qs {
namespace {

/// The translation context of the export words.
struct ChartExport {
    Q_DECLARE_TR_FUNCTIONS(qs::ChartExport)
};

bool writeSvg(QCustomPlot* plot, const QString& path) {
    const int width = plot->width();
    const int height = plot->height();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setTitle(plot->windowTitle());
    QCPPainter painter;
    if (!painter.begin(&generator))
        return false;
    plot->toPainter(&painter, width, height);
    return painter.end();
}

bool writeChart(QCustomPlot* plot, const QString& path, const QString& suffix) {
    if (suffix == QLatin1String("png"))
        return plot->savePng(path, 0, 0, std::max(1.0, plot->devicePixelRatioF()));
    if (suffix == QLatin1String("pdf"))
        return plot->savePdf(path);
    return writeSvg(plot, path);
}

void exportWithDialog(QCustomPlot* plot, QWidget* dialogParent, const QString& baseName,
                      const QString& suffix, const QString& filter) {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString proposed = QDir(folder).filePath(baseName + QLatin1Char('.') + suffix);
    QString path =
        QFileDialog::getSaveFileName(dialogParent, ChartExport::tr("Export Chart"), proposed, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    const QString error = exportChart(plot, path);
    if (!error.isEmpty())
        QMessageBox::warning(dialogParent, ChartExport::tr("Export Chart"), error);
}

} // namespace

QString exportChart(QCustomPlot* plot, const QString& path) {
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return ChartExport::tr("Cannot export the chart to %1: unknown format \"%2\". Choose a file name "
                               "ending in .png, .svg or .pdf.")
            .arg(QDir::toNativeSeparators(path), info.suffix());
    if (!info.absoluteDir().exists())
        return ChartExport::tr("Cannot export the chart to %1: the folder %2 does not exist. Choose an "
                               "existing folder.")
            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(info.absolutePath()));
    plot->replot(QCustomPlot::rpImmediateRefresh);
    if (!writeChart(plot, path, suffix) || QFileInfo(path).size() <= 0)
        return ChartExport::tr("Cannot write the chart to %1. Check that the folder is writable and the disk "
                               "is not full.")
            .arg(QDir::toNativeSeparators(path));
    return {};
}

void addChartExportActions(QMenu* menu, QCustomPlot* plot, QWidget* dialogParent, const QString& baseName) {
    struct Format {
        QString text;
        QString suffix;
        QString filter;
    };
    const Format formats[] = {
        {ChartExport::tr("Export as PNG…"), QStringLiteral("png"), ChartExport::tr("PNG image (*.png)")},
        {ChartExport::tr("Export as SVG…"), QStringLiteral("svg"), ChartExport::tr("SVG drawing (*.svg)")},
        {ChartExport::tr("Export as PDF…"), QStringLiteral("pdf"), ChartExport::tr("PDF document (*.pdf)")},
    };
    for (const Format& format : formats) {
        QAction* action = menu->addAction(format.text);
        action->setStatusTip(ChartExport::tr("Save this chart as it is shown"));
        QObject::connect(action, &QAction::triggered, plot, [=] {
            exportWithDialog(plot, dialogParent, baseName, format.suffix, format.filter);
        });
    }
}

void installChartExportMenu(QCustomPlot* plot, QWidget* dialogParent, const QString& baseName) {
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [=](const QPoint& pos) {
        QMenu menu(plot);
        addChartExportActions(&menu, plot, dialogParent, baseName);
        menu.exec(plot->mapToGlobal(pos));
    });
}

} // namespace qs
