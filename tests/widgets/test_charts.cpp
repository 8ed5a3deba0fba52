// The result charts built from plain data: the layer error bars sorted worst first and coloured by band, the
// accuracy bars with their change texts, the size-accuracy Pareto chart, clicks reported through signals,
// hover texts, export to PNG, SVG and PDF, and rendering with the band colours.

#include "accuracychart.h"
#include "chartexport.h"
#include "chartimages.h"
#include "layererrorchart.h"
#include "paretochart.h"

#include <catch2/catch.hpp>

#include <qcustomplot.h>

#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <cmath>
#include <limits>

using qs::LayerErrorChart;
using Series = qs::LayerErrorChart::Series;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The band colours spelled out (the colour-blind-safe ramp), so that a change of the shared table is noticed.
const QColor goodBlue(0x00, 0x72, 0xB2);
const QColor fairYellow(0xE6, 0xC2, 0x29);
const QColor poorOrange(0xE6, 0x9F, 0x00);
const QColor badVermillion(0xD5, 0x5E, 0x00);

/// Five layers in model order; worst first by cumulative SQNR they are conv3, fc, conv1, conv2, then head
/// (no cumulative value).
QVector<qs::LayerErrorRow> fiveLayers() {
    return {
        {"conv1", 25.0, 15.0}, {"head", kNaN, 40.0}, {"conv3", 8.0, kNaN},
        {"conv2", 35.0, 33.0}, {"fc", 18.0, 22.0},
    };
}

/// (key, value) pairs of bars, by key.
QVector<QPair<double, double>> barData(const QCPBars* bars) {
    QVector<QPair<double, double>> data;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        data.push_back({it->key, it->value});
    return data;
}

QVector<QPair<double, double>> graphData(const QCPGraph* graph) {
    QVector<QPair<double, double>> data;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        data.push_back({it->key, it->value});
    return data;
}

void showAndLayOut(QWidget& widget, QCustomPlot* plot, int width, int height) {
    widget.resize(width, height);
    widget.show();
    REQUIRE(QTest::qWaitForWindowExposed(&widget));
    plot->replot(QCustomPlot::rpImmediateRefresh);
}

/// Pixel of the middle of the bar of `row` of a horizontal bar chart: half way along the value, at the
/// row's key shifted by `keyOffset` rows.
QPoint barPixel(const QCustomPlot* plot, int row, double value, double keyOffset = 0.0) {
    return QPoint(int(std::lround(plot->xAxis->coordToPixel(0.5 * value))),
                  int(std::lround(plot->yAxis->coordToPixel(row + keyOffset))));
}

qs::ParetoPoint point(const char* label, double megabytes, double accuracy, int id) {
    return {label, qint64(megabytes * 1024 * 1024), accuracy, id};
}

/// A: 100 MiB 76 %, B: 50 MiB 75 %, C: 25 MiB 70 %, D: 60 MiB 74 % (beaten by B), E: 25 MiB 60 % (beaten by
/// C), F: no accuracy (left out). Front by size: C, B, A.
QVector<qs::ParetoPoint> variants() {
    return {point("float", 100, 0.76, 1),      point("int8", 50, 0.75, 2),
            point("int4", 25, 0.70, 3),        point("int8 minmax", 60, 0.74, 4),
            point("int4 minmax", 25, 0.60, 5), point("broken", 10, kNaN, 6)};
}

} // namespace

