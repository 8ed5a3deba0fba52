#pragma once
// Applies a named strategy preset: W8A8, W4A8 with codebook weights, W4 log weights, or the first and last
// layers kept float (which keeps the rest of the strategy).

#include "commands/configcommand.h"

#include <QStringList>

namespace qs {

enum class StrategyPreset { W8A8, W4A8Codebook, W4Log, FirstLastFloat };

class ApplyPresetCommand : public ConfigCommand {
public:
    ApplyPresetCommand(Document* document, StrategyPreset preset);

    /// The config `current` becomes with `preset`, for a model whose layers are `layerNames` (in order).
    static QuantConfig applied(const QuantConfig& current, StrategyPreset preset,
                               const QStringList& layerNames);
    /// Menu text of a preset.
    static QString presetName(StrategyPreset preset);
};

} // namespace qs
