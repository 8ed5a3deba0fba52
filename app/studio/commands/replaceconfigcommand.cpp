#include "replaceconfigcommand.h"

namespace qs {

ReplaceConfigCommand::ReplaceConfigCommand(Document* document, const QuantConfig& config, const QString& text,
                                           int mergeId)
    : ConfigCommand(document, text), m_mergeId(mergeId) {
    mutableAfter() = config;
}

bool ReplaceConfigCommand::mergeWith(const QUndoCommand* other) {
    return mergeAfter(static_cast<const ConfigCommand*>(other));
}

} // namespace qs
