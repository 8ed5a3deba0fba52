#include "flipsbrowser.h"

#include "palettecolors.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QResizeEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace qs {

namespace {

constexpr int kNameColumn = 0;
constexpr int kSqnrColumn = 1;
constexpr int kNoteColumn = 2;
constexpr int kSqnrRole = Qt::UserRole + 1; ///< double SQNR in dB (NaN if not compared)
constexpr int kLayerRole = Qt::UserRole + 2;
constexpr int kMaximumDecodedSide = 2048;   ///< larger images are decoded at a reduced size
constexpr double kMinimumBarScaleDb = 40.0; ///< the bar scale reaches at least this many dB

/// A picture scaled to the label's size, keeping its aspect ratio. Small images are enlarged without
/// smoothing so that their pixels stay visible.
class PictureLabel : public QLabel {
public:
    explicit PictureLabel(QWidget* parent) : QLabel(parent) {
        setAlignment(Qt::AlignCenter);
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
        setMinimumSize(96, 96);
    }
    void setPicture(const QPixmap& pixmap) {
        m_original = pixmap;
        rescale();
    }
    bool hasPicture() const { return !m_original.isNull(); }

protected:
    void resizeEvent(QResizeEvent* event) override {
        QLabel::resizeEvent(event);
        rescale();
    }

private:
    void rescale() {
        if (m_original.isNull()) {
            clear();
            return;
        }
        const QSize bounds = contentsRect().size();
        const QSize scaled = m_original.size().scaled(bounds, Qt::KeepAspectRatio);
        const bool enlarging = scaled.width() >= 2 * m_original.width();
        setPixmap(m_original.scaled(scaled, Qt::KeepAspectRatio,
                                    enlarging ? Qt::FastTransformation : Qt::SmoothTransformation));
    }
    QPixmap m_original;
};

QString decibels(double sqnrDb) {
    if (std::isinf(sqnrDb))
        return FlipsBrowser::tr("exact");
    return FlipsBrowser::tr("%1 dB").arg(QLocale().toString(sqnrDb, 'f', 1));
}

} // namespace

/// Paints a layer's SQNR as a bar in its band colour, with a mark at the fair threshold.
class LayerErrorDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ErrorBands bands;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
        return size;
    }
    double scaleDb = kMinimumBarScaleDb;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        QStyleOptionViewItem base = option;
        initStyleOption(&base, index);
        const QString text = base.text;
        base.text.clear();
        base.widget->style()->drawControl(QStyle::CE_ItemViewItem, &base, painter, base.widget);

        const double sqnrDb = index.data(kSqnrRole).toDouble();
        const QRect area = option.rect.adjusted(2, 3, -2, -3);
        painter->save();
        if (!std::isnan(sqnrDb)) {
            const double share = std::clamp(std::isinf(sqnrDb) ? 1.0 : sqnrDb / scaleDb, 0.0, 1.0);
            QColor color(QRgb(errorBandColor(bands.band(sqnrDb))));
            color.setAlpha(170);
            painter->fillRect(
                QRect(area.left(), area.top(), int(std::lround(area.width() * share)), area.height()), color);
        }
        const int fairX = area.left() + int(std::lround(area.width() * (bands.fairSqnrDb / scaleDb)));
        painter->setPen(QPen(
            blendColors(option.palette.color(QPalette::Base), option.palette.color(QPalette::Text), 0.55), 1,
            Qt::DashLine));
        painter->drawLine(fairX, option.rect.top(), fairX, option.rect.bottom());
        painter->setPen(option.palette.color(QPalette::Text));
        painter->setFont(base.font);
        painter->drawText(area.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
        painter->restore();
    }
};

