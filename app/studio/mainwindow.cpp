#include "mainwindow.h"

#include "actiondecoration.h"
#include "appsettings.h"
#include "apptheme.h"
#include "commands/applypresetcommand.h"
#include "datapanel.h"
#include "defaultlayout.h"
#include "document.h"
#include "droppedfiles.h"
#include "findbar.h"
#include "layerhistograms.h"
#include "layerinspector.h"
#include "messagelog.h"
#include "modelloadtask.h"
#include "projectactions.h"
#include "projectmanager.h"
#include "quantizationjobs.h"
#include "recentfiles.h"
#include "resultspanels.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "strategyeditor.h"
#include "taskprogresswidget.h"
#include "taskreporter.h"
#include "taskrunner.h"
#include "themedicon.h"

#include "diagnosispanel.h"
#include "flipsbrowser.h"
#include "graphview.h"
#include "histogramview.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "model/layers.h"

#include <QApplication>
#include <QCloseEvent>
#include <QCursor>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <cmath>

#include "util/atomicfile.h"
#include "util/error.h"

namespace qs {

namespace {

QString percent(const std::optional<double>& fraction) {
    return fraction ? QString::number(100.0 * *fraction, 'f', 2) + QStringLiteral(" %") : QString();
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    m_document = new Document(this);
    m_appSettings = new AppSettings(this);
    m_recentFiles = new RecentFiles(this);
    m_tasks = m_document->tasks();
    m_jobs = new QuantizationJobs(m_document, m_tasks, this);
    m_strategy = new StrategyEditor(m_document, this);
    m_projects = new ProjectManager(m_document, QString(), this);
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createCentralArea();
    createDocks();
    m_projectActions = new ProjectActions(this, m_document, m_projects, m_recentFiles, m_messageLog);
    createFileMenu();
    createEditMenu();
    createQuantizeMenu();
    createViewMenu();
    createHelpMenu();
    createToolBar();
    showShortcutsInToolTips(findChildren<QAction*>());
    connectDocument();
    connectTasks();
    updateActions();
    applyAppSettings();
    connect(m_appSettings, &AppSettings::changed, this, &MainWindow::applyAppSettings);
    connect(m_appSettings, &AppSettings::themeChanged, this, [](const QString& theme) { applyTheme(theme); });
    restoreSettings();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentralArea() {
    m_graphView = new GraphView(this);
    // Drops on the graph go to the window (models, folders, configs).
    m_graphView->setAcceptDrops(false);
    m_graphView->viewport()->setAcceptDrops(false);
    m_findBar = new FindBar(this);
    m_findBar->hide();
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_graphView, 1);
    layout->addWidget(m_findBar);
    setCentralWidget(central);
    connect(m_findBar, &FindBar::findRequested, this,
            [this](const QString& text) { m_findBar->setFound(m_graphView->findNext(text)); });

    m_progress = new TaskProgressWidget(this);
    m_summaryLabel = new QLabel(this);
    m_resultLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_resultLabel);
    statusBar()->addPermanentWidget(m_summaryLabel);
    statusBar()->addPermanentWidget(m_progress);
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& objectName, QWidget* content,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks() {
    m_layersPanel = new LayersPanel(this);
    m_histogramView = new HistogramView(this);
    m_activationView = new HistogramView(this);
    m_messageLog = new MessageLog(this);
    m_inspector = new LayerInspector(m_document, m_strategy, this);
    m_dataPanel = new DataPanel(m_document, m_strategy, m_tasks, this);
    m_histograms =
        new LayerHistograms(m_document, m_layersPanel->tableModel(), m_histogramView, m_activationView, this);
    m_dataPanel->setAppSettings(m_appSettings);
    addDock(tr("Layers"), QStringLiteral("layersDock"), m_layersPanel, Qt::RightDockWidgetArea);
    addDock(tr("Weights"), QStringLiteral("weightsDock"), m_histogramView, Qt::RightDockWidgetArea);
    addDock(tr("Activations"), QStringLiteral("activationsDock"), m_activationView, Qt::RightDockWidgetArea);
    addDock(tr("Inspector"), QStringLiteral("inspectorDock"), m_inspector, Qt::LeftDockWidgetArea);
    addDock(tr("Data"), QStringLiteral("dataDock"), m_dataPanel, Qt::LeftDockWidgetArea);
    addDock(tr("Messages"), QStringLiteral("messagesDock"), m_messageLog, Qt::BottomDockWidgetArea);
    m_results = new ResultsPanels(m_document, m_jobs, m_strategy, m_graphView, this);
    addDock(tr("Results"), QStringLiteral("resultsDock"), m_results->chartsWidget(),
            Qt::BottomDockWidgetArea);
    addDock(tr("Diagnosis"), QStringLiteral("diagnosisDock"), m_results->diagnosisPanel(),
            Qt::BottomDockWidgetArea);
    addDock(tr("Images"), QStringLiteral("imagesDock"), m_results->flipsBrowser(), Qt::BottomDockWidgetArea);
    arrangeDefaultDocks(this); // tab groups and splits; sized in restoreSettings() for the window's size
}

void MainWindow::createFileMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&File"));
    QAction* newProject =
        menu->addAction(tr("&New Project"), QKeySequence::New, m_projectActions, &ProjectActions::newProject);
    newProject->setStatusTip(tr("Close the model and start an untitled project"));
    newProject->setIcon(themedIcon(QStringLiteral("new")));
    QAction* open =
        decorateAction(menu->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::showOpenDialog),
                       QStringLiteral("open"), tr("Open an ONNX model or a Quantscope project (.qsproj)"));
    open->setObjectName(QStringLiteral("openAction"));
    m_modelActions << menu->addAction(tr("&Save Project"), QKeySequence::Save, m_projectActions,
                                      &ProjectActions::save);
    m_modelActions.last()->setStatusTip(tr("Save the model reference, data settings, strategy and results"));
    m_modelActions.last()->setIcon(themedIcon(QStringLiteral("save")));
    m_modelActions.last()->setObjectName(QStringLiteral("saveProjectAction"));
    m_modelActions << menu->addAction(tr("Save Project &As…"), QKeySequence::SaveAs, m_projectActions,
                                      &ProjectActions::saveAs);
    m_modelActions.last()->setStatusTip(tr("Save the project under a new name"));
    m_modelActions.last()->setShortcuts(
        standardShortcuts(QKeySequence::SaveAs, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)));
    m_modelActions.last()->setIcon(themedIcon(QStringLiteral("save-as")));
    menu->addSeparator();
    m_modelActions << menu->addAction(tr("&Load Config…"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                                      &MainWindow::showLoadConfigDialog);
    decorateAction(m_modelActions.last(), QStringLiteral("load-config"),
                   tr("Replace the strategy and data settings with those of a JSON config file"));
    m_modelActions << menu->addAction(tr("&Export Quantized Model…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                                      this, &MainWindow::showExportDialog);
    decorateAction(m_modelActions.last(), QStringLiteral("export"),
                   tr("Write the quantized ONNX model, its plan and an HTML report"))
        ->setObjectName(QStringLiteral("exportAction"));
    m_modelActions << menu->addAction(tr("Export &Report…"), m_results, [this] {
        m_results->showExportReportDialog(this, m_appSettings->outputFolder());
    });
    decorateAction(m_modelActions.last(), QStringLiteral("export"),
                   tr("Write the review report of the current evaluation: HTML, PDF and a JSON record"))
        ->setObjectName(QStringLiteral("exportReportAction"));
    m_recentMenu = menu->addMenu(tr("Open &Recent"));
    connect(m_recentFiles, &RecentFiles::changed, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    m_closeAction = menu->addAction(tr("&Close"), QKeySequence::Close, m_document, &Document::close);
    m_closeAction->setStatusTip(tr("Close the model"));
    menu->addSeparator();
    QAction* quit = menu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);
    quit->setStatusTip(tr("Quit Quantscope"));
}

void MainWindow::createEditMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(standardShortcuts(QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    decorateAction(undo, QStringLiteral("undo"),
                   tr("Undo the last edit of the strategy or the data settings"));
    decorateAction(redo, QStringLiteral("redo"), tr("Redo the edit undone last"));
    menu->addAction(undo);
    menu->addAction(redo);
    menu->addSeparator();
    QAction* preferences = menu->addAction(tr("&Preferences…"), this, &MainWindow::showSettingsDialog);
    QList<QKeySequence> preferenceKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!preferenceKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)))
        preferenceKeys << QKeySequence(Qt::CTRL | Qt::Key_Comma);
    preferences->setShortcuts(preferenceKeys);
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setIcon(themedIcon(QStringLiteral("settings")));
    preferences->setStatusTip(tr("Threads, language, theme, weak-layer threshold and default folders"));
}