TEST_CASE("LayerErrorChart plots both series worst first, NaN last and not drawn", "[charts]") {
    LayerErrorChart chart;
    CHECK(chart.isEmpty());
    CHECK_FALSE(chart.emptyText().isEmpty());
    chart.setRows(fiveLayers());
    CHECK_FALSE(chart.isEmpty());

    CHECK(chart.layerNames() == QStringList{"conv3", "fc", "conv1", "conv2", "head"});
    CHECK(barData(chart.bars(Series::Cumulative)) ==
          QVector<QPair<double, double>>{{0, 8.0}, {1, 18.0}, {2, 25.0}, {3, 35.0}});
    CHECK(barData(chart.bars(Series::Isolated)) ==
          QVector<QPair<double, double>>{{1, 22.0}, {2, 15.0}, {3, 33.0}, {4, 40.0}});
    const QVector<double> cumulative = chart.plottedValues(Series::Cumulative);
    REQUIRE(cumulative.size() == 5);
    CHECK(cumulative[0] == 8.0);
    CHECK(std::isnan(cumulative[4]));
    CHECK(std::isnan(chart.plottedValues(Series::Isolated)[0]));

    CHECK(chart.barColor(Series::Cumulative, 0) == badVermillion);
    CHECK(chart.barColor(Series::Cumulative, 1) == poorOrange);
    CHECK(chart.barColor(Series::Cumulative, 2) == fairYellow);
    CHECK(chart.barColor(Series::Cumulative, 3) == goodBlue);
    CHECK_FALSE(chart.barColor(Series::Cumulative, 4).isValid());
    // The isolated bars are a tint of their band colour: fc's 22 dB is fair, conv1's 15 dB poor.
    const QColor fcIsolated = chart.barColor(Series::Isolated, 1);
    CHECK(fcIsolated != fairYellow);
    CHECK(fcIsolated.hue() == Approx(fairYellow.hue()).margin(4));
    CHECK(chart.barColor(Series::Isolated, 2).hue() == Approx(poorOrange.hue()).margin(4));

    CHECK(chart.isSeriesShown(Series::Isolated));
    CHECK(chart.bars(Series::Isolated)->visible());
    CHECK(chart.plot()->legend->itemCount() == 2);
}

TEST_CASE("LayerErrorChart with only cumulative values hides the isolated series and its legend entry",
          "[charts]") {
    LayerErrorChart chart;
    chart.setRows({{"a", 12.0, kNaN}, {"b", 4.0, kNaN}, {"c", 31.0, kNaN}});
    CHECK(chart.layerNames() == QStringList{"b", "a", "c"});
    CHECK_FALSE(chart.isSeriesShown(Series::Isolated));
    CHECK_FALSE(chart.bars(Series::Isolated)->visible());
    CHECK(chart.bars(Series::Isolated)->data()->isEmpty());
    CHECK(chart.plot()->legend->itemCount() == 1);
    CHECK(chart.plot()->legend->hasItemWithPlottable(chart.bars(Series::Cumulative)));
    CHECK(chart.toolTipAt(QPointF(-1, -1)).isEmpty());

    chart.setRows(fiveLayers());
    CHECK(chart.isSeriesShown(Series::Isolated));
    CHECK(chart.plot()->legend->itemCount() == 2);
    chart.clear("no layers");
    CHECK(chart.isEmpty());
    CHECK(chart.emptyText() == "no layers");
    CHECK(chart.rowCount() == 0);
}

