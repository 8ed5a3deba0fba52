#include "actiondecoration.h"

#include "themedicon.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QMenuBar>
#include <QVariant>

namespace qs {

namespace {

constexpr char kShownToolTip[] = "qsShownToolTip";
constexpr char kBaseToolTip[] = "qsBaseToolTip";
constexpr char kToolTipFromText[] = "qsToolTipFromText";

/// The tooltip QAction derives from `text` when none is set.
QString defaultToolTip(const QString& text) {
    return QAction(text).toolTip();
}

void updateToolTip(QAction* action) {
    const QString current = action->toolTip();
    if (current != action->property(kShownToolTip).toString()) {
        // First call, or someone set a new tooltip since: take it as the base unless it is Qt's default.
        action->setProperty(kToolTipFromText, current == defaultToolTip(action->text()));
        action->setProperty(kBaseToolTip, current);
    }
    const QString base = action->property(kToolTipFromText).toBool()
                             ? actionLabel(action)
                             : action->property(kBaseToolTip).toString();
    const QKeySequence shortcut = action->shortcut();
    const QString shown = shortcut.isEmpty() ? base
                                             : QCoreApplication::translate("qs::ActionDecoration", "%1 (%2)")
                                                   .arg(base, shortcut.toString(QKeySequence::NativeText));
    action->setProperty(kShownToolTip, shown);
    action->setToolTip(shown);
}

void collect(const QMenu* menu, const QStringList& path, QList<MenuAction>& out) {
    for (QAction* action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (const QMenu* submenu = action->menu())
            collect(submenu, path + QStringList{actionLabel(action)}, out);
        else
            out.append(MenuAction{action, path});
    }
}

} // namespace

QAction* decorateAction(QAction* action, const QString& iconName, const QString& statusTip) {
    if (!iconName.isEmpty())
        action->setIcon(themedIcon(iconName));
    action->setStatusTip(statusTip);
    return action;
}

void showShortcutsInToolTips(const QList<QAction*>& actions) {
    for (QAction* action : actions) {
        if (action->property(kShownToolTip).isValid())
            continue;
        updateToolTip(action);
        QObject::connect(action, &QAction::changed, action, [action] { updateToolTip(action); });
    }
}

QList<QKeySequence> standardShortcuts(QKeySequence::StandardKey key, const QKeySequence& fallback) {
    QList<QKeySequence> shortcuts = QKeySequence::keyBindings(key);
    if (!shortcuts.contains(fallback))
        shortcuts << fallback;
    return shortcuts;
}

QString actionLabel(const QAction* action) {
    const QString text = action->text();
    QString label;
    label.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('&')) {
            if (i + 1 < text.size() && text[i + 1] == QLatin1Char('&'))
                label += text[++i];
            continue;
        }
        label += text[i];
    }
    if (label.endsWith(QChar(0x2026)))
        label.chop(1);
    else if (label.endsWith(QLatin1String("...")))
        label.chop(3);
    return label.trimmed();
}

QList<MenuAction> menuActions(const QMenuBar* menuBar) {
    QList<MenuAction> out;
    for (QAction* action : menuBar->actions()) {
        if (const QMenu* menu = action->menu())
            collect(menu, QStringList{actionLabel(action)}, out);
    }
    return out;
}

} // namespace qs