void MainWindow::createViewMenu() {
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    decorateAction(
        m_viewMenu->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_graphView, &GraphView::zoomIn),
        QStringLiteral("zoom-in"), tr("Zoom into the graph"));
    decorateAction(
        m_viewMenu->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_graphView, &GraphView::zoomOut),
        QStringLiteral("zoom-out"), tr("Zoom out of the graph"));
    decorateAction(m_viewMenu->addAction(tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0),
                                         m_graphView, &GraphView::fitToWindow),
                   QStringLiteral("zoom-fit"), tr("Show the whole graph"));
    decorateAction(m_viewMenu->addAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_1), m_graphView,
                                         &GraphView::resetZoom),
                   QStringLiteral("zoom-original"), tr("Show the graph at 100 %"));
    m_viewMenu->addSeparator();
    decorateAction(
        m_viewMenu->addAction(tr("&Find Node…"), QKeySequence::Find, m_findBar, &FindBar::activate),
        QStringLiteral("find"), tr("Find a node by name or op type"));
    decorateAction(m_viewMenu->addAction(tr("Find &Next"), QKeySequence::FindNext, this,
                                         [this] {
                                             if (!m_findBar->text().isEmpty())
                                                 m_findBar->setFound(
                                                     m_graphView->findNext(m_findBar->text()));
                                         }),
                   QString(), tr("Select the next node that matches the text of the find bar"));
    m_viewMenu->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        dock->toggleViewAction()->setStatusTip(tr("Show or hide the %1 panel").arg(dock->windowTitle()));
        m_viewMenu->addAction(dock->toggleViewAction());
    }
    m_viewMenu->addSeparator();
    QAction* resetLayout = m_viewMenu->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    resetLayout->setObjectName(QStringLiteral("resetLayoutAction"));
    resetLayout->setStatusTip(tr("Put every panel back where it was on the first start"));
}

