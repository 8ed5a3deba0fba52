#include "chartstyle.h"

#include "palettecolors.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace qs {
namespace {

/// The translation context of the chart words shared by every chart.
struct ChartText {
    Q_DECLARE_TR_FUNCTIONS(qs::ChartText)
};

QString decibels(double value) {
    return ChartText::tr("%1 dB").arg(QLocale().toString(value, 'g', 3));
}

} // namespace

QColor errorBandQColor(ErrorBand band) {
    return QColor::fromRgb(QRgb(errorBandColor(band)));
}

QString errorBandName(ErrorBand band) {
    switch (band) {
    case ErrorBand::Good:
        return ChartText::tr("good");
    case ErrorBand::Fair:
        return ChartText::tr("fair");
    case ErrorBand::Poor:
        return ChartText::tr("poor");
    case ErrorBand::Bad:
        return ChartText::tr("bad");
    case ErrorBand::Unmeasured:
        break;
    }
    return ChartText::tr("not measured");
}

QString errorBandRange(ErrorBand band, const ErrorBands& bands) {
    switch (band) {
    case ErrorBand::Good:
        return ChartText::tr("≥ %1").arg(decibels(bands.goodSqnrDb));
    case ErrorBand::Fair:
        return ChartText::tr("%1–%2").arg(QLocale().toString(bands.fairSqnrDb, 'g', 3),
                                          decibels(bands.goodSqnrDb));
    case ErrorBand::Poor:
        return ChartText::tr("%1–%2").arg(QLocale().toString(bands.poorSqnrDb, 'g', 3),
                                          decibels(bands.fairSqnrDb));
    case ErrorBand::Bad:
        return ChartText::tr("< %1").arg(decibels(bands.poorSqnrDb));
    case ErrorBand::Unmeasured:
        break;
    }
    return {};
}

QString formatSqnrDb(double sqnrDb) {
    if (std::isnan(sqnrDb))
        return ChartText::tr("not measured");
    if (std::isinf(sqnrDb))
        return sqnrDb > 0 ? ChartText::tr("∞ dB") : ChartText::tr("−∞ dB");
    return ChartText::tr("%1 dB").arg(QLocale().toString(sqnrDb, 'f', 1));
}

QString formatPercent(double fraction) {
    return ChartText::tr("%1 %").arg(QLocale().toString(100.0 * fraction, 'f', 1));
}

void applyChartStyle(QCustomPlot* plot, const QWidget& source) {
    const QPalette& palette = source.palette();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    const QColor grid = blendColors(base, text, 0.2);
    const QFont font = source.font();
    plot->setFont(font);
    plot->setBackground(base);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->xAxis2, plot->yAxis2}) {
        axis->setBasePen(QPen(text, 0));
        axis->setTickPen(QPen(text, 0));
        axis->setSubTickPen(QPen(text, 0));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
        axis->grid()->setSubGridPen(QPen(blendColors(base, text, 0.1), 0, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(grid, 0));
    }
    plot->legend->setFont(font);
    plot->legend->setTextColor(text);
    plot->legend->setBrush(plot->legend->layout() == plot->plotLayout() ? QBrush(Qt::NoBrush) : QBrush(base));
    plot->legend->setBorderPen(plot->legend->layout() == plot->plotLayout() ? QPen(Qt::NoPen)
                                                                            : QPen(grid, 0));
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void placeLegendOutside(QCustomPlot* plot, LegendPlace place) {
    QCPLegend* legend = plot->legend;
    legend->setVisible(true);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->axisRect()->insetLayout()->take(legend);
    QCPLayoutGrid* layout = plot->plotLayout();
    layout->simplify();
    const int row = place == LegendPlace::AbovePlot ? 0 : layout->rowCount();
    layout->insertRow(row);
    layout->addElement(row, 0, legend);
    layout->setRowStretchFactor(row, 0.001);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setMargins(QMargins(4, 2, 4, 2));
}

} // namespace qs
