#include "quantizationjobs.h"

#include "memoryestimatetext.h"

#include "document.h"
#include "taskrunner.h"

#include "export/weightencoding.h"
#include "report/pipelinereview.h"
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

/// The slot's session, created on first use (planning the executor is engine work too), and created again
/// when the job asks for another thread count; a calibration still current for `dataRevision` moves over to
/// the new session. Only engine jobs call this, one at a time, so a running job never loses its session.
QuantizationSession& sessionOf(SessionSlot& slot, int threads, const std::string& calibrationFolder,
                               int dataRevision, TaskContext& context) {
    if (!slot.session || slot.sessionThreads != threads) {
        const std::shared_ptr<QuantizationSession> previous = slot.session;
        slot.session = std::make_shared<QuantizationSession>(slot.model, SessionOptions{threads, {}});
        slot.sessionThreads = threads;
        if (previous && previous->isCalibrated() && slot.calibratedDataRevision == dataRevision)
            slot.session->setCalibration(previous->calibration(), calibrationFolder);
        else
            slot.calibratedDataRevision = -1;
    }
    slot.session->setCancelFlag(context.cancelFlag());
    return *slot.session;
}

/// Calibrates when the session has no calibration for `dataRevision` yet (installing the document's own
/// when it has one, e.g. restored from a project); returns a new one, or null.
std::shared_ptr<const CalibrationResult>
ensureCalibrated(SessionSlot& slot, QuantizationSession& session, const std::string& folder, int dataRevision,
                 const std::shared_ptr<const CalibrationResult>& known, const ProgressCallback& progress) {
    if (session.isCalibrated() && slot.calibratedDataRevision == dataRevision)
        return nullptr;
    if (known) {
        session.setCalibration(known, folder);
        slot.calibratedDataRevision = dataRevision;
        return nullptr;
    }
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

QuantizationJobs::Inputs QuantizationJobs::snapshot() const {
    Inputs inputs;
    inputs.slot = m_document->sessionSlot();
    inputs.config = m_document->config();
    inputs.calibrationFolder = m_document->calibrationFolder().toStdString();
    inputs.evaluationFolder = m_document->evaluationFolder().toStdString();
    inputs.dataRevision = m_document->dataRevision();
    inputs.revision = m_document->revision();
    inputs.threads = m_threadCount;
    inputs.calibration = m_document->calibration();
    return inputs;
}

std::shared_ptr<const CalibrationResult> QuantizationJobs::prepare(const Inputs& inputs, TaskContext& context,
                                                                   const Stages& stages) {
    QuantizationSession& session =
        sessionOf(*inputs.slot, inputs.threads, inputs.calibrationFolder, inputs.dataRevision, context);
    session.setConfig(inputs.config);
    if (!inputs.evaluationFolder.empty() && stages.checkEvaluationFolder)
        session.checkDataFolder(inputs.evaluationFolder, false);
    const ProgressCallback progress = context.progress();
    std::shared_ptr<const CalibrationResult> calibration =
        ensureCalibrated(*inputs.slot, session, inputs.calibrationFolder, inputs.dataRevision,
                         inputs.calibration, stage(progress, 0.0, stages.calibrated));
    session.quantize(stage(progress, stages.calibrated, stages.quantized));
    if (inputs.config.biasCorrection && !session.biasesCorrected())
        session.correctBiases(stage(progress, stages.quantized, stages.corrected));
    return calibration;
}

void QuantizationJobs::warnAboutMemory() {
    const MemoryEstimateText estimate = MemoryEstimateText::forDocument(*m_document);
    if (estimate.exceedsLimit)
        emit message(estimate.text);
}

int QuantizationJobs::calibrate() {
    if (!checkReady(true, false))
        return 0;
    const Inputs inputs = snapshot();
    warnAboutMemory();
    Document* document = m_document;
    return m_runner->start(tr("Calibrating"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
        QuantizationSession& session =
            sessionOf(*inputs.slot, inputs.threads, inputs.calibrationFolder, inputs.dataRevision, context);
        session.setConfig(inputs.config);
        session.calibrate(inputs.calibrationFolder, CalibrationScope::EveryCandidate, context.progress());
        inputs.slot->calibratedDataRevision = inputs.dataRevision;
        std::shared_ptr<const CalibrationResult> calibration = session.calibration();
        return TaskRunner::Apply([this, document, calibration, dataRevision = inputs.dataRevision] {
            if (!document->setCalibration(calibration, dataRevision))
                emit message(tr("The data settings changed while calibrating; the calibration was dropped."));
        });
    });
}

int QuantizationJobs::evaluate() {
    if (!checkReady(true, true))
        return 0;
    const Inputs inputs = snapshot();
    warnAboutMemory();
    Document* document = m_document;
    return m_runner->start(tr("Evaluating"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
        const std::shared_ptr<const CalibrationResult> calibration =
            prepare(inputs, context, Stages{0.4, 0.45, 0.6});
        QuantizationSession& session = *inputs.slot->session;
        const EvaluationResult evaluation =
            session.evaluate(inputs.evaluationFolder, stage(context.progress(), 0.6, 1.0));
        const ModelSizes sizes = session.sizes();
        const QMap<QString, qint64> bytes = layerBytes(session);
        QStringList classNames;
        for (const std::string& name : session.evaluationSet().classNames)
            classNames << QString::fromStdString(name);
        return TaskRunner::Apply([=] {
            if (calibration)
                document->setCalibration(calibration, inputs.dataRevision);
            if (document->acceptsRevision(inputs.revision))
                document->setClassNames(classNames);
            if (!document->setEvaluation(evaluation, sizes, bytes, inputs.revision))
                emit message(tr("The strategy changed while evaluating; those results were dropped. Evaluate "
                                "again to measure the current strategy."));
        });
    });
}

int QuantizationJobs::sensitivity(int maxImages) {
    if (!checkReady(true, true))
        return 0;
    const Inputs inputs = snapshot();
    Document* document = m_document;
    return m_runner->start(tr("Measuring sensitivity"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
        const std::shared_ptr<const CalibrationResult> calibration =
            prepare(inputs, context, Stages{0.3, 0.35, 0.5});
        const std::vector<LayerSensitivity> result = inputs.slot->session->sensitivity(
            inputs.evaluationFolder, size_t(maxImages), stage(context.progress(), 0.5, 1.0));
        return TaskRunner::Apply([=] {
            if (calibration)
                document->setCalibration(calibration, inputs.dataRevision);
            if (!document->setSensitivity(result, inputs.revision))
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
    const Inputs inputs = snapshot();
    const std::string outputPath = path.toStdString();
    const std::string modelPath = m_document->filePath().toStdString();
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
        const std::shared_ptr<const CalibrationResult> calibration =
            prepare(inputs, context, Stages{0.5, 0.55, 0.8, false});
        QuantizationSession& session = *inputs.slot->session;
        ExportOptions options;
        options.producerVersion = QCoreApplication::applicationVersion().toStdString();
        const ExportResult result =
            session.exportModel(outputPath, options, stage(context.progress(), 0.8, 1.0));
        const QString writtenModel = QString::fromStdString(result.modelPath);
        const QString writtenPlan = QString::fromStdString(result.planPath);
        const QString writtenReport = QString::fromStdString(report);
        return TaskRunner::Apply([=] {
            if (calibration)
                document->setCalibration(calibration, inputs.dataRevision);
            document->setLastExportPath(writtenModel);
            emit exported(writtenModel, writtenPlan, writtenReport);
            if (!writtenReport.isEmpty())
                exportReport(writtenReport);
        });
    });
}

int QuantizationJobs::compareImage(const QString& imagePath) {
    if (!checkReady(true, false))
        return 0;
    const Inputs inputs = snapshot();
    const std::string path = imagePath.toStdString();
    Document* document = m_document;
    return m_runner->start(tr("Comparing %1").arg(QFileInfo(imagePath).fileName()), TaskRunner::Lane::Engine,
                           [=](TaskContext& context) {
                               const std::shared_ptr<const CalibrationResult> calibration =
                                   prepare(inputs, context, Stages{0.6, 0.65, 0.8, false});
                               const ImageComparison comparison = inputs.slot->session->compareImage(
                                   path, stage(context.progress(), 0.8, 1.0));
                               QVector<QPair<QString, double>> layers;
                               for (const LayerSqnr& layer : comparison.layers)
                                   layers.append({QString::fromStdString(layer.layer), layer.sqnrDb});
                               return TaskRunner::Apply([=] {
                                   if (calibration)
                                       document->setCalibration(calibration, inputs.dataRevision);
                                   if (document->acceptsRevision(inputs.revision))
                                       emit imageCompared(imagePath, layers);
                               });
                           });
}

int QuantizationJobs::exportReport(const QString& htmlPath) {
    if (!checkReady(true, false))
        return 0;
    if (!m_document->evaluationIsCurrent()) {
        emit failed(tr("Evaluate the current strategy first: the report shows its evaluation."));
        return 0;
    }
    // The page and the PDF and JSON beside it: none may be the model or its export.
    const QString model = QFileInfo(m_document->filePath()).absoluteFilePath();
    const QString exported = m_document->lastExportPath().isEmpty()
                                 ? QString()
                                 : QFileInfo(m_document->lastExportPath()).absoluteFilePath();
    for (const char* extension : {"", ".pdf", ".json"}) {
        const QString written =
            QFileInfo(*extension
                          ? QString::fromStdString(reportCompanionPath(htmlPath.toStdString(), extension))
                          : htmlPath)
                .absoluteFilePath();
        if (written == model || written == exported) {
            emit failed(tr("The report %1 would overwrite the model; choose another name.").arg(written));
            return 0;
        }
    }
    const Inputs inputs = snapshot();
    Document* document = m_document;
    const std::vector<LayerDiagnosis> diagnoses = m_reportDiagnoses;
    const EvaluationResult evaluation = *m_document->evaluation();
    const std::vector<LayerSensitivity> sensitivity =
        m_document->sensitivityIsCurrent() ? m_document->sensitivity() : std::vector<LayerSensitivity>();
    const ModelSizes sizes = m_document->sizes() ? *m_document->sizes() : ModelSizes();
    std::vector<ReviewStrategyPoint> points;
    for (const StrategyTrial& trial : m_document->trials().trials())
        points.push_back({trial.label.toStdString(), uint64_t(trial.quantizedBytes), trial.accuracy});
    const std::string modelPath = m_document->filePath().toStdString();
    const std::string exportPath = m_document->lastExportPath().toStdString();
    const std::string report = htmlPath.toStdString();
    const std::string version = QCoreApplication::applicationVersion().toStdString();
    return m_runner->start(tr("Writing the report"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
        const std::shared_ptr<const CalibrationResult> calibration =
            prepare(inputs, context, Stages{0.6, 0.65, 0.8, false});
        QuantizationSession& session = *inputs.slot->session;
        PipelineResult result;
        result.plan = session.plan();
        result.tensors = session.tensors();
        result.calibration = *session.calibration();
        result.batchSize = session.batchSize();
        result.evaluation = evaluation;
        result.sensitivity = sensitivity;
        result.sizes = sizes;
        result.classNames = session.evaluationSet().classNames;
        PipelineReviewInputs review;
        review.model = &session.model();
        review.config = &inputs.config;
        review.result = &result;
        review.modelPath = modelPath;
        review.outputPath = exportPath;
        review.floatFileBytes = uint64_t(QFileInfo(QString::fromStdString(modelPath)).size());
        if (!exportPath.empty())
            review.quantFileBytes = uint64_t(QFileInfo(QString::fromStdString(exportPath)).size());
        review.calibrationFolder = inputs.calibrationFolder;
        review.evaluationFolder = inputs.evaluationFolder;
        review.toolVersion = version;
        ReviewReport content = reviewReportFromPipeline(review);
        fillReviewFlips(content, evaluation);
        fillReviewDiagnoses(content, diagnoses);
        if (points.size() > 1)
            content.strategies = points;
        context.progress()(0.9, "writing " + report);
        writeReviewReport(content, report);
        const QString pdf = QString::fromStdString(reportCompanionPath(report, ".pdf"));
        return TaskRunner::Apply([=] {
            if (calibration)
                document->setCalibration(calibration, inputs.dataRevision);
            emit reportWritten(htmlPath, pdf);
        });
    });
}

} // namespace qs
