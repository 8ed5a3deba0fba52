#pragma once
// Base of the undo commands that edit the document's config: each keeps the config before and after the edit,
// computed by the subclass from the document's current config. A command is checked before it is pushed
// (validate()), so an edit that does not fit the model never reaches the document.

#include "quant/quantconfig.h"

#include <QString>
#include <QUndoCommand>

namespace qs {

class Document;

class ConfigCommand : public QUndoCommand {
public:
    void undo() override;
    void redo() override;

    /// Empty when the new config fits the model; else the reason (names the layer or key).
    QString validate() const;
    /// Pushes `command` on the document's undo stack when it is valid and changes something; otherwise
    /// deletes it. Returns the validation error (empty on success or when there was nothing to change).
    static QString push(Document* document, ConfigCommand* command);

    const QuantConfig& before() const { return m_before; }
    const QuantConfig& after() const { return m_after; }

protected:
    ConfigCommand(Document* document, const QString& text);
    Document* document() const { return m_document; }
    QuantConfig& mutableAfter() { return m_after; }
    /// Merges consecutive edits of the same kind (same id()) when `sameTarget` says they edit the same thing.
    bool mergeAfter(const ConfigCommand* other);

private:
    Document* m_document = nullptr;
    QuantConfig m_before;
    QuantConfig m_after;
};

} // namespace qs
