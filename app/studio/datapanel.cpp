#include "datapanel.h"

#include "appsettings.h"
#include "document.h"
#include "droppedfiles.h"
#include "memoryestimatetext.h"
#include "preprocesseditor.h"
#include "strategyeditor.h"
#include "taskrunner.h"
#include "tensorpreview.h"

#include "data/preprocess.h"
#include "util/error.h"
#include "workflow/datainput.h"

#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace qs {

namespace {

constexpr int kThumbnailCount = 8;
constexpr int kThumbnailPixels = 56;
constexpr int kSkippedListed = 10;

} // namespace

DataPanel::DataPanel(Document* document, StrategyEditor* editor, TaskRunner* runner, QWidget* parent)
    : QWidget(parent), m_document(document), m_editor(editor), m_runner(runner) {
    setAcceptDrops(true);
    m_calibrationBox = createFolderBox(tr("Calibration images"), true);
    m_evaluationBox = createFolderBox(tr("Evaluation images"), false);
    m_thumbnails = new QListWidget(this);
    m_thumbnails->setViewMode(QListView::IconMode);
    m_thumbnails->setIconSize(QSize(kThumbnailPixels, kThumbnailPixels));
    m_thumbnails->setFlow(QListView::LeftToRight);
    m_thumbnails->setWrapping(false);
    m_thumbnails->setFixedHeight(kThumbnailPixels + 36);
    m_thumbnails->setMinimumWidth(0);
    m_thumbnails->setToolTip(tr("The first calibration images. Select one to preview its tensor."));
    m_preprocess = new PreprocessEditor(this);
    m_preview = new TensorPreview(this);
    m_preview->setMinimumHeight(220);
    m_thumbnails->hide();
    m_memoryEstimate = new QLabel(this);
    m_memoryEstimate->setWordWrap(true);
    m_memoryEstimate->hide();

    auto* preprocessBox = new QGroupBox(tr("Preprocessing"), this);
    auto* preprocessLayout = new QVBoxLayout(preprocessBox);
    preprocessLayout->addWidget(m_preprocess);
    auto* previewBox = new QGroupBox(tr("Tensor the model gets"), this);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(m_calibrationBox);
    layout->addWidget(m_thumbnails);
    layout->addWidget(m_evaluationBox);
    layout->addWidget(m_memoryEstimate);
    layout->addWidget(preprocessBox);
    layout->addWidget(previewBox);
    layout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    // Never narrower than the content, which cannot scroll sideways.
    scroll->setMinimumWidth(content->minimumSizeHint().width() +
                            scroll->verticalScrollBar()->sizeHint().width());
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_preprocess, &PreprocessEditor::configEdited, m_editor, &StrategyEditor::setPreprocess);
    connect(m_thumbnails, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item) {
            m_previewImage = item->data(Qt::UserRole).toString();
            updatePreview();
        }
    });
    connect(document, &Document::modelChanged, this, &DataPanel::onModelChanged);
    connect(document, &Document::dataSettingsChanged, this, &DataPanel::onDataSettingsChanged);
    connect(document, &Document::strategyChanged, this, &DataPanel::updateMemoryEstimate);
    onModelChanged();
}

QGroupBox* DataPanel::createFolderBox(const QString& title, bool calibration) {
    auto* box = new QGroupBox(title, this);
    auto* path = new QLabel(tr("Drop a folder here or choose one."), box);
    path->setWordWrap(true);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* summary = new QLabel(box);
    summary->setWordWrap(true);
    auto* choose = new QPushButton(tr("Choose…"), box);
    choose->setToolTip(calibration
                           ? tr("The images calibration runs the float model on (labels are not needed).")
                           : tr("The images float and quantized model are compared on; sub-folders or "
                                "labels.txt give the classes."));
    connect(choose, &QPushButton::clicked, this, [this, calibration] { chooseFolder(calibration); });
    auto* row = new QHBoxLayout;
    row->addWidget(path, 1);
    row->addWidget(choose);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(summary);
    (calibration ? m_calibrationPath : m_evaluationPath) = path;
    (calibration ? m_calibrationSummary : m_evaluationSummary) = summary;
    return box;
}

