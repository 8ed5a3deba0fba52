#pragma once
// Table of a model's quantizable layers (one row per layer): name, op, weight shape, parameter count and weight
// statistics. Statistics are computed once per model in a worker thread; until they arrive the statistic columns
// are empty. Sort through a QSortFilterProxyModel using SortRole (numbers sort as numbers).

#include "model/layers.h"
#include "model/weightstats.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace qs {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, OpColumn, ShapeColumn, ParametersColumn, MinColumn, MaxColumn, MeanColumn,
                  StdColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,  ///< numeric value for number columns, text otherwise
        NodeNameRole,                 ///< the layer's node name, in every column
    };

    explicit LayerTableModel(QObject* parent = nullptr);
    ~LayerTableModel() override;

    /// Shows the layers of `model` (nullptr clears) and starts computing their weight statistics.
    void setModel(std::shared_ptr<const Model> model);
    /// Blocks until pending statistics have been computed and applied (tests, screenshots).
    void waitForStatistics();
    bool statisticsReady() const { return !m_statisticsPending; }

    /// Row of the layer whose node is `nodeName`, or -1 when that node is not a quantizable layer.
    int rowOfNode(const QString& nodeName) const;
    QString nodeNameAt(int row) const;
    const QuantizableLayer* layerAt(int row) const;
    /// Statistics of the layer's weight; nullptr until computed or when the weight is not floating point.
    const WeightStats* statsAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// Statistics for every row are available (statsAt() returns them).
    void statisticsComputed();

private:
    using StatsList = std::vector<std::optional<WeightStats>>;
    static StatsList computeAll(std::shared_ptr<const Model> model, std::vector<QuantizableLayer> layers,
                                std::shared_ptr<std::atomic_bool> cancel);
    void applyStatistics();
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;
    QVariant statistic(int row, int column) const;

    std::shared_ptr<const Model> m_model;
    std::vector<QuantizableLayer> m_layers;
    StatsList m_stats;
    QFutureWatcher<StatsList> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_statisticsPending = false;  ///< a computation for the current model has not been applied yet
};

} // namespace qs