TEST_CASE("LayerErrorChart shows hundreds of layers a screenful at a time", "[charts]") {
    QVector<qs::LayerErrorRow> rows;
    for (int i = 0; i < 200; ++i)
        rows.push_back({QStringLiteral("layer%1").arg(i), double(i) * 0.25, kNaN});
    LayerErrorChart chart;
    chart.setRows(rows);
    showAndLayOut(chart, chart.plot(), 600, 900);
    chart.setVisibleRowCount(30);

    const int shown = chart.visibleRowCount();
    CHECK(shown > 5);
    CHECK(shown <= 30);
    CHECK(chart.firstVisibleRow() == 0);
    CHECK(chart.plot()->yAxis->range().size() == Approx(shown));
    CHECK(chart.plot()->yAxis->range().lower == Approx(-0.5));

    chart.scrollToRow(100);
    CHECK(chart.firstVisibleRow() == 100);
    CHECK(chart.plot()->yAxis->range().lower == Approx(99.5));

    QWheelEvent wheel(QPointF(100, 100), chart.plot()->mapToGlobal(QPointF(100, 100)), QPoint(),
                      QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(chart.plot(), &wheel);
    CHECK(chart.firstVisibleRow() == 103);

    chart.setSelectedLayer("layer170");
    CHECK(chart.selectedLayer() == "layer170");
    CHECK(chart.firstVisibleRow() <= 170);
    CHECK(170 < chart.firstVisibleRow() + chart.visibleRowCount());
    chart.setSelectedLayer("no such layer");
    CHECK(chart.selectedLayer().isEmpty());

    // A low plot shows fewer rows than asked for, so that the names stay readable.
    chart.resize(600, 260);
    QCoreApplication::processEvents();
    CHECK(chart.visibleRowCount() < shown);
}

TEST_CASE("Clicking a layer error bar reports its layer", "[charts]") {
    LayerErrorChart chart;
    chart.setRows(fiveLayers());
    showAndLayOut(chart, chart.plot(), 700, 500);
    QSignalSpy clicked(&chart, &LayerErrorChart::layerClicked);
    QCustomPlot* plot = chart.plot();

    // conv1 is row 2 (25 dB cumulative, 15 dB isolated): the two bars lie above and below the row's centre.
    QTest::mouseClick(plot, Qt::LeftButton, {}, barPixel(plot, 2, 15.0, -0.2));
    QTest::mouseClick(plot, Qt::LeftButton, {}, barPixel(plot, 2, 15.0, 0.2));
    REQUIRE(clicked.count() == 2);
    CHECK(clicked.at(0).at(0).toString() == "conv1");
    CHECK(clicked.at(1).at(0).toString() == "conv1");
    CHECK(chart.selectedLayer() == "conv1");

    // conv3 (row 0, 8 dB): clicking past the end of its bar reports nothing.
    const QPoint pastEnd(int(plot->xAxis->coordToPixel(30.0)), int(plot->yAxis->coordToPixel(0.0)));
    QTest::mouseClick(plot, Qt::LeftButton, {}, pastEnd);
    CHECK(clicked.count() == 2);
    QTest::mouseClick(plot, Qt::LeftButton, {}, barPixel(plot, 0, 8.0, -0.2));
    REQUIRE(clicked.count() == 3);
    CHECK(clicked.at(2).at(0).toString() == "conv3");

    const QString tip = chart.toolTipAt(barPixel(plot, 1, 18.0, -0.2));
    CHECK(tip.contains("fc"));
    CHECK(tip.contains("18"));
    CHECK(tip.contains("22"));
    CHECK(chart.toolTipAt(pastEnd).isEmpty());
}

TEST_CASE("AccuracyChart plots float and quantized side by side with the change in points", "[charts]") {
    qs::AccuracyChart chart;
    CHECK(chart.isEmpty());
    qs::AccuracyChartData data;
    data.referenceTop1 = 0.761;
    data.candidateTop1 = 0.753;
    data.referenceTop5 = 0.930;
    data.candidateTop5 = 0.931;
    data.agreementTop1 = 0.95;
    chart.setData(data);
    CHECK_FALSE(chart.isEmpty());

    CHECK(chart.categories() == QStringList{"Top-1", "Top-5", "Top-1 agreement"});
    const QVector<double> reference = chart.referenceValues();
    const QVector<double> candidate = chart.candidateValues();
    const QVector<double> agreement = chart.agreementValues();
    REQUIRE(reference.size() == 3);
    CHECK(reference[0] == Approx(76.1));
    CHECK(reference[1] == Approx(93.0));
    CHECK(std::isnan(reference[2]));
    CHECK(candidate[0] == Approx(75.3));
    CHECK(candidate[1] == Approx(93.1));
    CHECK(std::isnan(agreement[0]));
    CHECK(agreement[2] == Approx(95.0));
    CHECK(chart.referenceBars()->data()->size() == 2);
    CHECK(chart.agreementBars()->data()->size() == 1);
    CHECK(chart.deltaTexts() == QStringList{QString::fromUtf8("\u22120.8 pt"), "+0.1 pt"});

    const QCustomPlot* plot = chart.plot();
    showAndLayOut(chart, chart.plot(), 600, 400);
    const QPointF onCandidate(plot->xAxis->coordToPixel(1.2), plot->yAxis->coordToPixel(40.0));
    CHECK(chart.toolTipAt(onCandidate).contains("75.3"));
    CHECK(
        chart.toolTipAt(QPointF(plot->xAxis->coordToPixel(1.0), plot->yAxis->coordToPixel(110.0))).isEmpty());

    data.referenceTop5.reset();
    data.candidateTop5.reset();
    data.agreementTop1.reset();
    chart.setData(data);
    CHECK(chart.categories() == QStringList{"Top-1"});
    CHECK(chart.deltaTexts().size() == 1);
    chart.setData({});
    CHECK(chart.isEmpty());
}

TEST_CASE("AccuracyChart change texts round to a tenth of a point", "[charts]") {
    CHECK(qs::AccuracyChart::deltaText(0.5, 0.5) == "0.0 pt");
    CHECK(qs::AccuracyChart::deltaText(0.7612, 0.7538) == QString::fromUtf8("\u22120.7 pt"));
    CHECK(qs::AccuracyChart::deltaText(0.70, 0.725) == "+2.5 pt");
}

TEST_CASE("ParetoChart joins the front and reports clicked points", "[charts]") {
    CHECK(qs::ParetoChart::paretoFront(variants().mid(0, 5)) == QVector<int>{3, 2, 1});
    CHECK(qs::ParetoChart::paretoFront({point("x", 10, 0.5, 7), point("y", 10, 0.5, 8)}) ==
          QVector<int>{7, 8});

    qs::ParetoChart chart;
    CHECK(chart.isEmpty());
    chart.setPoints(variants());
    CHECK_FALSE(chart.isEmpty());
    CHECK(chart.plottedIds() == QVector<int>{1, 2, 3, 4, 5});
    CHECK(chart.frontIds() == QVector<int>{3, 2, 1});
    REQUIRE(chart.sizeUnitBytes() == 1024.0 * 1024.0);
    CHECK(chart.pointsGraph()->data()->size() == 5);
    const auto front = graphData(chart.frontGraph());
    REQUIRE(front.size() == 3);
    CHECK(front[0].first == Approx(25.0));
    CHECK(front[0].second == Approx(70.0));
    CHECK(front[1].first == Approx(50.0));
    CHECK(front[2].second == Approx(76.0));

    showAndLayOut(chart, chart.plot(), 640, 420);
    QSignalSpy clicked(&chart, &qs::ParetoChart::pointClicked);
    const QCustomPlot* plot = chart.plot();
    const QPoint dominated(int(std::lround(plot->xAxis->coordToPixel(60.0))),
                           int(std::lround(plot->yAxis->coordToPixel(74.0))));
    QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, dominated);
    REQUIRE(clicked.count() == 1);
    CHECK(clicked.at(0).at(0).toInt() == 4);
    CHECK(chart.currentPoint() == 4);
    CHECK(chart.toolTipAt(dominated).contains("int8 minmax"));

    const QPoint empty(int(plot->xAxis->coordToPixel(90.0)), int(plot->yAxis->coordToPixel(65.0)));
    QTest::mouseClick(chart.plot(), Qt::LeftButton, {}, empty);
    CHECK(clicked.count() == 1);
    CHECK(chart.toolTipAt(empty).isEmpty());

    chart.setCurrentPoint(42);
    CHECK(chart.currentPoint() == -1);
    chart.setPoints({point("broken", 1, kNaN, 1)});
    CHECK(chart.isEmpty());
}

