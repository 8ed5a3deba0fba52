#include "taskreporter.h"

#include "document.h"
#include "messagelog.h"
#include "modelloadtask.h"
#include "quantizationjobs.h"
#include "strategyeditor.h"
#include "taskprogresswidget.h"
#include "taskrunner.h"

#include <QStatusBar>

namespace qs {

TaskReporter::TaskReporter(Document* document, TaskRunner* tasks, QuantizationJobs* jobs,
                           StrategyEditor* strategy, TaskProgressWidget* progress, MessageLog* log,
                           QStatusBar* statusBar, QObject* parent)
    : QObject(parent), m_document(document), m_tasks(tasks), m_jobs(jobs), m_strategy(strategy),
      m_progress(progress), m_log(log), m_statusBar(statusBar) {
    connectRunner();
    connectSteps();
}

void TaskReporter::endProgressWhenIdle() {
    if (m_tasks->currentEngineJob() == 0)
        m_progress->end();
}

void TaskReporter::connectRunner() {
    connect(m_tasks, &TaskRunner::jobStarted, this, [this](int, const QString& title, TaskRunner::Lane lane) {
        if (lane == TaskRunner::Lane::Engine) // light background work does not take the status bar
            m_progress->begin(title);
    });
    connect(m_tasks, &TaskRunner::jobProgress, this,
            [this](int id, double fraction, const QString& stage, qint64 elapsedMs, qint64 remainingMs) {
                if (id != m_tasks->currentEngineJob())
                    return;
                m_progress->setProgress(fraction, stage);
                m_progress->setTimes(elapsedMs, remainingMs);
            });
    connect(m_tasks, &TaskRunner::jobFinished, this,
            [this](int id, const QString& title, qint64 elapsedMs, TaskRunner::Lane lane) {
                endProgressWhenIdle();
                if (lane == TaskRunner::Lane::Engine && id != m_document->loadTask()->lastJob())
                    m_log->addMessage(
                        MessageLevel::Info,
                        tr("%1 finished in %2 s").arg(title).arg(double(elapsedMs) / 1000.0, 0, 'f', 1));
            });
    connect(m_tasks, &TaskRunner::jobFailed, this,
            [this](int id, const QString& title, const QString& error) {
                endProgressWhenIdle();
                if (id == m_document->loadTask()->lastJob())
                    return; // the document reports a failed load
                m_log->addMessage(MessageLevel::Error, tr("%1 failed: %2").arg(title, error));
                m_statusBar->showMessage(error, 15000);
            });
    connect(m_tasks, &TaskRunner::jobCancelled, this, [this](int id, const QString& title) {
        endProgressWhenIdle();
        if (id != m_document->loadTask()->lastJob())
            m_log->addMessage(MessageLevel::Info, tr("%1 cancelled; nothing was changed.").arg(title));
    });
    connect(m_progress, &TaskProgressWidget::cancelRequested, m_tasks, &TaskRunner::cancelAll);
}

void TaskReporter::connectSteps() {
    connect(m_jobs, &QuantizationJobs::failed, this, [this](const QString& text) {
        m_log->addMessage(MessageLevel::Warning, text);
        m_statusBar->showMessage(text, 10000);
    });
    connect(m_jobs, &QuantizationJobs::message, this,
            [this](const QString& text) { m_log->addMessage(MessageLevel::Info, text); });
    connect(m_jobs, &QuantizationJobs::exported, this,
            [this](const QString& model, const QString& plan, const QString&) {
                m_log->addMessage(MessageLevel::Info, tr("Exported %1 (plan: %2)").arg(model, plan));
                m_statusBar->showMessage(tr("Exported %1").arg(model), 10000);
            });
    connect(m_jobs, &QuantizationJobs::reportWritten, this, [this](const QString& html, const QString& pdf) {
        m_log->addMessage(MessageLevel::Info, tr("Wrote the report %1 and %2").arg(html, pdf));
        m_statusBar->showMessage(tr("Wrote the report %1").arg(html), 10000);
    });
    connect(m_strategy, &StrategyEditor::rejected, this, [this](const QString& reason) {
        m_log->addMessage(MessageLevel::Warning, tr("Edit refused: %1").arg(reason));
        m_statusBar->showMessage(tr("Edit refused: %1").arg(reason), 10000);
    });
}

} // namespace qs
