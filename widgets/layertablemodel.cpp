#include "layertablemodel.h"

#include "runtime/constantevaluation.h"
#include "util/error.h"

#include <algorithm>

#include <QColor>
#include <QLocale>
#include <QPoint>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>

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

bool isPlanColumn(int column) {
    return (column >= LayerTableModel::WeightSchemeColumn && column <= LayerTableModel::RangeMethodColumn) ||
           column == LayerTableModel::SourceColumn;
}

bool isNumberColumn(int column) {
    return column >= LayerTableModel::SqnrColumn && column <= LayerTableModel::SizeColumn;
}

const QStringList& rangeMethods() {
    static const QStringList methods{QStringLiteral("mse"), QStringLiteral("percentile"),
                                     QStringLiteral("entropy"), QStringLiteral("minmax")};
    return methods;
}

const QList<SchemeKind>& weightKinds() {
    static const QList<SchemeKind> kinds{SchemeKind::Uniform, SchemeKind::Log, SchemeKind::Codebook,
                                         SchemeKind::Float};
    return kinds;
}

QString kindText(SchemeKind kind) {
    switch (kind) {
    case SchemeKind::Uniform:
        return LayerTableModel::tr("uniform");
    case SchemeKind::Log:
        return LayerTableModel::tr("log");
    case SchemeKind::Codebook:
        return LayerTableModel::tr("codebook");
    case SchemeKind::Float:
        return LayerTableModel::tr("float");
    }
    return {};
}

QString sourceText(SchemeSource source) {
    switch (source) {
    case SchemeSource::Default:
        return LayerTableModel::tr("default");
    case SchemeSource::Override:
        return LayerTableModel::tr("override");
    case SchemeSource::FloatLayers:
        return LayerTableModel::tr("kept float");
    case SchemeSource::FloatOpTypes:
        return LayerTableModel::tr("op type float");
    case SchemeSource::Forced:
        return LayerTableModel::tr("forced");
    }
    return {};
}

QString bytesText(qint64 bytes) {
    return bytes < 0 ? QString() : QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
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
    m_layers = m_model ? findModelLayers(m_model->graph) : std::vector<QuantizableLayer>{};
    m_stats.assign(m_layers.size(), std::nullopt);
    m_plans.assign(m_layers.size(), std::nullopt);
    m_numbers.assign(m_layers.size(), LayerNumbers{});
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
        try {
            if (layers[i].storedAs.empty()) {
                const Tensor* weight = model->graph.initializer(layers[i].weightName);
                if (weight && isFloatingPoint(weight->type))
                    stats[i] = computeWeightStats(*weight, layers[i].outputChannelAxis);
                continue;
            }
            // A stored (already quantized) weight: the values the model computes with, or its integer codes.
            Tensor weight = evaluateConstantTensor(*model, layers[i].weightName);
            if (!isFloatingPoint(weight.type)) {
                const std::vector<double> values = weight.toDoubles();
                weight.type = DataType::Float;
                weight.data.resize(values.size() * sizeof(float));
                for (size_t v = 0; v < values.size(); ++v)
                    weight.as<float>()[v] = float(values[v]);
            }
            stats[i] = computeWeightStats(
                weight, std::min<int>(layers[i].outputChannelAxis, int(weight.dims.size()) - 1));
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

void LayerTableModel::setPlan(const QuantPlan& plan, const QStringList& changedLayers) {
    for (size_t row = 0; row < m_layers.size(); ++row) {
        const QString name = QString::fromStdString(m_layers[row].nodeName);
        if (!changedLayers.isEmpty() && !changedLayers.contains(name))
            continue;
        const LayerPlan* layer = plan.findLayer(m_layers[row].nodeName);
        m_plans[row] = layer ? std::optional<LayerPlan>(*layer) : std::nullopt;
        if (changedLayers.isEmpty())
            continue;
        emit dataChanged(index(int(row), WeightSchemeColumn), index(int(row), SourceColumn));
    }
    if (changedLayers.isEmpty() && !m_layers.empty())
        emit dataChanged(index(0, WeightSchemeColumn), index(rowCount() - 1, SourceColumn));
}

void LayerTableModel::setNumbers(const QMap<QString, LayerNumbers>& numbers, bool stale) {
    m_numbersStale = stale;
    for (size_t row = 0; row < m_layers.size(); ++row)
        m_numbers[row] = numbers.value(QString::fromStdString(m_layers[row].nodeName), LayerNumbers{});
    if (!m_layers.empty())
        emit dataChanged(index(0, SqnrColumn), index(rowCount() - 1, SizeColumn));
}

void LayerTableModel::setWeakSqnrThresholdDb(double sqnrDb) {
    if (sqnrDb == m_weakSqnrThresholdDb)
        return;
    m_weakSqnrThresholdDb = sqnrDb;
    if (!m_layers.empty())
        emit dataChanged(index(0, SqnrColumn), index(rowCount() - 1, SqnrColumn));
}

bool LayerTableModel::isWeak(int row) const {
    if (row < 0 || row >= int(m_numbers.size()))
        return false;
    const double sqnrDb = m_numbers[size_t(row)].sqnrDb;
    return !std::isnan(sqnrDb) && sqnrDb < m_weakSqnrThresholdDb;
}

const LayerPlan* LayerTableModel::planAt(int row) const {
    if (row < 0 || row >= int(m_plans.size()) || !m_plans[size_t(row)])
        return nullptr;
    return &*m_plans[size_t(row)];
}

Qt::ItemFlags LayerTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    const LayerPlan* plan = planAt(index.row());
    if (!plan || !isPlanColumn(index.column()) || index.column() == SourceColumn)
        return flags;
    const bool floatWeights = plan->weights.kind == SchemeKind::Float;
    switch (index.column()) {
    case WeightSchemeColumn:
        return plan->weightSource == SchemeSource::FloatOpTypes ? flags : flags | Qt::ItemIsEditable;
    case BitsColumn:
    case GranularityColumn:
        return floatWeights ? flags : flags | Qt::ItemIsEditable;
    case SymmetricColumn:
        return floatWeights || plan->weights.kind != SchemeKind::Uniform ? flags : flags | Qt::ItemIsEditable;
    case RangeMethodColumn:
        return plan->activations.kind == SchemeKind::Float ? flags : flags | Qt::ItemIsEditable;
    case ActivationsColumn:
        return plan->activationSource == SchemeSource::Forced ||
                       plan->activationSource == SchemeSource::FloatOpTypes
                   ? flags
                   : flags | Qt::ItemIsEditable;
    default:
        return flags;
    }
}

bool LayerTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    emit editRequested(nodeNameAt(index.row()), Column(index.column()), value);
    return false; // the owner answers with setPlan()
}

