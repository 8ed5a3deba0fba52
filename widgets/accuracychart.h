#pragma once
// Accuracy of the float (reference) and quantized (candidate) models side by side: a pair of bars for top-1
// and, when known, top-5 accuracy, each pair with the change in percentage points written above it
// ("−0.8 pt"), and one bar for the top-1 agreement (the share of images where both models give the same
// class). Values are written on the bars; hover shows them too.

#include "chartwidget.h"

#include <QStringList>
#include <QVector>
#include <optional>

class QCPBars;
class QCPAbstractItem;

namespace qs {

/// Fractions in 0..1; an absent value is not drawn (a metric with neither value has no bars).
struct AccuracyChartData {
    std::optional<double> referenceTop1;
    std::optional<double> candidateTop1;
    std::optional<double> referenceTop5;
    std::optional<double> candidateTop5;
    std::optional<double> agreementTop1;
};

class AccuracyChart : public ChartWidget {
    Q_OBJECT
public:
    explicit AccuracyChart(QWidget* parent = nullptr);
    ~AccuracyChart() override;

    /// Shows `data`; data without any value shows the empty state.
    void setData(const AccuracyChartData& data);
    /// Back to the empty state; `hint` replaces the default text when given.
    void clear(const QString& hint = {});
    /// Legend names of the two models ("Float" and "Quantized" until set).
    void setSeriesNames(const QString& referenceName, const QString& candidateName);

    /// Category labels along the horizontal axis, left to right ("Top-1", "Top-5", "Top-1 agreement");
    /// category i is centred at key i + 1.
    QStringList categories() const;
    /// Bar heights in percent in category order, read back from the plot; NaN where there is no bar (the
    /// agreement category has only the agreement bar).
    QVector<double> referenceValues() const;
    QVector<double> candidateValues() const;
    QVector<double> agreementValues() const;
    /// The change texts drawn above the pairs, left to right (pairs with both values only).
    QStringList deltaTexts() const;
    /// The change from `reference` to `candidate` (fractions) in percentage points: "−0.8 pt", "+0.3 pt",
    /// "0.0 pt".
    static QString deltaText(double reference, double candidate);

    QCPBars* referenceBars() const { return m_reference; }
    QCPBars* candidateBars() const { return m_candidate; }
    QCPBars* agreementBars() const { return m_agreement; }

    QString toolTipAt(const QPointF& pos) const override;

protected:
    void restyle() override;

private:
    struct Category {
        QString name;
        std::optional<double> reference;
        std::optional<double> candidate;
        std::optional<double> agreement;
    };

    void rebuild();
    void removeLabels();
    void addValueLabel(double key, double fraction);
    void addDeltaLabel(double key, const Category& category);
    QVector<double> valuesOf(const QCPBars* bars) const;

    AccuracyChartData m_data;
    QVector<Category> m_categories;
    QStringList m_deltaTexts;
    QVector<QCPAbstractItem*> m_labels; ///< value and delta texts; owned by the plot
    QCPBars* m_reference = nullptr;
    QCPBars* m_candidate = nullptr;
    QCPBars* m_agreement = nullptr;
};

} // namespace qs
