#include "strategyeditor.h"

#include "commands/keepfloatcommand.h"
#include "commands/replaceconfigcommand.h"
#include "commands/setlayerrangecommand.h"
#include "document.h"

#include "util/error.h"

#include <QFileInfo>

namespace qs {

namespace {
constexpr int kPercentileMergeId = 2001;
constexpr int kPreprocessMergeId = 2002;
} // namespace

StrategyEditor::StrategyEditor(Document* document, QObject* parent) : QObject(parent), m_document(document) {}

void StrategyEditor::push(ConfigCommand* command) {
    const QString error = ConfigCommand::push(m_document, command);
    if (!error.isEmpty())
        emit rejected(error);
}

void StrategyEditor::editTableCell(const QStringList& layers, LayerTableModel::Column column,
                                   const QVariant& value) {
    switch (column) {
    case LayerTableModel::WeightSchemeColumn:
        setSchemeField(layers, TensorRole::Weight, SchemeField::Kind,
                       int(LayerTableModel::weightKindAt(value.toInt())));
        break;
    case LayerTableModel::BitsColumn:
        setSchemeField(layers, TensorRole::Weight, SchemeField::Bits, value.toInt());
        break;
    case LayerTableModel::GranularityColumn:
        setSchemeField(layers, TensorRole::Weight, SchemeField::Granularity,
                       int(value.toInt() == 1 ? Granularity::PerChannel : Granularity::PerTensor));
        break;
    case LayerTableModel::SymmetricColumn:
        setSchemeField(layers, TensorRole::Weight, SchemeField::Symmetric, value.toInt() == 0);
        break;
    case LayerTableModel::RangeMethodColumn: {
        const QString method = LayerTableModel::rangeMethodAt(value.toInt());
        const LayerPlan* plan = m_document->plan().findLayer(layers.value(0).toStdString());
        setLayerRange(layers, method,
                      plan ? plan->range.percentile : m_document->config().calibration.percentile);
        break;
    }
    case LayerTableModel::ActivationsColumn:
        if (value.toInt() == 2) {
            setSchemeField(layers, TensorRole::Activation, SchemeField::Kind, int(SchemeKind::Float));
        } else {
            // Choosing a bit width also makes float activations uniform again
            // (SetLayerSchemeCommand::edited).
            setSchemeField(layers, TensorRole::Activation, SchemeField::Bits, value.toInt() == 1 ? 16 : 8);
        }
        break;
    default:
        break;
    }
}

void StrategyEditor::setSchemeField(const QStringList& layers, TensorRole role, SchemeField field,
                                    const QVariant& value) {
    if (layers.isEmpty())
        return;
    push(new SetLayerSchemeCommand(m_document, layers, role, field, value));
}

void StrategyEditor::keepFloat(const QStringList& layers, bool keep) {
    if (!layers.isEmpty())
        push(new KeepFloatCommand(m_document, layers, keep));
}

void StrategyEditor::toggleKeepFloat(const QStringList& layers) {
    bool allKept = !layers.isEmpty();
    for (const QString& layer : layers) {
        const LayerPlan* plan = m_document->plan().findLayer(layer.toStdString());
        allKept = allKept && plan && plan->weightSource == SchemeSource::FloatLayers;
    }
    keepFloat(layers, !allKept);
}

void StrategyEditor::applyPreset(StrategyPreset preset) {
    push(new ApplyPresetCommand(m_document, preset));
}

void StrategyEditor::setRangeMethod(const QString& method, double percentile) {
    QuantConfig config = m_document->config();
    const bool onlyPercentile = config.calibration.method == method.toStdString();
    config.calibration.method = method.toStdString();
    config.calibration.percentile = percentile;
    push(new ReplaceConfigCommand(m_document, config, tr("Set range method %1").arg(method),
                                  onlyPercentile ? kPercentileMergeId : -1));
}

void StrategyEditor::setLayerRange(const QStringList& layers, const QString& method, double percentile) {
    if (!layers.isEmpty())
        push(new SetLayerRangeCommand(m_document, layers, RangeMethod{method.toStdString(), percentile}));
}

void StrategyEditor::setPreprocess(const PreprocessConfig& preprocess) {
    QuantConfig config = m_document->config();
    config.preprocess = preprocess;
    push(new ReplaceConfigCommand(m_document, config, tr("Change preprocessing"), kPreprocessMergeId));
}

void StrategyEditor::loadConfigFile(const QString& path) {
    try {
        const QuantConfig config = loadQuantConfig(path.toStdString());
        push(new ReplaceConfigCommand(m_document, config,
                                      tr("Load config %1").arg(QFileInfo(path).fileName())));
    } catch (const Error& error) {
        emit rejected(QString::fromStdString(error.what()));
    }
}

void StrategyEditor::applyFix(const QString& layer, const DiagnosisFix& fix) {
    try {
        const QuantConfig config = qs::applyFix(m_document->config(), layer.toStdString(), fix);
        push(new ReplaceConfigCommand(m_document, config,
                                      tr("%1: %2").arg(layer, QString::fromStdString(fix.label))));
    } catch (const Error& error) {
        emit rejected(QString::fromStdString(error.what()));
    }
}

void StrategyEditor::restoreStrategy(const QuantConfig& config, const QString& label) {
    QuantConfig restored = config;
    restored.sourceName = m_document->config().sourceName;
    push(new ReplaceConfigCommand(m_document, restored, tr("Restore strategy %1").arg(label)));
}

} // namespace qs