void MainWindow::createQuantizeMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Quantize"));
    m_modelActions << menu->addAction(tr("Calibration &Folder…"), this,
                                      [this] { m_dataPanel->chooseFolder(true); });
    m_modelActions.last()->setStatusTip(tr("Choose the folder of images that calibration runs the model on"));
    m_modelActions << menu->addAction(tr("E&valuation Folder…"), this,
                                      [this] { m_dataPanel->chooseFolder(false); });
    m_modelActions.last()->setStatusTip(
        tr("Choose the folder of images on which evaluation compares the float and the quantized model"));
    menu->addSeparator();
    QMenu* presets = menu->addMenu(tr("Apply &Preset"));
    for (StrategyPreset preset : {StrategyPreset::W8A8, StrategyPreset::W4A8Codebook, StrategyPreset::W4Log,
                                  StrategyPreset::FirstLastFloat}) {
        m_modelActions << presets->addAction(ApplyPresetCommand::presetName(preset), this,
                                             [this, preset] { m_strategy->applyPreset(preset); });
        m_modelActions.last()->setStatusTip(tr("Apply the preset %1 to every layer (one undo step)")
                                                .arg(ApplyPresetCommand::presetName(preset)));
    }
    menu->addSeparator();
    QMenu* methods = menu->addMenu(tr("Default &Range Method"));
    const std::pair<const char*, QString> rangeMethods[] = {{"mse", tr("MSE")},
                                                            {"percentile", tr("Percentile")},
                                                            {"entropy", tr("Entropy (KL)")},
                                                            {"minmax", tr("Min-max")}};
    for (const auto& [method, label] : rangeMethods) {
        m_modelActions << methods->addAction(label, this, [this, name = QString::fromLatin1(method)] {
            m_strategy->setRangeMethod(name, m_document->config().calibration.percentile);
        });
        m_modelActions.last()->setStatusTip(
            tr("Pick activation ranges by %1, except in layers that have their own method").arg(label));
    }
    m_modelActions << decorateAction(
        menu->addAction(tr("Toggle &Keep Float"), QKeySequence(Qt::CTRL | Qt::Key_K), this,
                        [this] { m_strategy->toggleKeepFloat(m_layersPanel->selectedLayers()); }),
        QStringLiteral("keep-float"),
        tr("Keep the selected layers float, or quantize them again when all are"));
    m_modelActions.last()->setObjectName(QStringLiteral("keepFloatAction"));
    menu->addSeparator();
    m_modelActions << menu->addAction(tr("&Calibrate"), QKeySequence(Qt::Key_F5), m_jobs,
                                      &QuantizationJobs::calibrate);
    decorateAction(m_modelActions.last(), QStringLiteral("calibrate"),
                   tr("Run the model on the calibration images to find the activation ranges"))
        ->setObjectName(QStringLiteral("calibrateAction"));
    m_modelActions << menu->addAction(tr("&Evaluate"), QKeySequence(Qt::Key_F6), m_jobs,
                                      &QuantizationJobs::evaluate);
    decorateAction(m_modelActions.last(), QStringLiteral("evaluate"),
                   tr("Compare the float and the quantized model on the evaluation images"))
        ->setObjectName(QStringLiteral("evaluateAction"));
    m_modelActions << menu->addAction(tr("Layer &Sensitivity"), QKeySequence(Qt::Key_F7), this,
                                      [this] { m_jobs->sensitivity(m_appSettings->sensitivityImages()); });
    decorateAction(m_modelActions.last(), QStringLiteral("sensitivity"),
                   tr("Measure how much quantizing each layer alone costs in accuracy"))
        ->setObjectName(QStringLiteral("sensitivityAction"));
    menu->addSeparator();
    m_modelActions << menu->addAction(tr("E&xport…"), this, &MainWindow::showExportDialog);
    decorateAction(m_modelActions.last(), QStringLiteral("export"),
                   tr("Write the quantized ONNX model, its plan and an HTML report"));
    decorateAction(menu->addAction(tr("Cancel Running Job"), QKeySequence(Qt::CTRL | Qt::Key_Period), m_tasks,
                                   &TaskRunner::cancelAll),
                   QStringLiteral("cancel"),
                   tr("Stop the running calibration, evaluation, sensitivity run or export"));
}