FlipsBrowser::FlipsBrowser(QWidget* parent) : QWidget(parent) {
    m_bands = defaultErrorBands();
    m_model = new ImageOutcomeModel(this);
    m_proxy = new ImageOutcomeProxyModel(this);
    m_proxy->setSourceModel(m_model);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("flipsSummary"));
    m_summary->setWordWrap(true);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("flipsFilter"));
    m_filter->addItem(tr("Changed top-1 class only"), int(ImageFilter::FlippedOnly));
    m_filter->addItem(tr("All images, worst first"), int(ImageFilter::All));
    m_filter->setToolTip(tr("Images whose top-1 class changed come first, then the others by output "
                            "error, largest first"));
    connect(m_filter, &QComboBox::activated, this,
            [this](int choice) { setImageFilter(ImageFilter(m_filter->itemData(choice).toInt())); });

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("flipsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ImageOutcomeModel::RankColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FlipsBrowser::onCurrentRowChanged);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(createDetails());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({750, 330});
    splitter->setChildrenCollapsible(false);

    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    auto* filterLabel = new QLabel(tr("&Show:"), this);
    filterLabel->setBuddy(m_filter);
    top->addWidget(filterLabel);
    top->addWidget(m_filter);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    setOutcomes({});
}

QWidget* FlipsBrowser::createDetails() {
    auto* details = new QWidget(this);
    m_picture = new PictureLabel(details);
    m_picture->setObjectName(QStringLiteral("flipsPicture"));
    m_pictureMessage = new QLabel(details);
    m_pictureMessage->setAlignment(Qt::AlignCenter);
    m_pictureMessage->setWordWrap(true);
    m_pictureMessage->setEnabled(false);
    m_pictureMessage->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_pictureStack = new QStackedWidget(details);
    m_pictureStack->addWidget(m_pictureMessage);
    m_pictureStack->addWidget(m_picture);
    m_pictureStack->setMinimumHeight(120);

    m_fileName = new QLabel(details);
    m_fileName->setTextFormat(Qt::PlainText);
    m_fileName->setAlignment(Qt::AlignCenter);
    m_fileName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_predictions = new QLabel(details);
    m_predictions->setObjectName(QStringLiteral("flipsPredictions"));
    m_predictions->setTextFormat(Qt::RichText);
    m_predictions->setWordWrap(true);

    m_layerStatus = new QLabel(details);
    m_layerStatus->setObjectName(QStringLiteral("layerErrorStatus"));
    m_layerStatus->setTextFormat(Qt::RichText);
    m_layerStatus->setWordWrap(true);
    m_layerStatus->setMinimumHeight(2 * m_layerStatus->fontMetrics().lineSpacing() + 4);
    m_layerStatus->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_layers = new QTreeWidget(details);
    m_layers->setObjectName(QStringLiteral("layerErrors"));
    m_layers->setRootIsDecorated(false);
    m_layers->setUniformRowHeights(true);
    m_layers->setColumnCount(3);
    m_layers->setHeaderLabels({tr("Layer"), tr("SQNR vs float"), QString()});
    m_layers->header()->setStretchLastSection(false);
    m_layers->header()->setSectionResizeMode(kNameColumn, QHeaderView::Interactive);
    m_layers->header()->setSectionResizeMode(kSqnrColumn, QHeaderView::Stretch);
    m_layers->header()->setSectionResizeMode(kNoteColumn, QHeaderView::ResizeToContents);
    m_layers->setColumnWidth(kNameColumn, 160);
    m_layers->setTextElideMode(Qt::ElideMiddle);
    m_layerDelegate = new LayerErrorDelegate(m_layers);
    m_layers->setItemDelegateForColumn(kSqnrColumn, m_layerDelegate);
    connect(m_layers, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        emit layerClicked(item->data(kNameColumn, kLayerRole).toString());
    });

    auto* layout = new QVBoxLayout(details);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_pictureStack, 2);
    layout->addWidget(m_fileName);
    layout->addWidget(m_predictions);
    layout->addSpacing(4);
    layout->addWidget(m_layerStatus);
    layout->addWidget(m_layers, 3);
    return details;
}

