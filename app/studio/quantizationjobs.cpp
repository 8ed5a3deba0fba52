#include "quantizationjobs.h"

#include "document.h"
#include "taskrunner.h"

#include "export/weightencoding.h"
#include "report/quantizereport.h"
#include "util/atomicfile.h"
#include "workflow/quantizationsession.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace qs {

namespace {

ProgressCallback stage(const ProgressCallback& progress, double begin, double end) {
    return [progress, begin, end](double fraction, const std::string& text) {
        return progress(begin + (end - begin) * fraction, text);
    };
}

/// The slot's session, created on first use (planning the executor is engine work too).
QuantizationSession& sessionOf(SessionSlot& slot, int threads, TaskContext& context) {
    if (!slot.session)
        slot.session = std::make_shared<QuantizationSession>(slot.model, SessionOptions{threads, {}});
    slot.session->setCancelFlag(context.cancelFlag());
    return *slot.session;
}

/// Calibrates when the session has no calibration for `dataRevision` yet; returns the new one, or null.
std::shared_ptr<const CalibrationResult> ensureCalibrated(SessionSlot& slot, QuantizationSession& session,
                                                          const std::string& folder, int dataRevision,
                                                          const ProgressCallback& progress) {
    if (session.isCalibrated() && slot.calibratedDataRevision == dataRevision)
        return nullptr;
    session.calibrate(folder, CalibrationScope::EveryCandidate, progress);
    slot.calibratedDataRevision = dataRevision;
    return session.calibration();
}

QMap<QString, qint64> layerBytes(const QuantizationSession& session) {
    QMap<QString, qint64> bytes;
    const int64_t opset = session.model().info.opset();
    for (const LayerPlan& layer : session.plan().layers) {
        auto weight = session.tensors().weights.find(layer.layer.weightName);
        if (weight != session.tensors().weights.end())
            bytes[QString::fromStdString(layer.layer.nodeName)] =
                qint64(storedWeightBytes(weight->second, opset));
    }
    return bytes;
}

} // namespace

QuantizationJobs::QuantizationJobs(Document* document, TaskRunner* runner, QObject* parent)
    : QObject(parent), m_document(document), m_runner(runner) {}

bool QuantizationJobs::checkReady(bool needsCalibrationFolder, bool needsEvaluationFolder) {
    if (!m_document->model()) {
        emit failed(tr("Open a model first."));
        return false;
    }
    if (needsCalibrationFolder && m_document->calibrationFolder().isEmpty()) {
        emit failed(tr("Choose a calibration folder first: drop a folder of images on the window or use "
                       "Quantize → Calibration Folder."));
        return false;
    }
    if (needsEvaluationFolder && m_document->evaluationFolder().isEmpty()) {
        emit failed(tr("Choose an evaluation folder first: drop a folder of images on the Data panel or use "
                       "Quantize → Evaluation Folder."));
        return false;
    }
    return true;
}

int QuantizationJobs::calibrate() {
    if (!checkReady(true, false))
        return 0;
    const std::shared_ptr<SessionSlot> slot = m_document->sessionSlot();
    const QuantConfig config = m_document->config();
    const std::string folder = m_document->calibrationFolder().toStdString();
    const int dataRevision = m_document->dataRevision();
    const int threads = m_threadCount;
    Document* document = m_document;
    return m_runner->start(tr("Calibrating"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
        QuantizationSession& session = sessionOf(*slot, threads, context);
        session.setConfig(config);
        session.calibrate(folder, CalibrationScope::EveryCandidate, context.progress());
        slot->calibratedDataRevision = dataRevision;
        std::shared_ptr<const CalibrationResult> calibration = session.calibration();
        return TaskRunner::Apply([this, document, calibration, dataRevision] {
            if (!document->setCalibration(calibration, dataRevision))
                emit message(tr("The data settings changed while calibrating; the calibration was dropped."));
        });
    });
}

int QuantizationJobs::evaluate() {
    if (!checkReady(true, true))
        return 0;
    const std::shared_ptr<SessionSlot> slot = m_document->sessionSlot();
    const QuantConfig config = m_document->config();
    const std::string calibrationFolder = m_document->calibrationFolder().toStdString();
    const std::string evaluationFolder = m_document->evaluationFolder().toStdString();
    const int dataRevision = m_document->dataRevision();
    const int revision = m_document->revision();
    const int threads = m_threadCount;
    Document* document = m_document;
    return m_runner->start(tr("Evaluating"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
        QuantizationSession& session = sessionOf(*slot, threads, context);
        session.setConfig(config);
        session.checkDataFolder(evaluationFolder, false);
        const ProgressCallback progress = context.progress();
        std::shared_ptr<const CalibrationResult> calibration =
            ensureCalibrated(*slot, session, calibrationFolder, dataRevision, stage(progress, 0.0, 0.4));
        session.quantize(stage(progress, 0.4, 0.45));
        if (config.biasCorrection && !session.biasesCorrected())
            session.correctBiases(stage(progress, 0.45, 0.6));
        const EvaluationResult evaluation = session.evaluate(evaluationFolder, stage(progress, 0.6, 1.0));
        const ModelSizes sizes = session.sizes();
        const QMap<QString, qint64> bytes = layerBytes(session);
        return TaskRunner::Apply([=] {
            if (calibration)
                document->setCalibration(calibration, dataRevision);
            if (!document->setEvaluation(evaluation, sizes, bytes, revision))
                emit message(tr("The strategy changed while evaluating; those results were dropped. Evaluate "
                                "again to measure the current strategy."));
        });
    });
}

