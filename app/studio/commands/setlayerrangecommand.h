#pragma once
// Sets the activation range method (minmax, percentile, entropy, mse) of one or more layers: a per-layer
// `calibration` override in the config. No new calibration is needed; the ranges are recomputed from the
// histograms. Consecutive percentile edits of the same layers merge into one undo step.

#include "commands/configcommand.h"

#include <QStringList>

namespace qs {

class SetLayerRangeCommand : public ConfigCommand {
public:
    SetLayerRangeCommand(Document* document, const QStringList& layers, const RangeMethod& range);

    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    QStringList m_layers;
    RangeMethod m_range;
};

} // namespace qs
