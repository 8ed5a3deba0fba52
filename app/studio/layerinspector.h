#pragma once
// The "Inspector" dock: the strategy of the selected layer(s) as a form — weight scheme, bits, granularity,
// range mode, activation bits, keep float, and the range method of its activations. Each
// change is one edit through the StrategyEditor (an undo command) and applies to every selected layer; the
// form follows the document's plan, so undo shows in it at once. Combinations a layer does not allow are
// disabled, with the reason in the tooltip.

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace qs {

class Document;
class StrategyEditor;
struct LayerPlan;

class LayerInspector : public QWidget {
    Q_OBJECT
public:
    LayerInspector(Document* document, StrategyEditor* editor, QWidget* parent = nullptr);

    /// The layers the form edits (the first one's values are shown).
    void setLayers(const QStringList& layers);
    QStringList layers() const { return m_layers; }

    QComboBox* weightKindBox() const { return m_weightKind; }
    QSpinBox* bitsBox() const { return m_bits; }
    QComboBox* granularityBox() const { return m_granularity; }
    QCheckBox* symmetricBox() const { return m_symmetric; }
    QComboBox* activationBox() const { return m_activations; }
    QCheckBox* keepFloatBox() const { return m_keepFloat; }
    QComboBox* rangeMethodBox() const { return m_rangeMethod; }
    QDoubleSpinBox* percentileBox() const { return m_percentile; }

private:
    void refresh();
    void showPlan(const LayerPlan& plan);
    void emitWeightKind(int index);
    void emitRangeMethod();

    Document* m_document = nullptr;
    StrategyEditor* m_editor = nullptr;
    QStringList m_layers;
    bool m_updating = false;

    QLabel* m_title = nullptr;
    QComboBox* m_weightKind = nullptr;
    QSpinBox* m_bits = nullptr;
    QComboBox* m_granularity = nullptr;
    QCheckBox* m_symmetric = nullptr;
    QComboBox* m_activations = nullptr;
    QCheckBox* m_keepFloat = nullptr;
    QComboBox* m_rangeMethod = nullptr;
    QDoubleSpinBox* m_percentile = nullptr;
    QLabel* m_source = nullptr;
};

} // namespace qs
