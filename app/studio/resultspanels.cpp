#include "resultspanels.h"

#include "fixpreview.h"

#include "document.h"
#include "quantizationjobs.h"
#include "strategyeditor.h"
#include "taskrunner.h"

#include "accuracychart.h"
#include "diagnosispanel.h"
#include "flipsbrowser.h"
#include "graphview.h"
#include "layererrorchart.h"
#include "paretochart.h"

#include "report/errorbands.h"
#include "util/error.h"
#include "workflow/layerpreview.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QTabWidget>
#include <cmath>

namespace qs {

namespace {

QString kindTitle(const LayerDiagnosis& diagnosis) {
    if (!diagnosis.causeFound)
        return ResultsPanels::tr("No single cause found");
    switch (diagnosis.kind) {
    case DiagnosisKind::Clipping:
        return ResultsPanels::tr("The range clips too much");
    case DiagnosisKind::OutlierChannels:
        return ResultsPanels::tr("Outlier channels in the weights");
    case DiagnosisKind::DominatedRange:
        return ResultsPanels::tr("A few values set the range");
    case DiagnosisKind::NetworkBoundary:
        return ResultsPanels::tr("At the input or output of the network");
    case DiagnosisKind::ConcatRangeMismatch:
        return ResultsPanels::tr("Concatenated with very different ranges");
    case DiagnosisKind::LowBits:
        return ResultsPanels::tr("Too few bits for the weights");
    }
    return {};
}

double isolatedOf(const std::vector<LayerSensitivity>& sensitivity, const std::string& layer) {
    for (const LayerSensitivity& entry : sensitivity)
        if (entry.layer == layer)
            return entry.outputSqnrDb;
    return std::numeric_limits<double>::quiet_NaN();
}

QString decibels(double value) {
    if (std::isnan(value))
        return QStringLiteral("–");
    if (std::isinf(value))
        return QStringLiteral("∞");
    return QStringLiteral("%1 dB").arg(value, 0, 'f', 1);
}

} // namespace

ResultsPanels::ResultsPanels(Document* document, QuantizationJobs* jobs, StrategyEditor* strategy,
                             GraphView* graph, QObject* parent)
    : QObject(parent), m_document(document), m_jobs(jobs), m_strategy(strategy), m_graph(graph) {
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("resultsTabs"));
    m_accuracy = new AccuracyChart;
    m_layerError = new LayerErrorChart;
    m_pareto = new ParetoChart;
    m_tabs->addTab(m_accuracy, tr("Accuracy"));
    m_tabs->addTab(m_layerError, tr("Layer error"));
    m_tabs->addTab(m_pareto, tr("Strategies"));

