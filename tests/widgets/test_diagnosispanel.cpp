#include "diagnosispanel.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

using qs::DiagnosisPanel;
using qs::DiagnosisRow;

namespace {

QVector<DiagnosisRow> demoDiagnoses() {
    DiagnosisRow outliers;
    outliers.layer = "conv1";
    outliers.sqnrDb = 8.4;
    outliers.kindTitle = "Outliers stretch the range";
    outliers.reason = "0.02 % of the weights lie beyond 6 standard deviations.";
    outliers.fixes = {"Percentile range", "Per-channel scales", "Keep float"};
    DiagnosisRow channels;
    channels.layer = "conv2";
    channels.sqnrDb = 14.0;
    channels.kindTitle = "Channels differ in range";
    channels.reason = "The widest output channel spans 40 times the range of the narrowest.";
    channels.fixes = {"Per-channel scales", "Keep float"};
    DiagnosisRow bits;
    bits.layer = "fc";
    bits.sqnrDb = 18.9;
    bits.kindTitle = "Too few levels";
    bits.reason = "4 bits give 16 levels for a smooth distribution.";
    bits.fixes = {"8 bits"};
    return {outliers, channels, bits};
}

qs::QuantGrid uniformGrid(const QString& description, double clipMin, double clipMax, int levelCount) {
    qs::QuantGrid grid;
    grid.description = description;
    grid.clipMin = clipMin;
    grid.clipMax = clipMax;
    for (int level = 0; level < levelCount; ++level)
        grid.levels << clipMin + (clipMax - clipMin) * double(level) / double(levelCount - 1);
    return grid;
}

qs::FixPreview demoPreview() {
    qs::FixPreview preview;
    preview.title = "conv2 weight";
    preview.histogram.lower = -1.0;
    preview.histogram.upper = 1.0;
    preview.histogram.counts = {1, 4, 9, 20, 9, 4, 1, 0};
    preview.currentGrid = uniformGrid("uniform int4, minmax range", -1.0, 1.0, 16);
    preview.fixGrid = uniformGrid("uniform int4, percentile range", -0.6, 0.6, 16);
    preview.fixGrid.sqnrDb = 24.5;
    return preview;
}

} // namespace

TEST_CASE("DiagnosisPanel fix buttons preview and apply the right layer and fix",
          "[widgets][diagnosis-panel]") {
    DiagnosisPanel panel;
    const QVector<DiagnosisRow> diagnoses = demoDiagnoses();
    panel.setDiagnoses(diagnoses);
    CHECK(panel.emptyText().isEmpty());
    CHECK_FALSE(panel.applyButton()->isEnabled());
    QSignalSpy previews(&panel, &DiagnosisPanel::fixPreviewRequested);
    QSignalSpy applied(&panel, &DiagnosisPanel::fixRequested);

    int clicks = 0;
    for (int d = 0; d < diagnoses.size(); ++d) {
        CHECK(panel.fixButton(d, int(diagnoses[d].fixes.size())) == nullptr);
        for (int fix = 0; fix < diagnoses[d].fixes.size(); ++fix) {
            QAbstractButton* button = panel.fixButton(d, fix);
            REQUIRE(button);
            CHECK(button->text() == diagnoses[d].fixes[fix]);
            QTest::mouseClick(button, Qt::LeftButton);
            ++clicks;
            REQUIRE(previews.count() == clicks);
            CHECK(previews.last().at(0).toString() == diagnoses[d].layer);
            CHECK(previews.last().at(1).toInt() == fix);
            CHECK(button->isChecked());
            CHECK(panel.chosenLayer() == diagnoses[d].layer);
            CHECK(panel.chosenFix() == fix);
            CHECK(applied.isEmpty());

            REQUIRE(panel.applyButton()->isEnabled());
            CHECK(panel.applyButton()->text().contains(diagnoses[d].fixes[fix]));
            QTest::mouseClick(panel.applyButton(), Qt::LeftButton);
            REQUIRE(applied.count() == 1);
            CHECK(applied.at(0).at(0).toString() == diagnoses[d].layer);
            CHECK(applied.at(0).at(1).toInt() == fix);
            applied.clear();
        }
    }
    CHECK_FALSE(panel.fixButton(0, 0)->isChecked());
    CHECK(panel.fixButton(2, 0)->isChecked());
}

TEST_CASE("DiagnosisPanel shows each reason and reports clicks on a diagnosis",
          "[widgets][diagnosis-panel]") {
    DiagnosisPanel panel;
    panel.resize(700, 700);
    const QVector<DiagnosisRow> diagnoses = demoDiagnoses();
    panel.setDiagnoses(diagnoses);
    panel.show();
    REQUIRE(QTest::qWaitForWindowExposed(&panel));
    for (int d = 0; d < diagnoses.size(); ++d) {
        CHECK(panel.diagnosisText(d).contains(diagnoses[d].layer));
        CHECK(panel.diagnosisText(d).contains(diagnoses[d].kindTitle));
        CHECK(panel.diagnosisText(d).contains(diagnoses[d].reason));
    }
    QSignalSpy clicked(&panel, &DiagnosisPanel::layerClicked);
    auto* card = panel.findChild<QWidget*>("diagnosis_1");
    REQUIRE(card);
    QTest::mouseClick(card, Qt::LeftButton, {}, QPoint(card->width() - 4, 4));
    REQUIRE(clicked.count() == 1);
    CHECK(clicked.at(0).at(0).toString() == "conv2");
}

