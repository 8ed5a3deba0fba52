#pragma once
// Keeps layers float (weights and activations) or quantizes them again: edits the config's float_layers list.

#include "commands/configcommand.h"

#include <QStringList>

namespace qs {

class KeepFloatCommand : public ConfigCommand {
public:
    KeepFloatCommand(Document* document, const QStringList& layers, bool keepFloat);
};

} // namespace qs