    auto* corner = new QWidget;
    auto* cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(4, 0, 4, 0);
    auto* cornerLabel = new QLabel(tr("Colour graph by:"));
    m_heatMapSelector = new QComboBox;
    m_heatMapSelector->setObjectName(QStringLiteral("heatMapSelector"));
    m_heatMapSelector->addItem(tr("Operator type"), int(HeatMapMetric::None));
    m_heatMapSelector->addItem(tr("Cumulative SQNR"), int(HeatMapMetric::CumulativeSqnr));
    m_heatMapSelector->addItem(tr("Isolated SQNR"), int(HeatMapMetric::IsolatedSqnr));
    m_heatMapSelector->addItem(tr("Weight SQNR"), int(HeatMapMetric::WeightSqnr));
    m_heatMapSelector->setToolTip(
        tr("Cumulative: every layer quantized, measured at the layer's output. Isolated: only this layer "
           "quantized, measured at the model output (Quantize → Sensitivity). Weight: the weight alone."));
    cornerLabel->setBuddy(m_heatMapSelector);
    cornerLayout->addWidget(cornerLabel);
    cornerLayout->addWidget(m_heatMapSelector);
    m_tabs->setCornerWidget(corner, Qt::TopRightCorner);
    connect(m_heatMapSelector, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
        setHeatMapMetric(HeatMapMetric(m_heatMapSelector->itemData(index).toInt()));
    });

    m_diagnosis = new DiagnosisPanel;
    m_diagnosis->setObjectName(QStringLiteral("diagnosisPanel"));
    m_flips = new FlipsBrowser;
    m_flips->setObjectName(QStringLiteral("flipsBrowser"));

    // The docks share the bottom row with Messages: small minimums keep the graph the larger part of the
    // window on small screens (each panel scrolls or squeezes its contents).
    for (QWidget* panel : {static_cast<QWidget*>(m_tabs), static_cast<QWidget*>(m_diagnosis),
                           static_cast<QWidget*>(m_flips)})
        panel->setMinimumSize(240, 60);

    // Selection: every view selects through the document, the document tells every view.
    const auto select = [this](const QString& layer) { m_document->setSelection(layer); };
    connect(m_layerError, &LayerErrorChart::layerClicked, this, select);
    connect(m_diagnosis, &DiagnosisPanel::layerClicked, this, select);
    connect(m_flips, &FlipsBrowser::layerClicked, this, select);
    connect(m_document, &Document::selectionChanged, this,
            [this](const QString& layer) { m_layerError->setSelectedLayer(layer); });

    connect(m_pareto, &ParetoChart::pointClicked, this, [this](int id) {
        const std::optional<StrategyTrial> trial = m_document->trials().find(id);
        if (trial && id != m_document->currentTrialId())
            m_strategy->restoreStrategy(trial->config, trial->label);
    });

    connect(m_diagnosis, &DiagnosisPanel::thresholdChanged, this, [this](double threshold) {
        m_weakThresholdDb = threshold;
        refreshDiagnoses();
        emit weakThresholdEdited(threshold);
    });
    connect(m_diagnosis, &DiagnosisPanel::fixPreviewRequested, this, &ResultsPanels::previewFix);
    connect(m_diagnosis, &DiagnosisPanel::fixRequested, this, &ResultsPanels::applyFix);

    connect(m_flips, &FlipsBrowser::imageChosen, this, [this](const QString& path) {
        if (m_jobs->compareImage(path))
            m_flips->setLayerErrorsPending(path);
    });
    connect(m_jobs, &QuantizationJobs::imageCompared, this,
            [this](const QString& path, const QVector<QPair<QString, double>>& layers) {
                m_flips->setLayerErrors(path, layers);
            });

    connect(m_document, &Document::modelChanged, this, [this] {
        m_weightSqnr.clear();
        m_weightSqnrRevision = -1;
        refreshAll();
    });
    connect(m_document, &Document::resultsChanged, this, [this](ResultKind kind) {
        if (kind == ResultKind::Evaluation) {
            refreshAccuracy();
            refreshTrials();
            refreshFlips();
        }
        refreshLayerErrors();
        refreshDiagnoses();
        refreshHeatMap();
    });
    connect(m_document, &Document::strategyChanged, this, [this] {
        // The results stay visible (marked as measured for an earlier strategy); the current point moves.
        refreshTrials();
        refreshDiagnoses();
        refreshHeatMap();
    });
    refreshAll();
}

ResultsPanels::~ResultsPanels() = default;

void ResultsPanels::refreshAll() {
    refreshAccuracy();
    refreshLayerErrors();
    refreshTrials();
    refreshDiagnoses();
    refreshFlips();
    refreshHeatMap();
}

void ResultsPanels::refreshAccuracy() {
    const std::optional<EvaluationResult>& evaluation = m_document->evaluation();
    if (!evaluation || evaluation->imageCount == 0) {
        m_accuracy->clear(m_document->model() ? tr("Evaluate (Quantize → Evaluate) to compare float and "
                                                   "quantized accuracy.")
                                              : QString());
        return;
    }
    AccuracyChartData data;
    data.referenceTop1 = evaluation->referenceTop1;
    data.candidateTop1 = evaluation->candidateTop1;
    data.referenceTop5 = evaluation->referenceTop5;
    data.candidateTop5 = evaluation->candidateTop5;
    data.agreementTop1 = evaluation->agreementTop1;
    m_accuracy->setData(data);
}

