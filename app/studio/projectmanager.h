#pragma once
// The document's project file (.qsproj): New, Open, Save and Save As, whether there is unsaved work, autosave
// and crash recovery. Reading and writing the files is core's (workflow/project.h, projectresults.h); this
// class decides when, and applies a project to the Document: the model is loaded in the background, then the
// strategy, the folders and the results that are still valid for them are restored without a new
// calibration.
//
// Unsaved work = strategy edits since the last save (the undo stack is not clean), other data folders, or
// results computed since. It is autosaved to the recovery folder every autosaveInterval and after each
// completed job; a studio that does not close properly leaves it there for the next start to offer.

#include "recoverystore.h"

#include "workflow/project.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <optional>

namespace qs {

class Document;

class ProjectManager : public QObject {
    Q_OBJECT
public:
    /// `recoveryFolder` empty: the application data folder's recovery subfolder.
    explicit ProjectManager(Document* document, const QString& recoveryFolder = QString(),
                            QObject* parent = nullptr);
    ~ProjectManager() override;

    /// The project file, or "" for an untitled project.
    QString projectPath() const { return m_projectPath; }
    bool isModified() const { return m_modified; }

    /// Reads `path` and starts loading its model; opened() follows once the project is applied, failed()
    /// when the project or its model cannot be read. False (and failed()) when the file itself is unreadable.
    bool open(const QString& path);
    /// True while a project's model is loading.
    bool isOpening() const { return m_pending.has_value(); }
    /// Writes the project and its results beside it (atomically) and makes it the project's path.
    /// False and failed() when it cannot be written.
    bool saveTo(const QString& path);
    /// Closes the model and forgets the project path.
    void newProject();

    /// What would be saved now.
    Project snapshot();
    /// SHA-256 of the open model file (computed once per file version).
    QString modelSha256();

    // --- autosave and recovery ---------------------------------------------------------------------------
    /// 0 turns autosave off. Default: the `autosave/intervalSeconds` setting, else 60.
    void setAutosaveInterval(int seconds);
    int autosaveIntervalSeconds() const { return m_autosaveSeconds; }
    /// Writes the unsaved work to the recovery folder now (nothing when there is none). True when written.
    bool autosaveNow();
    RecoveryStore* recovery() const { return m_recovery.get(); }
    /// Opens an abandoned autosave as an unsaved project with the path it was saved as; its slot is removed.
    bool restore(const RecoveryEntry& entry);

signals:
    void projectPathChanged(const QString& path);
    void modifiedChanged(bool modified);
    /// A project was applied. `notes` says what could not be restored as saved (each line self-contained).
    void opened(const QString& path, const QStringList& notes);
    /// The model file changed since the project was saved; `missingLayers` are the per-layer settings that
    /// name layers it no longer has (set aside, the rest applied).
    void modelDiffers(const QString& modelPath, const QStringList& missingLayers);
    void failed(const QString& message);
    void autosaved(const QString& path);

private:
    struct Pending {
        QString projectPath; ///< where the project will be saved from now on ("" = untitled)
        QString readFrom;    ///< the file read (differs when restoring an autosave)
        Project project;
        bool keepModified = false;
    };
    bool startOpening(Pending pending);
    void onModelChanged();
    void apply(const Pending& pending);
    void restoreResults(const QString& resultsPath, const QString& modelHash, QStringList& notes);
    bool writeTo(const QString& projectPath);
    void setProjectPath(const QString& path);
    void markSaved();
    void updateModified();
    void scheduleAutosave();

    Document* m_document = nullptr;
    QString m_projectPath;
    std::optional<Pending> m_pending;
    bool m_modified = false;
    bool m_resultsDirty = false;
    bool m_forcedModified = false; ///< restored autosave or set-aside settings: unsaved until saved
    bool m_applying = false;
    QString m_savedCalibrationFolder;
    QString m_savedEvaluationFolder;

    QString m_hashedPath;
    qint64 m_hashedSize = -1;
    qint64 m_hashedMtime = -1;
    QString m_hash;

    std::unique_ptr<RecoveryStore> m_recovery;
    QTimer m_autosaveTimer;
    int m_autosaveSeconds = 60;
    bool m_autosaveScheduled = false;
};

} // namespace qs
