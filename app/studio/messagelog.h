#pragma once
// The "Messages" dock: a read-only, timestamped log of what happened (loads, warnings, errors).

#include <QPlainTextEdit>

namespace qs {

enum class MessageLevel { Info, Warning, Error };

class MessageLog : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit MessageLog(QWidget* parent = nullptr);

    void addMessage(MessageLevel level, const QString& text);
    /// Number of messages of `level` logged so far.
    int count(MessageLevel level) const;

private:
    int m_counts[3] = {0, 0, 0};
};

} // namespace qs
