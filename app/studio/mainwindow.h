#pragma once
// The studio's main window. It assembles the views (graph in the centre; Layers, Weights and Messages docks), the
// menus and the status bar, and wires them to the Document; the work itself lives in those classes.

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QMenu;

namespace qs {

class Document;
class FindBar;
class GraphView;
class HistogramView;
class LayersPanel;
class MessageLog;
class RecentFiles;
class TaskProgressWidget;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts loading `path` in the background.
    void openFile(const QString& path);

    Document* document() const { return m_document; }
    GraphView* graphView() const { return m_graphView; }
    LayersPanel* layersPanel() const { return m_layersPanel; }
    HistogramView* histogramView() const { return m_histogramView; }
    MessageLog* messageLog() const { return m_messageLog; }
    RecentFiles* recentFiles() const { return m_recentFiles; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createCentralArea();
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* content, Qt::DockWidgetArea area);
    void createDocks();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createHelpMenu();
    void connectDocument();
    void rebuildRecentMenu();
    void showOpenDialog();
    void onLoadStarted(const QString& path);
    void onModelChanged();
    void onLoadFailed(const QString& message);
    void onSelectionChanged(const QString& nodeName);
    void showHistogram(const QString& nodeName);
    void updateTitle();
    void restoreSettings();
    void saveSettings() const;

    Document* m_document = nullptr;
    GraphView* m_graphView = nullptr;
    FindBar* m_findBar = nullptr;
    LayersPanel* m_layersPanel = nullptr;
    HistogramView* m_histogramView = nullptr;
    MessageLog* m_messageLog = nullptr;
    RecentFiles* m_recentFiles = nullptr;
    TaskProgressWidget* m_progress = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_closeAction = nullptr;
};

} // namespace qs