void FlipsBrowser::setOutcomes(const QVector<ImageOutcomeRow>& outcomes) {
    m_chosenPath.clear();
    m_layerErrors.clear();
    m_layerErrorsPending = false;
    m_filtering = true;
    m_model->setOutcomes(outcomes);
    m_filtering = false;
    updateFilterChoices();
    setImageFilter(m_model->flippedCount() > 0 ? ImageFilter::FlippedOnly : ImageFilter::All);
    updateSummary();
    showChosen();
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->resizeSection(
        ImageOutcomeModel::ImageColumn, std::min(220, m_table->columnWidth(ImageOutcomeModel::ImageColumn)));
}

void FlipsBrowser::setClassNames(const QStringList& names) {
    m_model->setClassNames(names);
    showChosen();
    m_table->resizeColumnsToContents();
}

void FlipsBrowser::setErrorBands(const ErrorBands& bands) {
    m_bands = bands;
    showLayerErrors();
}

void FlipsBrowser::updateFilterChoices() {
    auto* items = qobject_cast<QStandardItemModel*>(m_filter->model());
    if (QStandardItem* flipped = items ? items->item(0) : nullptr)
        flipped->setEnabled(m_model->flippedCount() > 0);
}

void FlipsBrowser::setImageFilter(ImageFilter filter) {
    if (filter == ImageFilter::FlippedOnly && m_model->flippedCount() == 0 && m_model->rowCount() > 0)
        filter = ImageFilter::All;
    m_filter->setCurrentIndex(m_filter->findData(int(filter)));
    m_filtering = true;
    m_proxy->setImageFilter(filter);
    const int row = m_model->rowOfPath(m_chosenPath);
    const QModelIndex chosen = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(row, 0));
    if (chosen.isValid())
        m_table->selectionModel()->setCurrentIndex(chosen, QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
    else
        m_table->selectionModel()->clear();
    m_filtering = false;
}

ImageFilter FlipsBrowser::imageFilter() const {
    return m_proxy->imageFilter();
}

