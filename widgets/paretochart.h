#pragma once
// Size against accuracy of the quantization variants tried: one labelled point per variant, the Pareto front
// (the variants that no other variant beats by being at most as large and at least as accurate) joined by a
// line and drawn in colour, the others grey, the current variant ringed. Smaller is left, better is up.
// Clicking a point reports its id.

#include "chartwidget.h"

#include <QString>
#include <QVector>
#include <limits>

class QCPGraph;
class QCPAbstractItem;

namespace qs {

struct ParetoPoint {
    QString label;
    qint64 sizeBytes = 0;
    double accuracy = std::numeric_limits<double>::quiet_NaN(); ///< fraction in 0..1 (accuracy or agreement)
    int id = 0;
};

class ParetoChart : public ChartWidget {
    Q_OBJECT
public:
    explicit ParetoChart(QWidget* parent = nullptr);
    ~ParetoChart() override;

    /// Shows `points`; points with a NaN accuracy or a negative size are left out. No point left shows the
    /// empty state.
    void setPoints(const QVector<ParetoPoint>& points);
    /// Back to the empty state; `hint` replaces the default text when given.
    void clear(const QString& hint = {});
    /// Rings the point with `id` (-1 or an unknown id: none). Does not emit pointClicked.
    void setCurrentPoint(int id);
    int currentPoint() const { return m_current; }
    /// Title of the vertical axis ("top-1 accuracy" until set; e.g. "top-1 agreement").
    void setAccuracyLabel(const QString& label);

    /// Ids of the points on the Pareto front of `points` by increasing size (equal points are all on it).
    static QVector<int> paretoFront(const QVector<ParetoPoint>& points);
    /// paretoFront() of the points shown.
    QVector<int> frontIds() const;
    /// Ids of the points shown, in the order given.
    QVector<int> plottedIds() const;
    /// Bytes per unit of the size axis: 1024 (KiB), 1024² (MiB) or 1024³ (GiB), chosen by the largest size.
    double sizeUnitBytes() const { return m_unitBytes; }
    /// Every point shown (key = size in axis units, value = accuracy in percent), grey.
    QCPGraph* pointsGraph() const { return m_points; }
    /// The front, joined by a line, drawn over the grey points.
    QCPGraph* frontGraph() const { return m_front; }
    /// Id of the point drawn at `pos` (plot pixels), -1 when there is none.
    int pointAt(const QPointF& pos) const;

    QString toolTipAt(const QPointF& pos) const override;

signals:
    void pointClicked(int id);

protected:
    void restyle() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void chooseSizeUnit();
    void updateRanges();
    void addLabel(const ParetoPoint& point);
    const ParetoPoint* pointWithId(int id) const;
    double markerSize() const;

    QVector<ParetoPoint> m_shown;
    QVector<int> m_frontIds;
    int m_current = -1;
    double m_unitBytes = 1024.0 * 1024.0;
    QString m_unitName;
    QString m_accuracyLabel;
    QPointF m_pressPos;
    QCPGraph* m_points = nullptr;
    QCPGraph* m_front = nullptr;
    QCPGraph* m_currentRing = nullptr;
    QVector<QCPAbstractItem*> m_labels; ///< owned by the plot
};

} // namespace qs
