#pragma once
// Replaces the whole config (a config file loaded, the range method or the preprocessing changed): the
// general edit, named by its caller.

#include "commands/configcommand.h"

namespace qs {

class ReplaceConfigCommand : public ConfigCommand {
public:
    /// `mergeId` >= 0 lets consecutive edits with the same id merge into one undo step (spin boxes).
    ReplaceConfigCommand(Document* document, const QuantConfig& config, const QString& text,
                         int mergeId = -1);

    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    int m_mergeId = -1;
};

} // namespace qs