void FlipsBrowser::chooseImage(const QString& filePath) {
    const int row = m_model->rowOfPath(filePath);
    if (row < 0)
        return;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        setImageFilter(ImageFilter::All);
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void FlipsBrowser::onCurrentRowChanged() {
    if (m_filtering)
        return;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const QString path = current.data(ImageOutcomeModel::FilePathRole).toString();
    if (path == m_chosenPath)
        return;
    m_chosenPath = path;
    m_layerErrors.clear();
    m_layerErrorsPending = false;
    showChosen();
    emit imageChosen(path);
}

void FlipsBrowser::setLayerErrorsPending(const QString& filePath) {
    if (filePath.isEmpty() || filePath != m_chosenPath)
        return;
    m_layerErrors.clear();
    m_layerErrorsPending = true;
    showLayerErrors();
}

void FlipsBrowser::setLayerErrors(const QString& filePath, const LayerErrors& errors) {
    if (filePath.isEmpty() || filePath != m_chosenPath)
        return;
    m_layerErrors = errors;
    m_layerErrorsPending = false;
    showLayerErrors();
}

int FlipsBrowser::divergenceIndex(const LayerErrors& errors, double fairSqnrDb) {
    for (int i = 0; i < errors.size(); ++i)
        if (errors[i].second < fairSqnrDb)
            return i;
    return -1;
}

QString FlipsBrowser::divergenceLayer() const {
    const int index = divergenceIndex(m_layerErrors, m_bands.fairSqnrDb);
    return index < 0 ? QString() : m_layerErrors[index].first;
}

QString FlipsBrowser::summaryText() const {
    return m_summary->text();
}

QString FlipsBrowser::layerStatusText() const {
    return m_layerStatus->text();
}

QString FlipsBrowser::imageMessageText() const {
    return m_pictureStack->currentWidget() == m_pictureMessage ? m_pictureMessage->text() : QString();
}

bool FlipsBrowser::isImageShown() const {
    return m_pictureStack->currentWidget() == m_picture;
}

QString FlipsBrowser::predictionText() const {
    QTextDocument document;
    document.setHtml(m_predictions->text());
    return document.toPlainText();
}

void FlipsBrowser::updateSummary() {
    const QLocale locale;
    const int total = m_model->rowCount();
    const int flipped = m_model->flippedCount();
    QString text;
    if (total == 0)
        text = tr("No evaluated images.");
    else if (!m_model->hasClasses())
        text = tr("%1 images ranked by output error, largest first.").arg(locale.toString(total));
    else if (flipped == 0)
        text = tr("None of %1 images changes its top-1 class.").arg(locale.toString(total));
    else if (flipped == 1)
        text = tr("1 of %1 images changes its top-1 class.").arg(locale.toString(total));
    else
        text = tr("%1 of %2 images change their top-1 class.")
                   .arg(locale.toString(flipped), locale.toString(total));
    if (m_model->hasClasses() && m_model->hasLabels()) {
        int labelled = 0;
        int floatCorrect = 0;
        int quantizedCorrect = 0;
        for (int row = 0; row < total; ++row) {
            const ImageOutcomeRow* outcome = m_model->outcomeAt(row);
            if (outcome->label < 0)
                continue;
            ++labelled;
            floatCorrect += outcome->floatClass == outcome->label ? 1 : 0;
            quantizedCorrect += outcome->quantizedClass == outcome->label ? 1 : 0;
        }
        text += QLatin1Char(' ') + tr("Top-1 accuracy %1 % float, %2 % quantized.")
                                       .arg(locale.toString(100.0 * floatCorrect / labelled, 'f', 1),
                                            locale.toString(100.0 * quantizedCorrect / labelled, 'f', 1));
    }
    m_summary->setText(text);
}

void FlipsBrowser::showChosen() {
    showPicture();
    const int row = m_model->rowOfPath(m_chosenPath);
    const ImageOutcomeRow* outcome = m_model->outcomeAt(row);
    m_fileName->setText(outcome ? QFileInfo(outcome->filePath).fileName() : QString());
    m_fileName->setToolTip(outcome ? outcome->filePath : QString());
    QStringList lines;
    if (outcome) {
        const QLocale locale;
        const auto confidence = [&locale](double fraction) {
            return std::isnan(fraction) ? QString()
                                        : tr(" (%1 %)").arg(locale.toString(100.0 * fraction, 'f', 1));
        };
        if (outcome->label >= 0)
            lines << tr("Label: %1").arg(m_model->classText(outcome->label).toHtmlEscaped());
        if (outcome->floatClass >= 0)
            lines << tr("Float: %1%2")
                         .arg(m_model->classText(outcome->floatClass).toHtmlEscaped(),
                              confidence(outcome->floatConfidence));
        if (outcome->quantizedClass >= 0) {
            const QString quantized = tr("Quantized: %1%2")
                                          .arg(m_model->classText(outcome->quantizedClass).toHtmlEscaped(),
                                               confidence(outcome->quantizedConfidence));
            lines << (outcome->flipped ? QStringLiteral("<b>%1</b> — %2").arg(quantized, tr("changed"))
                                       : quantized);
        }
        if (!std::isnan(outcome->outputSqnrDb))
            lines << tr("Output SQNR: %1").arg(decibels(outcome->outputSqnrDb));
    }
    m_predictions->setText(lines.join(QStringLiteral("<br>")));
    m_predictions->setVisible(!lines.isEmpty());
    showLayerErrors();
}

void FlipsBrowser::showPicture() {
    auto* picture = static_cast<PictureLabel*>(m_picture);
    if (m_chosenPath.isEmpty()) {
        picture->setPicture({});
        m_pictureMessage->setText(m_model->rowCount() > 0 ? tr("Choose an image in the table.") : QString());
        m_pictureStack->setCurrentWidget(m_pictureMessage);
        return;
    }
    QImageReader reader(m_chosenPath);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > kMaximumDecodedSide)
        reader.setScaledSize(size.scaled(kMaximumDecodedSide, kMaximumDecodedSide, Qt::KeepAspectRatio));
    const QImage image = reader.read();
    if (image.isNull()) {
        picture->setPicture({});
        m_pictureMessage->setText(
            tr("Cannot show %1: %2").arg(QFileInfo(m_chosenPath).fileName(), reader.errorString()));
        m_pictureStack->setCurrentWidget(m_pictureMessage);
        return;
    }
    picture->setPicture(QPixmap::fromImage(image));
    m_pictureStack->setCurrentWidget(m_picture);
}

