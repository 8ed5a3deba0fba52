#pragma once
// Base of the result charts: a QCustomPlot that an empty-state text replaces while there is no data, a hover
// tooltip for what is under the pointer, the "Export as PNG… / SVG… / PDF…" context menu, and colours and
// fonts taken from the widget's palette and font whenever they change (light and dark theme, any scaling).

#include <QPointF>
#include <QString>
#include <QWidget>

class QCustomPlot;
class QHBoxLayout;
class QLabel;
class QMouseEvent;
class QStackedWidget;
class QVBoxLayout;

namespace qs {

class ChartWidget : public QWidget {
    Q_OBJECT
public:
    ~ChartWidget() override;

    /// The plot, also while the empty state is shown (for export and tests).
    QCustomPlot* plot() const { return m_plot; }
    /// True while the empty-state text is shown in place of the plot.
    bool isEmpty() const;
    QString emptyText() const;
    /// The hover text for the point `pos` of the plot (plot pixel coordinates); empty where there is nothing
    /// under it.
    virtual QString toolTipAt(const QPointF& pos) const = 0;

protected:
    /// `exportBaseName` is the file name the export dialogs propose.
    ChartWidget(const QString& exportBaseName, QWidget* parent);

    /// Replaces the plot by `text` (centred, dimmed).
    void showEmptyState(const QString& text);
    void showPlot();
    /// Adds `widget` above the plot (e.g. a legend), in order of the calls.
    void addHeaderWidget(QWidget* widget);
    /// Adds `widget` to the right of the plot (e.g. a scroll bar).
    void addSideWidget(QWidget* widget);
    /// Called after the palette and font have been applied to the plot's axes, grid and legend: redo what
    /// derives from them (item colours, text sizes) and replot.
    virtual void restyle() {}

    void changeEvent(QEvent* event) override;

private:
    void showToolTip(QMouseEvent* event);

    QCustomPlot* m_plot = nullptr;
    QLabel* m_empty = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_plotPage = nullptr;
    QHBoxLayout* m_plotLayout = nullptr;
    QVBoxLayout* m_layout = nullptr;
    int m_headerCount = 0;
};

} // namespace qs
