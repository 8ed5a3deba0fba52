#pragma once
// Where unsaved work survives a crash. Each running studio owns one slot in the recovery folder (a project
// file, its results and a description, plus a lock file held while the studio runs). A slot whose lock is not
// held by a live process belongs to a studio that did not close properly: the next start offers to restore
// it.

#include <QDateTime>
#include <QList>
#include <QLockFile>
#include <QString>
#include <memory>

namespace qs {

/// A slot left by a studio that ended without closing.
struct RecoveryEntry {
    QString id;
    QString projectFile;     ///< the autosaved project (in the recovery folder)
    QString originalProject; ///< the project it was saved as, or "" when untitled
    QString modelPath;
    QDateTime savedAt;
};

class RecoveryStore {
public:
    /// `folder` empty: the application data folder's "recovery" subfolder.
    explicit RecoveryStore(const QString& folder = QString());
    ~RecoveryStore();
    RecoveryStore(const RecoveryStore&) = delete;
    RecoveryStore& operator=(const RecoveryStore&) = delete;

    QString folder() const { return m_folder; }
    /// This studio's slot: the project path to autosave to (the results go next to it).
    QString projectFile() const;
    /// Describes what was autosaved (after the project and results were written).
    void writeDescription(const QString& originalProject, const QString& modelPath);
    /// Removes this studio's autosaved files (the work was saved or deliberately discarded).
    void clear();

    /// Slots of studios that did not close properly, newest first. Never this studio's own.
    QList<RecoveryEntry> abandoned() const;
    /// Removes an abandoned slot's files.
    static void discard(const RecoveryEntry& entry);

private:
    QString pathOf(const QString& id, const QString& suffix) const;

    QString m_folder;
    QString m_id;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace qs
