#pragma once
// Table of a model's quantizable layers (one row per layer): name, op, weight shape, parameter count, the
// layer's plan (weight scheme, bits, granularity, symmetric, activations, where the scheme came from), its
// results (SQNR, sensitivity, quantized size) and weight statistics. Statistics are computed once per model
// in a worker thread; until they arrive the statistic columns are empty. Sort through a QSortFilterProxyModel
// using SortRole.
//
// Plan cells are editable, but setData() never changes the table: it emits editRequested() and the owner (the
// studio's document, through an undo command) answers with setPlan(). Choices the layer does not allow are
// not offered (ChoicesRole lists what an editor may show; bit ranges come from BitsRangeRole).

#include "model/layers.h"
#include "model/weightstats.h"
#include "quant/quantplan.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QMap>
#include <QString>
#include <QStringList>
#include <atomic>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace qs {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        OpColumn,
        WeightSchemeColumn,
        BitsColumn,
        GranularityColumn,
        SymmetricColumn,
        ActivationsColumn,
        RangeMethodColumn,
        SqnrColumn,
        SensitivityColumn,
        SizeColumn,
        SourceColumn,
        ShapeColumn,
        ParametersColumn,
        MinColumn,
        MaxColumn,
        MeanColumn,
        StdColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< numeric value for number columns, text otherwise
        NodeNameRole,                ///< the layer's node name, in every column
        ChoicesRole,                 ///< QStringList of the values an editor offers (combo-box columns)
        BitsRangeRole,               ///< QPoint(min, max) of the bit widths allowed (BitsColumn)
    };

    /// Measured numbers of one layer (NaN / -1 when not measured).
    struct LayerNumbers {
        double sqnrDb = std::numeric_limits<double>::quiet_NaN();
        double sensitivity = std::numeric_limits<double>::quiet_NaN();
        qint64 quantizedBytes = -1;
    };

    explicit LayerTableModel(QObject* parent = nullptr);
    ~LayerTableModel() override;

    /// Shows the layers of `model` (nullptr clears) and starts computing their weight statistics.
    void setModel(std::shared_ptr<const Model> model);
    /// Blocks until pending statistics have been computed and applied (tests, screenshots).
    void waitForStatistics();
    bool statisticsReady() const { return !m_statisticsPending; }

    /// Shows the plan of every layer (rows are matched by node name). `changedLayers` limits the update to
    /// those rows; empty updates every row.
    void setPlan(const QuantPlan& plan, const QStringList& changedLayers = {});
    /// Shows measured numbers by node name; `stale` greys them (computed for an older strategy).
    void setNumbers(const QMap<QString, LayerNumbers>& numbers, bool stale);
    /// SQNR below which a layer counts as weak: its SQNR cell gets a red background (20 dB until set).
    void setWeakSqnrThresholdDb(double sqnrDb);
    double weakSqnrThresholdDb() const { return m_weakSqnrThresholdDb; }
    /// Whether the layer at `row` has a measured SQNR below the weak threshold.
    bool isWeak(int row) const;
    const LayerPlan* planAt(int row) const;
    /// The weight scheme offered at position `choice` of the WeightSchemeColumn choices.
    static SchemeKind weightKindAt(int choice);
    /// The range method offered at position `choice` of the RangeMethodColumn choices ("mse", ...).
    static QString rangeMethodAt(int choice);

    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

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
    /// The user edited a plan cell of `layer`: `value` is the new display value (a choice text, a bit count,
    /// or a bool for the symmetric column).
    void editRequested(const QString& layer, qs::LayerTableModel::Column column, const QVariant& value);

private:
    using StatsList = std::vector<std::optional<WeightStats>>;
    static StatsList computeAll(std::shared_ptr<const Model> model, std::vector<QuantizableLayer> layers,
                                std::shared_ptr<std::atomic_bool> cancel);
    void applyStatistics();
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;
    QVariant statistic(int row, int column) const;
    QVariant planData(int row, int column) const;
    QVariant numberData(int row, int column, bool forSorting) const;
    QVariant choices(int row, int column) const;
    QVariant editData(int row, int column) const;
    QVariant toolTip(int row, int column) const;

    std::shared_ptr<const Model> m_model;
    std::vector<QuantizableLayer> m_layers;
    StatsList m_stats;
    std::vector<std::optional<LayerPlan>> m_plans;
    std::vector<LayerNumbers> m_numbers;
    bool m_numbersStale = false;
    double m_weakSqnrThresholdDb = 20.0;
    QFutureWatcher<StatsList> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_statisticsPending = false; ///< a computation for the current model has not been applied yet
};

} // namespace qs
