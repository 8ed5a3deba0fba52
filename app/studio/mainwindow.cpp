#include "mainwindow.h"

#include "commands/applypresetcommand.h"
#include "datapanel.h"
#include "document.h"
#include "droppedfiles.h"
#include "findbar.h"
#include "layerhistograms.h"
#include "layerinspector.h"
#include "messagelog.h"
#include "modelloadtask.h"
#include "quantizationjobs.h"
#include "recentfiles.h"
#include "strategyeditor.h"
#include "taskprogresswidget.h"
#include "taskrunner.h"

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
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
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
    m_recentFiles = new RecentFiles(this);
    m_tasks = m_document->tasks();
    m_jobs = new QuantizationJobs(m_document, m_tasks, this);
    m_strategy = new StrategyEditor(m_document, this);
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createCentralArea();
    createDocks();
    createFileMenu();
    createEditMenu();
    createQuantizeMenu();
    createViewMenu();
    createHelpMenu();
    connectDocument();
    connectTasks();
    updateActions();
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
    QDockWidget* layers =
        addDock(tr("Layers"), QStringLiteral("layersDock"), m_layersPanel, Qt::RightDockWidgetArea);
    QDockWidget* weights =
        addDock(tr("Weights"), QStringLiteral("weightsDock"), m_histogramView, Qt::RightDockWidgetArea);
    QDockWidget* activations = addDock(tr("Activations"), QStringLiteral("activationsDock"), m_activationView,
                                       Qt::RightDockWidgetArea);
    QDockWidget* inspector =
        addDock(tr("Inspector"), QStringLiteral("inspectorDock"), m_inspector, Qt::LeftDockWidgetArea);
    QDockWidget* data = addDock(tr("Data"), QStringLiteral("dataDock"), m_dataPanel, Qt::LeftDockWidgetArea);
    QDockWidget* messages =
        addDock(tr("Messages"), QStringLiteral("messagesDock"), m_messageLog, Qt::BottomDockWidgetArea);
    splitDockWidget(layers, weights, Qt::Vertical);
    tabifyDockWidget(weights, activations);
    weights->raise();
    tabifyDockWidget(inspector, data);
    inspector->raise();
    resizeDocks({layers, inspector}, {600, 380}, Qt::Horizontal);
    resizeDocks({messages}, {110}, Qt::Vertical);
}

void MainWindow::createFileMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&File"));
    menu->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::showOpenDialog);
    m_modelActions << menu->addAction(tr("&Load Config…"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                                      &MainWindow::showLoadConfigDialog);
    m_modelActions << menu->addAction(tr("&Export Quantized Model…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                                      this, &MainWindow::showExportDialog);
    m_recentMenu = menu->addMenu(tr("Open &Recent"));
    connect(m_recentFiles, &RecentFiles::changed, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    m_closeAction = menu->addAction(tr("&Close"), QKeySequence::Close, m_document, &Document::close);
    menu->addSeparator();
    QAction* quit = menu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::createEditMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    menu->addAction(undo);
    menu->addAction(redo);
}

void MainWindow::createViewMenu() {
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_graphView, &GraphView::zoomIn);
    m_viewMenu->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_graphView, &GraphView::zoomOut);
    m_viewMenu->addAction(tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0), m_graphView,
                          &GraphView::fitToWindow);
    m_viewMenu->addAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_1), m_graphView,
                          &GraphView::resetZoom);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("&Find Node…"), QKeySequence::Find, m_findBar, &FindBar::activate);
    m_viewMenu->addAction(tr("Find &Next"), QKeySequence::FindNext, this, [this] {
        if (!m_findBar->text().isEmpty())
            m_findBar->setFound(m_graphView->findNext(m_findBar->text()));
    });
    m_viewMenu->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        m_viewMenu->addAction(dock->toggleViewAction());
}

void MainWindow::createQuantizeMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Quantize"));
    m_modelActions << menu->addAction(tr("Calibration &Folder…"), this,
                                      [this] { m_dataPanel->chooseFolder(true); });
    m_modelActions << menu->addAction(tr("E&valuation Folder…"), this,
                                      [this] { m_dataPanel->chooseFolder(false); });
    menu->addSeparator();
    QMenu* presets = menu->addMenu(tr("Apply &Preset"));
    for (StrategyPreset preset : {StrategyPreset::W8A8, StrategyPreset::W4A8Codebook, StrategyPreset::W4Log,
                                  StrategyPreset::FirstLastFloat})
        m_modelActions << presets->addAction(ApplyPresetCommand::presetName(preset), this,
                                             [this, preset] { m_strategy->applyPreset(preset); });
    menu->addSeparator();
    QMenu* methods = menu->addMenu(tr("Default &Range Method"));
    const std::pair<const char*, QString> rangeMethods[] = {{"mse", tr("MSE")},
                                                            {"percentile", tr("Percentile")},
                                                            {"entropy", tr("Entropy (KL)")},
                                                            {"minmax", tr("Min-max")}};
    for (const auto& [method, label] : rangeMethods)
        m_modelActions << methods->addAction(label, this, [this, name = QString::fromLatin1(method)] {
            m_strategy->setRangeMethod(name, m_document->config().calibration.percentile);
        });
    menu->addSeparator();
    m_modelActions << menu->addAction(tr("&Calibrate"), QKeySequence(Qt::Key_F5), m_jobs,
                                      &QuantizationJobs::calibrate);
    m_modelActions << menu->addAction(tr("&Evaluate"), QKeySequence(Qt::Key_F6), m_jobs,
                                      &QuantizationJobs::evaluate);
    m_modelActions << menu->addAction(tr("Layer &Sensitivity"), QKeySequence(Qt::Key_F7), this,
                                      [this] { m_jobs->sensitivity(); });
    menu->addSeparator();
    m_modelActions << menu->addAction(tr("E&xport…"), this, &MainWindow::showExportDialog);
    menu->addAction(tr("Cancel Running Job"), QKeySequence(Qt::CTRL | Qt::Key_Period), m_tasks,
                    &TaskRunner::cancelAll);
}