void ResultsPanels::refreshLayerErrors() {
    const std::optional<EvaluationResult>& evaluation = m_document->evaluation();
    if (!evaluation || evaluation->layers.empty()) {
        m_layerError->clear(m_document->model()
                                ? tr("Evaluate to measure the error of every layer; Sensitivity adds the "
                                     "isolated error.")
                                : QString());
        return;
    }
    QVector<LayerErrorRow> rows;
    for (const LayerSqnr& layer : evaluation->layers) {
        LayerErrorRow row;
        row.layerName = QString::fromStdString(layer.layer);
        row.cumulativeSqnrDb = layer.sqnrDb;
        row.isolatedSqnrDb = isolatedOf(m_document->sensitivity(), layer.layer);
        rows.append(row);
    }
    m_layerError->setRows(rows);
    m_layerError->setSelectedLayer(m_document->selection());
}

void ResultsPanels::refreshTrials() {
    QVector<ParetoPoint> points;
    bool labelled = true;
    for (const StrategyTrial& trial : m_document->trials().trials()) {
        points.append({trial.label, trial.quantizedBytes, trial.accuracy, trial.id});
        labelled = labelled && trial.labelled;
    }
    if (points.isEmpty()) {
        m_pareto->clear(m_document->model() ? tr("Every strategy you evaluate appears here, by size and "
                                                 "accuracy; click one to go back to it.")
                                            : QString());
        return;
    }
    m_pareto->setAccuracyLabel(labelled ? tr("top-1 accuracy") : tr("top-1 agreement with float"));
    m_pareto->setPoints(points);
    m_pareto->setCurrentPoint(m_document->currentTrialId() ? m_document->currentTrialId() : -1);
}

void ResultsPanels::setWeakThresholdDb(double thresholdDb) {
    if (thresholdDb == m_weakThresholdDb)
        return;
    m_weakThresholdDb = thresholdDb;
    m_diagnosis->setThresholdDb(thresholdDb);
    refreshDiagnoses();
}

void ResultsPanels::refreshDiagnoses() {
    m_diagnoses.clear();
    const std::optional<EvaluationResult>& evaluation = m_document->evaluation();
    if (m_document->model() && evaluation && m_document->evaluationIsCurrent()) {
        DiagnosisInput input;
        input.graph = &m_document->model()->graph;
        input.plan = &m_document->plan();
        input.calibration = m_document->calibration().get();
        input.layerSqnr = &evaluation->layers;
        if (m_document->sensitivityIsCurrent())
            input.sensitivity = &m_document->sensitivity();
        try {
            m_diagnoses = diagnoseLayers(input, m_weakThresholdDb);
        } catch (const Error& error) {
            emit message(tr("The diagnosis failed: %1").arg(QString::fromStdString(error.what())));
        }
    }
    QVector<DiagnosisRow> rows;
    for (const LayerDiagnosis& diagnosis : m_diagnoses) {
        DiagnosisRow row;
        row.layer = QString::fromStdString(diagnosis.layer);
        row.sqnrDb = diagnosis.sqnrDb;
        row.kindTitle = kindTitle(diagnosis);
        row.reason = QString::fromStdString(diagnosis.reason);
        for (const DiagnosisFix& fix : diagnosis.fixes)
            row.fixes << QString::fromStdString(fix.label);
        rows.append(row);
    }
    m_diagnosis->setThresholdDb(m_weakThresholdDb);
    m_diagnosis->setDiagnoses(rows);
    m_jobs->setReportDiagnoses(m_diagnoses);
}

const DiagnosisFix* ResultsPanels::fixOf(const QString& layer, int fixIndex) const {
    // The panel numbers fixes per diagnosis, and a layer may have several diagnoses: the panel's chosen
    // diagnosis is the first of that layer offering that index.
    const std::string name = layer.toStdString();
    const QVector<DiagnosisRow>& rows = m_diagnosis->diagnoses();
    for (int row = 0; row < rows.size() && row < int(m_diagnoses.size()); ++row)
        if (m_diagnoses[size_t(row)].layer == name && fixIndex >= 0 &&
            fixIndex < int(m_diagnoses[size_t(row)].fixes.size()))
            return &m_diagnoses[size_t(row)].fixes[size_t(fixIndex)];
    return nullptr;
}

