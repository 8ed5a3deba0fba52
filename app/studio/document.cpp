#include "document.h"

#include "modelloadtask.h"
#include "preprocesseditor.h"
#include "taskrunner.h"

#include "workflow/datainput.h"

#include "util/error.h"

#include <QFileInfo>
#include <QUndoStack>

namespace qs {

namespace {

bool samePreprocess(const PreprocessConfig& a, const PreprocessConfig& b) {
    return a.color == b.color && a.resize == b.resize && a.resizeShorter == b.resizeShorter &&
           a.interpolation == b.interpolation && a.centerCrop == b.centerCrop && a.scale == b.scale &&
           a.mean == b.mean && a.std == b.std && a.layout == b.layout;
}

bool sameDataSettings(const QuantConfig& a, const QuantConfig& b) {
    const DataSettings& x = a.data();
    const DataSettings& y = b.data();
    return x.input.name == y.input.name && x.input.shape == y.input.shape && x.labelsFile == y.labelsFile &&
           samePreprocess(x.preprocess, y.preprocess) && a.calibration.maxImages == b.calibration.maxImages &&
           a.calibration.batchSize == b.calibration.batchSize;
}

bool sameSchemes(const LayerPlan& a, const LayerPlan& b) {
    auto same = [](const QuantScheme& x, const QuantScheme& y) {
        return x.kind == y.kind && x.bits == y.bits && x.granularity == y.granularity &&
               x.rangeMode == y.rangeMode && x.signedness == y.signedness;
    };
    return same(a.weights, b.weights) && same(a.activations, b.activations) &&
           a.weightSource == b.weightSource && a.activationSource == b.activationSource &&
           a.outputActivation == b.outputActivation && a.range == b.range &&
           a.rangeOverridden == b.rangeOverridden;
}

/// The preprocessing a model's image input suggests (layout and size from its shape), for a config the user
/// has not edited yet.
PreprocessConfig guessedPreprocess(const Model& model, const QuantConfig& config) {
    try {
        const ValueInfo& input = resolveImageInput(model, config);
        if (!input.hasShape || input.shape.size() != 4)
            return config.preprocess;
        auto dim = [&](size_t d) { return input.shape[d].isStatic() ? int(input.shape[d].value) : -1; };
        const bool nhwc = dim(3) == 1 || dim(3) == 3;
        const bool nchw = dim(1) == 1 || dim(1) == 3;
        const TensorLayout layout = nchw || !nhwc ? TensorLayout::NCHW : TensorLayout::NHWC;
        if (layout == TensorLayout::NCHW)
            return PreprocessEditor::guessedConfig(dim(1), dim(2), dim(3), layout);
        return PreprocessEditor::guessedConfig(dim(3), dim(1), dim(2), layout);
    } catch (const Error&) {
        return config.preprocess;
    }
}

} // namespace

Document::Document(QObject* parent) : QObject(parent) {
    m_tasks = new TaskRunner(this);
    m_loadTask = new ModelLoadTask(m_tasks, this);
    m_undoStack = new QUndoStack(this);
    m_sessionSlot = std::make_shared<SessionSlot>();
    connect(m_loadTask, &ModelLoadTask::loaded, this, &Document::onLoaded);
    connect(m_loadTask, &ModelLoadTask::failed, this, &Document::loadFailed);
    connect(m_loadTask, &ModelLoadTask::cancelled, this, &Document::loadCancelled);
}

Document::~Document() {
    m_tasks->shutdown();
}

void Document::open(const QString& path) {
    m_tasks->cancelAll(); // work on the current model is of no use once another one opens
    emit loadStarted(path);
    m_loadTask->start(path);
}

void Document::close() {
    m_loadTask->cancel();
    setModel(nullptr, {});
}

void Document::setModel(std::shared_ptr<const Model> model, const QString& filePath) {
    m_tasks->cancelAll(); // results for the previous model would be of no use
    setSelection({});
    m_undoStack->clear();
    m_model = std::move(model);
    m_filePath = m_model ? filePath : QString();
    m_sessionSlot = std::make_shared<SessionSlot>();
    m_sessionSlot->model = m_model;
    dropResults();
    m_plan = QuantPlan();
    if (m_model && !m_configEdited)
        m_config.preprocess = guessedPreprocess(*m_model, m_config);
    if (m_model) {
        try {
            m_plan = buildQuantPlan(m_model->graph, m_config);
        } catch (const Error&) {
            QuantConfig defaults;
            defaults.preprocess = m_config.preprocess;
            defaults.input = {};
            m_config = defaults;
            m_plan = buildQuantPlan(m_model->graph, m_config);
        }
    }
    ++m_revision;
    ++m_dataRevision;
    emit modelChanged();
}

QString Document::displayName() const {
    return m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).fileName();
}

