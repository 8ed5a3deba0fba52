#pragma once
// The studio's main window. It assembles the views (graph in the centre; Layers, Inspector, Weights,
// Activations, Data, Messages and the result docks of ResultsPanels), the menus and the status bar, and
// wires them to the Document; the work itself lives in those classes (StrategyEditor turns edits into undo
// commands, QuantizationJobs runs the steps on the TaskRunner, LayerHistograms keeps the histograms on the
// selection).

#include <QElapsedTimer>
#include <QMainWindow>
#include <QMessageBox>
#include <functional>

class QDockWidget;
class QLabel;
class QMenu;

namespace qs {

class AppSettings;
class DataPanel;
class Document;
class FindBar;
class LayerHistograms;
class LayerInspector;
class QuantizationJobs;
class StrategyEditor;
class TaskRunner;
class GraphView;
class HistogramView;
class LayersPanel;
class MessageLog;
class ProjectActions;
class ProjectManager;
class RecentFiles;
class ResultsPanels;
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
    HistogramView* activationView() const { return m_activationView; }
    LayerInspector* inspector() const { return m_inspector; }
    DataPanel* dataPanel() const { return m_dataPanel; }
    TaskRunner* taskRunner() const { return m_tasks; }
    QuantizationJobs* jobs() const { return m_jobs; }
    StrategyEditor* strategyEditor() const { return m_strategy; }
    LayerHistograms* layerHistograms() const { return m_histograms; }
    TaskProgressWidget* progressWidget() const { return m_progress; }
    /// Exports to `path` without asking (the Export dialog's last step; tests).
    int exportTo(const QString& path);
    /// Writes the document's config (data settings and strategy) as a JSON config file that quantscope-cli
    /// reads; marks the document saved. False (with a message) when it cannot be written.
    bool saveConfigTo(const QString& path);
    ProjectManager* projectManager() const { return m_projects; }
    /// The result charts, the diagnosis, the images browser and the graph heat-map.
    ResultsPanels* resultsPanels() const { return m_results; }
    /// File → New / Save / Save As, the unsaved-changes question and crash recovery.
    ProjectActions* projectActions() const { return m_projectActions; }
    /// Saves the project to its file, asking for one when untitled. False when not saved.
    bool saveProject();
    /// Saves the project to `path` without asking (the Save As dialog's last step; tests).
    bool saveProjectTo(const QString& path);
    /// Asks whether to save unsaved work; false when the user cancels (or saving failed).
    bool maybeSave();
    /// Replaces the Save / Discard / Cancel question (tests).
    void setSaveQuestion(std::function<QMessageBox::StandardButton()> question);
    /// Offers to restore the work of a studio that did not close properly, if there is any.
    void offerRecovery();
    /// Treats a dropped or chosen folder: calibration first, then evaluation, else asks.
    void useDataFolder(const QString& folder);
    MessageLog* messageLog() const { return m_messageLog; }
    RecentFiles* recentFiles() const { return m_recentFiles; }
    /// The user's preferences (Edit → Preferences); owned by the window.
    AppSettings* appSettings() const { return m_appSettings; }
    /// View → Reset Layout: puts the docks back as on a first start, sized for the current window, and
    /// forgets the saved window layout.
    void resetLayout();
    /// The layout of a first start on a screen whose free area is `availableGeometry`: the window fits it,
    /// the docks are as after resetLayout(). (The constructor does this for the window's screen when there is
    /// no saved layout.)
    void applyFirstRunLayout(const QRect& availableGeometry);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createCentralArea();
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* content,
                         Qt::DockWidgetArea area);
    void createDocks();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createQuantizeMenu();
    void createHelpMenu();
    /// The main toolbar: Open, Save, Calibrate, Evaluate, Sensitivity, Export.
    void createToolBar();
    void connectTasks();
    void showExportDialog();
    void showLoadConfigDialog();
    void showSaveConfigDialog();
    void onStrategyChanged(const QStringList& layers);
    void onResultsChanged();
    void updateActions();
    void connectDocument();
    void rebuildRecentMenu();
    void showOpenDialog();
    void onLoadStarted(const QString& path);
    void onModelChanged();
    void onLoadFailed(const QString& message);
    void onSelectionChanged(const QString& nodeName);
    void updateTitle();
    void restoreSettings();
    void saveSettings() const;
    void showSettingsDialog();
    /// Hands the preferences to what uses them (engine threads, weak-layer threshold).
    void applyAppSettings();

    Document* m_document = nullptr;
    GraphView* m_graphView = nullptr;
    FindBar* m_findBar = nullptr;
    LayersPanel* m_layersPanel = nullptr;
    HistogramView* m_histogramView = nullptr;
    HistogramView* m_activationView = nullptr;
    LayerInspector* m_inspector = nullptr;
    DataPanel* m_dataPanel = nullptr;
    TaskRunner* m_tasks = nullptr;
    QuantizationJobs* m_jobs = nullptr;
    StrategyEditor* m_strategy = nullptr;
    LayerHistograms* m_histograms = nullptr;
    QLabel* m_resultLabel = nullptr;
    QList<QAction*> m_modelActions; ///< enabled only while a model is open
    MessageLog* m_messageLog = nullptr;
    RecentFiles* m_recentFiles = nullptr;
    TaskProgressWidget* m_progress = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_closeAction = nullptr;
    QElapsedTimer m_loadTimer;
    AppSettings* m_appSettings = nullptr;
    QByteArray m_defaultLayoutState; ///< saveState() of the first-run dock layout (Reset Layout)
    ProjectManager* m_projects = nullptr;
    ProjectActions* m_projectActions = nullptr;
    ResultsPanels* m_results = nullptr;
};

} // namespace qs
