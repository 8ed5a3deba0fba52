// The results docks of the studio on the demo model, driven through the real window and engine: the charts
// show the evaluation's numbers, a click on a layer selects it everywhere, the heat-map follows the values,
// a diagnosis fix and a restored strategy are one undo step each, the flips list is the set of images whose
// top-1 class differs (computed here independently on the exported model), and File → Export Report writes
// the HTML, PDF and JSON.

#include "accuracychart.h"
#include "diagnosispanel.h"
#include "document.h"
#include "flipsbrowser.h"
#include "graphnodeitem.h"
#include "graphview.h"
#include "imageoutcomemodel.h"
#include "layererrorchart.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "mainwindow.h"
#include "modelloadtask.h"
#include "paretochart.h"
#include "quantizationjobs.h"
#include "resultspanels.h"
#include "strategyeditor.h"
#include "taskrunner.h"
#include "testsettings.h"

#include "data/batchloader.h"
#include "data/imagefolder.h"
#include "fixtures/modelbuilder.h"
#include "model/onnxloader.h"
#include "report/errorbands.h"
#include "runtime/executor.h"
#include "workflow/datainput.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QGraphicsScene>
#include <QSignalSpy>
#include <QTabWidget>
#include <QUndoStack>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using qs::MainWindow;

namespace {

QString demoPath(const char* relative) {
    return QString::fromUtf8(QS_SOURCE_DIR) + QStringLiteral("/resources/") + QString::fromUtf8(relative);
}

class IsolatedSettings : public qs::test::IsolatedSettings {
public:
    IsolatedSettings() : qs::test::IsolatedSettings(QStringLiteral("results")) {}
};

void openAndEvaluateDemo(MainWindow& window) {
    window.jobs()->setThreadCount(1);
    window.openFile(demoPath("demo/model.onnx"));
    window.document()->loadTask()->waitForFinished();
    REQUIRE(window.document()->model());
    window.strategyEditor()->loadConfigFile(demoPath("configs/demo-w8a8.json"));
    window.layersPanel()->tableModel()->waitForStatistics();
    window.document()->setCalibrationFolder(demoPath("demo/calib"));
    window.document()->setEvaluationFolder(demoPath("demo/eval"));
    REQUIRE(window.jobs()->evaluate() > 0);
    window.taskRunner()->waitForIdle();
    REQUIRE(window.document()->evaluationIsCurrent());
}

/// File names of the evaluation images whose top-1 class differs between the float model and `modelPath`,
/// computed image by image with two executors (no studio code involved).
std::set<std::string> flippedImages(const std::string& modelPath, const qs::QuantConfig& config) {
    const qs::LoadResult reference = qs::loadOnnxModel(demoPath("demo/model.onnx").toStdString());
    const qs::LoadResult exported = qs::loadOnnxModel(modelPath);
    qs::Executor referenceExecutor(reference.model);
    qs::Executor exportedExecutor(exported.model);
    const qs::ImageFolderScan scan =
        qs::scanImageFolder(demoPath("demo/eval").toStdString(), qs::scanOptionsFor(config, false));
    qs::BatchLoader loader(scan, config.preprocess, 1);
    std::set<std::string> flipped;
    qs::Batch batch;
    const std::string input = referenceExecutor.inputs().front().name;
    while (loader.next(batch)) {
        const qs::TensorMap a = referenceExecutor.run({{input, batch.tensor}});
        const qs::TensorMap b = exportedExecutor.run({{input, batch.tensor}});
        const qs::RuntimeTensor& x = a.begin()->second;
        const qs::RuntimeTensor& y = b.begin()->second;
        const float* px = x.data<float>();
        const float* py = y.data<float>();
        const int64_t classes = x.elementCount();
        const int64_t cx = std::max_element(px, px + classes) - px;
        const int64_t cy = std::max_element(py, py + classes) - py;
        if (cx != cy)
            flipped.insert(std::filesystem::path(batch.paths.front()).filename().string());
    }
    return flipped;
}

qs::GraphNodeItem* nodeItem(qs::GraphView* view, const QString& name) {
    for (QGraphicsItem* item : view->scene()->items())
        if (auto* node = dynamic_cast<qs::GraphNodeItem*>(item); node && node->name() == name)
            return node;
    return nullptr;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// With QS_RESULTS_SCREENSHOT_DIR set, saves `widget` at `size` there as `name`.png (for the documentation).
void screenshot(QWidget* widget, const char* name, QSize size = {1100, 560}) {
    const QByteArray dir = qgetenv("QS_RESULTS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    const QSize minimum = widget->minimumSize(), maximum = widget->maximumSize();
    widget->setFixedSize(size); // inside a dock, the dock's layout would size it otherwise
    QCoreApplication::processEvents();
    widget->grab().save(QString::fromUtf8(dir) + QLatin1Char('/') + QLatin1String(name) +
                        QStringLiteral(".png"));
    widget->setMinimumSize(minimum);
    widget->setMaximumSize(maximum);
}

} // namespace

TEST_CASE("The result charts, heat-map, diagnosis and flips follow the studio's evaluation",
          "[widgets][studio][results]") {
    const IsolatedSettings settings;
    MainWindow window;
    openAndEvaluateDemo(window);
    qs::Document* document = window.document();
    qs::ResultsPanels* results = window.resultsPanels();
    const qs::EvaluationResult evaluation = *document->evaluation();

    // Accuracy chart: the evaluation's numbers, in percent.
    const QVector<double> reference = results->accuracyChart()->referenceValues();
    const QVector<double> candidate = results->accuracyChart()->candidateValues();
    REQUIRE(!reference.isEmpty());
    CHECK(reference[0] == Approx(100.0 * evaluation.referenceTop1.value()));
    CHECK(candidate[0] == Approx(100.0 * evaluation.candidateTop1.value()));

    // Layer error chart: every evaluated layer, worst first, with its SQNR.
    qs::LayerErrorChart* chart = results->layerErrorChart();
    REQUIRE(chart->rowCount() == int(evaluation.layers.size()));
    std::vector<double> sorted;
    for (const qs::LayerSqnr& layer : evaluation.layers)
        sorted.push_back(layer.sqnrDb);
    std::sort(sorted.begin(), sorted.end());
    const QVector<double> plotted = chart->plottedValues(qs::LayerErrorChart::Series::Cumulative);
    REQUIRE(plotted.size() == int(sorted.size()));
    for (int i = 0; i < plotted.size(); ++i)
        if (std::isfinite(sorted[size_t(i)]))
            CHECK(plotted[i] == Approx(sorted[size_t(i)]));

    // A click on a bar selects the layer in the document, hence in every view.
    const QString worst = chart->layerNames().front();
    emit chart->layerClicked(worst);
    CHECK(document->selection() == worst);
    CHECK(chart->selectedLayer() == worst);

    // Heat-map: quantized nodes take the band colour of their cumulative SQNR; the others stay as they were.
    window.graphView()->waitForLayout();
    results->setHeatMapMetric(qs::ResultsPanels::HeatMapMetric::CumulativeSqnr);
    CHECK(window.graphView()->hasHeatMap());
    for (const qs::LayerSqnr& layer : evaluation.layers) {
        qs::GraphNodeItem* item = nodeItem(window.graphView(), QString::fromStdString(layer.layer));
        REQUIRE(item);
        const unsigned rgb = qs::errorBandColor(qs::defaultErrorBands().band(layer.sqnrDb));
        CHECK(item->headerColor().rgb() == (0xff000000u | rgb));
    }
    screenshot(window.graphView(), "results-heatmap", {700, 900});
    results->chartsWidget()->setCurrentIndex(0);
    screenshot(results->chartsWidget(), "results-accuracy");
    results->chartsWidget()->setCurrentIndex(1);
    screenshot(results->chartsWidget(), "results-layer-error");
    results->setHeatMapMetric(qs::ResultsPanels::HeatMapMetric::None);
    CHECK_FALSE(window.graphView()->hasHeatMap());

    // Flips: exactly the images whose arg-max differs between the float model and the export.
    qs::test::TempDir dir;
    const QString output = QString::fromStdString(dir.file("demo-w8a8.onnx"));
    REQUIRE(window.jobs()->exportModel(output) > 0);
    window.taskRunner()->waitForIdle();
    const std::set<std::string> expected = flippedImages(output.toStdString(), document->config());
    std::set<std::string> shown;
    qs::ImageOutcomeModel* outcomes = results->flipsBrowser()->outcomeModel();
    for (int row = 0; row < outcomes->rowCount(); ++row)
        if (outcomes->outcomeAt(row)->flipped)
            shown.insert(
                std::filesystem::path(outcomes->outcomeAt(row)->filePath.toStdString()).filename().string());
    CHECK(shown == expected);
    CHECK(results->flipsBrowser()->summaryText().contains(QString::number(expected.size())));

    // Choosing an image computes its layer errors in the background.
    if (outcomes->rowCount() > 0) {
        const QString image = outcomes->outcomeAt(0)->filePath;
        results->flipsBrowser()->chooseImage(image);
        window.taskRunner()->waitForIdle();
        CHECK(results->flipsBrowser()->layerErrors().size() == int(document->plan().layers.size()));
        screenshot(results->flipsBrowser(), "results-images", {1200, 560});
    }
    results->setWeakThresholdDb(40.0); // W8A8 leaves no layer below the default 20 dB
    REQUIRE(!results->diagnoses().empty());
    {
        const QString layer = QString::fromStdString(results->diagnoses().front().layer);
        results->diagnosisPanel()->chooseFix(layer, 0);
        window.taskRunner()->waitForIdle();
        CHECK(results->diagnosisPanel()->hasFixPreview());
        screenshot(results->diagnosisPanel(), "results-diagnosis", {1000, 760});
        results->setWeakThresholdDb(20.0);
    }

    SECTION("a diagnosis fix is one undo step") {
        results->setWeakThresholdDb(200.0); // every layer is weak
        REQUIRE(!results->diagnoses().empty());
        const qs::LayerDiagnosis first = results->diagnoses().front();
        const QString layer = QString::fromStdString(first.layer);
        const qs::QuantConfig beforeConfig = document->config();
        const std::string before = qs::quantConfigToJson(beforeConfig);
        const int steps = document->undoStack()->count();
        emit results->diagnosisPanel()->fixRequested(layer, 0);
        CHECK(document->undoStack()->count() == steps + 1);
        CHECK(qs::quantConfigToJson(document->config()) != before);
        CHECK(qs::quantConfigToJson(document->config()) ==
              qs::quantConfigToJson(qs::applyFix(beforeConfig, first.layer, first.fixes[0])));
        document->undoStack()->undo();
        CHECK(qs::quantConfigToJson(document->config()) == before);
    }

    SECTION("every strategy evaluated is a point; clicking one restores it as one undo step") {
        const std::string w8a8 = qs::quantConfigToJson(document->config());
        REQUIRE(document->trials().trials().size() == 1);
        const int firstId = document->trials().trials().front().id;
        window.strategyEditor()->keepFloat(
            {QString::fromStdString(document->plan().layers[1].layer.nodeName)}, true);
        REQUIRE(window.jobs()->evaluate() > 0);
        window.taskRunner()->waitForIdle();
        CHECK(document->trials().trials().size() == 2);
        CHECK(results->paretoChart()->plottedIds().size() == 2);
        CHECK(results->paretoChart()->currentPoint() == document->currentTrialId());
        const int steps = document->undoStack()->count();
        emit results->paretoChart()->pointClicked(firstId);
        CHECK(document->undoStack()->count() == steps + 1);
        CHECK(qs::quantConfigToJson(document->config()) == w8a8);
        CHECK(document->currentTrialId() == firstId);
        results->chartsWidget()->setCurrentIndex(2);
        screenshot(results->chartsWidget(), "results-strategies");
    }

    SECTION("File → Export Report writes the HTML, PDF and JSON of the evaluation") {
        const std::string html = dir.file("review.html");
        QSignalSpy written(window.jobs(), &qs::QuantizationJobs::reportWritten);
        REQUIRE(window.jobs()->exportReport(QString::fromStdString(html)) > 0);
        window.taskRunner()->waitForIdle();
        REQUIRE(written.count() == 1);
        const std::string page = readFile(html);
        CHECK(page.find("model.onnx") != std::string::npos);
        CHECK(page.find("<svg") != std::string::npos);
        CHECK(page.find("http://") == std::string::npos);
        CHECK(page.find("https://") == std::string::npos);
        CHECK(readFile(dir.file("review.pdf")).rfind("%PDF-", 0) == 0);
        CHECK(std::filesystem::exists(dir.file("review.json")));
        // Never over the model or its export.
        CHECK(window.jobs()->exportReport(demoPath("demo/model.onnx")) == 0);
        CHECK(window.jobs()->exportReport(output) == 0);
    }
}
