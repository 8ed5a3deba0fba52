#pragma once
// Editors for the layer table's plan cells: a combo box of the choices the model offers (ChoicesRole), a spin
// box within the allowed bit range (BitsRangeRole). A choice is committed as soon as it is picked.

#include <QStyledItemDelegate>

namespace qs {

class LayerItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit LayerItemDelegate(QObject* parent = nullptr);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace qs
