#include "layerspanel.h"

#include "layeritemdelegate.h"
#include "layertablemodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace qs {

namespace {
constexpr int kMaximumNameWidth = 260; ///< pixels; longer names are elided in the middle
} // namespace

LayersPanel::LayersPanel(QWidget* parent) : QWidget(parent) {
    m_model = new LayerTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LayerTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter layers by name or op…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Shows only the layers whose name, op or plan contains this text"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::SelectedClicked);
    m_view->setItemDelegate(new LayerItemDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &LayersPanel::showContextMenu);
    connect(m_model, &LayerTableModel::editRequested, this,
            [this](const QString& layer, LayerTableModel::Column column, const QVariant& value) {
                QStringList layers = selectedLayers();
                if (!layers.contains(layer))
                    layers = QStringList{layer};
                emit editRequested(layers, column, value);
            });
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LayersPanel::onCurrentRowChanged);
    m_view->setTextElideMode(Qt::ElideMiddle);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LayersPanel::fitColumns);
    connect(m_model, &LayerTableModel::statisticsComputed, this, &LayersPanel::fitColumns);
    createActions();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
}

void LayersPanel::setModel(std::shared_ptr<const Model> model) {
    m_model->setModel(std::move(model));
}

QString LayersPanel::selectedLayer() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (current.isValid() && m_view->selectionModel()->isRowSelected(current.row(), current.parent()))
        return current.data(LayerTableModel::NodeNameRole).toString();
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(LayerTableModel::NodeNameRole).toString();
}

QStringList LayersPanel::selectedLayers() const {
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(index).row();
    std::sort(rows.begin(), rows.end());
    QStringList layers;
    for (int row : rows)
        layers << m_model->nodeNameAt(row);
    return layers;
}

void LayersPanel::selectOpType(const QString& opType) {
    QItemSelection selection;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QuantizableLayer* layer = m_model->layerAt(row);
        if (!layer || QString::fromStdString(layer->opType) != opType)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (index.isValid())
            selection.select(index, index);
    }
    m_view->selectionModel()->select(selection,
                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void LayersPanel::createActions() {
    m_copyNameAction = new QAction(tr("Copy Name"), this);
    m_copyNameAction->setShortcut(QKeySequence::Copy);
    m_copyNameAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyNameAction->setStatusTip(tr("Copy the full names of the selected layers"));
    connect(m_copyNameAction, &QAction::triggered, this, &LayersPanel::copySelectedNames);
    m_view->addAction(m_copyNameAction);

    m_selectOpTypeAction = new QAction(tr("Select All Layers of This Op Type"), this);
    m_selectOpTypeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_selectOpTypeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_selectOpTypeAction->setStatusTip(tr("Select every layer with the op type of the current layer"));
    connect(m_selectOpTypeAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (const QuantizableLayer* layer =
                current.isValid() ? m_model->layerAt(m_proxy->mapToSource(current).row()) : nullptr)
            selectOpType(QString::fromStdString(layer->opType));
    });
    m_view->addAction(m_selectOpTypeAction);
}

void LayersPanel::copySelectedNames() {
    const QStringList layers = selectedLayers();
    if (!layers.isEmpty())
        QGuiApplication::clipboard()->setText(layers.join(QLatin1Char('\n')));
}

void LayersPanel::showContextMenu(const QPoint& position) {
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    const QString layer = index.data(LayerTableModel::NodeNameRole).toString();
    QStringList layers = selectedLayers();
    if (!layers.contains(layer))
        layers = QStringList{layer};
    const QuantizableLayer* info = m_model->layerAt(m_proxy->mapToSource(index).row());
    QMenu menu(this);
    menu.addAction(m_copyNameAction);
    menu.addSeparator();
    menu.addAction(tr("Keep %n Layer(s) Float", nullptr, int(layers.size())), this,
                   [this, layers] { emit keepFloatRequested(layers, true); });
    menu.addAction(tr("Quantize %n Layer(s)", nullptr, int(layers.size())), this,
                   [this, layers] { emit keepFloatRequested(layers, false); });
    if (info) {
        const QString opType = QString::fromStdString(info->opType);
        menu.addSeparator();
        menu.addAction(tr("Select All %1 Layers").arg(opType), this,
                       [this, opType] { selectOpType(opType); });
    }
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void LayersPanel::selectLayer(const QString& nodeName) {
    if (nodeName == selectedLayer() && !nodeName.isEmpty())
        return;
    m_selectingProgrammatically = true;
    const int sourceRow = m_model->rowOfNode(nodeName);
    const QModelIndex index =
        sourceRow >= 0 ? m_proxy->mapFromSource(m_model->index(sourceRow, 0)) : QModelIndex();
    if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clearSelection();
    }
    m_selectingProgrammatically = false;
}

void LayersPanel::fitColumns() {
    for (int column = LayerTableModel::NameColumn + 1; column < LayerTableModel::ColumnCount; ++column)
        m_view->resizeColumnToContents(column);
    // Long names are elided in the middle; the full name is the tooltip. The table scrolls sideways.
    m_view->resizeColumnToContents(LayerTableModel::NameColumn);
    m_view->setColumnWidth(
        LayerTableModel::NameColumn,
        std::clamp(m_view->columnWidth(LayerTableModel::NameColumn), 120, kMaximumNameWidth));
}

void LayersPanel::onCurrentRowChanged() {
    if (m_selectingProgrammatically)
        return;
    const QString name = selectedLayer();
    if (!name.isEmpty())
        emit layerSelected(name);
}

} // namespace qs
