#include "shortcutsdialog.h"

#include "actiondecoration.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPixmap>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace qs {

namespace {

QString shortcutText(const QAction* action) {
    QStringList keys;
    for (const QKeySequence& shortcut : action->shortcuts()) {
        const QString text = shortcut.toString(QKeySequence::NativeText);
        if (!keys.contains(text))
            keys << text;
    }
    return keys.join(QStringLiteral(", "));
}

/// A transparent icon, so that entries without an icon line up with the others.
QIcon blankIcon(const QSize& size) {
    QPixmap pixmap(size.isValid() ? size : QSize(16, 16));
    pixmap.fill(Qt::transparent);
    return QIcon(pixmap);
}

/// The title of the nearest panel around `widget` (a dock's title, the graph view's), else empty.
QString panelTitle(QWidget* widget, const QWidget* window) {
    for (QWidget* w = widget; w && w != window; w = w->parentWidget()) {
        if (!w->windowTitle().isEmpty())
            return w->windowTitle();
    }
    return {};
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow* window) : QDialog(window) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by action or key…"));
    m_filter->setToolTip(tr("Shows only the actions whose name or shortcut contains this text"));
    m_filter->setClearButtonEnabled(true);
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    populate(window);
    resize(520, 600);
}

void ShortcutsDialog::populate(QMainWindow* window) {
    QSet<const QAction*> listed;
    for (const MenuAction& entry : menuActions(window->menuBar())) {
        listed.insert(entry.action);
        addEntry(entry.menuPath.join(QStringLiteral(" › ")), entry.action);
    }
    QList<QWidget*> widgets = window->findChildren<QWidget*>();
    widgets.prepend(window);
    for (QWidget* widget : widgets) {
        for (QAction* action : widget->actions()) {
            if (listed.contains(action))
                continue;
            listed.insert(action);
            const QString title = panelTitle(widget, window);
            addEntry(title.isEmpty() ? tr("Other") : title, action);
        }
    }
    m_tree->expandAll();
}

void ShortcutsDialog::addEntry(const QString& group, QAction* action) {
    if (action->shortcuts().isEmpty())
        return;
    QTreeWidgetItem* groupItem = nullptr;
    for (int i = 0; i < m_tree->topLevelItemCount() && !groupItem; ++i) {
        if (m_tree->topLevelItem(i)->text(0) == group)
            groupItem = m_tree->topLevelItem(i);
    }
    if (!groupItem) {
        groupItem = new QTreeWidgetItem(m_tree, QStringList{group});
        QFont bold = groupItem->font(0);
        bold.setBold(true);
        groupItem->setFont(0, bold);
        groupItem->setFirstColumnSpanned(true);
    }
    auto* item = new QTreeWidgetItem(groupItem, QStringList{actionLabel(action), shortcutText(action)});
    item->setIcon(0, action->icon().isNull() ? blankIcon(m_tree->iconSize()) : action->icon());
    item->setToolTip(0, action->statusTip());
}

void ShortcutsDialog::applyFilter(const QString& text) {
    const QString needle = text.trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = m_tree->topLevelItem(i);
        const bool groupMatches = group->text(0).contains(needle, Qt::CaseInsensitive);
        int shown = 0;
        for (int j = 0; j < group->childCount(); ++j) {
            QTreeWidgetItem* item = group->child(j);
            const bool matches = groupMatches || item->text(0).contains(needle, Qt::CaseInsensitive) ||
                                 item->text(1).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!matches);
            shown += matches ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

} // namespace qs