bool Document::isLoading() const {
    return m_loadTask->isRunning();
}

void Document::setSelection(const QString& nodeName) {
    if (nodeName == m_selection)
        return;
    m_selection = nodeName;
    emit selectionChanged(m_selection);
}

QuantPlan Document::planFor(const QuantConfig& config) const {
    if (!m_model)
        throw Error(tr("no model is open").toStdString());
    return buildQuantPlan(m_model->graph, config);
}

void Document::setConfig(const QuantConfig& config) {
    QuantPlan plan = planFor(config);
    m_configEdited = true;
    const bool dataChanged = !sameDataSettings(config, m_config);
    QStringList changed;
    for (const LayerPlan& layer : plan.layers) {
        const LayerPlan* before = m_plan.findLayer(layer.layer.nodeName);
        if (!before || !sameSchemes(*before, layer))
            changed << QString::fromStdString(layer.layer.nodeName);
    }
    const bool defaultsChanged = config.calibration.method != m_config.calibration.method ||
                                 config.calibration.percentile != m_config.calibration.percentile ||
                                 config.codebookInit != m_config.codebookInit ||
                                 config.biasCorrection != m_config.biasCorrection;
    m_config = config;
    m_plan = std::move(plan);
    ++m_revision;
    if (dataChanged) {
        ++m_dataRevision;
        m_calibration.reset();
        emit dataSettingsChanged();
        emit resultsChanged(ResultKind::Calibration);
    }
    emit strategyChanged(defaultsChanged ? StrategyChange::Defaults : StrategyChange::Layers, changed);
}

void Document::setCalibrationFolder(const QString& folder) {
    if (folder == m_calibrationFolder)
        return;
    m_calibrationFolder = folder;
    ++m_dataRevision;
    m_calibration.reset();
    emit dataSettingsChanged();
    emit resultsChanged(ResultKind::Calibration);
}

void Document::setEvaluationFolder(const QString& folder) {
    if (folder == m_evaluationFolder)
        return;
    m_evaluationFolder = folder;
    const bool hadResults = m_evaluationRevision >= 0 || m_sensitivityRevision >= 0;
    m_evaluationRevision = -1; // measured on other images: shown, but no longer current
    m_sensitivityRevision = -1;
    emit dataSettingsChanged();
    if (hadResults)
        emit resultsChanged(ResultKind::Evaluation);
}

bool Document::setCalibration(std::shared_ptr<const CalibrationResult> calibration, int dataRevision) {
    if (dataRevision != m_dataRevision)
        return false;
    m_calibration = std::move(calibration);
    emit resultsChanged(ResultKind::Calibration);
    return true;
}

bool Document::setEvaluation(const EvaluationResult& evaluation, const ModelSizes& sizes,
                             const QMap<QString, qint64>& layerBytes, int revision) {
    if (!acceptsRevision(revision))
        return false;
    m_evaluation = evaluation;
    m_sizes = sizes;
    m_evaluationRevision = revision;
    for (LayerResult& result : m_layerResults) {
        result.sqnrDb = std::numeric_limits<double>::quiet_NaN();
        result.quantizedBytes = -1;
    }
    for (const LayerSqnr& layer : evaluation.layers)
        m_layerResults[QString::fromStdString(layer.layer)].sqnrDb = layer.sqnrDb;
    for (auto it = layerBytes.begin(); it != layerBytes.end(); ++it)
        m_layerResults[it.key()].quantizedBytes = it.value();
    m_trials.record(m_config, m_evaluationFolder, evaluation, sizes);
    emit resultsChanged(ResultKind::Evaluation);
    return true;
}

bool Document::setSensitivity(const std::vector<LayerSensitivity>& sensitivity, int revision) {
    if (!acceptsRevision(revision))
        return false;
    for (LayerResult& result : m_layerResults)
        result.sensitivity = std::numeric_limits<double>::quiet_NaN();
    for (const LayerSensitivity& layer : sensitivity)
        m_layerResults[QString::fromStdString(layer.layer)].sensitivity = layer.metric;
    m_sensitivity = sensitivity;
    m_sensitivityRevision = revision;
    emit resultsChanged(ResultKind::Sensitivity);
    return true;
}

void Document::dropResults() {
    m_calibration.reset();
    m_evaluation.reset();
    m_sizes.reset();
    m_evaluationRevision = -1;
    m_sensitivity.clear();
    m_sensitivityRevision = -1;
    m_layerResults.clear();
    m_lastExportPath.clear();
    m_trials.clear();
}

void Document::onLoaded(std::shared_ptr<const qs::Model> model, const QStringList& warnings) {
    setModel(std::move(model), m_loadTask->path());
    if (!warnings.isEmpty())
        emit warningsReported(warnings);
}

} // namespace qs