void FlipsBrowser::setLayerStatus(const QString& text) {
    m_layerStatus->setText(text);
}

void FlipsBrowser::showLayerErrors() {
    m_layers->clear();
    m_layerDelegate->bands = m_bands;
    const QString fair = QLocale().toString(m_bands.fairSqnrDb, 'f', 1);
    if (m_chosenPath.isEmpty()) {
        setLayerStatus(m_model->rowCount() > 0
                           ? tr("Choose an image to compare its float and quantized runs layer by layer.")
                           : QString());
        return;
    }
    const QString fileName = QFileInfo(m_chosenPath).fileName().toHtmlEscaped();
    if (m_layerErrorsPending) {
        setLayerStatus(tr("Computing the layer-by-layer error of %1…").arg(fileName));
        return;
    }
    if (m_layerErrors.isEmpty()) {
        setLayerStatus(tr("The layer-by-layer error of %1 has not been computed.").arg(fileName));
        return;
    }
    double highestDb = kMinimumBarScaleDb;
    for (const auto& [layer, sqnrDb] : m_layerErrors)
        if (std::isfinite(sqnrDb))
            highestDb = std::max(highestDb, sqnrDb);
    m_layerDelegate->scaleDb = highestDb;

    const int divergence = divergenceIndex(m_layerErrors, m_bands.fairSqnrDb);
    QTreeWidgetItem* divergent = nullptr;
    for (int i = 0; i < m_layerErrors.size(); ++i) {
        const auto& [layer, sqnrDb] = m_layerErrors[i];
        auto* item = new QTreeWidgetItem(m_layers);
        item->setText(kNameColumn, layer);
        item->setToolTip(kNameColumn, layer);
        item->setData(kNameColumn, kLayerRole, layer);
        item->setText(kSqnrColumn, std::isnan(sqnrDb) ? tr("not compared") : decibels(sqnrDb));
        item->setData(kSqnrColumn, kSqnrRole, sqnrDb);
        if (i != divergence)
            continue;
        divergent = item;
        QFont bold = item->font(kNameColumn);
        bold.setBold(true);
        for (int column = 0; column < m_layers->columnCount(); ++column)
            item->setFont(column, bold);
        item->setText(kNoteColumn, tr("◀ diverges"));
        item->setToolTip(kNoteColumn, tr("The first layer whose error drops below %1 dB").arg(fair));
    }
    m_layers->resizeColumnToContents(kNameColumn);
    m_layers->setColumnWidth(kNameColumn, std::clamp(m_layers->columnWidth(kNameColumn) + 24, 80,
                                                     std::max(80, m_layers->viewport()->width() / 2)));
    if (divergent) {
        m_layers->scrollToItem(divergent, QAbstractItemView::PositionAtCenter);
        const auto& [layer, sqnrDb] = m_layerErrors[divergence];
        setLayerStatus(tr("Diverges at <b>%1</b> (%2), the first layer below %3 dB.")
                           .arg(layer.toHtmlEscaped(), decibels(sqnrDb), fair));
    } else {
        setLayerStatus(tr("No layer drops below the fair band (%1 dB).").arg(fair));
    }
}

} // namespace qs
