#pragma once
// The "Layers" dock content: a filter line edit over a sortable table of the model's quantizable layers.
// Reports the user's row selection as a node name and follows the document's selection without echoing it
// back. Plan cells are edited in place; an edit applies to every selected row when the edited row is among
// them (the panel reports it, the owner decides). Long names are elided in the middle, with the full name in
// the tooltip. The context menu copies the selected names (also Ctrl+C), keeps layers float, quantizes them
// again, and selects every layer of an op type.

#include "layertablemodel.h"

#include <QStringList>
#include <QVariant>
#include <QWidget>
#include <memory>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace qs {

struct Model;

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
    /// Node names of every selected row, in table order.
    QStringList selectedLayers() const;
    /// Selects every row whose op type is `opType` (the current row first when it is one of them).
    void selectOpType(const QString& opType);
    /// Puts the full names of the selected layers on the clipboard, one per line.
    void copySelectedNames();
    /// "Copy Name" (Ctrl+C in the table).
    QAction* copyNameAction() const { return m_copyNameAction; }
    /// Selects every layer of the current layer's op type (Ctrl+Shift+A in the table).
    QAction* selectOpTypeAction() const { return m_selectOpTypeAction; }

public slots:
    /// Selects and scrolls to the layer of `nodeName`, or clears the selection when it is not a layer. Does
    /// not emit layerSelected().
    void selectLayer(const QString& nodeName);

signals:
    /// The user selected the row of a layer.
    void layerSelected(const QString& nodeName);
    /// The user edited a plan cell; `layers` are the rows it applies to.
    void editRequested(const QStringList& layers, qs::LayerTableModel::Column column, const QVariant& value);
    /// Keep the layers float (true) or quantize them again (false).
    void keepFloatRequested(const QStringList& layers, bool keepFloat);

private:
    void fitColumns();
    void onCurrentRowChanged();
    void showContextMenu(const QPoint& position);
    void createActions();

    QLineEdit* m_filter = nullptr;
    QTableView* m_view = nullptr;
    LayerTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QAction* m_copyNameAction = nullptr;
    QAction* m_selectOpTypeAction = nullptr;
    bool m_selectingProgrammatically = false;
};

} // namespace qs
