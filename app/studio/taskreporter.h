#pragma once
// Tells the user what background work does: the status bar's progress widget follows the engine job (and its
// Cancel stops it); finished, failed and cancelled jobs, the quantization steps' messages, exports, reports
// and refused edits go to the message log, the important ones to the status bar as well.

#include <QObject>

class QStatusBar;

namespace qs {

class Document;
class MessageLog;
class QuantizationJobs;
class StrategyEditor;
class TaskProgressWidget;
class TaskRunner;

class TaskReporter : public QObject {
    Q_OBJECT
public:
    TaskReporter(Document* document, TaskRunner* tasks, QuantizationJobs* jobs, StrategyEditor* strategy,
                 TaskProgressWidget* progress, MessageLog* log, QStatusBar* statusBar,
                 QObject* parent = nullptr);

private:
    void connectRunner();
    void connectSteps();
    void endProgressWhenIdle();

    Document* m_document = nullptr;
    TaskRunner* m_tasks = nullptr;
    QuantizationJobs* m_jobs = nullptr;
    StrategyEditor* m_strategy = nullptr;
    TaskProgressWidget* m_progress = nullptr;
    MessageLog* m_log = nullptr;
    QStatusBar* m_statusBar = nullptr;
};

} // namespace qs