QVariant LayerTableModel::planData(int row, int column) const {
    const LayerPlan* plan = planAt(row);
    if (!plan) {
        const QuantizableLayer& layer = m_layers[size_t(row)];
        if (!layer.storedAs.empty() && column == SourceColumn)
            return tr("stored: %1").arg(QString::fromStdString(layer.storedAs));
        if (!layer.storedAs.empty() && column == WeightSchemeColumn)
            return tr("quantized");
        return {};
    }
    const QuantScheme& weights = plan->weights;
    const bool floatWeights = weights.kind == SchemeKind::Float;
    const QString none = QStringLiteral("—");
    switch (column) {
    case WeightSchemeColumn:
        return kindText(weights.kind);
    case BitsColumn:
        return floatWeights ? QVariant(none) : QVariant(weights.bits);
    case GranularityColumn:
        return floatWeights                                     ? none
               : weights.granularity == Granularity::PerChannel ? tr("per-channel")
                                                                : tr("per-tensor");
    case SymmetricColumn:
        if (floatWeights || weights.kind != SchemeKind::Uniform)
            return none;
        return weights.rangeMode == RangeMode::Symmetric ? tr("symmetric") : tr("asymmetric");
    case ActivationsColumn:
        return plan->activations.kind == SchemeKind::Float ? tr("float")
                                                           : tr("%1-bit").arg(plan->activations.bits);
    case RangeMethodColumn:
        if (plan->activations.kind == SchemeKind::Float)
            return none;
        return plan->range.method == "percentile" ? tr("percentile %1").arg(plan->range.percentile)
                                                  : QString::fromStdString(plan->range.method);
    case SourceColumn:
        return sourceText(plan->weightSource);
    default:
        return {};
    }
}

QVariant LayerTableModel::choices(int row, int column) const {
    const LayerPlan* plan = planAt(row);
    if (!plan)
        return {};
    switch (column) {
    case WeightSchemeColumn: {
        QStringList texts;
        for (SchemeKind kind : weightKinds())
            texts << kindText(kind);
        return texts;
    }
    case GranularityColumn:
        return QStringList{tr("per-tensor"), tr("per-channel")};
    case SymmetricColumn:
        return QStringList{tr("symmetric"), tr("asymmetric")};
    case ActivationsColumn:
        return QStringList{tr("8-bit"), tr("16-bit"), tr("float")};
    case RangeMethodColumn:
        return rangeMethods();
    default:
        return {};
    }
}

QString LayerTableModel::rangeMethodAt(int choice) {
    return rangeMethods().value(choice, rangeMethods().front());
}