TEST_CASE("exportChart writes PNG, SVG and PDF and explains failures", "[charts]") {
    LayerErrorChart chart;
    chart.setRows(fiveLayers());
    showAndLayOut(chart, chart.plot(), 640, 420);
    QTemporaryDir folder;
    REQUIRE(folder.isValid());

    const QString png = folder.filePath("layers.png");
    CHECK(qs::exportChart(chart.plot(), png).isEmpty());
    const QImage image(png);
    CHECK(image.width() >= chart.plot()->width());
    CHECK(chart.plot()->width() > 500);
    CHECK(chartimages::countPixels(image, badVermillion) > 20);

    const QString svg = folder.filePath("layers.SVG");
    CHECK(qs::exportChart(chart.plot(), svg).isEmpty());
    QFile svgFile(svg);
    REQUIRE(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svgText = svgFile.readAll();
    CHECK(svgText.contains("<svg"));
    CHECK(svgText.contains("conv3"));

    const QString pdf = folder.filePath("layers.pdf");
    CHECK(qs::exportChart(chart.plot(), pdf).isEmpty());
    QFile pdfFile(pdf);
    REQUIRE(pdfFile.open(QIODevice::ReadOnly));
    CHECK(pdfFile.read(4) == "%PDF");

    const QString unknown = qs::exportChart(chart.plot(), folder.filePath("layers.bmp"));
    CHECK(unknown.contains("layers.bmp"));
    CHECK(unknown.contains(".svg"));
    CHECK_FALSE(QFile::exists(folder.filePath("layers.bmp")));
    CHECK(qs::exportChart(chart.plot(), folder.filePath("missing/layers.png")).contains("missing"));
}

TEST_CASE("Every chart offers the export actions in its context menu", "[charts]") {
    qs::ParetoChart chart;
    CHECK(chart.plot()->contextMenuPolicy() == Qt::CustomContextMenu);
    QMenu menu;
    qs::addChartExportActions(&menu, chart.plot(), &chart, "chart");
    QStringList texts;
    for (const QAction* action : menu.actions())
        texts << action->text();
    CHECK(texts == QStringList{QString::fromUtf8("Export as PNG\u2026"),
                               QString::fromUtf8("Export as SVG\u2026"),
                               QString::fromUtf8("Export as PDF\u2026")});
}

TEST_CASE("Charts render with the band colours", "[charts]") {
    LayerErrorChart layers;
    layers.setRows(fiveLayers());
    layers.setSelectedLayer("fc");
    showAndLayOut(layers, layers.plot(), 640, 420);
    const QImage layerImage = layers.grab().toImage();
    chartimages::keep(layerImage, "layer-errors");
    for (const QColor& band : {goodBlue, fairYellow, poorOrange, badVermillion})
        CHECK(chartimages::countPixels(layerImage, band) > 20);

    QVector<qs::LayerErrorRow> many;
    for (int i = 0; i < 120; ++i)
        many.push_back({QStringLiteral("/backbone/stage%1/block%2/conv/Conv").arg(i / 10).arg(i % 10),
                        5.0 + 0.3 * i, kNaN});
    LayerErrorChart single;
    single.setRows(many);
    showAndLayOut(single, single.plot(), 640, 520);
    const QImage singleImage = single.grab().toImage();
    chartimages::keep(singleImage, "layer-errors-single");
    CHECK(chartimages::countPixels(singleImage, badVermillion) > 20);

    qs::AccuracyChart accuracy;
    qs::AccuracyChartData data;
    data.referenceTop1 = 0.761;
    data.candidateTop1 = 0.753;
    data.referenceTop5 = 0.930;
    data.candidateTop5 = 0.931;
    data.agreementTop1 = 0.95;
    accuracy.setData(data);
    showAndLayOut(accuracy, accuracy.plot(), 560, 380);
    const QImage accuracyImage = accuracy.grab().toImage();
    chartimages::keep(accuracyImage, "accuracy");
    CHECK(chartimages::countPixels(accuracyImage, goodBlue) > 100);

    qs::ParetoChart pareto;
    pareto.setPoints(variants());
    pareto.setCurrentPoint(2);
    showAndLayOut(pareto, pareto.plot(), 640, 420);
    const QImage paretoImage = pareto.grab().toImage();
    chartimages::keep(paretoImage, "pareto");
    CHECK(chartimages::countPixels(paretoImage, goodBlue) > 20);
}

TEST_CASE("Charts follow a dark palette", "[charts]") {
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    LayerErrorChart chart;
    chart.setRows(fiveLayers());
    showAndLayOut(chart, chart.plot(), 640, 420);
    chart.setPalette(dark);
    chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QImage image = chart.plot()->grab().toImage();
    chartimages::keep(image, "layer-errors-dark");
    CHECK(QColor(image.pixel(2, 2)) == QColor(0x1e, 0x1e, 0x1e));
    CHECK(chart.plot()->xAxis->tickLabelColor() == QColor(0xe0, 0xe0, 0xe0));
    CHECK(chartimages::countPixels(image, badVermillion) > 20);
}
