#pragma once
// Table of what quantization did to each evaluated image (one row per image): the file, its label, the float
// and the quantized prediction with their confidences, and the SQNR of the quantized output against the
// float output. Rows are kept in a ranked order, most telling first: images whose top-1 class changed
// (confidently wrong first), then the others by output error, worst first. Sort and filter through an
// ImageOutcomeProxyModel; RankColumn sorted ascending gives the ranked order back.

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>
#include <QVector>
#include <limits>

namespace qs {

/// One evaluated image. Classes and the label are class indices, -1 when there is none (no label, or a model
/// that is not a classifier).
struct ImageOutcomeRow {
    QString filePath;
    int label = -1;
    int floatClass = -1;
    double floatConfidence = std::numeric_limits<double>::quiet_NaN(); ///< 0..1, NaN if unknown
    int quantizedClass = -1;
    double quantizedConfidence = std::numeric_limits<double>::quiet_NaN(); ///< 0..1, NaN if unknown
    double outputSqnrDb = std::numeric_limits<double>::quiet_NaN();        ///< NaN if not compared
    /// The top-1 class changed. Recomputed from the classes when both are known (>= 0); kept as given
    /// otherwise.
    bool flipped = false;
};

class ImageOutcomeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        RankColumn,
        ImageColumn,
        LabelColumn,
        FloatClassColumn,
        QuantizedClassColumn,
        FloatConfidenceColumn,
        QuantizedConfidenceColumn,
        OutputSqnrColumn,
        ColumnCount
    };
    enum Role {
        SortRole =
            Qt::UserRole + 1, ///< number for number and class columns (NaN when unknown), text otherwise
        FilePathRole,         ///< the image's full path, in every column
        FlippedRole,          ///< bool: the top-1 class changed, in every column
    };

    explicit ImageOutcomeModel(QObject* parent = nullptr);

    /// Shows `outcomes` in ranked order (see the file comment).
    void setOutcomes(const QVector<ImageOutcomeRow>& outcomes);
    /// Names shown after class indices ("3 · Dress"); index i names class i. Empty shows indices only.
    void setClassNames(const QStringList& names);
    const QStringList& classNames() const { return m_classNames; }

    /// The outcome at `row` (ranked order); nullptr outside the table.
    const ImageOutcomeRow* outcomeAt(int row) const;
    /// Row of the image at `filePath`, or -1.
    int rowOfPath(const QString& filePath) const;
    int flippedCount() const { return m_flippedCount; }
    /// True when some row has a float and a quantized class (a classifier's results).
    bool hasClasses() const { return m_hasClasses; }
    bool hasLabels() const { return m_hasLabels; }
    /// "3 · Dress", "3" without names, empty for -1.
    QString classText(int classIndex) const;
    /// Whether `a` comes before `b` in the ranked order.
    static bool ranksBefore(const ImageOutcomeRow& a, const ImageOutcomeRow& b);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const ImageOutcomeRow& outcome, int row, int column) const;
    QVariant sortData(const ImageOutcomeRow& outcome, int row, int column) const;
    QVariant toolTip(const ImageOutcomeRow& outcome, int column) const;

    QVector<ImageOutcomeRow> m_outcomes;
    QStringList m_classNames;
    int m_flippedCount = 0;
    bool m_hasClasses = false;
    bool m_hasLabels = false;
};

/// What the flips browser lists.
enum class ImageFilter {
    FlippedOnly, ///< images whose top-1 class changed
    All,         ///< every image, ranked by output error
};

/// Sorts an ImageOutcomeModel numerically through its SortRole (unknown numbers last in either order) and
/// filters it by ImageFilter.
class ImageOutcomeProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ImageOutcomeProxyModel(QObject* parent = nullptr);

    void setImageFilter(ImageFilter filter);
    ImageFilter imageFilter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    ImageFilter m_filter = ImageFilter::All;
};

} // namespace qs
