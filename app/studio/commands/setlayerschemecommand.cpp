#include "setlayerschemecommand.h"

#include "document.h"

#include <QCoreApplication>
#include <algorithm>

namespace qs {

namespace {

constexpr int kBitsCommandId = 1001;

LayerOverride& overrideFor(QuantConfig& config, const std::string& layer) {
    for (LayerOverride& entry : config.layers)
        if (entry.nodeName == layer)
            return entry;
    LayerOverride entry;
    entry.nodeName = layer;
    config.layers.push_back(entry);
    return config.layers.back();
}

QString fieldName(SchemeField field) {
    switch (field) {
    case SchemeField::Kind:
        return QCoreApplication::translate("qs::SetLayerSchemeCommand", "scheme");
    case SchemeField::Bits:
        return QCoreApplication::translate("qs::SetLayerSchemeCommand", "bits");
    case SchemeField::Granularity:
        return QCoreApplication::translate("qs::SetLayerSchemeCommand", "granularity");
    case SchemeField::Symmetric:
        return QCoreApplication::translate("qs::SetLayerSchemeCommand", "range mode");
    case SchemeField::Signed:
        return QCoreApplication::translate("qs::SetLayerSchemeCommand", "signedness");
    }
    return {};
}

QString commandText(const QStringList& layers, TensorRole role, SchemeField field) {
    const QString what =
        role == TensorRole::Weight
            ? QCoreApplication::translate("qs::SetLayerSchemeCommand", "weight %1").arg(fieldName(field))
            : QCoreApplication::translate("qs::SetLayerSchemeCommand", "activation %1").arg(fieldName(field));
    if (layers.size() == 1)
        return QCoreApplication::translate("qs::SetLayerSchemeCommand", "Set %1 of %2")
            .arg(what, layers.front());
    return QCoreApplication::translate("qs::SetLayerSchemeCommand", "Set %1 of %n layers", nullptr,
                                       int(layers.size()))
        .arg(what);
}

} // namespace

QuantScheme SetLayerSchemeCommand::edited(QuantScheme scheme, TensorRole role, SchemeField field,
                                          const QVariant& value) {
    switch (field) {
    case SchemeField::Kind:
        scheme.kind = static_cast<SchemeKind>(value.toInt());
        break;
    case SchemeField::Bits:
        scheme.bits = value.toInt();
        break;
    case SchemeField::Granularity:
        scheme.granularity = static_cast<Granularity>(value.toInt());
        break;
    case SchemeField::Symmetric:
        scheme.rangeMode = value.toBool() ? RangeMode::Symmetric : RangeMode::Asymmetric;
        break;
    case SchemeField::Signed:
        scheme.signedness = value.toBool() ? Signedness::Signed : Signedness::Unsigned;
        break;
    }
    if (role == TensorRole::Activation) {
        if (scheme.kind != SchemeKind::Float || field == SchemeField::Bits)
            scheme.kind = SchemeKind::Uniform;
        scheme.granularity = Granularity::PerTensor;
        if (scheme.bits != 8 && scheme.bits != 16)
            scheme.bits = scheme.bits > 8 ? 16 : 8;
        return scheme;
    }
    if (scheme.kind != SchemeKind::Float)
        scheme.bits = std::clamp(scheme.bits, minimumWeightBits(scheme.kind), maximumWeightBits(scheme.kind));
    return scheme;
}

SetLayerSchemeCommand::SetLayerSchemeCommand(Document* document, const QStringList& layers, TensorRole role,
                                             SchemeField field, const QVariant& value)
    : ConfigCommand(document, commandText(layers, role, field)), m_layers(layers), m_role(role),
      m_field(field) {
    QuantConfig& config = mutableAfter();
    for (const QString& name : layers) {
        const std::string layer = name.toStdString();
        const LayerPlan* plan = document->plan().findLayer(layer);
        if (!plan)
            continue;
        QuantScheme current = role == TensorRole::Weight ? plan->weights : plan->activations;
        const bool wasKeptFloat = std::find(config.floatLayers.begin(), config.floatLayers.end(), layer) !=
                                  config.floatLayers.end();
        if (current.kind == SchemeKind::Float &&
            (wasKeptFloat || plan->weightSource == SchemeSource::FloatOpTypes)) {
            // Leaving a kept-float state: start from the defaults rather than from "float".
            current = role == TensorRole::Weight ? config.weights : config.activations;
        }
        const QuantScheme scheme = edited(current, role, field, value);
        if (wasKeptFloat && scheme.kind != SchemeKind::Float)
            config.floatLayers.erase(std::remove(config.floatLayers.begin(), config.floatLayers.end(), layer),
                                     config.floatLayers.end());
        LayerOverride& entry = overrideFor(config, layer);
        if (role == TensorRole::Weight)
            entry.weights = scheme;
        else
            entry.activations = scheme;
    }
}

int SetLayerSchemeCommand::id() const {
    return m_field == SchemeField::Bits ? kBitsCommandId : -1;
}

bool SetLayerSchemeCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const SetLayerSchemeCommand*>(other);
    if (next->m_layers != m_layers || next->m_role != m_role || next->m_field != m_field)
        return false;
    return mergeAfter(next);
}

} // namespace qs
