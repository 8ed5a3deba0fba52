#pragma once
// The open model and everything the user does to it: file path, undo stack (every edit is an undo command), the
// selected node. Views subscribe to its typed change signals; loading runs in the background through a
// ModelLoadTask.

#include "model/graph.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

class QUndoStack;

namespace qs {

class ModelLoadTask;

class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    /// Starts loading `path` in the background; modelChanged() or loadFailed() or loadCancelled() follows.
    void open(const QString& path);
    /// Drops the model (modelChanged() with a null model).
    void close();
    /// Replaces the model directly (models built in memory).
    void setModel(std::shared_ptr<const Model> model, const QString& filePath);

    std::shared_ptr<const Model> model() const { return m_model; }
    QString filePath() const { return m_filePath; }
    /// File name without folder, or "" when nothing is open.
    QString displayName() const;
    bool isLoading() const;
    ModelLoadTask* loadTask() const { return m_loadTask; }
    QUndoStack* undoStack() const { return m_undoStack; }

    /// Name of the selected node, empty when nothing is selected.
    QString selection() const { return m_selection; }
    /// Selects a node by name (empty clears). Emits selectionChanged() only when the selection really changes.
    void setSelection(const QString& nodeName);

signals:
    void loadStarted(const QString& path);
    void modelChanged();
    void selectionChanged(const QString& nodeName);
    void loadFailed(const QString& message);
    void loadCancelled();
    /// Non-fatal problems found while loading, each naming the node or tensor.
    void warningsReported(const QStringList& warnings);

private:
    void onLoaded(std::shared_ptr<const qs::Model> model, const QStringList& warnings);

    std::shared_ptr<const Model> m_model;
    QString m_filePath;
    QString m_selection;
    ModelLoadTask* m_loadTask = nullptr;
    QUndoStack* m_undoStack = nullptr;
};

} // namespace qs
