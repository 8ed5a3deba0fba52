#include "recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace qs {

namespace {
const char* const kSettingsKey = "recentFiles";

QString absolute(const QString& path) {
    return QFileInfo(path).absoluteFilePath();
}
} // namespace

RecentFiles::RecentFiles(QObject* parent, int maximumCount) : QObject(parent), m_maximumCount(maximumCount) {
    m_files = QSettings().value(kSettingsKey).toStringList();
    while (m_files.size() > m_maximumCount)
        m_files.removeLast();
}

void RecentFiles::add(const QString& path) {
    const QString file = absolute(path);
    m_files.removeAll(file);
    m_files.prepend(file);
    while (m_files.size() > m_maximumCount)
        m_files.removeLast();
    save();
}

void RecentFiles::remove(const QString& path) {
    if (m_files.removeAll(absolute(path)) > 0)
        save();
}

void RecentFiles::clear() {
    m_files.clear();
    save();
}

void RecentFiles::save() {
    QSettings().setValue(kSettingsKey, m_files);
    emit changed();
}

} // namespace qs