void DataPanel::chooseFolder(bool calibration) {
    const QString current = calibration ? m_document->calibrationFolder() : m_document->evaluationFolder();
    const QString preferred = m_settings ? m_settings->dataFolder() : QString();
    const QString start = !current.isEmpty()     ? current
                          : !preferred.isEmpty() ? preferred
                                                 : QFileInfo(m_document->filePath()).absolutePath();
    const QString folder = QFileDialog::getExistingDirectory(
        this, calibration ? tr("Calibration Folder") : tr("Evaluation Folder"), start);
    if (folder.isEmpty())
        return;
    if (calibration)
        m_document->setCalibrationFolder(folder);
    else
        m_document->setEvaluationFolder(folder);
}

void DataPanel::onModelChanged() {
    const bool hasModel = m_document->model() != nullptr;
    setEnabled(hasModel);
    m_preprocess->setConfig(m_document->config().preprocess);
    if (hasModel) {
        try {
            const ValueInfo& input = resolveImageInput(*m_document->model(), m_document->config());
            if (input.hasShape && input.shape.size() == 4) {
                const bool nchw = m_document->config().preprocess.layout == TensorLayout::NCHW;
                auto dim = [&](size_t d) {
                    return input.shape[d].isStatic() ? int(input.shape[d].value) : -1;
                };
                m_preprocess->setModelInput(nchw ? dim(1) : dim(3), nchw ? dim(2) : dim(1),
                                            nchw ? dim(3) : dim(2), m_document->config().preprocess.layout);
            }
        } catch (const Error&) {
        }
    }
    onDataSettingsChanged();
}

void DataPanel::onDataSettingsChanged() {
    m_preprocess->setConfig(m_document->config().preprocess);
    const QString calibration = m_document->calibrationFolder();
    const QString evaluation = m_document->evaluationFolder();
    m_calibrationPath->setText(calibration.isEmpty() ? tr("Drop a folder here or choose one.") : calibration);
    m_evaluationPath->setText(evaluation.isEmpty() ? tr("Drop a folder here or choose one.") : evaluation);
    if (calibration != m_scannedCalibration)
        scan(true);
    if (evaluation != m_scannedEvaluation)
        scan(false);
    updatePreview();
}

void DataPanel::scan(bool calibration) {
    const QString folder = calibration ? m_document->calibrationFolder() : m_document->evaluationFolder();
    (calibration ? m_scannedCalibration : m_scannedEvaluation) = folder;
    QLabel* summary = calibration ? m_calibrationSummary : m_evaluationSummary;
    if (calibration) {
        m_thumbnails->clear();
        m_thumbnails->hide();
        m_previewImage.clear();
    }
    if (folder.isEmpty()) {
        summary->clear();
        return;
    }
    summary->setText(tr("Scanning…"));
    const ImageFolderOptions options = scanOptionsFor(m_document->config(), calibration);
    const std::string path = folder.toStdString();
    QPointer<DataPanel> self(this);
    m_runner->start(
        tr("Scanning %1").arg(QFileInfo(folder).fileName()), TaskRunner::Lane::Background,
        [=](TaskContext& context) {
            ImageFolderScan found;
            QString error;
            try {
                ImageFolderOptions all = options;
                all.maxImages = 0;
                found = scanImageFolder(path, all, context.progress());
            } catch (const Cancelled&) {
                throw;
            } catch (const Error& failure) {
                error = QString::fromStdString(failure.what());
            }
            QList<QPair<QString, QImage>> thumbnails;
            for (size_t i = 0; calibration && i < found.items.size() && i < kThumbnailCount; ++i) {
                const QString file = QString::fromStdString(found.items[i].path);
                QImage image(file);
                if (!image.isNull())
                    thumbnails.append({file, image.scaled(kThumbnailPixels, kThumbnailPixels,
                                                          Qt::KeepAspectRatio, Qt::SmoothTransformation)});
            }
            return TaskRunner::Apply([=] {
                if (!self)
                    return;
                const QString current = calibration ? self->m_document->calibrationFolder()
                                                    : self->m_document->evaluationFolder();
                if (current != folder)
                    return; // another folder was chosen meanwhile
                self->showScan(calibration, found, error);
                for (const auto& [file, image] : thumbnails) {
                    auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(image)),
                                                     QFileInfo(file).fileName(), self->m_thumbnails);
                    item->setData(Qt::UserRole, file);
                    item->setToolTip(file);
                }
                self->m_thumbnails->setVisible(self->m_thumbnails->count() > 0);
                if (self->m_thumbnails->count() > 0)
                    self->m_thumbnails->setCurrentRow(0);
            });
        });
}

