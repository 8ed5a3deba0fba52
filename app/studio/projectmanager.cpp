#include "projectmanager.h"

#include "document.h"

#include "util/error.h"
#include "util/sha256.h"
#include "workflow/projectresults.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QUndoStack>

namespace qs {

namespace {

constexpr int kDefaultAutosaveSeconds = 60;

QString qstr(const std::string& text) {
    return QString::fromStdString(text);
}

QStringList toStringList(const std::vector<std::string>& names) {
    QStringList list;
    for (const std::string& name : names)
        list << qstr(name);
    return list;
}

} // namespace

ProjectManager::ProjectManager(Document* document, const QString& recoveryFolder, QObject* parent)
    : QObject(parent), m_document(document), m_recovery(std::make_unique<RecoveryStore>(recoveryFolder)) {
    connect(document, &Document::modelChanged, this, &ProjectManager::onModelChanged);
    connect(document, &Document::loadFailed, this, [this](const QString& message) {
        if (m_pending) {
            const QString project =
                QFileInfo(m_pending->projectPath.isEmpty() ? m_pending->readFrom : m_pending->projectPath)
                    .fileName();
            m_pending.reset();
            emit failed(tr("%1: its model could not be opened: %2").arg(project, message));
        }
    });
    connect(document, &Document::loadCancelled, this, [this] { m_pending.reset(); });
    connect(document->undoStack(), &QUndoStack::cleanChanged, this, &ProjectManager::updateModified);
    connect(document, &Document::dataSettingsChanged, this, &ProjectManager::updateModified);
    connect(document, &Document::resultsChanged, this, [this] {
        if (m_applying)
            return;
        m_resultsDirty = true;
        updateModified();
        scheduleAutosave(); // a completed job is worth keeping at once
    });
    m_autosaveSeconds =
        QSettings().value(QStringLiteral("autosave/intervalSeconds"), kDefaultAutosaveSeconds).toInt();
    connect(&m_autosaveTimer, &QTimer::timeout, this, &ProjectManager::autosaveNow);
    setAutosaveInterval(m_autosaveSeconds);
}

ProjectManager::~ProjectManager() = default;

void ProjectManager::setAutosaveInterval(int seconds) {
    m_autosaveSeconds = std::max(0, seconds);
    m_autosaveTimer.stop();
    if (m_autosaveSeconds > 0)
        m_autosaveTimer.start(m_autosaveSeconds * 1000);
}

bool ProjectManager::open(const QString& path) {
    Pending pending;
    pending.projectPath = QFileInfo(path).absoluteFilePath();
    pending.readFrom = pending.projectPath;
    try {
        pending.project = loadProject(path.toStdString());
    } catch (const Error& error) {
        emit failed(qstr(error.what()));
        return false;
    }
    return startOpening(std::move(pending));
}

bool ProjectManager::restore(const RecoveryEntry& entry) {
    Pending pending;
    pending.projectPath = entry.originalProject;
    pending.readFrom = entry.projectFile;
    pending.keepModified = true;
    try {
        pending.project = loadProject(entry.projectFile.toStdString());
    } catch (const Error& error) {
        emit failed(qstr(error.what()));
        return false;
    }
    if (!startOpening(std::move(pending)))
        return false;
    // The restored work now lives in this studio (and is autosaved to its own slot).
    RecoveryStore::discard(entry);
    return true;
}

bool ProjectManager::startOpening(Pending pending) {
    const QString model = qstr(pending.project.modelPath);
    if (!QFileInfo(model).isFile()) {
        emit failed(
            tr("%1: the model %2 does not exist any more; put it back or edit model.path in the project.")
                .arg(QFileInfo(pending.readFrom).fileName(), model));
        return false;
    }
    m_pending = std::move(pending);
    m_document->open(model);
    return true;
}

void ProjectManager::onModelChanged() {
    if (m_pending && m_document->model() &&
        QFileInfo(m_document->filePath()) == QFileInfo(qstr(m_pending->project.modelPath))) {
        const Pending pending = std::move(*m_pending);
        m_pending.reset();
        apply(pending);
        return;
    }
    if (m_applying)
        return;
    // A model opened on its own (or closed) starts an untitled project.
    m_pending.reset();
    m_forcedModified = false;
    setProjectPath(QString());
    markSaved();
}

void ProjectManager::apply(const Pending& pending) {
    m_applying = true;
    QStringList notes;
    const Project& project = pending.project;
    const QString hash = modelSha256();
    const std::vector<std::string> missing = missingLayers(project.config, m_document->model()->graph);
    QuantConfig config = project.config;
    static_cast<QuantStrategy&>(config) = withoutLayers(project.config, missing);
    try {
        m_document->setConfig(config);
    } catch (const Error& error) {
        notes << tr("The project's strategy does not fit the model (%1); the defaults are used.")
                     .arg(qstr(error.what()));
    }
    m_document->undoStack()->clear();
    m_document->setCalibrationFolder(qstr(project.calibrationFolder));
    m_document->setEvaluationFolder(qstr(project.evaluationFolder));
    const bool hashDiffers = !modelMatchesProject(project, hash.toStdString());
    if (!missing.empty())
        notes << tr("Set aside %n per-layer setting(s) for layers the model does not have: %1", "",
                    int(missing.size()))
                     .arg(toStringList(missing).join(QStringLiteral(", ")));
    restoreResults(QString::fromStdString(projectResultsPath(pending.readFrom.toStdString())), hash, notes);
    m_applying = false;

    setProjectPath(pending.projectPath);
    markSaved();
    m_forcedModified = pending.keepModified || !missing.empty();
    updateModified();
    if (hashDiffers)
        emit modelDiffers(m_document->filePath(), toStringList(missing));
    emit opened(pending.projectPath, notes);
}

void ProjectManager::restoreResults(const QString& resultsPath, const QString& modelHash,
                                    QStringList& notes) {
    if (!QFileInfo::exists(resultsPath))
        return;
    ProjectResults results;
    try {
        results = loadProjectResults(resultsPath.toStdString());
    } catch (const Error& error) {
        notes << qstr(error.what());
        return;
    }
    const QuantConfig& config = m_document->config();
    const std::string calibration =
        calibrationKey(modelHash.toStdString(), config, m_document->calibrationFolder().toStdString());
    if (!results.calibration || results.calibrationKey != calibration) {
        if (results.calibration)
            notes << tr("The saved calibration is out of date (model, preprocessing or calibration images "
                        "changed); calibrate again.");
        return;
    }
    m_document->setCalibration(results.calibration, m_document->dataRevision());
    const std::string result = resultKey(calibration, config, m_document->evaluationFolder().toStdString());
    if (results.evaluation && results.evaluationKey == result) {
        QMap<QString, qint64> bytes;
        for (const auto& [layer, count] : results.evaluation->layerBytes)
            bytes[qstr(layer)] = count;
        m_document->setEvaluation(results.evaluation->evaluation, results.evaluation->sizes, bytes,
                                  m_document->revision());
    }
    if (!results.sensitivity.empty() && results.sensitivityKey == result)
        m_document->setSensitivity(results.sensitivity, m_document->revision());
}

QString ProjectManager::modelSha256() {
    const QFileInfo info(m_document->filePath());
    if (!info.isFile())
        return QString();
    const qint64 mtime = info.lastModified().toMSecsSinceEpoch();
    if (info.absoluteFilePath() != m_hashedPath || info.size() != m_hashedSize || mtime != m_hashedMtime) {
        try {
            m_hash = qstr(sha256OfFile(info.absoluteFilePath().toStdString()));
        } catch (const Error&) {
            m_hash.clear();
        }
        m_hashedPath = info.absoluteFilePath();
        m_hashedSize = info.size();
        m_hashedMtime = mtime;
    }
    return m_hash;
}

Project ProjectManager::snapshot() {
    Project project;
    project.modelPath = m_document->filePath().toStdString();
    project.modelSha256 = modelSha256().toStdString();
    project.config = m_document->config();
    project.calibrationFolder = m_document->calibrationFolder().toStdString();
    project.evaluationFolder = m_document->evaluationFolder().toStdString();
    return project;
}

bool ProjectManager::writeTo(const QString& projectPath) {
    const Project project = snapshot();
    saveProject(project, projectPath.toStdString());
    ProjectResults results;
    const std::string resultsPath = projectResultsPath(projectPath.toStdString());
    if (m_document->calibration()) {
        results.calibration = m_document->calibration();
        results.calibrationKey =
            calibrationKey(project.modelSha256, project.config, project.calibrationFolder);
        const std::string key = resultKey(results.calibrationKey, project.config, project.evaluationFolder);
        if (m_document->evaluationIsCurrent() && m_document->sizes()) {
            SavedEvaluation evaluation;
            evaluation.evaluation = *m_document->evaluation();
            evaluation.sizes = *m_document->sizes();
            for (auto it = m_document->layerResults().begin(); it != m_document->layerResults().end(); ++it)
                if (it.value().quantizedBytes >= 0)
                    evaluation.layerBytes[it.key().toStdString()] = it.value().quantizedBytes;
            results.evaluation = evaluation;
            results.evaluationKey = key;
        }
        if (m_document->sensitivityIsCurrent()) {
            results.sensitivity = m_document->sensitivity();
            results.sensitivityKey = key;
        }
        saveProjectResults(results, resultsPath);
    } else {
        QFile::remove(QString::fromStdString(resultsPath));
    }
    return true;
}

bool ProjectManager::saveTo(const QString& path) {
    if (!m_document->model()) {
        emit failed(tr("Open a model before saving a project."));
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (QFileInfo(absolute) == QFileInfo(m_document->filePath())) {
        emit failed(tr("%1 is the open model; save the project under another name.").arg(path));
        return false;
    }
    try {
        writeTo(absolute);
    } catch (const Error& error) {
        emit failed(tr("The project could not be saved: %1").arg(qstr(error.what())));
        return false;
    }
    setProjectPath(absolute);
    m_document->undoStack()->setClean();
    markSaved();
    m_recovery->clear();
    return true;
}

void ProjectManager::newProject() {
    m_pending.reset();
    m_document->close();
    setProjectPath(QString());
    m_forcedModified = false;
    markSaved();
    m_recovery->clear();
}

bool ProjectManager::autosaveNow() {
    m_autosaveScheduled = false;
    if (!m_modified || !m_document->model() || m_pending)
        return false;
    try {
        writeTo(m_recovery->projectFile());
    } catch (const Error&) {
        return false; // the next autosave tries again; the user's own saves report errors
    }
    m_recovery->writeDescription(m_projectPath, m_document->filePath());
    emit autosaved(m_recovery->projectFile());
    return true;
}

void ProjectManager::scheduleAutosave() {
    if (m_autosaveScheduled || m_autosaveSeconds <= 0)
        return;
    m_autosaveScheduled = true;
    QTimer::singleShot(0, this, &ProjectManager::autosaveNow);
}

void ProjectManager::setProjectPath(const QString& path) {
    if (path == m_projectPath)
        return;
    m_projectPath = path;
    emit projectPathChanged(path);
}

void ProjectManager::markSaved() {
    m_savedCalibrationFolder = m_document->calibrationFolder();
    m_savedEvaluationFolder = m_document->evaluationFolder();
    m_resultsDirty = false;
    m_forcedModified = false;
    m_document->undoStack()->setClean();
    updateModified();
}

void ProjectManager::updateModified() {
    const bool modified =
        m_document->model() && (m_forcedModified || m_resultsDirty || !m_document->undoStack()->isClean() ||
                                m_document->calibrationFolder() != m_savedCalibrationFolder ||
                                m_document->evaluationFolder() != m_savedEvaluationFolder);
    if (modified == m_modified)
        return;
    m_modified = modified;
    if (!modified)
        m_recovery->clear();
    emit modifiedChanged(modified);
}

} // namespace qs