TEST_CASE("DiagnosisPanel threshold emits and names the empty state", "[widgets][diagnosis-panel]") {
    DiagnosisPanel panel;
    CHECK(panel.thresholdDb() == qs::defaultErrorBands().fairSqnrDb);
    CHECK(panel.emptyText() == "No layer below 20.0 dB");
    QSignalSpy changed(&panel, &DiagnosisPanel::thresholdChanged);

    panel.thresholdSpinBox()->setValue(15.5);
    REQUIRE(changed.count() == 1);
    CHECK(changed.at(0).at(0).toDouble() == Approx(15.5));
    CHECK(panel.emptyText() == "No layer below 15.5 dB");

    panel.setThresholdDb(25.0);
    CHECK(changed.count() == 1);
    CHECK(panel.thresholdDb() == 25.0);
    CHECK(panel.emptyText() == "No layer below 25.0 dB");

    panel.setDiagnoses(demoDiagnoses());
    CHECK(panel.emptyText().isEmpty());
    panel.setDiagnoses({});
    CHECK(panel.emptyText() == "No layer below 25.0 dB");
}

TEST_CASE("DiagnosisPanel previews the chosen fix with both grids before applying",
          "[widgets][diagnosis-panel]") {
    DiagnosisPanel panel;
    panel.resize(700, 700);
    panel.setDiagnoses(demoDiagnoses());
    const qs::FixPreview preview = demoPreview();

    panel.setFixPreview("conv2", 0, preview);
    CHECK_FALSE(panel.hasFixPreview());
    CHECK_FALSE(panel.previewView()->hasHistogram());

    panel.chooseFix("conv2", 0);
    CHECK(panel.previewStatusText().contains("Computing"));
    panel.setFixPreview("conv2", 1, preview);
    CHECK_FALSE(panel.hasFixPreview());
    panel.setFixPreview("conv1", 0, preview);
    CHECK_FALSE(panel.hasFixPreview());

    panel.setFixPreview("conv2", 0, preview);
    REQUIRE(panel.hasFixPreview());
    qs::HistogramView* view = panel.previewView();
    CHECK(view->hasHistogram());
    CHECK(view->titleText().contains("conv2 weight"));
    CHECK(view->plottedBinCounts() == QVector<double>{1, 4, 9, 20, 9, 4, 1, 0});
    REQUIRE(view->hasGrid());
    REQUIRE(view->hasComparisonGrid());
    CHECK(view->grid().levels == preview.currentGrid.levels);
    CHECK(view->grid().clipMax == preview.currentGrid.clipMax);
    CHECK(view->comparisonGrid().levels == preview.fixGrid.levels);
    CHECK(view->comparisonGrid().clipMin == preview.fixGrid.clipMin);
    CHECK(view->plottedLevelCount() == 16);
    CHECK(view->plottedComparisonLevelCount() == 16);
    CHECK(view->legendText().contains("uniform int4, minmax range"));
    CHECK(view->legendText().contains("uniform int4, percentile range"));
    CHECK(view->legendText().contains("SQNR 24.5 dB"));

    // New diagnoses that still offer the fix keep the preview; without it the preview goes.
    panel.setDiagnoses(demoDiagnoses());
    CHECK(panel.hasFixPreview());
    CHECK(panel.fixButton(1, 0)->isChecked());
    QVector<DiagnosisRow> fewer = demoDiagnoses();
    fewer.remove(1);
    panel.setDiagnoses(fewer);
    CHECK_FALSE(panel.hasFixPreview());
    CHECK(panel.chosenFix() == -1);
    CHECK_FALSE(panel.applyButton()->isEnabled());
    CHECK_FALSE(panel.previewView()->hasGrid());
}

TEST_CASE("HistogramView draws a comparison grid next to the current one",
          "[widgets][histogram][diagnosis-panel]") {
    qs::HistogramView view;
    view.resize(500, 300);
    const qs::FixPreview preview = demoPreview();
    view.setComparisonGrid(preview.fixGrid);
    CHECK_FALSE(view.hasComparisonGrid());

    view.setHistogram("conv2 weight", preview.histogram);
    view.setComparisonGrid(preview.fixGrid);
    CHECK_FALSE(view.hasComparisonGrid());
    view.setGrid(preview.currentGrid);
    CHECK(view.legendText().isEmpty());
    view.setComparisonGrid(uniformGrid("wide", -3.0, 2.5, 5));
    CHECK(view.hasComparisonGrid());
    CHECK(view.plottedComparisonLevelCount() == 5);
    CHECK(view.plottedValueRange().first <= -3.0);
    CHECK(view.plottedValueRange().second >= 2.5);
    CHECK(view.comparisonGridText().contains("5 levels"));
    CHECK(view.gridText().contains("16 levels"));

    view.setCountScale(qs::AxisScale::Logarithmic);
    CHECK(view.plottedComparisonLevelCount() == 5);
    view.setGrid(preview.currentGrid);
    CHECK(view.hasComparisonGrid());

    view.clearComparisonGrid();
    CHECK_FALSE(view.hasComparisonGrid());
    CHECK(view.plottedComparisonLevelCount() == 0);
    CHECK(view.plottedLevelCount() == 16);
    view.setComparisonGrid(preview.fixGrid);
    view.clearGrid();
    CHECK_FALSE(view.hasComparisonGrid());
    CHECK(view.legendText().isEmpty());
}