void DataPanel::showScan(bool calibration, const ImageFolderScan& scan, const QString& error) {
    QLabel* summary = calibration ? m_calibrationSummary : m_evaluationSummary;
    if (!error.isEmpty()) {
        summary->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(error.toHtmlEscaped()));
        return;
    }
    QString text = tr("%n file(s) found", nullptr, int(scan.items.size()));
    if (!scan.skipped.empty())
        text += tr(", %n skipped", nullptr, int(scan.skipped.size()));
    if (!calibration)
        text += scan.isLabelled() ? tr(", %n class(es)", nullptr, int(scan.classNames.size()))
                                  : tr(", no labels (agreement with float only)");
    if (calibration && m_document->config().calibration.maxImages > 0 &&
        scan.items.size() > m_document->config().calibration.maxImages)
        text += tr("; calibration uses %1 of them").arg(m_document->config().calibration.maxImages);
    summary->setText(text);
    QStringList skipped;
    for (size_t i = 0; i < scan.skipped.size() && i < kSkippedListed; ++i)
        skipped << QStringLiteral("%1: %2").arg(QString::fromStdString(scan.skipped[i].path),
                                                QString::fromStdString(scan.skipped[i].reason));
    if (scan.skipped.size() > kSkippedListed)
        skipped << tr("… and %n more", nullptr, int(scan.skipped.size() - kSkippedListed));
    summary->setToolTip(skipped.join(QLatin1Char('\n')));
}

void DataPanel::updateMemoryEstimate() {
    const MemoryEstimateText estimate = MemoryEstimateText::forDocument(*m_document, m_previewDims);
    m_memoryEstimate->setVisible(estimate.known);
    if (!estimate.known)
        return;
    m_memoryEstimate->setText(
        estimate.exceedsLimit
            ? QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(estimate.text.toHtmlEscaped())
            : estimate.text.toHtmlEscaped());
    m_memoryEstimate->setToolTip(estimate.details);
}

void DataPanel::updatePreview() {
    m_previewDims.clear();
    updateMemoryEstimate();
    if (m_previewImage.isEmpty()) {
        m_preview->clear(tr("Choose a calibration folder to preview the tensor of its first image."));
        return;
    }
    const PreprocessConfig& config = m_document->config().preprocess;
    try {
        const RuntimeTensor tensor = preprocessImageFile(m_previewImage.toStdString(), config);
        m_previewDims = tensor.dims();
        updateMemoryEstimate();
        const float* data = tensor.data<float>();
        const std::vector<float> values(data, data + tensor.elementCount());
        m_preview->setTensor(QFileInfo(m_previewImage).fileName(), values, tensor.dims(), config.layout);
        QString warning = TensorPreview::statisticsWarning(values, config);
        try {
            const ValueInfo& input = resolveImageInput(*m_document->model(), m_document->config());
            checkSampleShape(input, tensor.dims(), m_document->config(),
                             m_document->calibrationFolder().toStdString());
        } catch (const Error& error) {
            warning = warning.isEmpty() ? QString::fromStdString(error.what())
                                        : warning + QLatin1Char('\n') + QString::fromStdString(error.what());
        }
        m_preview->setWarning(warning);
    } catch (const Error& error) {
        m_preview->clear(QString::fromStdString(error.what()));
    }
}

void DataPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (!droppedFolder(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void DataPanel::dropEvent(QDropEvent* event) {
    const QString folder = droppedFolder(event->mimeData());
    if (folder.isEmpty())
        return;
    event->acceptProposedAction();
    const QPoint position = event->position().toPoint();
    const bool evaluation =
        m_evaluationBox->geometry().contains(m_evaluationBox->parentWidget()->mapFrom(this, position));
    if (evaluation)
        m_document->setEvaluationFolder(folder);
    else
        m_document->setCalibrationFolder(folder);
}

} // namespace qs
