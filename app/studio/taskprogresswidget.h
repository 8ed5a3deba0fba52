#pragma once
// Status-bar indicator for a long background task: what it is doing, a progress bar and a Cancel button.
// Hidden while no task runs.

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace qs {

class TaskProgressWidget : public QWidget {
    Q_OBJECT
public:
    explicit TaskProgressWidget(QWidget* parent = nullptr);

public slots:
    void begin(const QString& title);
    /// `stage` is the phrase core reported; it is shown translated (stageTitle()).
    void setProgress(double fraction, const QString& stage);
    /// Adds elapsed and remaining time to the text (`remainingMs` < 0: not known yet).
    void setTimes(qint64 elapsedMs, qint64 remainingMs);
    QString text() const;
    void end();

signals:
    void cancelRequested();

private:
    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
    QToolButton* m_cancel = nullptr;
    QString m_title;
    QString m_stage;
};

} // namespace qs
