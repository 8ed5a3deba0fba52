#include "configcommand.h"

#include "document.h"

#include "util/error.h"

#include <QUndoStack>

namespace qs {

ConfigCommand::ConfigCommand(Document* document, const QString& text)
    : QUndoCommand(text), m_document(document), m_before(document->config()), m_after(document->config()) {}

void ConfigCommand::undo() {
    m_document->setConfig(m_before);
}

void ConfigCommand::redo() {
    m_document->setConfig(m_after);
}

QString ConfigCommand::validate() const {
    try {
        m_document->planFor(m_after);
    } catch (const Error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

QString ConfigCommand::push(Document* document, ConfigCommand* command) {
    const QString error = command->validate();
    if (!error.isEmpty() || quantConfigToJson(command->m_after) == quantConfigToJson(command->m_before)) {
        delete command;
        return error;
    }
    document->undoStack()->push(command);
    return {};
}

bool ConfigCommand::mergeAfter(const ConfigCommand* other) {
    m_after = other->m_after;
    return true;
}

} // namespace qs
