#include "recoverystore.h"

#include "workflow/projectresults.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>
#include <algorithm>

namespace qs {

RecoveryStore::RecoveryStore(const QString& folder)
    : m_folder(folder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                      QStringLiteral("/recovery")
                                : folder),
      m_id(QUuid::createUuid().toString(QUuid::WithoutBraces)) {
    QDir().mkpath(m_folder);
    m_lock = std::make_unique<QLockFile>(pathOf(m_id, QStringLiteral(".lock")));
    m_lock->setStaleLockTime(0);
    m_lock->tryLock(0);
}

RecoveryStore::~RecoveryStore() {
    clear();
    m_lock->unlock();
}

QString RecoveryStore::pathOf(const QString& id, const QString& suffix) const {
    return m_folder + QLatin1Char('/') + id + suffix;
}

QString RecoveryStore::projectFile() const {
    return pathOf(m_id, QStringLiteral(".qsproj"));
}

void RecoveryStore::writeDescription(const QString& originalProject, const QString& modelPath) {
    QJsonObject description;
    description[QStringLiteral("original_project")] = originalProject;
    description[QStringLiteral("model")] = modelPath;
    description[QStringLiteral("saved_at")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QSaveFile file(pathOf(m_id, QStringLiteral(".json")));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(description).toJson());
        file.commit();
    }
}

void RecoveryStore::clear() {
    const QString project = projectFile();
    QFile::remove(pathOf(m_id, QStringLiteral(".json")));
    QFile::remove(project);
    QFile::remove(QString::fromStdString(projectResultsPath(project.toStdString())));
}

QList<RecoveryEntry> RecoveryStore::abandoned() const {
    QList<RecoveryEntry> entries;
    const QFileInfoList descriptions =
        QDir(m_folder).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time);
    for (const QFileInfo& info : descriptions) {
        const QString id = info.completeBaseName();
        if (id == m_id)
            continue;
        QLockFile lock(pathOf(id, QStringLiteral(".lock")));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // that studio is still running
        lock.unlock();
        QFile file(info.filePath());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject description = QJsonDocument::fromJson(file.readAll()).object();
        RecoveryEntry entry;
        entry.id = id;
        entry.projectFile = pathOf(id, QStringLiteral(".qsproj"));
        entry.originalProject = description.value(QStringLiteral("original_project")).toString();
        entry.modelPath = description.value(QStringLiteral("model")).toString();
        entry.savedAt =
            QDateTime::fromString(description.value(QStringLiteral("saved_at")).toString(), Qt::ISODate);
        if (QFileInfo::exists(entry.projectFile))
            entries << entry;
    }
    std::sort(entries.begin(), entries.end(),
              [](const RecoveryEntry& a, const RecoveryEntry& b) { return a.savedAt > b.savedAt; });
    return entries;
}

void RecoveryStore::discard(const RecoveryEntry& entry) {
    const QString folder = QFileInfo(entry.projectFile).absolutePath();
    QFile::remove(folder + QLatin1Char('/') + entry.id + QStringLiteral(".json"));
    QFile::remove(entry.projectFile);
    QFile::remove(QString::fromStdString(projectResultsPath(entry.projectFile.toStdString())));
    QFile::remove(folder + QLatin1Char('/') + entry.id + QStringLiteral(".lock"));
}

} // namespace qs
