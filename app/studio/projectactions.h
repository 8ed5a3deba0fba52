#pragma once
// The studio's side of projects: File → New / Save / Save As with their dialogs, the Save / Discard / Cancel
// question before unsaved work is closed, the start-up offer to restore an abandoned autosave, and the
// messages that project events produce. The files themselves are ProjectManager's.

#include <QMessageBox>
#include <QObject>
#include <functional>

class QMainWindow;

namespace qs {

class Document;
class MessageLog;
class ProjectManager;
class RecentFiles;

class ProjectActions : public QObject {
    Q_OBJECT
public:
    ProjectActions(QMainWindow* window, Document* document, ProjectManager* projects,
                   RecentFiles* recentFiles, MessageLog* messageLog);

    /// Opens a .qsproj (its model loads in the background) and lists it in Recent.
    void open(const QString& path);
    /// Saves to the project's file, asking for one when untitled. False when not saved.
    bool save();
    /// Asks for a file name, then saves. False when cancelled or not saved.
    bool saveAs();
    /// Saves to `path` without asking. False (with a message) when it cannot be written.
    bool saveTo(const QString& path);
    /// Closes the model for an untitled project, after asking about unsaved work.
    void newProject();
    /// True when there is no unsaved work, or the user saved or discarded it; false when cancelled.
    bool maybeSave();
    /// Replaces the Save / Discard / Cancel question (tests).
    void setSaveQuestion(std::function<QMessageBox::StandardButton()> question) {
        m_saveQuestion = std::move(question);
    }
    /// Offers to restore the work of a studio that did not close properly, if there is any.
    void offerRecovery();

private:
    void connectProjects();
    QMessageBox::StandardButton askToSave();
    /// A window-modal box that never runs a nested event loop.
    void showMessageBox(QMessageBox::Icon icon, const QString& title, const QString& text,
                        const QString& details = QString());

    QMainWindow* m_window = nullptr;
    Document* m_document = nullptr;
    ProjectManager* m_projects = nullptr;
    RecentFiles* m_recentFiles = nullptr;
    MessageLog* m_messageLog = nullptr;
    std::function<QMessageBox::StandardButton()> m_saveQuestion;
};

} // namespace qs
