#pragma once
// Loads an .onnx file as a job on the task runner's engine lane and reports progress, success, failure or
// cancellation on the GUI thread. A load cancelled at any point, even after the file was read, never delivers
// a model; starting a new load cancels the previous one.

#include "model/graph.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <memory>

namespace qs {

class TaskRunner;

class ModelLoadTask : public QObject {
    Q_OBJECT
public:
    ModelLoadTask(TaskRunner* runner, QObject* parent = nullptr);

    /// Starts loading `path`, cancelling any load still running.
    void start(const QString& path);
    /// Asks the running load to stop; cancelled() follows.
    void cancel();
    bool isRunning() const { return m_job != 0; }
    /// Runner id of the last load started (its failure and cancellation are reported by this class's
    /// signals).
    int lastJob() const { return m_lastJob; }
    /// Blocks until the running load has finished and its outcome signal has been emitted (tests).
    void waitForFinished();
    QString path() const { return m_path; }
    /// Duration of the last finished load.
    qint64 lastDurationMs() const { return m_lastDurationMs; }

signals:
    void progressChanged(double fraction, const QString& stage);
    void loaded(std::shared_ptr<const qs::Model> model, const QStringList& warnings);
    void failed(const QString& message);
    void cancelled();

private:
    TaskRunner* m_runner = nullptr;
    int m_job = 0;
    int m_lastJob = 0;
    QString m_path;
    QElapsedTimer m_clock;
    qint64 m_lastDurationMs = 0;
};

} // namespace qs