int QuantizationJobs::sensitivity(int maxImages) {
    if (!checkReady(true, true))
        return 0;
    const std::shared_ptr<SessionSlot> slot = m_document->sessionSlot();
    const QuantConfig config = m_document->config();
    const std::string calibrationFolder = m_document->calibrationFolder().toStdString();
    const std::string evaluationFolder = m_document->evaluationFolder().toStdString();
    const int dataRevision = m_document->dataRevision();
    const int revision = m_document->revision();
    const int threads = m_threadCount;
    Document* document = m_document;
    return m_runner->start(tr("Measuring sensitivity"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
        QuantizationSession& session = sessionOf(*slot, threads, context);
        session.setConfig(config);
        session.checkDataFolder(evaluationFolder, false);
        const ProgressCallback progress = context.progress();
        std::shared_ptr<const CalibrationResult> calibration =
            ensureCalibrated(*slot, session, calibrationFolder, dataRevision, stage(progress, 0.0, 0.3));
        session.quantize(stage(progress, 0.3, 0.35));
        if (config.biasCorrection && !session.biasesCorrected())
            session.correctBiases(stage(progress, 0.35, 0.5));
        const std::vector<LayerSensitivity> result =
            session.sensitivity(evaluationFolder, size_t(maxImages), stage(progress, 0.5, 1.0));
        return TaskRunner::Apply([=] {
            if (calibration)
                document->setCalibration(calibration, dataRevision);
            if (!document->setSensitivity(result, revision))
                emit message(
                    tr("The strategy changed while measuring sensitivity; those results were dropped."));
        });
    });
}

int QuantizationJobs::exportModel(const QString& path, const QString& reportPath) {
    if (!checkReady(true, false))
        return 0;
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_document->filePath()).absoluteFilePath()) {
        emit failed(tr("%1 is the open model; export to another file.").arg(path));
        return 0;
    }
    const std::shared_ptr<SessionSlot> slot = m_document->sessionSlot();
    const QuantConfig config = m_document->config();
    const std::string calibrationFolder = m_document->calibrationFolder().toStdString();
    const std::string outputPath = path.toStdString();
    const std::string modelPath = m_document->filePath().toStdString();
    const int dataRevision = m_document->dataRevision();
    const int threads = m_threadCount;
    Document* document = m_document;
    const std::optional<EvaluationResult> evaluation =
        m_document->evaluationIsCurrent() ? m_document->evaluation() : std::nullopt;
    const std::string report = evaluation ? reportPath.toStdString() : std::string();
    if (!report.empty() &&
        (QFileInfo(reportPath).absoluteFilePath() == QFileInfo(path).absoluteFilePath() ||
         QFileInfo(reportPath).absoluteFilePath() == QFileInfo(m_document->filePath()).absoluteFilePath())) {
        emit failed(tr("The report %1 would overwrite the model; choose another name.").arg(reportPath));
        return 0;
    }
    return m_runner->start(tr("Exporting"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
        QuantizationSession& session = sessionOf(*slot, threads, context);
        session.setConfig(config);
        const ProgressCallback progress = context.progress();
        std::shared_ptr<const CalibrationResult> calibration =
            ensureCalibrated(*slot, session, calibrationFolder, dataRevision, stage(progress, 0.0, 0.5));
        session.quantize(stage(progress, 0.5, 0.55));
        if (config.biasCorrection && !session.biasesCorrected())
            session.correctBiases(stage(progress, 0.55, 0.8));
        ExportOptions options;
        options.producerVersion = QCoreApplication::applicationVersion().toStdString();
        const ExportResult result = session.exportModel(outputPath, options, stage(progress, 0.8, 1.0));
        if (!report.empty()) {
            PipelineResult summary;
            summary.plan = session.plan();
            summary.calibration = *session.calibration();
            summary.batchSize = session.batchSize();
            summary.evaluation = evaluation;
            summary.sizes = session.sizes();
            const auto json = quantizeSummaryJson(
                summary, modelPath, result.modelPath, result.planPath,
                uint64_t(QFileInfo(QString::fromStdString(modelPath)).size()), result.fileBytes);
            writeFileAtomically(report, quantizeReportHtml(json));
        }
        const QString writtenModel = QString::fromStdString(result.modelPath);
        const QString writtenPlan = QString::fromStdString(result.planPath);
        const QString writtenReport = QString::fromStdString(report);
        return TaskRunner::Apply([=] {
            if (calibration)
                document->setCalibration(calibration, dataRevision);
            document->setLastExportPath(writtenModel);
            emit exported(writtenModel, writtenPlan, writtenReport);
        });
    });
}

} // namespace qs
