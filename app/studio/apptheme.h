#pragma once
// Light or dark look for the whole application. The setting "ui/theme" is "system" (the default), "light" or
// "dark"; "system" follows the desktop: GTK_THEME ending in ":dark", the desktop's colour-scheme preference
// (gsettings' org.gnome.desktop.interface color-scheme, which the freedesktop settings portal also reports),
// else the lightness of the palette the platform theme gave Qt. Qt 6.4 on Linux has no colour-scheme API,
// hence this. Both looks use the Fusion style: light with Fusion's palette, dark with darkPalette().
// Custom-painted views read their colours from the palette and follow a change at once.

#include <QPalette>
#include <QString>

namespace qs {

enum class ColorScheme { Light, Dark };

/// The QSettings key of the theme and its values.
inline constexpr char kThemeSettingKey[] = "ui/theme";
inline constexpr char kThemeSystem[] = "system";
inline constexpr char kThemeLight[] = "light";
inline constexpr char kThemeDark[] = "dark";

/// The theme stored in QSettings ("system" when unset or unknown).
QString themeSetting();

/// Applies `theme` ("system", "light" or "dark"; anything else counts as "system") to the application. Can be
/// called again at any time, e.g. by the Settings dialog after storing a new value; returns the scheme
/// applied.
ColorScheme applyTheme(const QString& theme);

/// What "system" resolves to on this desktop now. Asks gsettings, when installed, with a timeout of a few
/// hundred milliseconds.
ColorScheme systemColorScheme();

/// The dark palette: every colour role for the active, inactive and disabled groups, links and tooltips
/// included.
QPalette darkPalette();

/// True when `palette`'s window colour is dark, whichever theme set it.
bool isDarkPalette(const QPalette& palette);

} // namespace qs
