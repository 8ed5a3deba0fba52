#include "layerspanel.h"

#include "layertablemodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace qs {


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
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(LayerTableModel::NameColumn, QHeaderView::Stretch);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LayersPanel::onCurrentRowChanged);
    m_view->setTextElideMode(Qt::ElideLeft);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LayersPanel::fitColumns);
    connect(m_model, &LayerTableModel::statisticsComputed, this, &LayersPanel::fitColumns);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
}

void LayersPanel::setModel(std::shared_ptr<const Model> model) {
    m_model->setModel(std::move(model));
}

QString LayersPanel::selectedLayer() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(LayerTableModel::NodeNameRole).toString();
}

void LayersPanel::selectLayer(const QString& nodeName) {
    if (nodeName == selectedLayer() && !nodeName.isEmpty())
        return;
    m_selectingProgrammatically = true;
    const int sourceRow = m_model->rowOfNode(nodeName);
    const QModelIndex index = sourceRow >= 0 ? m_proxy->mapFromSource(m_model->index(sourceRow, 0)) : QModelIndex();
    if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clearSelection();
    }
    m_selectingProgrammatically = false;
}

void LayersPanel::fitColumns() {
    for (int column = LayerTableModel::NameColumn + 1; column < LayerTableModel::ColumnCount; ++column)
        m_view->resizeColumnToContents(column);
}

void LayersPanel::onCurrentRowChanged() {
    if (m_selectingProgrammatically)
        return;
    const QString name = selectedLayer();
    if (!name.isEmpty())
        emit layerSelected(name);
}

} // namespace qs
