#include "taskrunner.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <deque>
#include <map>
#include <new>

namespace qs {

namespace {
constexpr int kPollIntervalMs = 100;
/// Remaining time is estimated only after this much progress, so the first guess is not wild.
constexpr double kMinimumFractionForEstimate = 0.03;
} // namespace

ProgressCallback TaskContext::progress() {
    return [this](double fraction, const std::string& stage) {
        m_fraction.store(fraction);
        {
            const std::lock_guard<std::mutex> lock(m_stageMutex);
            m_stage = stage;
        }
        return !m_cancel->load();
    };
}

struct TaskRunner::Job {
    int id = 0;
    QString title;
    Lane lane = Lane::Engine;
    Work work;
    TaskContext context;
    struct Outcome {
        Apply apply;
        QString error;
        bool cancelled = false;
    };
    QFutureWatcher<Outcome>* watcher = nullptr;
    QElapsedTimer clock;
};

struct TaskRunner::Private {
    QThreadPool enginePool;
    QThreadPool backgroundPool;
    std::map<int, std::unique_ptr<Job>> jobs;
    std::map<Lane, std::deque<int>> queued;
    std::map<Lane, int> running{{Lane::Engine, 0}, {Lane::Background, 0}};
    QTimer pollTimer;
    int nextId = 1;
};

TaskRunner::TaskRunner(QObject* parent) : QObject(parent), d(std::make_unique<Private>()) {
    d->enginePool.setMaxThreadCount(1);
    d->backgroundPool.setMaxThreadCount(1);
    d->pollTimer.setInterval(kPollIntervalMs);
    connect(&d->pollTimer, &QTimer::timeout, this, &TaskRunner::pollProgress);
}

TaskRunner::~TaskRunner() {
    shutdown();
}

int TaskRunner::start(const QString& title, Lane lane, Work work) {
    auto job = std::make_unique<Job>();
    job->id = d->nextId++;
    job->title = title;
    job->lane = lane;
    job->work = std::move(work);
    const int id = job->id;
    d->jobs.emplace(id, std::move(job));
    d->queued[lane].push_back(id);
    launchNext(lane);
    return id;
}

TaskRunner::Job* TaskRunner::find(int id) const {
    auto found = d->jobs.find(id);
    return found == d->jobs.end() ? nullptr : found->second.get();
}

void TaskRunner::launchNext(Lane lane) {
    if (d->running[lane] != 0)
        return;
    std::deque<int>& queue = d->queued[lane];
    while (!queue.empty()) {
        Job* job = find(queue.front());
        queue.pop_front();
        if (!job)
            continue;
        if (job->context.isCancelled()) {
            const QString title = job->title;
            const int id = job->id;
            d->jobs.erase(id);
            emit jobCancelled(id, title);
            continue;
        }
        d->running[lane] = job->id;
        job->watcher = new QFutureWatcher<Job::Outcome>(this);
        const int id = job->id;
        connect(job->watcher, &QFutureWatcherBase::finished, this, [this, id] { onJobDone(id); });
        job->clock.start();
        QThreadPool* pool = lane == Lane::Engine ? &d->enginePool : &d->backgroundPool;
        job->watcher->setFuture(QtConcurrent::run(pool, [job]() {
            Job::Outcome outcome;
            try {
                outcome.apply = job->work(job->context);
            } catch (const Cancelled&) {
                outcome.cancelled = true;
            } catch (const std::bad_alloc&) {
                outcome.error = QCoreApplication::translate("qs::TaskRunner", "not enough memory");
            } catch (const std::exception& error) {
                outcome.error = QString::fromStdString(error.what());
            }
            if (job->context.isCancelled())
                outcome.cancelled = true;
            return outcome;
        }));
        emit jobStarted(id, job->title, lane);
        d->pollTimer.start();
        return;
    }
}

void TaskRunner::onJobDone(int id) {
    Job* job = find(id);
    if (!job || !job->watcher || !job->watcher->isFinished())
        return;
    Job::Outcome outcome = job->watcher->result();
    if (job->context.isCancelled())
        outcome.cancelled = true; // cancelled between the end of the work and now: nothing is applied
    job->watcher->disconnect(this);
    job->watcher->deleteLater();
    job->watcher = nullptr;
    const Lane lane = job->lane;
    const QString title = job->title;
    const qint64 elapsedMs = job->clock.elapsed();
    d->running[lane] = 0;
    d->jobs.erase(id);
    if (d->running[Lane::Engine] == 0 && d->running[Lane::Background] == 0)
        d->pollTimer.stop();

    if (outcome.cancelled) {
        emit jobCancelled(id, title);
    } else if (!outcome.error.isEmpty()) {
        emit jobFailed(id, title, outcome.error);
    } else {
        try {
            if (outcome.apply)
                outcome.apply();
            emit jobFinished(id, title, elapsedMs, lane);
        } catch (const std::exception& error) {
            emit jobFailed(id, title, QString::fromStdString(error.what()));
        }
    }
    launchNext(lane);
}

void TaskRunner::pollProgress() {
    for (Lane lane : {Lane::Engine, Lane::Background}) {
        Job* job = find(d->running[lane]);
        if (!job)
            continue;
        const double fraction = job->context.m_fraction.load();
        QString stage;
        {
            const std::lock_guard<std::mutex> lock(job->context.m_stageMutex);
            stage = QString::fromStdString(job->context.m_stage);
        }
        const qint64 elapsedMs = job->clock.elapsed();
        const qint64 remainingMs = fraction >= kMinimumFractionForEstimate && fraction < 1.0
                                       ? qint64(double(elapsedMs) * (1.0 - fraction) / fraction)
                                       : -1;
        emit jobProgress(job->id, fraction, stage, elapsedMs, remainingMs);
    }
}

void TaskRunner::cancel(int id) {
    if (Job* job = find(id))
        job->context.m_cancel->store(true);
}

void TaskRunner::cancelAll() {
    for (auto& entry : d->jobs)
        entry.second->context.m_cancel->store(true);
}

void TaskRunner::shutdown() {
    cancelAll();
    waitForIdle();
}

void TaskRunner::waitForIdle() {
    while (!d->jobs.empty()) {
        bool waited = false;
        for (Lane lane : {Lane::Engine, Lane::Background}) {
            Job* job = find(d->running[lane]);
            if (job && job->watcher) {
                job->watcher->waitForFinished();
                onJobDone(job->id);
                waited = true;
            }
        }
        if (!waited) {
            for (Lane lane : {Lane::Engine, Lane::Background})
                launchNext(lane);
            if (d->running[Lane::Engine] == 0 && d->running[Lane::Background] == 0)
                break;
        }
    }
}

bool TaskRunner::isBusy() const {
    return !d->jobs.empty();
}

int TaskRunner::currentEngineJob() const {
    return d->running.at(Lane::Engine);
}

std::shared_ptr<std::atomic_bool> TaskRunner::cancelFlagOf(int id) const {
    Job* job = find(id);
    return job ? job->context.m_cancel : nullptr;
}

} // namespace qs