SchemeKind LayerTableModel::weightKindAt(int choice) {
    return weightKinds().value(choice, SchemeKind::Uniform);
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
    case Qt::EditRole:
        return editData(index.row(), index.column());
    case Qt::ToolTipRole:
        return toolTip(index.row(), index.column());
    case Qt::ForegroundRole:
        return m_numbersStale && isNumberColumn(index.column()) ? QVariant(QColor(Qt::gray)) : QVariant();
    case Qt::BackgroundRole:
        // Translucent, so that it reads on light and dark palettes alike.
        return index.column() == SqnrColumn && isWeak(index.row()) ? QVariant(QColor(220, 50, 47, 80))
                                                                   : QVariant();
    case ChoicesRole:
        return choices(index.row(), index.column());
    case BitsRangeRole: {
        const LayerPlan* plan = planAt(index.row());
        if (!plan || index.column() != BitsColumn || plan->weights.kind == SchemeKind::Float)
            return {};
        return QPoint(minimumWeightBits(plan->weights.kind), maximumWeightBits(plan->weights.kind));
    }
    case Qt::TextAlignmentRole:
        return index.column() == ParametersColumn || index.column() == BitsColumn ||
                       isNumberColumn(index.column()) || isStatisticColumn(index.column())
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
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
    case SqnrColumn:
    case SensitivityColumn:
    case SizeColumn:
        return numberData(row, column, false);
    default: {
        if (isPlanColumn(column))
            return planData(row, column);
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
    if (isNumberColumn(column))
        return numberData(row, column, true);
    return displayData(row, column);
}

QVariant LayerTableModel::numberData(int row, int column, bool forSorting) const {
    const LayerNumbers& numbers = m_numbers[size_t(row)];
    switch (column) {
    case SqnrColumn:
        if (std::isnan(numbers.sqnrDb))
            return {};
        if (forSorting)
            return numbers.sqnrDb;
        return std::isinf(numbers.sqnrDb) ? tr("exact") : QString::number(numbers.sqnrDb, 'f', 1);
    case SensitivityColumn:
        if (std::isnan(numbers.sensitivity))
            return {};
        return forSorting ? QVariant(numbers.sensitivity)
                          : QVariant(QString::number(100.0 * numbers.sensitivity, 'f', 2));
    case SizeColumn:
        if (numbers.quantizedBytes < 0)
            return {};
        return forSorting ? QVariant(numbers.quantizedBytes) : QVariant(bytesText(numbers.quantizedBytes));
    default:
        return {};
    }
}

QVariant LayerTableModel::editData(int row, int column) const {
    const LayerPlan* plan = planAt(row);
    if (!plan)
        return {};
    switch (column) {
    case WeightSchemeColumn:
        return int(weightKinds().indexOf(plan->weights.kind));
    case BitsColumn:
        return plan->weights.bits;
    case GranularityColumn:
        return plan->weights.granularity == Granularity::PerChannel ? 1 : 0;
    case SymmetricColumn:
        return plan->weights.rangeMode == RangeMode::Symmetric ? 0 : 1;
    case ActivationsColumn:
        return plan->activations.kind == SchemeKind::Float ? 2 : plan->activations.bits == 16 ? 1 : 0;
    case RangeMethodColumn:
        return int(
            std::max<qsizetype>(0, rangeMethods().indexOf(QString::fromStdString(plan->range.method))));
    default:
        return displayData(row, column);
    }
}

QVariant LayerTableModel::toolTip(int row, int column) const {
    switch (column) {
    case NameColumn:
        return nodeNameAt(row);
    case WeightSchemeColumn:
        return tr("How the weights are stored: uniform integers, logarithmic levels, a "
                  "k-means codebook, or float. Double-click to change.");
    case SourceColumn:
        return tr("Where this layer's scheme comes from: the defaults, a per-layer override, the "
                  "kept-float list, the op-type list, or fixed by the layer.");
    case SqnrColumn:
        return tr("Signal-to-quantization-noise ratio of the layer's output, all layers quantized "
                  "(higher is better). Below %1 dB the layer counts as weak (see Preferences).")
            .arg(m_weakSqnrThresholdDb);
    case SensitivityColumn:
        return tr("Top-1 accuracy (or agreement with float) in %, only this layer quantized.");
    case SizeColumn:
        return tr("Bytes of the quantized weight as exported.");
    default:
        return {};
    }
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
    case WeightSchemeColumn:
        return tr("Weights");
    case BitsColumn:
        return tr("Bits");
    case GranularityColumn:
        return tr("Granularity");
    case SymmetricColumn:
        return tr("Range");
    case ActivationsColumn:
        return tr("Activations");
    case RangeMethodColumn:
        return tr("Range method");
    case SourceColumn:
        return tr("Source");
    case SqnrColumn:
        return tr("SQNR (dB)");
    case SensitivityColumn:
        return tr("Sensitivity (%)");
    case SizeColumn:
        return tr("Size");
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
