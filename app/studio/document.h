#pragma once
// The open model and everything the user does to it: file path, the config (data settings and strategy), the
// plan derived from it, every result computed for it, the undo stack (every edit is an undo command) and the
// selection. Views subscribe to its typed change signals; loading runs in the background through a
// ModelLoadTask, quantization steps through QuantizationJobs.
//
// Revisions: every change of the strategy increments revision(); results remember the revision they were
// computed for, and a job that finishes after a newer edit has its results dropped (see acceptsRevision()).

#include "eval/evaluation.h"
#include "model/graph.h"
#include "quant/calibration.h"
#include "quant/quantconfig.h"
#include "quant/quantplan.h"
#include "strategytrials.h"
#include "workflow/modelsizes.h"
#include "workflow/sensitivity.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

class QUndoStack;

namespace qs {

class ModelLoadTask;
class QuantizationSession;
class TaskRunner;

/// What a strategy change touched, so that views update only what changed.
enum class StrategyChange {
    Layers,   ///< the listed layers' schemes
    Defaults, ///< defaults, range method or presets: potentially every layer
};

/// Which result changed.
enum class ResultKind { Calibration, Evaluation, Sensitivity };

/// Per-layer numbers of the last evaluation (NaN when not measured).
struct LayerResult {
    double sqnrDb = std::numeric_limits<double>::quiet_NaN();
    double sensitivity = std::numeric_limits<double>::quiet_NaN();
    qint64 quantizedBytes = -1;
};

/// The model's session for engine jobs; only the engine lane touches `session` (one job at a time).
struct SessionSlot {
    std::shared_ptr<const Model> model;
    std::shared_ptr<QuantizationSession> session;
    int calibratedDataRevision = -1; ///< the data revision the session's calibration was computed for
    int sessionThreads = 0;          ///< the thread count `session` was created with (0 = all cores)
};

class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    /// Starts loading `path` in the background; modelChanged() or loadFailed() or loadCancelled() follows.
    void open(const QString& path);
    /// Drops the model (modelChanged() with a null model).
    void close();
    /// Replaces the model directly (models built in memory). The config is kept when it fits the model,
    /// else reset to the defaults.
    void setModel(std::shared_ptr<const Model> model, const QString& filePath);

    std::shared_ptr<const Model> model() const { return m_model; }
    QString filePath() const { return m_filePath; }
    /// File name without folder, or "" when nothing is open.
    QString displayName() const;
    bool isLoading() const;
    ModelLoadTask* loadTask() const { return m_loadTask; }
    /// The one runner of all background work on this document (loading, quantization steps, scans).
    TaskRunner* tasks() const { return m_tasks; }
    QUndoStack* undoStack() const { return m_undoStack; }
    std::shared_ptr<SessionSlot> sessionSlot() const { return m_sessionSlot; }

    /// Name of the selected node, empty when nothing is selected.
    QString selection() const { return m_selection; }
    /// Selects a node by name (empty clears). Emits selectionChanged() only when the selection really
    /// changes.
    void setSelection(const QString& nodeName);

    // --- config and plan ---------------------------------------------------------------------------------
    const QuantConfig& config() const { return m_config; }
    /// The two parts of the config: how data becomes tensors, and how the model is quantized.
    const DataSettings& dataSettings() const { return m_config.data(); }
    const QuantStrategy& strategy() const { return m_config.strategy(); }
    const QuantPlan& plan() const { return m_plan; }
    int revision() const { return m_revision; }
    /// The plan `config` would give for the open model; throws qs::Error naming the key or layer (commands
    /// call it before they are pushed, so one bad edit never reaches the document).
    QuantPlan planFor(const QuantConfig& config) const;
    /// Replaces the config (called by undo commands). Throws qs::Error and changes nothing when it does not
    /// fit.
    void setConfig(const QuantConfig& config);

    // --- data ----------------------------------------------------------------------------------------------
    QString calibrationFolder() const { return m_calibrationFolder; }
    QString evaluationFolder() const { return m_evaluationFolder; }
    void setCalibrationFolder(const QString& folder);
    /// Another evaluation folder makes the shown evaluation and sensitivity stale (they stay visible).
    void setEvaluationFolder(const QString& folder);
    /// Incremented whenever the data settings (folders, preprocessing, input) change.
    int dataRevision() const { return m_dataRevision; }

