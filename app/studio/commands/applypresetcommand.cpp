#include "applypresetcommand.h"

#include "document.h"

#include <QCoreApplication>
#include <algorithm>

namespace qs {

namespace {

/// Uniform 8-bit activations (uint8, asymmetric), as standard runtimes execute them.
QuantScheme uint8Activations() {
    return QuantScheme{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Asymmetric,
                       Signedness::Unsigned};
}

QuantConfig withWeights(QuantConfig config, const QuantScheme& weights) {
    config.weights = weights;
    config.activations = uint8Activations();
    config.layers.clear();
    config.floatLayers.clear();
    return config;
}

} // namespace

QString ApplyPresetCommand::presetName(StrategyPreset preset) {
    switch (preset) {
    case StrategyPreset::W8A8:
        return QCoreApplication::translate("qs::ApplyPresetCommand", "W8A8 (uniform 8-bit)");
    case StrategyPreset::W4A8Codebook:
        return QCoreApplication::translate("qs::ApplyPresetCommand", "W4A8, codebook weights");
    case StrategyPreset::W4Log:
        return QCoreApplication::translate("qs::ApplyPresetCommand", "W4A8, log weights");
    case StrategyPreset::FirstLastFloat:
        return QCoreApplication::translate("qs::ApplyPresetCommand", "First and last layer float");
    }
    return {};
}

QuantConfig ApplyPresetCommand::applied(const QuantConfig& current, StrategyPreset preset,
                                        const QStringList& layerNames) {
    switch (preset) {
    case StrategyPreset::W8A8:
        // Unsigned 8-bit weights: what ONNX Runtime's x86 kernels without VNNI compute exactly.
        return withWeights(current, QuantScheme{SchemeKind::Uniform, 8, Granularity::PerChannel,
                                                RangeMode::Symmetric, Signedness::Unsigned});
    case StrategyPreset::W4A8Codebook:
        return withWeights(current, QuantScheme{SchemeKind::Codebook, 4, Granularity::PerTensor,
                                                RangeMode::Symmetric, Signedness::Signed});
    case StrategyPreset::W4Log:
        return withWeights(current, QuantScheme{SchemeKind::Log, 4, Granularity::PerChannel,
                                                RangeMode::Symmetric, Signedness::Signed});
    case StrategyPreset::FirstLastFloat: {
        QuantConfig config = current;
        for (const QString& name : {layerNames.value(0), layerNames.value(layerNames.size() - 1)}) {
            if (name.isEmpty())
                continue;
            const std::string layer = name.toStdString();
            if (std::find(config.floatLayers.begin(), config.floatLayers.end(), layer) ==
                config.floatLayers.end())
                config.floatLayers.push_back(layer);
        }
        return config;
    }
    }
    return current;
}

ApplyPresetCommand::ApplyPresetCommand(Document* document, StrategyPreset preset)
    : ConfigCommand(
          document,
          QCoreApplication::translate("qs::ApplyPresetCommand", "Apply preset %1").arg(presetName(preset))) {
    QStringList layers;
    for (const LayerPlan& layer : document->plan().layers)
        layers << QString::fromStdString(layer.layer.nodeName);
    mutableAfter() = applied(before(), preset, layers);
}

} // namespace qs
