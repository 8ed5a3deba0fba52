#pragma once
// Help → Keyboard Shortcuts: every action of a main window that has a shortcut, read from the actions
// themselves (so the list cannot fall out of date), grouped by menu, then the shortcuts of the panels (the
// graph, the layer table) under the panel's title. A filter box narrows the list by name or key.

#include <QDialog>

class QLineEdit;
class QMainWindow;
class QTreeWidget;

namespace qs {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    /// Lists the actions of `window` as they are now; `window` is also the parent.
    explicit ShortcutsDialog(QMainWindow* window);

    QLineEdit* filterEdit() const { return m_filter; }
    /// Top-level items are the groups ("File", "Quantize", "Layers"); their children are (action, shortcut).
    QTreeWidget* tree() const { return m_tree; }

private:
    void populate(QMainWindow* window);
    void addEntry(const QString& group, QAction* action);
    void applyFilter(const QString& text);

    QLineEdit* m_filter = nullptr;
    QTreeWidget* m_tree = nullptr;
};

} // namespace qs