    // --- results -------------------------------------------------------------------------------------------
    std::shared_ptr<const CalibrationResult> calibration() const { return m_calibration; }
    /// Stores a calibration computed for data revision `dataRevision`; false (and nothing stored) when the
    /// data settings changed since.
    bool setCalibration(std::shared_ptr<const CalibrationResult> calibration, int dataRevision);
    /// True when results computed at strategy revision `revision` are still current.
    bool acceptsRevision(int revision) const { return revision == m_revision; }
    const std::optional<EvaluationResult>& evaluation() const { return m_evaluation; }
    const std::optional<ModelSizes>& sizes() const { return m_sizes; }
    /// Stores an evaluation for `revision` (ignored when the strategy changed since; returns false then).
    bool setEvaluation(const EvaluationResult& evaluation, const ModelSizes& sizes,
                       const QMap<QString, qint64>& layerBytes, int revision);
    bool setSensitivity(const std::vector<LayerSensitivity>& sensitivity, int revision);
    /// Class names of the evaluation folder (index = class), set with each evaluation; may be empty.
    const QStringList& classNames() const { return m_classNames; }
    void setClassNames(const QStringList& names) { m_classNames = names; }
    /// The last layer sensitivity, and whether it was computed for the current strategy.
    const std::vector<LayerSensitivity>& sensitivity() const { return m_sensitivity; }
    bool sensitivityIsCurrent() const {
        return !m_sensitivity.empty() && m_sensitivityRevision == m_revision;
    }
    /// Per-layer numbers of the current results, by node name.
    const QMap<QString, LayerResult>& layerResults() const { return m_layerResults; }
    /// Whether the shown evaluation was computed for the current strategy.
    bool evaluationIsCurrent() const { return m_evaluation && m_evaluationRevision == m_revision; }
    /// Every strategy evaluated on this model (the size-versus-accuracy chart); cleared with the model.
    const StrategyTrials& trials() const { return m_trials; }
    /// The trial of the current config and evaluation folder, or 0 when it has not been evaluated.
    int currentTrialId() const { return m_trials.idOf(m_config, m_evaluationFolder); }
    QString lastExportPath() const { return m_lastExportPath; }
    void setLastExportPath(const QString& path) { m_lastExportPath = path; }

signals:
    void loadStarted(const QString& path);
    void modelChanged();
    void selectionChanged(const QString& nodeName);
    void loadFailed(const QString& message);
    void loadCancelled();
    /// Non-fatal problems found while loading, each naming the node or tensor.
    void warningsReported(const QStringList& warnings);
    /// The config changed; `layers` are the node names whose plan changed.
    void strategyChanged(qs::StrategyChange change, const QStringList& layers);
    void dataSettingsChanged();
    void resultsChanged(qs::ResultKind kind);

private:
    void onLoaded(std::shared_ptr<const qs::Model> model, const QStringList& warnings);
    void dropResults();

    std::shared_ptr<const Model> m_model;
    std::shared_ptr<SessionSlot> m_sessionSlot;
    QString m_filePath;
    QString m_selection;
    TaskRunner* m_tasks = nullptr;
    ModelLoadTask* m_loadTask = nullptr;
    QUndoStack* m_undoStack = nullptr;

    QuantConfig m_config;
    bool m_configEdited = false; ///< false until the user (or a loaded config) changed the defaults
    QuantPlan m_plan;
    int m_revision = 0;
    int m_dataRevision = 0;
    QString m_calibrationFolder;
    QString m_evaluationFolder;

    std::shared_ptr<const CalibrationResult> m_calibration;
    std::optional<EvaluationResult> m_evaluation;
    std::optional<ModelSizes> m_sizes;
    int m_evaluationRevision = -1;
    std::vector<LayerSensitivity> m_sensitivity;
    int m_sensitivityRevision = -1;
    QMap<QString, LayerResult> m_layerResults;
    QString m_lastExportPath;
    StrategyTrials m_trials;
    QStringList m_classNames;
};

} // namespace qs