void ResultsPanels::previewFix(const QString& layer, int fixIndex) {
    const DiagnosisFix* fix = fixOf(layer, fixIndex);
    if (!fix || !m_document->model()) {
        m_diagnosis->setFixPreviewUnavailable(layer, fixIndex, tr("This fix is no longer offered."));
        return;
    }
    const int generation = ++m_previewGeneration;
    const std::shared_ptr<const Model> model = m_document->model();
    const QuantConfig config = m_document->config();
    const QuantPlan plan = m_document->plan();
    const std::shared_ptr<const CalibrationResult> calibration = m_document->calibration();
    const DiagnosisFix chosen = *fix;
    const std::string name = layer.toStdString();
    QPointer<ResultsPanels> self(this);
    m_document->tasks()->start(
        tr("Previewing a fix of %1").arg(layer), TaskRunner::Lane::Background, [=](TaskContext&) {
            const FixPreviewResult result =
                computeFixPreview(model->graph, config, plan, calibration.get(), name, chosen);
            return TaskRunner::Apply([=] {
                if (!self || generation != self->m_previewGeneration)
                    return;
                if (result.preview)
                    self->m_diagnosis->setFixPreview(layer, fixIndex, *result.preview);
                else
                    self->m_diagnosis->setFixPreviewUnavailable(layer, fixIndex, result.message);
            });
        });
}

void ResultsPanels::applyFix(const QString& layer, int fixIndex) {
    if (const DiagnosisFix* fix = fixOf(layer, fixIndex)) {
        const DiagnosisFix chosen = *fix; // the push refreshes the diagnoses
        m_strategy->applyFix(layer, chosen);
    }
}

void ResultsPanels::refreshFlips() {
    const std::optional<EvaluationResult>& evaluation = m_document->evaluation();
    QVector<ImageOutcomeRow> rows;
    if (evaluation)
        for (const ImageOutcome& image : evaluation->images) {
            ImageOutcomeRow row;
            row.filePath = QString::fromStdString(image.file);
            row.label = image.label;
            row.floatClass = int(image.referenceClass);
            row.floatConfidence = image.referenceConfidence;
            row.quantizedClass = int(image.candidateClass);
            row.quantizedConfidence = image.candidateConfidence;
            row.outputSqnrDb = image.outputSqnrDb;
            row.flipped = image.flipped();
            rows.append(row);
        }
    m_flips->setClassNames(m_document->classNames());
    m_flips->setOutcomes(rows);
}

