#include "modelloadtask.h"

#include "model/onnxloader.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <mutex>

namespace qs {

/// Written by the worker, read by the GUI thread.
struct ModelLoadTask::SharedState {
    std::atomic_bool cancel{false};
    std::atomic<double> fraction{0.0};
    std::mutex stageMutex;
    std::string stage;
};

namespace {
constexpr int kPollIntervalMs = 50;
}

ModelLoadTask::ModelLoadTask(QObject* parent) : QObject(parent) {
    m_pollTimer.setInterval(kPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &ModelLoadTask::pollProgress);
}

ModelLoadTask::~ModelLoadTask() {
    cancel();
    if (m_watcher)
        m_watcher->waitForFinished();
}

void ModelLoadTask::start(const QString& path) {
    if (m_watcher) {
        cancel();
        m_watcher->disconnect(this);
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    m_path = path;
    m_state = std::make_shared<SharedState>();
    m_watcher = new QFutureWatcher<Outcome>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &ModelLoadTask::finish);
    m_clock.start();
    m_watcher->setFuture(QtConcurrent::run(&ModelLoadTask::run, path.toStdString(), m_state));
    m_pollTimer.start();
    emit progressChanged(0.0, tr("Opening"));
}

ModelLoadTask::Outcome ModelLoadTask::run(const std::string& path, std::shared_ptr<SharedState> state) {
    Outcome outcome;
    auto progress = [state](double fraction, const std::string& stage) {
        state->fraction.store(fraction);
        {
            const std::lock_guard<std::mutex> lock(state->stageMutex);
            state->stage = stage;
        }
        return !state->cancel.load();
    };
    try {
        LoadResult result = loadOnnxModel(path, LoadOptions{}, progress);
        for (const std::string& warning : result.warnings)
            outcome.warnings << QString::fromStdString(warning);
        outcome.model = std::make_shared<const Model>(std::move(result.model));
    } catch (const Cancelled&) {
        outcome.cancelled = true;
    } catch (const std::bad_alloc&) {
        outcome.error =
            QObject::tr("%1: not enough memory to load the model").arg(QString::fromStdString(path));
    } catch (const std::exception& error) {
        outcome.error = QString::fromStdString(error.what());
    }
    if (state->cancel.load())
        outcome.cancelled = true; // a load cancelled at its last stage must not replace the model
    return outcome;
}

void ModelLoadTask::cancel() {
    if (m_state)
        m_state->cancel.store(true);
}

bool ModelLoadTask::isRunning() const {
    return m_watcher && !m_watcher->isFinished();
}

void ModelLoadTask::waitForFinished() {
    if (!m_watcher)
        return;
    m_watcher->waitForFinished();
    finish();
}

void ModelLoadTask::pollProgress() {
    if (!m_state)
        return;
    QString stage;
    {
        const std::lock_guard<std::mutex> lock(m_state->stageMutex);
        stage = QString::fromStdString(m_state->stage);
    }
    emit progressChanged(m_state->fraction.load(), stage);
}

void ModelLoadTask::finish() {
    if (!m_watcher || !m_watcher->isFinished())
        return;
    QFutureWatcher<Outcome>* watcher = m_watcher;
    m_watcher = nullptr;
    m_pollTimer.stop();
    m_lastDurationMs = m_clock.elapsed();
    watcher->disconnect(this);
    const Outcome outcome = watcher->result();
    watcher->deleteLater();
    if (outcome.cancelled || m_state->cancel.load())
        emit cancelled();
    else if (outcome.model)
        emit loaded(outcome.model, outcome.warnings);
    else
        emit failed(outcome.error.isEmpty() ? tr("%1: could not be loaded").arg(m_path) : outcome.error);
}

} // namespace qs
