#pragma once
// How the studio's actions present themselves: an icon and a status-bar hint set where an action is made, the
// shortcut shown in every tooltip ("Calibrate (F5)", which toolbar buttons show), and the walk over every
// action in the menus that the toolbar, the Keyboard Shortcuts dialog and the tests use.

#include <QKeySequence>
#include <QList>
#include <QString>
#include <QStringList>

class QAction;
class QMenuBar;

namespace qs {

/// Gives `action` the themed icon `iconName` (resources/icons/<name>.svg; empty for none) and the hint that
/// the status bar shows while the pointer is on it. Returns `action`.
QAction* decorateAction(QAction* action, const QString& iconName, const QString& statusTip);

/// Shows each action's first shortcut in its tooltip and keeps it there when the text (an undo action's, say)
/// or the shortcut changes. A tooltip that was set explicitly is kept, with the shortcut appended.
void showShortcutsInToolTips(const QList<QAction*>& actions);

/// The platform's shortcuts for `key`, followed by `fallback` unless they hold it already (several standard
/// keys, Save As among them, have no binding on a desktop-less X11 session).
QList<QKeySequence> standardShortcuts(QKeySequence::StandardKey key, const QKeySequence& fallback);

/// The action's text as a label: without mnemonic ampersands and without a trailing ellipsis.
QString actionLabel(const QAction* action);

/// An action in a menu and the labels of the menus that lead to it ("Quantize", "Apply Preset").
struct MenuAction {
    QAction* action = nullptr;
    QStringList menuPath;
};

/// Every action in the menus of `menuBar` and their submenus, in menu order; separators and the entries that
/// open a submenu are left out.
QList<MenuAction> menuActions(const QMenuBar* menuBar);

} // namespace qs