void MainWindow::createHelpMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts =
        menu->addAction(tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Question), this, [this] {
            auto* dialog = findChild<ShortcutsDialog*>();
            if (!dialog) {
                dialog = new ShortcutsDialog(this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
            }
            dialog->show();
            dialog->raise();
            dialog->activateWindow();
        });
    decorateAction(shortcuts, QStringLiteral("keyboard"), tr("List every keyboard shortcut"))
        ->setObjectName(QStringLiteral("shortcutsAction"));
    menu->addSeparator();
    QAction* about = menu->addAction(tr("&About Quantscope"), this, [this] {
        QMessageBox::about(
            this, tr("About Quantscope"),
            tr("<b>Quantscope %1</b><p>Post-training quantization of ONNX models: choose a strategy "
               "per layer while looking at weight and activation histograms, calibrate on a folder "
               "of images, compare float and quantized accuracy, and export a quantized ONNX model.")
                .arg(QApplication::applicationVersion()));
    });
    about->setStatusTip(tr("Version and purpose of Quantscope"));
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // The workflow from left to right, found by the actions' object names (a name no action has is skipped).
    const std::pair<const char*, QString> entries[] = {{"openAction", tr("Open")},
                                                       {"saveProjectAction", tr("Save")},
                                                       {nullptr, {}},
                                                       {"calibrateAction", tr("Calibrate")},
                                                       {"evaluateAction", tr("Evaluate")},
                                                       {"sensitivityAction", tr("Sensitivity")},
                                                       {nullptr, {}},
                                                       {"exportAction", tr("Export")}};
    for (const auto& [name, label] : entries) {
        if (!name) {
            bar->addSeparator();
        } else if (QAction* action = findChild<QAction*>(QLatin1String(name))) {
            action->setIconText(label);
            bar->addAction(action);
        }
    }
}

