#include "document.h"

#include "modelloadtask.h"

#include <QFileInfo>
#include <QUndoStack>

namespace qs {

Document::Document(QObject* parent) : QObject(parent) {
    m_loadTask = new ModelLoadTask(this);
    m_undoStack = new QUndoStack(this);
    connect(m_loadTask, &ModelLoadTask::loaded, this, &Document::onLoaded);
    connect(m_loadTask, &ModelLoadTask::failed, this, &Document::loadFailed);
    connect(m_loadTask, &ModelLoadTask::cancelled, this, &Document::loadCancelled);
}

Document::~Document() = default;

void Document::open(const QString& path) {
    emit loadStarted(path);
    m_loadTask->start(path);
}

void Document::close() {
    m_loadTask->cancel();
    setModel(nullptr, {});
}

void Document::setModel(std::shared_ptr<const Model> model, const QString& filePath) {
    setSelection({});
    m_undoStack->clear();
    m_model = std::move(model);
    m_filePath = m_model ? filePath : QString();
    emit modelChanged();
}

QString Document::displayName() const {
    return m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).fileName();
}

bool Document::isLoading() const {
    return m_loadTask->isRunning();
}

void Document::setSelection(const QString& nodeName) {
    if (nodeName == m_selection)
        return;
    m_selection = nodeName;
    emit selectionChanged(m_selection);
}

void Document::onLoaded(std::shared_ptr<const qs::Model> model, const QStringList& warnings) {
    setModel(std::move(model), m_loadTask->path());
    if (!warnings.isEmpty())
        emit warningsReported(warnings);
}

} // namespace qs
