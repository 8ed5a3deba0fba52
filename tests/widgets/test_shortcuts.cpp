// The main window's actions as a desktop user meets them: a status-bar hint on every menu entry, shortcuts
// and icons on the common ones, the shortcut in each tooltip, the workflow toolbar (restored with the window
// state), and Help → Keyboard Shortcuts, generated from the actions and filterable.

#include "actiondecoration.h"
#include "mainwindow.h"
#include "shortcutsdialog.h"
#include "testsettings.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QLineEdit>
#include <QMap>
#include <QMenuBar>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

using qs::MainWindow;

namespace {

using TestSettings = qs::test::IsolatedSettings;

QAction* namedAction(const MainWindow& window, const char* name) {
    auto* action = window.findChild<QAction*>(QLatin1String(name));
    INFO("action " << name);
    REQUIRE(action);
    return action;
}

/// The visible (group, action label) → shortcut text entries of the dialog.
QMap<QString, QString> shownEntries(const qs::ShortcutsDialog& dialog) {
    QMap<QString, QString> entries;
    const QTreeWidget* tree = dialog.tree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* group = tree->topLevelItem(i);
        for (int j = 0; j < group->childCount(); ++j) {
            const QTreeWidgetItem* item = group->child(j);
            if (!group->isHidden() && !item->isHidden())
                entries.insert(group->text(0) + QStringLiteral(": ") + item->text(0), item->text(1));
        }
    }
    return entries;
}

QString nativeText(const QKeySequence& keys) {
    return keys.toString(QKeySequence::NativeText);
}

} // namespace

TEST_CASE(
    "Every menu entry has a status tip; the common ones have shortcuts, icons and tooltips with the key",
    "[widgets][studio][shortcuts]") {
    const TestSettings settings;
    MainWindow window;
    const QList<qs::MenuAction> actions = qs::menuActions(window.menuBar());
    REQUIRE(actions.size() > 20);
    for (const qs::MenuAction& entry : actions) {
        INFO(entry.menuPath.join(QStringLiteral(" › ")).toStdString()
             << " › " << qs::actionLabel(entry.action).toStdString());
        CHECK_FALSE(entry.action->statusTip().isEmpty());
    }

    CHECK(namedAction(window, "openAction")->shortcut() == QKeySequence(QKeySequence::Open));
    CHECK(namedAction(window, "saveProjectAction")->shortcut() == QKeySequence(QKeySequence::Save));
    CHECK(namedAction(window, "calibrateAction")->shortcut() == QKeySequence(Qt::Key_F5));
    CHECK(namedAction(window, "evaluateAction")->shortcut() == QKeySequence(Qt::Key_F6));
    CHECK(namedAction(window, "sensitivityAction")->shortcut() == QKeySequence(Qt::Key_F7));
    CHECK(namedAction(window, "exportAction")->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E));
    CHECK_FALSE(namedAction(window, "keepFloatAction")->shortcut().isEmpty());
    CHECK_FALSE(namedAction(window, "shortcutsAction")->shortcut().isEmpty());
    for (const char* name : {"openAction", "saveProjectAction", "calibrateAction", "evaluateAction",
                             "sensitivityAction", "exportAction", "keepFloatAction", "shortcutsAction"}) {
        INFO(name);
        CHECK_FALSE(namedAction(window, name)->icon().isNull());
    }

    QAction* calibrate = namedAction(window, "calibrateAction");
    CHECK(calibrate->toolTip() == QStringLiteral("Calibrate (%1)").arg(nativeText(QKeySequence(Qt::Key_F5))));
    calibrate->setShortcut(QKeySequence(Qt::Key_F9));
    CHECK(calibrate->toolTip() == QStringLiteral("Calibrate (%1)").arg(nativeText(QKeySequence(Qt::Key_F9))));
}

TEST_CASE("The main toolbar holds the workflow and comes back with the window state",
          "[widgets][studio][shortcuts]") {
    const TestSettings settings;
    MainWindow window;
    auto* bar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    REQUIRE(bar);
    QStringList names;
    for (QAction* action : bar->actions()) {
        if (action->isSeparator())
            continue;
        names << action->objectName();
        auto* button = qobject_cast<QToolButton*>(bar->widgetForAction(action));
        REQUIRE(button);
        CHECK_FALSE(button->icon().isNull());
        CHECK(button->toolTip().contains(nativeText(action->shortcut())));
    }
    CHECK(names == QStringList{"openAction", "saveProjectAction", "calibrateAction", "evaluateAction",
                               "sensitivityAction", "exportAction"});
    auto* calibrateButton =
        qobject_cast<QToolButton*>(bar->widgetForAction(namedAction(window, "calibrateAction")));
    CHECK(calibrateButton->toolTip() ==
          QStringLiteral("Calibrate (%1)").arg(nativeText(QKeySequence(Qt::Key_F5))));

    window.show();
    bar->hide();
    const QByteArray state = window.saveState();
    MainWindow restored;
    restored.show();
    auto* restoredBar = restored.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    REQUIRE(restoredBar);
    CHECK_FALSE(restoredBar->isHidden());
    REQUIRE(restored.restoreState(state));
    CHECK(restoredBar->isHidden());
}

TEST_CASE("Keyboard Shortcuts lists every action with a shortcut, by menu, and filters",
          "[widgets][studio][shortcuts]") {
    const TestSettings settings;
    MainWindow window;
    qs::ShortcutsDialog dialog(&window);
    const QMap<QString, QString> all = shownEntries(dialog);

    int menuShortcuts = 0;
    for (const qs::MenuAction& entry : qs::menuActions(window.menuBar())) {
        if (entry.action->shortcuts().isEmpty())
            continue;
        ++menuShortcuts;
        const QString key =
            entry.menuPath.join(QStringLiteral(" › ")) + QStringLiteral(": ") + qs::actionLabel(entry.action);
        INFO(key.toStdString());
        REQUIRE(all.contains(key));
        CHECK(all.value(key).startsWith(nativeText(entry.action->shortcut())));
    }
    CHECK(menuShortcuts >= 15);
    CHECK(all.value(QStringLiteral("Quantize: Calibrate")) == nativeText(QKeySequence(Qt::Key_F5)));
    CHECK(all.value(QStringLiteral("Quantize: Evaluate")) == nativeText(QKeySequence(Qt::Key_F6)));
    CHECK(all.value(QStringLiteral("Layers: Copy Name")) == nativeText(QKeySequence(QKeySequence::Copy)));
    CHECK(all.value(QStringLiteral("Graph: Copy Name")) == nativeText(QKeySequence(QKeySequence::Copy)));
    CHECK(all.size() >=
          menuShortcuts + 3); // the panels' Copy Name (twice) and Select All Layers of This Op Type

    dialog.filterEdit()->setText(nativeText(QKeySequence(Qt::Key_F5)));
    CHECK(shownEntries(dialog).keys() == QStringList{"Quantize: Calibrate"});
    dialog.filterEdit()->setText(QStringLiteral("zoom"));
    CHECK(shownEntries(dialog).keys() == QStringList{"View: Zoom In", "View: Zoom Out"});
    dialog.filterEdit()->setText(QStringLiteral("layers"));
    CHECK(shownEntries(dialog).contains(QStringLiteral("Layers: Copy Name")));
    dialog.filterEdit()->clear();
    CHECK(shownEntries(dialog) == all);

    namedAction(window, "shortcutsAction")->trigger();
    auto* shown = window.findChild<qs::ShortcutsDialog*>();
    REQUIRE(shown);
    CHECK(shown->isVisible());
    shown->close();
}