void MainWindow::connectTasks() {
    new TaskReporter(m_document, m_tasks, m_jobs, m_strategy, m_progress, m_messageLog, statusBar(), this);
    connect(m_document, &Document::resultsChanged, this, [this](ResultKind kind) {
        if (kind == ResultKind::Evaluation && m_document->evaluationIsCurrent())
            findChild<QDockWidget*>(QStringLiteral("resultsDock"))->raise();
    });
    connect(m_results, &ResultsPanels::message, this,
            [this](const QString& text) { m_messageLog->addMessage(MessageLevel::Info, text); });
    connect(m_results, &ResultsPanels::weakThresholdEdited, m_appSettings, &AppSettings::setWeakLayerSqnrDb);
    connect(m_layersPanel, &LayersPanel::editRequested, m_strategy, &StrategyEditor::editTableCell);
    connect(m_layersPanel, &LayersPanel::keepFloatRequested, m_strategy, &StrategyEditor::keepFloat);
}

void MainWindow::onStrategyChanged(const QStringList& layers) {
    m_layersPanel->tableModel()->setPlan(m_document->plan(), layers);
    onResultsChanged();
}

void MainWindow::onResultsChanged() {
    QMap<QString, LayerTableModel::LayerNumbers> numbers;
    const QMap<QString, LayerResult>& results = m_document->layerResults();
    for (auto it = results.begin(); it != results.end(); ++it)
        numbers[it.key()] = LayerTableModel::LayerNumbers{it->sqnrDb, it->sensitivity, it->quantizedBytes};
    m_layersPanel->tableModel()->setNumbers(numbers, !m_document->evaluationIsCurrent());
    const std::optional<EvaluationResult>& evaluation = m_document->evaluation();
    if (!evaluation) {
        m_resultLabel->setText(m_document->calibration() ? tr("Calibrated on %n image(s)", nullptr,
                                                              int(m_document->calibration()->imageCount))
                                                         : QString());
        return;
    }
    QString text = evaluation->labelled
                       ? tr("Top-1 float %1 → quantized %2")
                             .arg(percent(evaluation->referenceTop1), percent(evaluation->candidateTop1))
                       : tr("Agreement with float %1").arg(percent(evaluation->agreementTop1));
    if (evaluation->labelled)
        text += tr(", agreement %1").arg(percent(evaluation->agreementTop1));
    if (const std::optional<ModelSizes>& sizes = m_document->sizes();
        sizes && sizes->quantizedWeightBytes > 0)
        text += tr(", weights %1× smaller")
                    .arg(double(sizes->floatWeightBytes) / double(sizes->quantizedWeightBytes), 0, 'f', 1);
    if (!m_document->evaluationIsCurrent())
        text += tr(" (for an earlier strategy: evaluate again)");
    m_resultLabel->setText(text);
}

void MainWindow::updateActions() {
    const bool hasModel = m_document->model() != nullptr;
    for (QAction* action : m_modelActions)
        action->setEnabled(hasModel);
}

int MainWindow::exportTo(const QString& path) {
    const QFileInfo info(path);
    const QString report =
        info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".report.html");
    return m_jobs->exportModel(path, report);
}

