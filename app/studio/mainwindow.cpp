#include "mainwindow.h"

#include "document.h"
#include "findbar.h"
#include "messagelog.h"
#include "modelloadtask.h"
#include "recentfiles.h"
#include "taskprogresswidget.h"

#include "graphview.h"
#include "histogramview.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "model/layers.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace qs {

namespace {

QString droppedModelPath(const QMimeData* mime) {
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive))
            return url.toLocalFile();
    }
    return {};
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    m_document = new Document(this);
    m_recentFiles = new RecentFiles(this);
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createCentralArea();
    createDocks();
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createHelpMenu();
    connectDocument();
    restoreSettings();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentralArea() {
    m_graphView = new GraphView(this);
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
    m_messageLog = new MessageLog(this);
    QDockWidget* layers = addDock(tr("Layers"), QStringLiteral("layersDock"), m_layersPanel, Qt::RightDockWidgetArea);
    QDockWidget* weights =
        addDock(tr("Weights"), QStringLiteral("weightsDock"), m_histogramView, Qt::RightDockWidgetArea);
    QDockWidget* messages =
        addDock(tr("Messages"), QStringLiteral("messagesDock"), m_messageLog, Qt::BottomDockWidgetArea);
    splitDockWidget(layers, weights, Qt::Vertical);
    resizeDocks({layers}, {740}, Qt::Horizontal);
    resizeDocks({messages}, {110}, Qt::Vertical);
}

void MainWindow::createFileMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&File"));
    menu->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::showOpenDialog);
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
    redo->setShortcut(QKeySequence::Redo);
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

void MainWindow::createHelpMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Help"));
    menu->addAction(tr("&About Quantscope"), this, [this] {
        QMessageBox::about(this, tr("About Quantscope"),
                           tr("<b>Quantscope %1</b><p>Inspect ONNX models and their weights before quantizing them.")
                               .arg(QApplication::applicationVersion()));
    });
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
        statusBar()->showMessage(tr("%n warning(s) while loading; see Messages.", nullptr, int(warnings.size())));
    });
    connect(m_document->loadTask(), &ModelLoadTask::progressChanged, m_progress, &TaskProgressWidget::setProgress);
    connect(m_progress, &TaskProgressWidget::cancelRequested, m_document->loadTask(), &ModelLoadTask::cancel);
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) { setWindowModified(!clean); });

    connect(m_document, &Document::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_graphView, &GraphView::nodeSelected, m_document, &Document::setSelection);
    connect(m_layersPanel, &LayersPanel::layerSelected, m_document, &Document::setSelection);
    connect(m_layersPanel->tableModel(), &LayerTableModel::statisticsComputed, this,
            [this] { showHistogram(m_document->selection()); });
}

void MainWindow::openFile(const QString& path) {
    m_document->open(path);
}

void MainWindow::showOpenDialog() {
    const QString folder = m_recentFiles->files().isEmpty() ? QString()
                                                            : QFileInfo(m_recentFiles->files().first()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Model"), folder, tr("ONNX models (*.onnx);;All files (*)"));
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
    m_progress->begin(tr("Loading %1").arg(QFileInfo(path).fileName()));
}

void MainWindow::onModelChanged() {
    m_progress->end();
    std::shared_ptr<const Model> model = m_document->model();
    m_graphView->setGraph(model ? std::shared_ptr<const Graph>(model, &model->graph) : nullptr);
    m_layersPanel->setModel(model);
    m_histogramView->clear();
    m_closeAction->setEnabled(model != nullptr);
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
        m_messageLog->addMessage(MessageLevel::Info, tr("Loaded %1 in %2 ms: %3")
                                                         .arg(m_document->filePath())
                                                         .arg(m_document->loadTask()->lastDurationMs())
                                                         .arg(summary));
    }
}

void MainWindow::onLoadFailed(const QString& message) {
    m_progress->end();
    m_messageLog->addMessage(MessageLevel::Error, message);
    statusBar()->showMessage(message, 10000);
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Cannot Open Model"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::onSelectionChanged(const QString& nodeName) {
    m_graphView->selectNode(nodeName);
    m_layersPanel->selectLayer(nodeName);
    showHistogram(nodeName);
}

void MainWindow::showHistogram(const QString& nodeName) {
    LayerTableModel* table = m_layersPanel->tableModel();
    const int row = table->rowOfNode(nodeName);
    if (nodeName.isEmpty())
        m_histogramView->clear();
    else if (row < 0)
        m_histogramView->clear(tr("%1 has no constant weight to quantize.").arg(nodeName));
    else if (const WeightStats* stats = table->statsAt(row))
        m_histogramView->setWeights(nodeName, *stats);
    else if (!table->statisticsReady())
        m_histogramView->clear(tr("Computing weight statistics…"));
    else
        m_histogramView->clear(tr("The weight of %1 is not floating point.").arg(nodeName));
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
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!droppedModelPath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString path = droppedModelPath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(path);
}

} // namespace qs
