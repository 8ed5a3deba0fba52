#include "findbar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace qs {

FindBar::FindBar(QWidget* parent) : QWidget(parent) {
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(tr("Node name or op type"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(tr("Part of a node name or op type, any case; Enter finds the next match"));
    auto* next = new QToolButton(this);
    next->setText(tr("Find Next"));
    next->setToolTip(tr("Select the next node that matches (Enter)"));
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(new QLabel(tr("Find:"), this));
    layout->addWidget(m_edit, 1);
    layout->addWidget(next);
    layout->addWidget(close);

    connect(m_edit, &QLineEdit::returnPressed, this, &FindBar::requestFind);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { setFound(true); });
    connect(next, &QToolButton::clicked, this, &FindBar::requestFind);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
}

QString FindBar::text() const {
    return m_edit->text();
}

void FindBar::activate() {
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FindBar::setFound(bool found) {
    m_edit->setStyleSheet(found ? QString() : QStringLiteral("QLineEdit { color: #c0392b; }"));
}

void FindBar::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        hide();
        return;
    }
    QWidget::keyPressEvent(event);
}

void FindBar::requestFind() {
    if (!m_edit->text().isEmpty())
        emit findRequested(m_edit->text());
}

} // namespace qs
