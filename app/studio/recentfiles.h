#pragma once
// The most recently opened model files, newest first, persisted in QSettings under "recentFiles".

#include <QObject>
#include <QStringList>

namespace qs {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultMaximumCount = 10;

    /// Reads the list from the application's QSettings.
    explicit RecentFiles(QObject* parent = nullptr, int maximumCount = kDefaultMaximumCount);

    QStringList files() const { return m_files; }
    /// Puts `path` (made absolute) first, dropping the oldest entry beyond the maximum, and saves.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

signals:
    void changed();

private:
    void save();

    QStringList m_files;
    int m_maximumCount = kDefaultMaximumCount;
};

} // namespace qs
