#include "imageoutcomemodel.h"

#include "report/errorbands.h"

#include <QColor>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <algorithm>
#include <cmath>

namespace qs {

namespace {

bool isFlipped(const ImageOutcomeRow& outcome) {
    if (outcome.floatClass >= 0 && outcome.quantizedClass >= 0)
        return outcome.floatClass != outcome.quantizedClass;
    return outcome.flipped;
}

/// NaN sorts after every number.
bool lessWithUnknownLast(double a, double b) {
    if (std::isnan(a))
        return false;
    if (std::isnan(b))
        return true;
    return a < b;
}

QString percentText(double fraction) {
    if (std::isnan(fraction))
        return {};
    return ImageOutcomeModel::tr("%1 %").arg(QLocale().toString(100.0 * fraction, 'f', 1));
}

QString decibelText(double sqnrDb) {
    if (std::isnan(sqnrDb))
        return {};
    if (std::isinf(sqnrDb))
        return ImageOutcomeModel::tr("exact");
    return ImageOutcomeModel::tr("%1 dB").arg(QLocale().toString(sqnrDb, 'f', 1));
}

double classNumber(int classIndex) {
    return classIndex < 0 ? std::numeric_limits<double>::quiet_NaN() : double(classIndex);
}

} // namespace

ImageOutcomeModel::ImageOutcomeModel(QObject* parent) : QAbstractTableModel(parent) {}

bool ImageOutcomeModel::ranksBefore(const ImageOutcomeRow& a, const ImageOutcomeRow& b) {
    const bool aFlipped = isFlipped(a);
    const bool bFlipped = isFlipped(b);
    if (aFlipped != bFlipped)
        return aFlipped;
    if (aFlipped && a.quantizedConfidence != b.quantizedConfidence &&
        !(std::isnan(a.quantizedConfidence) && std::isnan(b.quantizedConfidence)))
        return lessWithUnknownLast(-a.quantizedConfidence, -b.quantizedConfidence);
    if (a.outputSqnrDb != b.outputSqnrDb && !(std::isnan(a.outputSqnrDb) && std::isnan(b.outputSqnrDb)))
        return lessWithUnknownLast(a.outputSqnrDb, b.outputSqnrDb);
    return a.filePath < b.filePath;
}

void ImageOutcomeModel::setOutcomes(const QVector<ImageOutcomeRow>& outcomes) {
    beginResetModel();
    m_outcomes = outcomes;
    m_flippedCount = 0;
    m_hasClasses = false;
    m_hasLabels = false;
    for (ImageOutcomeRow& outcome : m_outcomes) {
        outcome.flipped = isFlipped(outcome);
        m_flippedCount += outcome.flipped ? 1 : 0;
        m_hasClasses = m_hasClasses || (outcome.floatClass >= 0 && outcome.quantizedClass >= 0);
        m_hasLabels = m_hasLabels || outcome.label >= 0;
    }
    std::stable_sort(m_outcomes.begin(), m_outcomes.end(), &ImageOutcomeModel::ranksBefore);
    endResetModel();
}

void ImageOutcomeModel::setClassNames(const QStringList& names) {
    m_classNames = names;
    if (!m_outcomes.isEmpty())
        emit dataChanged(index(0, LabelColumn), index(rowCount() - 1, QuantizedClassColumn));
}

const ImageOutcomeRow* ImageOutcomeModel::outcomeAt(int row) const {
    return row >= 0 && row < m_outcomes.size() ? &m_outcomes[row] : nullptr;
}

int ImageOutcomeModel::rowOfPath(const QString& filePath) const {
    for (int row = 0; row < m_outcomes.size(); ++row)
        if (m_outcomes[row].filePath == filePath)
            return row;
    return -1;
}

QString ImageOutcomeModel::classText(int classIndex) const {
    if (classIndex < 0)
        return {};
    const QString number = QString::number(classIndex);
    if (classIndex >= m_classNames.size() || m_classNames[classIndex].isEmpty())
        return number;
    return tr("%1 · %2", "class index · class name").arg(number, m_classNames[classIndex]);
}

int ImageOutcomeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_outcomes.size());
}

int ImageOutcomeModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImageOutcomeModel::data(const QModelIndex& index, int role) const {
    const ImageOutcomeRow* outcome = outcomeAt(index.row());
    if (!index.isValid() || !outcome || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*outcome, index.row(), column);
    case SortRole:
        return sortData(*outcome, index.row(), column);
    case FilePathRole:
        return outcome->filePath;
    case FlippedRole:
        return outcome->flipped;
    case Qt::ToolTipRole:
        return toolTip(*outcome, column);
    case Qt::TextAlignmentRole:
        if (column == ImageColumn || column == LabelColumn || column == FloatClassColumn ||
            column == QuantizedClassColumn)
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (outcome->flipped && column == QuantizedClassColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::DecorationRole:
        if (column == OutputSqnrColumn && !std::isnan(outcome->outputSqnrDb))
            return QColor(QRgb(errorBandColor(defaultErrorBands().band(outcome->outputSqnrDb))));
        return {};
    default:
        return {};
    }
}