namespace {

/// A conv weight's histogram: a narrow bell with a few far outliers, as min-max ranges handle badly.
qs::Histogram outlierHistogram() {
    qs::Histogram histogram;
    histogram.lower = -0.9;
    histogram.upper = 0.9;
    const int bins = 90;
    for (int bin = 0; bin < bins; ++bin) {
        const double center = histogram.lower + (bin + 0.5) * (histogram.upper - histogram.lower) / bins;
        histogram.counts.push_back(int64_t(std::lround(4200.0 * std::exp(-std::abs(center) / 0.045))));
    }
    histogram.counts[2] = 3;
    histogram.counts[86] = 2;
    histogram.counts[88] = 1;
    return histogram;
}

void savePanel(QWidget& panel, const QString& name) {
    // Lay out what became visible since the last event loop pass, as the studio's event loop would.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QDir().mkpath(QStringLiteral(QS_BINARY_DIR "/panels"));
    CHECK(panel.grab().save(QStringLiteral(QS_BINARY_DIR "/panels/") + name));
}

} // namespace

TEST_CASE("DiagnosisPanel shows real diagnoses and a fix preview", "[widgets][diagnosis-panel]") {
    DiagnosisPanel panel;
    panel.resize(760, 820);
    QVector<DiagnosisRow> diagnoses = demoDiagnoses();
    diagnoses[0].layer = "/features/features.1/conv/conv.0/Conv";
    diagnoses[0].reason =
        "Three weights out of 2,304 lie beyond 15 standard deviations; the min-max range spends "
        "most of the 16 levels on them, so the bulk of the weights falls into 3 levels.";
    diagnoses[1].layer = "/features/features.4/conv/conv.1/Conv";
    diagnoses[2].layer = "/classifier/classifier.1/Gemm";
    panel.setDiagnoses(diagnoses);
    panel.show();
    REQUIRE(QTest::qWaitForWindowExposed(&panel));
    panel.chooseFix(diagnoses[0].layer, 0);

    qs::FixPreview preview;
    preview.title = "features.1 conv weight";
    preview.histogram = outlierHistogram();
    preview.currentGrid = uniformGrid("uniform int4 per-tensor, minmax range", -0.86, 0.86, 16);
    preview.currentGrid.sqnrDb = 8.4;
    preview.fixGrid = uniformGrid("uniform int4 per-tensor, percentile 99.99 % range", -0.24, 0.24, 16);
    preview.fixGrid.clippedFraction = 0.0013;
    preview.fixGrid.sqnrDb = 21.7;
    panel.setFixPreview(diagnoses[0].layer, 0, preview);
    CHECK(panel.hasFixPreview());
    CHECK(panel.previewView()->plottedComparisonLevelCount() == 16);
    savePanel(panel, "diagnosis-panel.png");

    panel.setDiagnoses({});
    CHECK(panel.emptyText() == "No layer below 20.0 dB");
    savePanel(panel, "diagnosis-panel-empty.png");
}

TEST_CASE("DiagnosisPanel tells apart two diagnoses of one layer", "[widgets][diagnosis-panel]") {
    QVector<DiagnosisRow> diagnoses = demoDiagnoses();
    DiagnosisRow second = diagnoses[0];
    second.kindTitle = "Activations clip";
    second.fixes = {"Wider activation range"};
    diagnoses.insert(1, second);
    DiagnosisPanel panel;
    panel.setDiagnoses(diagnoses);
    QSignalSpy previews(&panel, &DiagnosisPanel::fixPreviewRequested);
    QTest::mouseClick(panel.fixButton(1, 0), Qt::LeftButton);
    REQUIRE(previews.count() == 1);
    CHECK(previews.at(0).at(0).toString() == diagnoses[0].layer);
    CHECK(previews.at(0).at(1).toInt() == 0);
    CHECK(panel.fixButton(1, 0)->isChecked());
    CHECK_FALSE(panel.fixButton(0, 0)->isChecked());
    CHECK(panel.applyButton()->text().contains("Wider activation range"));

    // The same diagnoses again keep the choice on the second diagnosis.
    panel.setDiagnoses(diagnoses);
    CHECK(panel.fixButton(1, 0)->isChecked());
    CHECK(panel.applyButton()->text().contains("Wider activation range"));
}
