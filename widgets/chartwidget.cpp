#include "chartwidget.h"

#include "chartexport.h"
#include "chartstyle.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>

namespace qs {

ChartWidget::ChartWidget(const QString& exportBaseName, QWidget* parent) : QWidget(parent) {
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(200, 120);
    m_plot->setMouseTracking(true);
    installChartExportMenu(m_plot, this, exportBaseName);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ChartWidget::showToolTip);

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    m_plotPage = new QWidget(this);
    m_plotLayout = new QHBoxLayout(m_plotPage);
    m_plotLayout->setContentsMargins(0, 0, 0, 0);
    m_plotLayout->setSpacing(0);
    m_plotLayout->addWidget(m_plot, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_plotPage);

    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(4, 4, 4, 4);
    m_layout->addWidget(m_stack, 1);
    applyChartStyle(m_plot, *this);
}

ChartWidget::~ChartWidget() = default;

bool ChartWidget::isEmpty() const {
    return m_stack->currentWidget() == m_empty;
}

QString ChartWidget::emptyText() const {
    return m_empty->text();
}

void ChartWidget::showEmptyState(const QString& text) {
    m_empty->setText(text);
    m_stack->setCurrentWidget(m_empty);
    for (int i = 0; i < m_headerCount; ++i)
        m_layout->itemAt(i)->widget()->hide();
}

void ChartWidget::showPlot() {
    m_stack->setCurrentWidget(m_plotPage);
    for (int i = 0; i < m_headerCount; ++i)
        m_layout->itemAt(i)->widget()->show();
}

void ChartWidget::addHeaderWidget(QWidget* widget) {
    m_layout->insertWidget(m_headerCount++, widget);
    widget->setVisible(!isEmpty());
}

void ChartWidget::addSideWidget(QWidget* widget) {
    m_plotLayout->addWidget(widget);
}

void ChartWidget::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyChartStyle(m_plot, *this);
        restyle();
    }
}

void ChartWidget::showToolTip(QMouseEvent* event) {
    const QString text = isEmpty() ? QString() : toolTipAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

} // namespace qs
