#pragma once
// The results of the open model's evaluation, shown and linked: the charts (accuracy float vs quantized,
// per-layer error worst first, size against accuracy of every strategy tried), the diagnosis of weak layers
// with their fixes, the images whose prediction flips, and the error painted on the graph. Selecting a layer
// in any of them selects it everywhere (through the document); a fix or a restored strategy is one undo step
// (through the StrategyEditor); the per-image layer errors and the fix previews are computed in the
// background.

#include "eval/diagnosis.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <vector>

class QComboBox;
class QTabWidget;
class QWidget;

namespace qs {

class AccuracyChart;
class DiagnosisPanel;
class Document;
class FlipsBrowser;
class GraphView;
class LayerErrorChart;
class ParetoChart;
class QuantizationJobs;
class StrategyEditor;

class ResultsPanels : public QObject {
    Q_OBJECT
public:
    /// What the graph's nodes are coloured by.
    enum class HeatMapMetric { None, CumulativeSqnr, IsolatedSqnr, WeightSqnr };

    ResultsPanels(Document* document, QuantizationJobs* jobs, StrategyEditor* strategy, GraphView* graph,
                  QObject* parent = nullptr);
    ~ResultsPanels() override;

    /// The tabs of charts (Accuracy, Layer error, Strategies) with the heat-map selector in the corner.
    QTabWidget* chartsWidget() const { return m_tabs; }
    AccuracyChart* accuracyChart() const { return m_accuracy; }
    LayerErrorChart* layerErrorChart() const { return m_layerError; }
    ParetoChart* paretoChart() const { return m_pareto; }
    DiagnosisPanel* diagnosisPanel() const { return m_diagnosis; }
    FlipsBrowser* flipsBrowser() const { return m_flips; }
    QComboBox* heatMapSelector() const { return m_heatMapSelector; }

    void setHeatMapMetric(HeatMapMetric metric);
    HeatMapMetric heatMapMetric() const { return m_metric; }
    /// The values the heat-map shows now, by node name (empty for None).
    const QHash<QString, double>& heatMapValues() const { return m_heatMapValues; }

    /// The SQNR below which a layer is weak and diagnosed.
    void setWeakThresholdDb(double thresholdDb);
    double weakThresholdDb() const { return m_weakThresholdDb; }
    /// The diagnoses shown (empty without a current evaluation).
    const std::vector<LayerDiagnosis>& diagnoses() const { return m_diagnoses; }

    /// File → Export Report: asks for the HTML path (the PDF and JSON go beside it) and starts the job.
    void showExportReportDialog(QWidget* parent, const QString& defaultFolder);

signals:
    /// The user changed the weak-layer threshold in the diagnosis panel.
    void weakThresholdEdited(double thresholdDb);
    void message(const QString& text);

private:
    void refreshAll();
    void refreshAccuracy();
    void refreshLayerErrors();
    void refreshTrials();
    void refreshDiagnoses();
    void refreshFlips();
    void refreshHeatMap();
    void requestWeightSqnr();
    void previewFix(const QString& layer, int fixIndex);
    void applyFix(const QString& layer, int fixIndex);
    const DiagnosisFix* fixOf(const QString& layer, int fixIndex) const;
    QHash<QString, QString> heatMapDetails() const;

    Document* m_document = nullptr;
    QuantizationJobs* m_jobs = nullptr;
    StrategyEditor* m_strategy = nullptr;
    GraphView* m_graph = nullptr;
    QTabWidget* m_tabs = nullptr;
    AccuracyChart* m_accuracy = nullptr;
    LayerErrorChart* m_layerError = nullptr;
    ParetoChart* m_pareto = nullptr;
    DiagnosisPanel* m_diagnosis = nullptr;
    FlipsBrowser* m_flips = nullptr;
    QComboBox* m_heatMapSelector = nullptr;
    HeatMapMetric m_metric = HeatMapMetric::None;
    QHash<QString, double> m_heatMapValues;
    QHash<QString, double> m_weightSqnr; ///< computed for m_weightSqnrRevision
    int m_weightSqnrRevision = -1;
    int m_weightSqnrRequestedRevision = -1;
    int m_weightSqnrGeneration = 0;
    int m_previewGeneration = 0;
    double m_weakThresholdDb = 20.0;
    std::vector<LayerDiagnosis> m_diagnoses;
};

} // namespace qs
