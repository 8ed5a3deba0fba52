#include "setlayerrangecommand.h"

#include <QCoreApplication>
#include <algorithm>

namespace qs {

namespace {

constexpr int kRangeCommandId = 1002;

QString commandText(const QStringList& layers, const RangeMethod& range) {
    const QString method = QString::fromStdString(range.method);
    if (layers.size() == 1)
        return QCoreApplication::translate("qs::SetLayerRangeCommand", "Set range method of %1 to %2")
            .arg(layers.front(), method);
    return QCoreApplication::translate("qs::SetLayerRangeCommand", "Set range method of %n layers to %1",
                                       nullptr, int(layers.size()))
        .arg(method);
}

} // namespace

SetLayerRangeCommand::SetLayerRangeCommand(Document* document, const QStringList& layers,
                                           const RangeMethod& range)
    : ConfigCommand(document, commandText(layers, range)), m_layers(layers), m_range(range) {
    QuantConfig& config = mutableAfter();
    for (const QString& name : layers) {
        const std::string layer = name.toStdString();
        auto entry = std::find_if(config.layers.begin(), config.layers.end(),
                                  [&](const LayerOverride& item) { return item.nodeName == layer; });
        if (entry == config.layers.end()) {
            LayerOverride added;
            added.nodeName = layer;
            config.layers.push_back(added);
            entry = config.layers.end() - 1;
        }
        entry->range = range;
    }
}

int SetLayerRangeCommand::id() const {
    return kRangeCommandId;
}

bool SetLayerRangeCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const SetLayerRangeCommand*>(other);
    if (next->m_layers != m_layers || next->m_range.method != m_range.method)
        return false;
    return mergeAfter(next);
}

} // namespace qs