void MainWindow::showExportDialog() {
    QSettings settings;
    QString suggestion = m_document->lastExportPath();
    if (suggestion.isEmpty()) {
        const QFileInfo model(m_document->filePath());
        const QString folder =
            !m_appSettings->outputFolder().isEmpty()
                ? m_appSettings->outputFolder()
                : settings.value(QStringLiteral("export/folder"), model.absolutePath()).toString();
        suggestion = folder + QLatin1Char('/') + model.completeBaseName() + QStringLiteral("-quantized.onnx");
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Quantized Model"), suggestion,
                                                      tr("ONNX models (*.onnx)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_document->filePath()).absoluteFilePath()) {
        QMessageBox::warning(this, tr("Export Quantized Model"),
                             tr("%1 is the open model. Export to another file; the input model is never "
                                "overwritten.")
                                 .arg(path));
        return;
    }
    settings.setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
    exportTo(path);
}

void MainWindow::showLoadConfigDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Config"),
                                                      QFileInfo(m_document->filePath()).absolutePath(),
                                                      tr("Quantization configs (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_strategy->loadConfigFile(path);
}

bool MainWindow::saveConfigTo(const QString& path) {
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_document->filePath()).absoluteFilePath()) {
        statusBar()->showMessage(tr("%1 is the open model; save the config to another file.").arg(path),
                                 10000);
        return false;
    }
    try {
        writeFileAtomically(path.toStdString(), quantConfigToJson(m_document->config()));
    } catch (const Error& error) {
        m_messageLog->addMessage(MessageLevel::Error, QString::fromStdString(error.what()));
        statusBar()->showMessage(QString::fromStdString(error.what()), 10000);
        return false;
    }
    m_messageLog->addMessage(MessageLevel::Info, tr("Saved the config to %1").arg(path));
    return true;
}

void MainWindow::showSaveConfigDialog() {
    const QFileInfo model(m_document->filePath());
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Config"),
                                                      model.absolutePath() + QLatin1Char('/') +
                                                          model.completeBaseName() + QStringLiteral(".json"),
                                                      tr("Quantization configs (*.json)"));
    if (!path.isEmpty())
        saveConfigTo(path);
}

void MainWindow::useDataFolder(const QString& folder) {
    if (!m_document->model()) {
        statusBar()->showMessage(tr("Open a model before choosing its calibration images."), 10000);
        return;
    }
    if (m_document->calibrationFolder().isEmpty()) {
        m_document->setCalibrationFolder(folder);
        m_messageLog->addMessage(MessageLevel::Info, tr("Calibration folder: %1").arg(folder));
        return;
    }
    if (m_document->evaluationFolder().isEmpty()) {
        m_document->setEvaluationFolder(folder);
        m_messageLog->addMessage(MessageLevel::Info, tr("Evaluation folder: %1").arg(folder));
        return;
    }
    QMenu menu(this);
    QAction* calibration = menu.addAction(tr("Use as Calibration Folder"));
    QAction* evaluation = menu.addAction(tr("Use as Evaluation Folder"));
    QAction* chosen = menu.exec(QCursor::pos());
    if (chosen == calibration)
        m_document->setCalibrationFolder(folder);
    else if (chosen == evaluation)
        m_document->setEvaluationFolder(folder);
}