QVariant ImageOutcomeModel::displayData(const ImageOutcomeRow& outcome, int row, int column) const {
    switch (column) {
    case RankColumn:
        return row + 1;
    case ImageColumn:
        return QFileInfo(outcome.filePath).fileName();
    case LabelColumn:
        return classText(outcome.label);
    case FloatClassColumn:
        return classText(outcome.floatClass);
    case QuantizedClassColumn:
        return classText(outcome.quantizedClass);
    case FloatConfidenceColumn:
        return percentText(outcome.floatConfidence);
    case QuantizedConfidenceColumn:
        return percentText(outcome.quantizedConfidence);
    case OutputSqnrColumn:
        return decibelText(outcome.outputSqnrDb);
    }
    return {};
}

QVariant ImageOutcomeModel::sortData(const ImageOutcomeRow& outcome, int row, int column) const {
    switch (column) {
    case RankColumn:
        return double(row);
    case ImageColumn:
        return QFileInfo(outcome.filePath).fileName().toLower();
    case LabelColumn:
        return classNumber(outcome.label);
    case FloatClassColumn:
        return classNumber(outcome.floatClass);
    case QuantizedClassColumn:
        return classNumber(outcome.quantizedClass);
    case FloatConfidenceColumn:
        return outcome.floatConfidence;
    case QuantizedConfidenceColumn:
        return outcome.quantizedConfidence;
    case OutputSqnrColumn:
        return outcome.outputSqnrDb;
    }
    return {};
}

QVariant ImageOutcomeModel::toolTip(const ImageOutcomeRow& outcome, int column) const {
    switch (column) {
    case ImageColumn:
        return outcome.filePath;
    case QuantizedClassColumn:
        if (!outcome.flipped)
            return {};
        if (outcome.label >= 0 && outcome.label == outcome.floatClass)
            return tr("The quantized model gets this image wrong; the float model got it right.");
        if (outcome.label >= 0 && outcome.label == outcome.quantizedClass)
            return tr("The quantized model gets this image right; the float model got it wrong.");
        return tr("The quantized model predicts another class than the float model.");
    case OutputSqnrColumn:
        return tr("Signal-to-quantization-noise ratio of the quantized model's output against the float "
                  "model's output; lower means a larger error.");
    }
    return {};
}

QVariant ImageOutcomeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case RankColumn:
            return tr("Rank: images whose top-1 class changed first (most confident first), then every other "
                      "image by output error, largest first");
        case FloatClassColumn:
            return tr("Top-1 class of the float model");
        case QuantizedClassColumn:
            return tr("Top-1 class of the quantized model (bold when it differs)");
        case FloatConfidenceColumn:
            return tr("Confidence of the float model in its top-1 class");
        case QuantizedConfidenceColumn:
            return tr("Confidence of the quantized model in its top-1 class");
        case OutputSqnrColumn:
            return tr("SQNR of the quantized output against the float output");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RankColumn:
        return tr("#");
    case ImageColumn:
        return tr("Image");
    case LabelColumn:
        return tr("Label");
    case FloatClassColumn:
        return tr("Float");
    case QuantizedClassColumn:
        return tr("Quantized");
    case FloatConfidenceColumn:
        return tr("Float conf.");
    case QuantizedConfidenceColumn:
        return tr("Quant. conf.");
    case OutputSqnrColumn:
        return tr("Output SQNR");
    }
    return {};
}

ImageOutcomeProxyModel::ImageOutcomeProxyModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(ImageOutcomeModel::SortRole);
}

void ImageOutcomeProxyModel::setImageFilter(ImageFilter filter) {
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateFilter();
}

bool ImageOutcomeProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_filter == ImageFilter::All)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return sourceModel()->data(index, ImageOutcomeModel::FlippedRole).toBool();
}

bool ImageOutcomeProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const QVariant a = sourceModel()->data(left, sortRole());
    const QVariant b = sourceModel()->data(right, sortRole());
    if (a.typeId() != QMetaType::Double || b.typeId() != QMetaType::Double)
        return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive) < 0;
    const double x = a.toDouble();
    const double y = b.toDouble();
    // Unknown numbers stay at the bottom whichever way the column is sorted.
    if (std::isnan(x) || std::isnan(y)) {
        if (std::isnan(x) == std::isnan(y))
            return false;
        return sortOrder() == Qt::AscendingOrder ? std::isnan(y) : std::isnan(x);
    }
    return x < y;
}

} // namespace qs
