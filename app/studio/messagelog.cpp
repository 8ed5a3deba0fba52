#include "messagelog.h"

#include <QTime>

namespace qs {

namespace {
QString levelPrefix(MessageLevel level) {
    switch (level) {
    case MessageLevel::Warning:
        return MessageLog::tr("warning: ");
    case MessageLevel::Error:
        return MessageLog::tr("error: ");
    default:
        return {};
    }
}
} // namespace

MessageLog::MessageLog(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(5000);
}

void MessageLog::addMessage(MessageLevel level, const QString& text) {
    ++m_counts[int(level)];
    appendPlainText(QStringLiteral("%1  %2%3").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")),
                                                    levelPrefix(level), text));
}

int MessageLog::count(MessageLevel level) const {
    return m_counts[int(level)];
}

} // namespace qs
