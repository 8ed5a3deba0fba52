#pragma once
// A slim bar under the graph for finding nodes by name or op type: Enter or "Next" finds the next match, Escape
// closes the bar. Marks the text red when nothing matches.

#include <QWidget>

class QLineEdit;

namespace qs {

class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(QWidget* parent = nullptr);

    QString text() const;
    /// Shows the bar and focuses the text with everything selected.
    void activate();
    /// Colours the text to tell whether the last search found something.
    void setFound(bool found);

signals:
    void findRequested(const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void requestFind();

    QLineEdit* m_edit = nullptr;
};

} // namespace qs
