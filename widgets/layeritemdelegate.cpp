#include "layeritemdelegate.h"

#include "layertablemodel.h"

#include <QComboBox>
#include <QPoint>
#include <QSpinBox>

namespace qs {

LayerItemDelegate::LayerItemDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QWidget* LayerItemDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                         const QModelIndex& index) const {
    const QStringList choices = index.data(LayerTableModel::ChoicesRole).toStringList();
    if (!choices.isEmpty()) {
        auto* combo = new QComboBox(parent);
        combo->addItems(choices);
        connect(combo, QOverload<int>::of(&QComboBox::activated), this, [this, combo] {
            auto* self = const_cast<LayerItemDelegate*>(this);
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }
    const QVariant range = index.data(LayerTableModel::BitsRangeRole);
    if (range.isValid()) {
        auto* spin = new QSpinBox(parent);
        spin->setRange(range.toPoint().x(), range.toPoint().y());
        spin->setSuffix(tr(" bits"));
        return spin;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void LayerItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        combo->setCurrentIndex(index.data(Qt::EditRole).toInt());
    else if (auto* spin = qobject_cast<QSpinBox*>(editor))
        spin->setValue(index.data(Qt::EditRole).toInt());
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void LayerItemDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                     const QModelIndex& index) const {
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        if (combo->currentIndex() != index.data(Qt::EditRole).toInt())
            model->setData(index, combo->currentIndex());
    } else if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
        if (spin->value() != index.data(Qt::EditRole).toInt())
            model->setData(index, spin->value());
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

} // namespace qs