void MainWindow::createHelpMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Help"));
    menu->addAction(tr("&About Quantscope"), this, [this] {
        QMessageBox::about(
            this, tr("About Quantscope"),
            tr("<b>Quantscope %1</b><p>Post-training quantization of ONNX models: choose a strategy "
               "per layer while looking at weight and activation histograms, calibrate on a folder "
               "of images, compare float and quantized accuracy, and export a quantized ONNX model.")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::connectTasks() {
    connect(m_tasks, &TaskRunner::jobStarted, this, [this](int, const QString& title, TaskRunner::Lane lane) {
        if (lane == TaskRunner::Lane::Engine) // light background work does not take the status bar
            m_progress->begin(title);
    });
    connect(m_tasks, &TaskRunner::jobProgress, this,
            [this](int id, double fraction, const QString& stage, qint64 elapsedMs, qint64 remainingMs) {
                if (id != m_tasks->currentEngineJob())
                    return;
                m_progress->setProgress(fraction, stage);
                m_progress->setTimes(elapsedMs, remainingMs);
            });
    auto finished = [this] {
        if (m_tasks->currentEngineJob() == 0)
            m_progress->end();
    };
    connect(m_tasks, &TaskRunner::jobFinished, this,
            [this, finished](int id, const QString& title, qint64 elapsedMs, TaskRunner::Lane lane) {
                finished();
                if (lane == TaskRunner::Lane::Engine && id != m_document->loadTask()->lastJob())
                    m_messageLog->addMessage(
                        MessageLevel::Info,
                        tr("%1 finished in %2 s").arg(title).arg(double(elapsedMs) / 1000.0, 0, 'f', 1));
            });
    connect(m_tasks, &TaskRunner::jobFailed, this,
            [this, finished](int id, const QString& title, const QString& error) {
                finished();
                if (id == m_document->loadTask()->lastJob())
                    return; // the document reports a failed load
                m_messageLog->addMessage(MessageLevel::Error, tr("%1 failed: %2").arg(title, error));
                statusBar()->showMessage(error, 15000);
            });
    connect(m_tasks, &TaskRunner::jobCancelled, this, [this, finished](int id, const QString& title) {
        finished();
        if (id != m_document->loadTask()->lastJob())
            m_messageLog->addMessage(MessageLevel::Info, tr("%1 cancelled; nothing was changed.").arg(title));
    });
    connect(m_progress, &TaskProgressWidget::cancelRequested, m_tasks, &TaskRunner::cancelAll);
    connect(m_jobs, &QuantizationJobs::failed, this, [this](const QString& text) {
        m_messageLog->addMessage(MessageLevel::Warning, text);
        statusBar()->showMessage(text, 10000);
    });
    connect(m_jobs, &QuantizationJobs::message, this,
            [this](const QString& text) { m_messageLog->addMessage(MessageLevel::Info, text); });
    connect(m_jobs, &QuantizationJobs::exported, this,
            [this](const QString& model, const QString& plan, const QString& report) {
                m_messageLog->addMessage(
                    MessageLevel::Info,
                    report.isEmpty() ? tr("Exported %1 (plan: %2)").arg(model, plan)
                                     : tr("Exported %1 (plan: %2, report: %3)").arg(model, plan, report));
                statusBar()->showMessage(tr("Exported %1").arg(model), 10000);
            });
    connect(m_strategy, &StrategyEditor::rejected, this, [this](const QString& reason) {
        m_messageLog->addMessage(MessageLevel::Warning, tr("Edit refused: %1").arg(reason));
        statusBar()->showMessage(tr("Edit refused: %1").arg(reason), 10000);
    });
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
            settings.value(QStringLiteral("export/folder"), model.absolutePath()).toString();
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
    m_document->undoStack()->setClean();
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
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this,
            [this](bool clean) { setWindowModified(!clean); });

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
    m_document->open(path);
}

void MainWindow::showOpenDialog() {
    const QString folder = m_recentFiles->files().isEmpty()
                               ? QString()
                               : QFileInfo(m_recentFiles->files().first()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), folder,
                                                      tr("ONNX models (*.onnx);;All files (*)"));
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
    }
    m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("Clear List"), m_recentFiles, &RecentFiles::clear);
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
    setWindowTitle(name.isEmpty() ? tr("Quantscope") : tr("%1[*] — Quantscope").arg(name));
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1400, 900);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_document->loadTask()->cancel();
    m_tasks->shutdown();
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QMimeData* mime = event->mimeData();
    if (!droppedModelPath(mime).isEmpty() || !droppedFolder(mime).isEmpty() ||
        !droppedConfig(mime).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    if (mime && mime->hasUrls())
        statusBar()->showMessage(tr("Drop an .onnx model, a folder of images or a .json config."), 5000);
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QMimeData* mime = event->mimeData();
    if (const QString model = droppedModelPath(mime); !model.isEmpty()) {
        event->acceptProposedAction();
        openFile(model);
    } else if (const QString folder = droppedFolder(mime); !folder.isEmpty()) {
        event->acceptProposedAction();
        useDataFolder(folder);
    } else if (const QString config = droppedConfig(mime); !config.isEmpty() && m_document->model()) {
        event->acceptProposedAction();
        m_strategy->loadConfigFile(config);
    }
}

} // namespace qs
