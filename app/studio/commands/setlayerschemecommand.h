#pragma once
// Changes one field of the weight or activation scheme of one or more layers (a per-layer override in the
// config). Values that do not fit the new combination are adjusted in place (e.g. 16 bits become 8 when the
// scheme becomes log), never accepted and failing later. Consecutive bit-width edits of the same layers merge
// into one undo step.

#include "commands/configcommand.h"
#include "quant/quantscheme.h"

#include <QStringList>
#include <QVariant>

namespace qs {

/// The part of a scheme an edit changes.
enum class SchemeField { Kind, Bits, Granularity, Symmetric, Signed };

class SetLayerSchemeCommand : public ConfigCommand {
public:
    /// `value`: a SchemeKind (as int) for Kind, an int for Bits, a Granularity (as int) for Granularity, a
    /// bool for Symmetric and Signed.
    SetLayerSchemeCommand(Document* document, const QStringList& layers, TensorRole role, SchemeField field,
                          const QVariant& value);

    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    /// `scheme` with `field` set to `value` and the other fields made to fit (bit ranges of the kind;
    /// activations stay uniform 8 or 16 bit per tensor, or float).
    static QuantScheme edited(QuantScheme scheme, TensorRole role, SchemeField field, const QVariant& value);

private:
    QStringList m_layers;
    TensorRole m_role;
    SchemeField m_field;
};

} // namespace qs
