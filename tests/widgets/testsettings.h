#pragma once
// Keeps a widget test's settings (recent files, window state, export folders) away from the user's and from
// other test processes running in parallel; removes the settings file afterwards.

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

namespace qs::test {

class IsolatedSettings {
public:
    explicit IsolatedSettings(const QString& name = QStringLiteral("studio")) {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantscopeTests"));
        QCoreApplication::setApplicationName(
            QStringLiteral("%1-%2").arg(name).arg(QCoreApplication::applicationPid()));
        QSettings().clear();
    }
    ~IsolatedSettings() {
        QSettings settings;
        settings.clear();
        settings.sync();
        QFile::remove(settings.fileName());
    }
    IsolatedSettings(const IsolatedSettings&) = delete;
    IsolatedSettings& operator=(const IsolatedSettings&) = delete;
};

} // namespace qs::test
