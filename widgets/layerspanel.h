#pragma once
// The "Layers" dock content: a filter line edit over a sortable table of the model's quantizable layers.
// Reports the user's row selection as a node name and follows the document's selection without echoing it back.

#include <QWidget>
#include <memory>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace qs {

struct Model;
class LayerTableModel;

class LayersPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayersPanel(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const Model> model);
    LayerTableModel* tableModel() const { return m_model; }
    QSortFilterProxyModel* proxyModel() const { return m_proxy; }
    QTableView* tableView() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    /// Node name of the selected row, empty if none.
    QString selectedLayer() const;

public slots:
    /// Selects and scrolls to the layer of `nodeName`, or clears the selection when it is not a layer. Does not emit
    /// layerSelected().
    void selectLayer(const QString& nodeName);

signals:
    /// The user selected the row of a layer.
    void layerSelected(const QString& nodeName);

private:
    void fitColumns();
    void onCurrentRowChanged();

    QLineEdit* m_filter = nullptr;
    QTableView* m_view = nullptr;
    LayerTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    bool m_selectingProgrammatically = false;
};

} // namespace qs
