#pragma once
// Loads an .onnx file in a worker thread (QtConcurrent) and reports progress, success, failure or cancellation on
// the GUI thread. Progress is polled from shared atomics by a timer, so the worker never touches QObjects.

#include "model/graph.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>

template <typename T> class QFutureWatcher;

namespace qs {

class ModelLoadTask : public QObject {
    Q_OBJECT
public:
    /// What one load produced; exactly one of `model`, `error`, `cancelled` is meaningful.
    struct Outcome {
        std::shared_ptr<const Model> model;
        QStringList warnings;
        QString error;
        bool cancelled = false;
    };

    explicit ModelLoadTask(QObject* parent = nullptr);
    ~ModelLoadTask() override;

    /// Starts loading `path`, cancelling any load still running.
    void start(const QString& path);
    /// Asks the running load to stop; cancelled() follows.
    void cancel();
    bool isRunning() const;
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
    struct SharedState;
    static Outcome run(const std::string& path, std::shared_ptr<SharedState> state);
    void pollProgress();
    void finish();

    QString m_path;
    std::shared_ptr<SharedState> m_state;
    QFutureWatcher<Outcome>* m_watcher = nullptr;
    QTimer m_pollTimer;
    QElapsedTimer m_clock;
    qint64 m_lastDurationMs = 0;
};

} // namespace qs
