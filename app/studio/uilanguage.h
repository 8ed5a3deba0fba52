#pragma once
// The language of the studio's interface. The `ui/language` setting holds "system" (the default), "en" or
// "zh_CN"; the studio installs its own translation for that language (quantscope_<language>.qm) and Qt's
// (qtbase_<language>.qm, so that the buttons of standard dialogs match), where they exist.

#include <QList>
#include <QLocale>
#include <QString>

class QCoreApplication;
class QTranslator;

namespace qs {

/// The locale for a `ui/language` value (AppSettings::kLanguageKey): the system's for "system", an empty or
/// an unknown value.
QLocale interfaceLocale(const QString& language);

/// Loads the studio's translation for `locale` from `directory` and Qt's own for the same language from Qt's
/// translations folder, and installs them in `app` (which owns them). English, the source language, needs
/// none. Returns the translators installed, studio's first.
QList<QTranslator*> installTranslators(QCoreApplication& app, const QLocale& locale,
                                       const QString& directory);

} // namespace qs
