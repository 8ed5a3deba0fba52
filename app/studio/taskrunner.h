#pragma once
// The one place background work runs. A job is a function run on a worker thread that returns what to apply
// on the GUI thread; the runner reports its progress (polled from atomics, so the worker never touches a
// QObject), elapsed and remaining time, cancels it on request, and turns its qs::Error into a message. A
// cancelled or failed job applies nothing, so the document stays as it was.
//
// Two lanes keep the cores from being oversubscribed: the engine lane runs one inference job at a time (model
// loading, calibration, evaluation, sensitivity, export); the background lane runs light work (statistics).
//
//     runner->start(tr("Calibrating"), TaskRunner::Lane::Engine, [=](TaskContext& context) {
//         auto result = session->calibrate(folder, scope, context.progress());
//         return [=] { document->setCalibration(result); };   // runs on the GUI thread
//     });

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "util/error.h"

class QThreadPool;

namespace qs {

/// What a running job sees: its progress callback (for core's long operations) and its cancel flag.
class TaskContext {
public:
    /// A core progress callback: stores the fraction and stage, returns false once cancel was requested.
    ProgressCallback progress();
    /// Set when the user cancelled; long work may also hand it to an executor.
    const std::shared_ptr<std::atomic_bool>& cancelFlag() const { return m_cancel; }
    bool isCancelled() const { return m_cancel->load(); }

private:
    friend class TaskRunner;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    std::atomic<double> m_fraction{0.0};
    std::mutex m_stageMutex;
    std::string m_stage;
};

class TaskRunner : public QObject {
    Q_OBJECT
public:
    enum class Lane { Engine, Background };
    /// Runs on the GUI thread after the job finished without error or cancellation.
    using Apply = std::function<void()>;
    /// Runs on a worker thread; throws qs::Error (or qs::Cancelled) to fail.
    using Work = std::function<Apply(TaskContext& context)>;

    explicit TaskRunner(QObject* parent = nullptr);
    ~TaskRunner() override;

    /// Queues `work` on `lane`; returns the job's id. Jobs of one lane run one after the other.
    int start(const QString& title, Lane lane, Work work);
    /// Asks job `id` to stop (a queued job is dropped when its turn comes).
    void cancel(int id);
    /// Cancels every job, running or queued.
    void cancelAll();
    /// Cancels every job and blocks until the lanes are idle (closing the window, tests).
    void shutdown();
    /// Blocks until every job has finished and its outcome has been delivered (tests).
    void waitForIdle();
    bool isBusy() const;
    /// Id of the engine job running now, or 0.
    int currentEngineJob() const;
    /// The cancel flag handed to engine work, so one cancel also stops an inference between two nodes.
    std::shared_ptr<std::atomic_bool> cancelFlagOf(int id) const;

signals:
    void jobStarted(int id, const QString& title, qs::TaskRunner::Lane lane);
    /// `remainingMs` is -1 while it cannot be estimated yet.
    void jobProgress(int id, double fraction, const QString& stage, qint64 elapsedMs, qint64 remainingMs);
    void jobFinished(int id, const QString& title, qint64 elapsedMs, qs::TaskRunner::Lane lane);
    void jobFailed(int id, const QString& title, const QString& message);
    void jobCancelled(int id, const QString& title);

private:
    struct Job;
    void launchNext(Lane lane);
    void onJobDone(int id);
    void pollProgress();
    Job* find(int id) const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace qs