void MainWindow::connectDocument() {
    connect(m_document, &Document::loadStarted, this, &MainWindow::onLoadStarted);
    connect(m_document, &Document::modelChanged, this, &MainWindow::onModelChanged);
    connect(m_document, &Document::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_document, &Document::loadCancelled, this, [this] {
        m_progress->end();
        m_messageLog->addMessage(MessageLevel::Info, tr("Loading cancelled."));
    });
    connect(m_document, &Document::warningsReported, this, [this](const QStringList& warnings) {
        for (const QString& warning : warnings)
            m_messageLog->addMessage(MessageLevel::Warning, warning);
        statusBar()->showMessage(
            tr("%n warning(s) while loading; see Messages.", nullptr, int(warnings.size())));
    });
    connect(m_projects, &ProjectManager::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_projects, &ProjectManager::projectPathChanged, this, &MainWindow::updateTitle);

    connect(m_document, &Document::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_graphView, &GraphView::nodeSelected, m_document, &Document::setSelection);
    connect(m_layersPanel, &LayersPanel::layerSelected, m_document, &Document::setSelection);
    connect(m_layersPanel->tableView()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] {
                const QStringList layers = m_layersPanel->selectedLayers();
                if (!layers.isEmpty())
                    m_inspector->setLayers(layers);
            });
    connect(m_document, &Document::strategyChanged, this,
            [this](StrategyChange, const QStringList& layers) { onStrategyChanged(layers); });
    connect(m_document, &Document::resultsChanged, this, &MainWindow::onResultsChanged);
    connect(m_graphView, &GraphView::layoutFinished, this, [this] {
        if (!m_document->filePath().isEmpty() && m_loadTimer.isValid())
            m_messageLog->addMessage(MessageLevel::Info, tr("Graph of %1 shown %2 ms after opening")
                                                             .arg(m_document->displayName())
                                                             .arg(m_loadTimer.elapsed()));
        m_loadTimer.invalidate();
    });
}

void MainWindow::openFile(const QString& path) {
    if (!maybeSave())
        return;
    if (path.endsWith(QLatin1String(".qsproj"), Qt::CaseInsensitive)) {
        m_projectActions->open(path);
        return;
    }
    m_document->open(path);
}

bool MainWindow::saveProject() {
    return m_projectActions->save();
}

bool MainWindow::saveProjectTo(const QString& path) {
    return m_projectActions->saveTo(path);
}

bool MainWindow::maybeSave() {
    return m_projectActions->maybeSave();
}

void MainWindow::setSaveQuestion(std::function<QMessageBox::StandardButton()> question) {
    m_projectActions->setSaveQuestion(std::move(question));
}

void MainWindow::offerRecovery() {
    m_projectActions->offerRecovery();
}

