#pragma once
// Turns the user's edits of the strategy (from the layer table, the inspector, the menus) into undo commands
// on the document. An edit that does not fit the model is refused with the reason (rejected()), never pushed.

#include "commands/applypresetcommand.h"
#include "commands/setlayerschemecommand.h"
#include "layertablemodel.h"

#include "eval/diagnosis.h"

#include <QObject>
#include <QStringList>
#include <QVariant>

namespace qs {

class Document;

class StrategyEditor : public QObject {
    Q_OBJECT
public:
    explicit StrategyEditor(Document* document, QObject* parent = nullptr);

    /// An edit of a layer-table plan cell applied to `layers`.
    void editTableCell(const QStringList& layers, LayerTableModel::Column column, const QVariant& value);
    /// One field of the weight or activation scheme of `layers`.
    void setSchemeField(const QStringList& layers, TensorRole role, SchemeField field, const QVariant& value);
    void keepFloat(const QStringList& layers, bool keepFloat);
    /// Quantizes `layers` again when every one of them is kept float, else keeps them all float.
    void toggleKeepFloat(const QStringList& layers);
    void applyPreset(StrategyPreset preset);
    /// The default range method of the activations ("minmax", "percentile", "entropy", "mse"); layers with
    /// their own method keep it.
    void setRangeMethod(const QString& method, double percentile);
    /// The range method of the activations of `layers`.
    void setLayerRange(const QStringList& layers, const QString& method, double percentile);
    void setPreprocess(const PreprocessConfig& preprocess);
    /// Replaces the whole config with the JSON config file at `path` (one undo step).
    void loadConfigFile(const QString& path);
    /// Applies a diagnosis fix to `layer` (one undo step named after the fix).
    void applyFix(const QString& layer, const DiagnosisFix& fix);
    /// Restores a strategy tried before (the size-versus-accuracy chart), as one undo step.
    void restoreStrategy(const QuantConfig& config, const QString& label);

signals:
    /// An edit was refused; `reason` names the layer or key.
    void rejected(const QString& reason);

private:
    void push(class ConfigCommand* command);

    Document* m_document = nullptr;
};

} // namespace qs
