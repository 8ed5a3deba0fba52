#pragma once
// The studio's quantization steps as background jobs on the engine lane: calibrate, evaluate (quantize what
// changed, correct biases, compare float against simulated quantized), sensitivity, and export. Each job
// takes a snapshot of the config and of the document's revisions when it starts; its results are applied only
// if the document still has those revisions (else they are dropped and a message says so). Checks that can
// fail (no folder, wrong input shape, preprocessing that does not fit) run first, on the worker, before any
// inference.

#include "eval/diagnosis.h"
#include "quant/calibration.h"
#include "quant/quantconfig.h"

#include <QObject>
#include <QPair>
#include <QString>
#include <QVector>
#include <memory>
#include <string>
#include <vector>

namespace qs {

class Document;
class TaskContext;
class TaskRunner;
struct SessionSlot;

class QuantizationJobs : public QObject {
    Q_OBJECT
public:
    QuantizationJobs(Document* document, TaskRunner* runner, QObject* parent = nullptr);

    /// Threads for the engine (0 = all hardware threads). A job takes the count when it starts, so a change
    /// applies from the next job on (with a new session; a current calibration is kept), never to a running
    /// one.
    void setThreadCount(int threads) { m_threadCount = threads; }
    int threadCount() const { return m_threadCount; }

    /// Each returns the job id, or 0 with failed() emitted when the step cannot start (says why).
    int calibrate();
    int evaluate();
    int sensitivity(int maxImages = 64);
    /// Exports to `path` (and `path`.plan.json); refuses the model's own file. With a non-empty `reportPath`
    /// and a current evaluation, the review report follows (exportReport()) once the model is written.
    int exportModel(const QString& path, const QString& reportPath = {});

    /// Runs one evaluation image through the float and the quantized model and reports the error of every
    /// quantized layer's output on it (imageCompared()); the layer errors of the flips browser.
    int compareImage(const QString& imagePath);
    /// Writes the review report (HTML, with the PDF and JSON next to it) of the current evaluation to
    /// `htmlPath`, with the diagnoses of setReportDiagnoses() and the document's strategy trials. Refuses a
    /// path that is the model or its export.
    int exportReport(const QString& htmlPath);
    /// The diagnoses the next reports list (the diagnosis panel's).
    void setReportDiagnoses(const std::vector<LayerDiagnosis>& diagnoses) { m_reportDiagnoses = diagnoses; }

signals:
    /// Per-layer SQNR (dB) of `imagePath`, quantized against float, in plan order.
    void imageCompared(const QString& imagePath, const QVector<QPair<QString, double>>& layers);
    void reportWritten(const QString& htmlPath, const QString& pdfPath);
    /// A step could not start, or a result was dropped because the document changed meanwhile.
    void message(const QString& text);
    void failed(const QString& text);
    void exported(const QString& modelPath, const QString& planPath, const QString& reportPath);

private:
    /// What a job needs from the document, copied when it starts (the worker never reads the document).
    struct Inputs {
        std::shared_ptr<SessionSlot> slot;
        QuantConfig config;
        std::string calibrationFolder;
        std::string evaluationFolder;
        int dataRevision = 0;
        int revision = 0;
        int threads = 0;
        /// The document's calibration (current for dataRevision; e.g. restored from a project), or null.
        std::shared_ptr<const CalibrationResult> calibration;
    };
    /// Where the shared steps end in a job's progress (fractions of the whole job).
    struct Stages {
        double calibrated = 0.4;
        double quantized = 0.45;
        double corrected = 0.6;
        bool checkEvaluationFolder = true; ///< check the evaluation folder before any long work
    };

    bool checkReady(bool needsCalibrationFolder, bool needsEvaluationFolder);
    /// A message when the step's estimated memory is above the default limit (the step still starts).
    void warnAboutMemory();
    Inputs snapshot() const;
    /// On the worker: brings the slot's session to quantized tensors with corrected biases, calibrating first
    /// when the data changed. Returns the new calibration, or null when the session's one was still current.
    static std::shared_ptr<const CalibrationResult> prepare(const Inputs& inputs, TaskContext& context,
                                                            const Stages& stages);

    Document* m_document = nullptr;
    TaskRunner* m_runner = nullptr;
    int m_threadCount = 0;
    std::vector<LayerDiagnosis> m_reportDiagnoses;
};

} // namespace qs