void ResultsPanels::showExportReportDialog(QWidget* parent, const QString& defaultFolder) {
    if (!m_document->evaluationIsCurrent()) {
        QMessageBox::information(parent, tr("Export Report"),
                                 tr("Evaluate the current strategy first (Quantize → Evaluate): the report "
                                    "shows its evaluation."));
        return;
    }
    QSettings settings;
    const QFileInfo model(m_document->filePath());
    const QString folder =
        !defaultFolder.isEmpty()
            ? defaultFolder
            : settings.value(QStringLiteral("report/folder"), model.absolutePath()).toString();
    const QString path = QFileDialog::getSaveFileName(parent, tr("Export Report"),
                                                      folder + QLatin1Char('/') + model.completeBaseName() +
                                                          QStringLiteral("-report.html"),
                                                      tr("HTML reports (*.html)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("report/folder"), QFileInfo(path).absolutePath());
    m_jobs->exportReport(path);
}

void ResultsPanels::setHeatMapMetric(HeatMapMetric metric) {
    m_metric = metric;
    const int index = m_heatMapSelector->findData(int(metric));
    if (index >= 0 && index != m_heatMapSelector->currentIndex()) {
        const QSignalBlocker blocker(m_heatMapSelector);
        m_heatMapSelector->setCurrentIndex(index);
    }
    refreshHeatMap();
}

QHash<QString, QString> ResultsPanels::heatMapDetails() const {
    QHash<QString, QString> details;
    const std::optional<EvaluationResult>& evaluation = m_document->evaluation();
    for (const LayerPlan& layer : m_document->plan().layers) {
        const QString name = QString::fromStdString(layer.layer.nodeName);
        QStringList lines;
        if (evaluation)
            for (const LayerSqnr& sqnr : evaluation->layers)
                if (sqnr.layer == layer.layer.nodeName)
                    lines << tr("cumulative SQNR %1").arg(decibels(sqnr.sqnrDb));
        const double isolated = isolatedOf(m_document->sensitivity(), layer.layer.nodeName);
        if (!std::isnan(isolated))
            lines << tr("isolated SQNR %1").arg(decibels(isolated));
        for (const LayerSensitivity& entry : m_document->sensitivity())
            if (entry.layer == layer.layer.nodeName)
                lines << tr("top-1 with only this layer quantized %1 %").arg(100.0 * entry.metric, 0, 'f', 1);
        if (m_weightSqnr.contains(name))
            lines << tr("weight SQNR %1").arg(decibels(m_weightSqnr.value(name)));
        if (!lines.isEmpty())
            details.insert(name, lines.join(QLatin1Char('\n')));
    }
    return details;
}

void ResultsPanels::refreshHeatMap() {
    m_heatMapValues.clear();
    if (m_metric == HeatMapMetric::None || !m_document->model()) {
        m_graph->clearHeatMap();
        return;
    }
    QString name;
    switch (m_metric) {
    case HeatMapMetric::CumulativeSqnr:
        name = tr("cumulative SQNR");
        if (const std::optional<EvaluationResult>& evaluation = m_document->evaluation())
            for (const LayerSqnr& layer : evaluation->layers)
                m_heatMapValues.insert(QString::fromStdString(layer.layer), layer.sqnrDb);
        break;
    case HeatMapMetric::IsolatedSqnr:
        name = tr("isolated SQNR");
        for (const LayerSensitivity& layer : m_document->sensitivity())
            m_heatMapValues.insert(QString::fromStdString(layer.layer), layer.outputSqnrDb);
        break;
    case HeatMapMetric::WeightSqnr:
        name = tr("weight SQNR");
        if (m_weightSqnrRevision != m_document->revision() &&
            m_weightSqnrRequestedRevision != m_document->revision())
            requestWeightSqnr();
        m_heatMapValues = m_weightSqnr;
        break;
    case HeatMapMetric::None:
        break;
    }
    m_graph->setHeatMap(m_heatMapValues, name);
    m_graph->setHeatMapDetails(heatMapDetails());
}

void ResultsPanels::requestWeightSqnr() {
    const int generation = ++m_weightSqnrGeneration;
    const int revision = m_document->revision();
    m_weightSqnrRequestedRevision = revision;
    const std::shared_ptr<const Model> model = m_document->model();
    const QuantPlan plan = m_document->plan();
    const CodebookInit init = m_document->config().codebookInit;
    QPointer<ResultsPanels> self(this);
    m_document->tasks()->start(
        tr("Measuring weight SQNR"), TaskRunner::Lane::Background, [=](TaskContext& context) {
            QHash<QString, double> values;
            const ProgressCallback progress = context.progress();
            for (size_t i = 0; i < plan.layers.size(); ++i) {
                const LayerPlan& layer = plan.layers[i];
                if (!progress(double(i) / double(plan.layers.size()), layer.layer.nodeName))
                    throw Cancelled();
                if (layer.weights.kind == SchemeKind::Float)
                    continue;
                try {
                    values.insert(
                        QString::fromStdString(layer.layer.nodeName),
                        previewLayerWeights(model->graph, layer.layer, layer.weights, init).grid.sqnrDb);
                } catch (const Error&) {
                }
            }
            return TaskRunner::Apply([=] {
                if (!self || generation != self->m_weightSqnrGeneration ||
                    revision != self->m_document->revision())
                    return;
                self->m_weightSqnr = values;
                self->m_weightSqnrRevision = revision;
                if (self->m_metric == HeatMapMetric::WeightSqnr)
                    self->refreshHeatMap();
            });
        });
}

} // namespace qs
