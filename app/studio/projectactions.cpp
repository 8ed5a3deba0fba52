#include "projectactions.h"

#include "document.h"
#include "messagelog.h"
#include "projectmanager.h"
#include "recentfiles.h"
#include "recoverystore.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QPushButton>
#include <QStatusBar>

namespace qs {

ProjectActions::ProjectActions(QMainWindow* window, Document* document, ProjectManager* projects,
                               RecentFiles* recentFiles, MessageLog* messageLog)
    : QObject(window), m_window(window), m_document(document), m_projects(projects),
      m_recentFiles(recentFiles), m_messageLog(messageLog) {
    connectProjects();
}

void ProjectActions::connectProjects() {
    connect(m_projects, &ProjectManager::failed, this, [this](const QString& message) {
        m_messageLog->addMessage(MessageLevel::Error, message);
        showMessageBox(QMessageBox::Warning, tr("Project"), message);
    });
    connect(m_projects, &ProjectManager::opened, this, [this](const QString& path, const QStringList& notes) {
        if (!path.isEmpty())
            m_messageLog->addMessage(MessageLevel::Info, tr("Opened the project %1").arg(path));
        for (const QString& note : notes)
            m_messageLog->addMessage(MessageLevel::Warning, note);
        if (!notes.isEmpty())
            m_window->statusBar()->showMessage(notes.first(), 10000);
    });
    connect(m_projects, &ProjectManager::modelDiffers, this,
            [this](const QString& model, const QStringList& missing) {
                QString text = tr("%1 changed since the project was saved (its SHA-256 differs).")
                                   .arg(QFileInfo(model).fileName());
                text += QLatin1Char(' ');
                text += missing.isEmpty()
                            ? tr("Every per-layer setting still names a layer of the model; saved results "
                                 "were not reused.")
                            : tr("%n per-layer setting(s) name layers it no longer has; they were set aside "
                                 "and are listed in Messages.",
                                 "", int(missing.size()));
                m_messageLog->addMessage(MessageLevel::Warning, text);
                showMessageBox(QMessageBox::Warning, tr("Model Changed"), text,
                               missing.join(QLatin1Char('\n')));
            });
}

void ProjectActions::open(const QString& path) {
    if (m_projects->open(path))
        m_recentFiles->add(QFileInfo(path).absoluteFilePath());
}

void ProjectActions::newProject() {
    if (maybeSave())
        m_projects->newProject();
}

bool ProjectActions::save() {
    if (m_projects->projectPath().isEmpty())
        return saveAs();
    return saveTo(m_projects->projectPath());
}

bool ProjectActions::saveTo(const QString& path) {
    if (!m_projects->saveTo(path))
        return false;
    m_recentFiles->add(m_projects->projectPath());
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
    m_messageLog->addMessage(MessageLevel::Info, tr("Saved the project to %1").arg(path));
    return true;
}

bool ProjectActions::saveAs() {
    if (!m_document->model())
        return false;
    const QFileInfo model(m_document->filePath());
    const QString suggested =
        m_projects->projectPath().isEmpty()
            ? model.absolutePath() + QLatin1Char('/') + model.completeBaseName() + QStringLiteral(".qsproj")
            : m_projects->projectPath();
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save Project"), suggested,
                                                tr("Quantscope projects (*.qsproj)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".qsproj"), Qt::CaseInsensitive))
        path += QStringLiteral(".qsproj");
    return saveTo(path);
}

void ProjectActions::showMessageBox(QMessageBox::Icon icon, const QString& title, const QString& text,
                                    const QString& details) {
    auto* box = new QMessageBox(icon, title, text, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!details.isEmpty())
        box->setDetailedText(details);
    box->open(); // window-modal, never a nested event loop
}

bool ProjectActions::maybeSave() {
    if (!m_projects->isModified())
        return true;
    const QMessageBox::StandardButton answer = m_saveQuestion ? m_saveQuestion() : askToSave();
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

QMessageBox::StandardButton ProjectActions::askToSave() {
    const QString name = m_projects->projectPath().isEmpty()
                             ? m_document->displayName()
                             : QFileInfo(m_projects->projectPath()).fileName();
    return QMessageBox::question(
        m_window, tr("Unsaved Changes"), tr("Save the changes to %1 before closing it?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
}

void ProjectActions::offerRecovery() {
    const QList<RecoveryEntry> entries = m_projects->recovery()->abandoned();
    if (entries.isEmpty())
        return;
    const RecoveryEntry& entry = entries.first();
    const QString name = entry.originalProject.isEmpty() ? QFileInfo(entry.modelPath).fileName()
                                                         : QFileInfo(entry.originalProject).fileName();
    QMessageBox box(QMessageBox::Question, tr("Restore Unsaved Work"),
                    tr("Quantscope did not close properly. Restore the unsaved work on %1 autosaved %2?")
                        .arg(name, QLocale().toString(entry.savedAt.toLocalTime(), QLocale::ShortFormat)),
                    QMessageBox::NoButton, m_window);
    QPushButton* restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("&Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore)
        m_projects->restore(entry);
    else if (box.clickedButton() == discard)
        RecoveryStore::discard(entry);
}

} // namespace qs
