#include "uilanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QStringList>
#include <QTranslator>

namespace qs {

QLocale interfaceLocale(const QString& language) {
    if (language == QLatin1String("en"))
        return QLocale(QLocale::English, QLocale::UnitedStates);
    if (language == QLatin1String("zh_CN"))
        return QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China);
    return QLocale::system();
}

QList<QTranslator*> installTranslators(QCoreApplication& app, const QLocale& locale,
                                       const QString& directory) {
    // The first preferred language decides: an English one needs no translation even if a later one has one.
    const QStringList languages = locale.uiLanguages();
    if (languages.isEmpty() || QLocale(languages.front()).language() == QLocale::English)
        return {};
    auto* studio = new QTranslator(&app);
    if (!studio->load(locale, QStringLiteral("quantscope"), QStringLiteral("_"), directory)) {
        delete studio;
        return {};
    }
    QCoreApplication::installTranslator(studio);
    QList<QTranslator*> installed{studio};
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(studio->language()), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed << qt;
    } else {
        delete qt;
    }
    return installed;
}

} // namespace qs