void MainWindow::showOpenDialog() {
    const QString folder = !m_appSettings->modelsFolder().isEmpty() ? m_appSettings->modelsFolder()
                           : m_recentFiles->files().isEmpty()
                               ? QString()
                               : QFileInfo(m_recentFiles->files().first()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Model or Project"), folder,
        tr("Models and projects (*.onnx *.qsproj);;ONNX models (*.onnx);;Quantscope projects (*.qsproj);;All "
           "files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = m_recentFiles->files();
    for (int i = 0; i < files.size(); ++i) {
        const QString label = QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(files[i]).fileName());
        QAction* action = m_recentMenu->addAction(label, this, [this, path = files[i]] { openFile(path); });
        action->setToolTip(files[i]);
        action->setStatusTip(tr("Open %1").arg(files[i]));
    }
    m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("Clear List"), m_recentFiles, &RecentFiles::clear);
    clear->setStatusTip(tr("Forget the recently opened files"));
    clear->setEnabled(!files.isEmpty());
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::onLoadStarted(const QString& path) {
    m_loadTimer.start();
    m_progress->begin(tr("Loading %1").arg(QFileInfo(path).fileName()));
}

void MainWindow::onModelChanged() {
    if (m_tasks->currentEngineJob() == 0)
        m_progress->end();
    statusBar()->clearMessage();
    std::shared_ptr<const Model> model = m_document->model();
    m_graphView->setGraph(model ? std::shared_ptr<const Graph>(model, &model->graph) : nullptr);
    m_layersPanel->setModel(model);
    m_layersPanel->tableModel()->setPlan(m_document->plan());
    m_histograms->showLayer({});
    m_inspector->setLayers({});
    m_closeAction->setEnabled(model != nullptr);
    updateActions();
    onResultsChanged();
    updateTitle();
    if (!model) {
        m_summaryLabel->clear();
        return;
    }
    const QLocale locale;
    const QString summary = tr("%1 nodes, %2 layers, %3 parameters")
                                .arg(locale.toString(qlonglong(model->graph.nodes.size())),
                                     locale.toString(m_layersPanel->tableModel()->rowCount()),
                                     locale.toString(qlonglong(countParameters(model->graph))));
    m_summaryLabel->setText(summary);
    if (!m_document->filePath().isEmpty()) {
        m_recentFiles->add(m_document->filePath());
        m_messageLog->addMessage(MessageLevel::Info, tr("Read %1 in %2 ms: %3")
                                                         .arg(m_document->filePath())
                                                         .arg(m_document->loadTask()->lastDurationMs())
                                                         .arg(summary));
    }
}

void MainWindow::onLoadFailed(const QString& message) {
    m_progress->end();
    m_messageLog->addMessage(MessageLevel::Error, message);
    statusBar()->showMessage(message, 10000);
    auto* box =
        new QMessageBox(QMessageBox::Critical, tr("Cannot Open Model"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::onSelectionChanged(const QString& nodeName) {
    m_graphView->selectNode(nodeName);
    m_layersPanel->selectLayer(nodeName);
    m_histograms->showLayer(nodeName);
    const QStringList selected = m_layersPanel->selectedLayers();
    m_inspector->setLayers(selected.contains(nodeName) ? selected : QStringList{nodeName});
}

void MainWindow::updateTitle() {
    const QString name = m_document->displayName();
    const QString project = m_projects->projectPath();
    if (name.isEmpty())
        setWindowTitle(tr("Quantscope"));
    else if (project.isEmpty())
        setWindowTitle(tr("%1[*] — Quantscope").arg(name));
    else
        setWindowTitle(tr("%1[*] (%2) — Quantscope").arg(QFileInfo(project).completeBaseName(), name));
}

void MainWindow::restoreSettings() {
    m_defaultLayoutState = saveState();
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        setGeometry(firstRunGeometry(screen()->availableGeometry()));
    if (!restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray()))
        sizeDefaultDocks(this);
}

void MainWindow::applyFirstRunLayout(const QRect& availableGeometry) {
    setGeometry(firstRunGeometry(availableGeometry));
    resetLayout();
}

void MainWindow::resetLayout() {
    QSettings settings;
    settings.remove(QStringLiteral("mainWindow/geometry"));
    settings.remove(QStringLiteral("mainWindow/state"));
    if (!restoreState(m_defaultLayoutState))
        arrangeDefaultDocks(this);
    sizeDefaultDocks(this);
}

void MainWindow::showSettingsDialog() {
    auto* dialog = new SettingsDialog(m_appSettings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::applyAppSettings() {
    m_jobs->setThreadCount(m_appSettings->threadCount());
    m_layersPanel->tableModel()->setWeakSqnrThresholdDb(m_appSettings->weakLayerSqnrDb());
    m_results->setWeakThresholdDb(m_appSettings->weakLayerSqnrDb());
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_document->loadTask()->cancel();
    m_tasks->shutdown();
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QMimeData* mime = event->mimeData();
    if (!droppedModelPath(mime).isEmpty() || !droppedProject(mime).isEmpty() ||
        !droppedFolder(mime).isEmpty() || !droppedConfig(mime).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    if (mime && mime->hasUrls())
        statusBar()->showMessage(
            tr("Drop an .onnx model, a .qsproj project, a folder of images or a .json config."), 5000);
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QMimeData* mime = event->mimeData();
    if (const QString model = droppedModelPath(mime); !model.isEmpty()) {
        event->acceptProposedAction();
        openFile(model);
    } else if (const QString project = droppedProject(mime); !project.isEmpty()) {
        event->acceptProposedAction();
        openFile(project);
    } else if (const QString folder = droppedFolder(mime); !folder.isEmpty()) {
        event->acceptProposedAction();
        useDataFolder(folder);
    } else if (const QString config = droppedConfig(mime); !config.isEmpty() && m_document->model()) {
        event->acceptProposedAction();
        m_strategy->loadConfigFile(config);
    }
}

} // namespace qs
