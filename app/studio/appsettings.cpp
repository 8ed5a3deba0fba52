#include "appsettings.h"

#include <QDir>
#include <QSettings>
#include <algorithm>
#include <cmath>

namespace qs {

namespace {

constexpr double kMaximumSqnrDb = 200.0;

QString oneOf(const QString& value, const QStringList& allowed) {
    return allowed.contains(value) ? value : allowed.first();
}

QString cleanFolder(const QString& folder) {
    const QString trimmed = folder.trimmed();
    return trimmed.isEmpty() ? QString() : QDir::cleanPath(trimmed);
}

} // namespace

AppSettings::AppSettings(QObject* parent) : QObject(parent) {}

QStringList AppSettings::languages() {
    return {systemValue(), QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QStringList AppSettings::themes() {
    return {systemValue(), QStringLiteral("light"), QStringLiteral("dark")};
}

QVariant AppSettings::value(const char* key, const QVariant& defaultValue) const {
    return QSettings().value(QLatin1String(key), defaultValue);
}

void AppSettings::store(const char* key, const QVariant& value) {
    QSettings().setValue(QLatin1String(key), value);
    emit changed();
}

int AppSettings::threadCount() const {
    return std::max(0, value(kThreadsKey, kDefaultThreadCount).toInt());
}

void AppSettings::setThreadCount(int threads) {
    if (std::max(0, threads) != threadCount())
        store(kThreadsKey, std::max(0, threads));
}

QString AppSettings::language() const {
    return oneOf(value(kLanguageKey, systemValue()).toString(), languages());
}

void AppSettings::setLanguage(const QString& language) {
    if (oneOf(language, languages()) != this->language())
        store(kLanguageKey, oneOf(language, languages()));
}

QString AppSettings::theme() const {
    return oneOf(value(kThemeKey, systemValue()).toString(), themes());
}

void AppSettings::setTheme(const QString& theme) {
    if (oneOf(theme, themes()) == this->theme())
        return;
    store(kThemeKey, oneOf(theme, themes()));
    emit themeChanged(this->theme());
}

double AppSettings::weakLayerSqnrDb() const {
    bool ok = false;
    const double sqnrDb = value(kWeakLayerSqnrKey, kDefaultWeakLayerSqnrDb).toDouble(&ok);
    return ok && std::isfinite(sqnrDb) ? std::clamp(sqnrDb, 0.0, kMaximumSqnrDb) : kDefaultWeakLayerSqnrDb;
}

void AppSettings::setWeakLayerSqnrDb(double sqnrDb) {
    const double value =
        std::isfinite(sqnrDb) ? std::clamp(sqnrDb, 0.0, kMaximumSqnrDb) : kDefaultWeakLayerSqnrDb;
    if (value != weakLayerSqnrDb())
        store(kWeakLayerSqnrKey, value);
}

int AppSettings::sensitivityImages() const {
    const int images = value(kSensitivityImagesKey, kDefaultSensitivityImages).toInt();
    return images > 0 ? std::min(images, kMaximumSensitivityImages) : kDefaultSensitivityImages;
}

void AppSettings::setSensitivityImages(int images) {
    if (std::clamp(images, 1, kMaximumSensitivityImages) != sensitivityImages())
        store(kSensitivityImagesKey, std::clamp(images, 1, kMaximumSensitivityImages));
}

QString AppSettings::modelsFolder() const {
    return value(kModelsFolderKey, QString()).toString();
}

void AppSettings::setModelsFolder(const QString& folder) {
    if (cleanFolder(folder) != modelsFolder())
        store(kModelsFolderKey, cleanFolder(folder));
}

QString AppSettings::dataFolder() const {
    return value(kDataFolderKey, QString()).toString();
}

void AppSettings::setDataFolder(const QString& folder) {
    if (cleanFolder(folder) != dataFolder())
        store(kDataFolderKey, cleanFolder(folder));
}

QString AppSettings::outputFolder() const {
    return value(kOutputFolderKey, QString()).toString();
}

void AppSettings::setOutputFolder(const QString& folder) {
    if (cleanFolder(folder) != outputFolder())
        store(kOutputFolderKey, cleanFolder(folder));
}

QVariantList AppSettings::values() const {
    return {threadCount(),       language(),     theme(),      weakLayerSqnrDb(),
            sensitivityImages(), modelsFolder(), dataFolder(), outputFolder()};
}

void AppSettings::restoreDefaults() {
    const QVariantList before = values();
    const QString themeBefore = theme();
    QSettings settings;
    for (const char* key : {kThreadsKey, kLanguageKey, kThemeKey, kWeakLayerSqnrKey, kSensitivityImagesKey,
                            kModelsFolderKey, kDataFolderKey, kOutputFolderKey})
        settings.remove(QLatin1String(key));
    if (values() != before)
        emit changed();
    if (theme() != themeBefore)
        emit themeChanged(theme());
}

} // namespace qs
