#include "taskprogresswidget.h"

#include "stagetitle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>
#include <algorithm>

namespace qs {

namespace {
constexpr int kProgressSteps = 1000;
}

TaskProgressWidget::TaskProgressWidget(QWidget* parent) : QWidget(parent) {
    m_label = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, kProgressSteps);
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(160);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the running job; nothing is changed"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &TaskProgressWidget::cancelRequested);
    hide();
}

void TaskProgressWidget::begin(const QString& title) {
    m_title = title;
    m_stage.clear();
    m_label->setText(title);
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    show();
}

void TaskProgressWidget::setProgress(double fraction, const QString& stage) {
    m_stage = stage.isEmpty() ? m_title : QStringLiteral("%1: %2").arg(m_title, stageTitle(stage));
    m_label->setText(m_stage);
    m_bar->setValue(int(std::clamp(fraction, 0.0, 1.0) * kProgressSteps));
}

void TaskProgressWidget::setTimes(qint64 elapsedMs, qint64 remainingMs) {
    auto seconds = [](qint64 ms) { return QString::number(double(ms) / 1000.0, 'f', 1); };
    const QString times = remainingMs < 0
                              ? tr("%1 s").arg(seconds(elapsedMs))
                              : tr("%1 s, about %2 s left").arg(seconds(elapsedMs), seconds(remainingMs));
    m_label->setText(QStringLiteral("%1 (%2)").arg(m_stage.isEmpty() ? m_title : m_stage, times));
}

QString TaskProgressWidget::text() const {
    return m_label->text();
}

void TaskProgressWidget::end() {
    hide();
}

} // namespace qs
