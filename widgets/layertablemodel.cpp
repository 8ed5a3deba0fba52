#include "layertablemodel.h"

#include "util/error.h"

#include <QLocale>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

namespace qs {

namespace {

QString shapeText(const std::vector<int64_t>& dims) {
    QStringList parts;
    for (int64_t dim : dims)
        parts << QString::number(dim);
    return parts.join(QStringLiteral(" × "));
}

bool isStatisticColumn(int column) {
    return column >= LayerTableModel::MinColumn && column <= LayerTableModel::StdColumn;
}

} // namespace

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &LayerTableModel::applyStatistics);
}

LayerTableModel::~LayerTableModel() {
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

void LayerTableModel::setModel(std::shared_ptr<const Model> model) {
    if (m_cancel)
        m_cancel->store(true);
    beginResetModel();
    m_model = std::move(model);
    m_layers = m_model ? findQuantizableLayers(m_model->graph) : std::vector<QuantizableLayer>{};
    m_stats.assign(m_layers.size(), std::nullopt);
    endResetModel();

    m_statisticsPending = !m_layers.empty();
    if (!m_statisticsPending)
        return;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_watcher.setFuture(QtConcurrent::run(&LayerTableModel::computeAll, m_model, m_layers, m_cancel));
}

LayerTableModel::StatsList LayerTableModel::computeAll(std::shared_ptr<const Model> model,
                                                       std::vector<QuantizableLayer> layers,
                                                       std::shared_ptr<std::atomic_bool> cancel) {
    StatsList stats(layers.size());
    for (size_t i = 0; i < layers.size() && !cancel->load(); ++i) {
        const Tensor* weight = model->graph.initializer(layers[i].weightName);
        if (!weight || !isFloatingPoint(weight->type))
            continue;
        try {
            stats[i] = computeWeightStats(*weight, layers[i].outputChannelAxis);
        } catch (const Error&) {
            stats[i].reset();
        }
    }
    return stats;
}

void LayerTableModel::applyStatistics() {
    if (!m_statisticsPending || !m_watcher.isFinished())
        return;
    m_statisticsPending = false;
    StatsList stats = m_watcher.result();
    if (stats.size() != m_layers.size())
        return;
    m_stats = std::move(stats);
    if (!m_layers.empty())
        emit dataChanged(index(0, MinColumn), index(rowCount() - 1, StdColumn));
    emit statisticsComputed();
}

void LayerTableModel::waitForStatistics() {
    if (!m_statisticsPending)
        return;
    m_watcher.waitForFinished();
    applyStatistics();
}

int LayerTableModel::rowOfNode(const QString& nodeName) const {
    const std::string name = nodeName.toStdString();
    for (size_t row = 0; row < m_layers.size(); ++row) {
        if (m_layers[row].nodeName == name)
            return int(row);
    }
    return -1;
}

QString LayerTableModel::nodeNameAt(int row) const {
    const QuantizableLayer* layer = layerAt(row);
    return layer ? QString::fromStdString(layer->nodeName) : QString();
}

const QuantizableLayer* LayerTableModel::layerAt(int row) const {
    return row >= 0 && row < int(m_layers.size()) ? &m_layers[size_t(row)] : nullptr;
}

const WeightStats* LayerTableModel::statsAt(int row) const {
    if (row < 0 || row >= int(m_stats.size()) || !m_stats[size_t(row)])
        return nullptr;
    return &*m_stats[size_t(row)];
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_layers.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayData(index.row(), index.column());
    case Qt::ToolTipRole:
        return index.column() == NameColumn ? nodeNameAt(index.row()) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= ParametersColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case SortRole:
        return sortData(index.row(), index.column());
    case NodeNameRole:
        return nodeNameAt(index.row());
    default:
        return {};
    }
}

QVariant LayerTableModel::displayData(int row, int column) const {
    const QuantizableLayer& layer = m_layers[size_t(row)];
    switch (column) {
    case NameColumn:
        return QString::fromStdString(layer.nodeName);
    case OpColumn:
        return QString::fromStdString(layer.opType);
    case ShapeColumn:
        return shapeText(layer.weightShape);
    case ParametersColumn:
        return QLocale().toString(qlonglong(layer.parameters));
    default: {
        const QVariant value = statistic(row, column);
        return value.isValid() ? QString::number(value.toDouble(), 'g', 4) : QVariant();
    }
    }
}

QVariant LayerTableModel::sortData(int row, int column) const {
    const QuantizableLayer& layer = m_layers[size_t(row)];
    if (column == ParametersColumn)
        return qlonglong(layer.parameters);
    if (isStatisticColumn(column))
        return statistic(row, column);
    return displayData(row, column);
}

QVariant LayerTableModel::statistic(int row, int column) const {
    const WeightStats* stats = statsAt(row);
    if (!stats)
        return {};
    switch (column) {
    case MinColumn:
        return stats->min;
    case MaxColumn:
        return stats->max;
    case MeanColumn:
        return stats->mean;
    case StdColumn:
        return stats->std;
    default:
        return {};
    }
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Layer");
    case OpColumn:
        return tr("Op");
    case ShapeColumn:
        return tr("Weight shape");
    case ParametersColumn:
        return tr("Parameters");
    case MinColumn:
        return tr("Min");
    case MaxColumn:
        return tr("Max");
    case MeanColumn:
        return tr("Mean");
    case StdColumn:
        return tr("Std");
    default:
        return {};
    }
}

} // namespace qs
