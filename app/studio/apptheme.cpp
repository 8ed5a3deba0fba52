#include "apptheme.h"

#include <QApplication>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QToolTip>

namespace qs {

namespace {

constexpr int kGsettingsTimeoutMs = 300;

/// The palette the platform gave the application, before applyTheme() replaced it.
const QPalette& platformPalette() {
    static const QPalette palette = QGuiApplication::palette();
    return palette;
}

/// The value of an org.gnome.desktop.interface key, unquoted; empty when gsettings is absent, slow or fails.
QString gnomeInterfaceSetting(const QString& key) {
    const QString gsettings = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
    if (gsettings.isEmpty())
        return {};
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(gsettings, {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"), key});
    if (!process.waitForFinished(kGsettingsTimeoutMs)) {
        process.kill();
        process.waitForFinished(kGsettingsTimeoutMs);
        return {};
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {};
    QString value = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    if (value.size() >= 2 && value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))
        value = value.mid(1, value.size() - 2);
    return value;
}

bool namesDarkTheme(const QString& themeName) {
    const QString name = themeName.toLower();
    return name.endsWith(QLatin1String(":dark")) || name.contains(QLatin1String("-dark"));
}

void setColor(QPalette& palette, QPalette::ColorRole role, const QColor& active, const QColor& disabled) {
    palette.setColor(QPalette::Active, role, active);
    palette.setColor(QPalette::Inactive, role, active);
    palette.setColor(QPalette::Disabled, role, disabled);
}

} // namespace

QString themeSetting() {
    const QString theme =
        QSettings().value(QLatin1String(kThemeSettingKey), QLatin1String(kThemeSystem)).toString();
    return theme == QLatin1String(kThemeLight) || theme == QLatin1String(kThemeDark)
               ? theme
               : QLatin1String(kThemeSystem);
}

ColorScheme systemColorScheme() {
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (!gtkTheme.isEmpty())
        return namesDarkTheme(gtkTheme) ? ColorScheme::Dark : ColorScheme::Light;
    const QString preference = gnomeInterfaceSetting(QStringLiteral("color-scheme"));
    if (preference == QLatin1String("prefer-dark"))
        return ColorScheme::Dark;
    if (preference == QLatin1String("prefer-light"))
        return ColorScheme::Light;
    if (namesDarkTheme(gnomeInterfaceSetting(QStringLiteral("gtk-theme"))))
        return ColorScheme::Dark;
    return isDarkPalette(platformPalette()) ? ColorScheme::Dark : ColorScheme::Light;
}

ColorScheme applyTheme(const QString& theme) {
    platformPalette();
    const ColorScheme scheme = theme == QLatin1String(kThemeDark)    ? ColorScheme::Dark
                               : theme == QLatin1String(kThemeLight) ? ColorScheme::Light
                                                                     : systemColorScheme();
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QPalette palette =
        scheme == ColorScheme::Dark ? darkPalette() : QApplication::style()->standardPalette();
    QApplication::setPalette(palette);
    QToolTip::setPalette(palette);
    return scheme;
}

QPalette darkPalette() {
    QPalette palette;
    const QColor text(0xe4, 0xe6, 0xe8);
    const QColor disabledText(0x80, 0x84, 0x89);
    const QColor window(0x2d, 0x30, 0x34);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor button(0x37, 0x3a, 0x3f);
    setColor(palette, QPalette::Window, window, window);
    setColor(palette, QPalette::WindowText, text, disabledText);
    setColor(palette, QPalette::Base, base, QColor(0x27, 0x29, 0x2c));
    setColor(palette, QPalette::AlternateBase, QColor(0x27, 0x2a, 0x2e), QColor(0x2a, 0x2c, 0x30));
    setColor(palette, QPalette::Text, text, disabledText);
    setColor(palette, QPalette::PlaceholderText, QColor(0x8c, 0x90, 0x95), QColor(0x62, 0x66, 0x6b));
    setColor(palette, QPalette::Button, button, QColor(0x31, 0x34, 0x38));
    setColor(palette, QPalette::ButtonText, text, disabledText);
    setColor(palette, QPalette::BrightText, QColor(0xff, 0x7b, 0x72), QColor(0xff, 0x7b, 0x72));
    setColor(palette, QPalette::Light, QColor(0x4a, 0x4e, 0x54), QColor(0x43, 0x46, 0x4b));
    setColor(palette, QPalette::Midlight, QColor(0x40, 0x44, 0x49), QColor(0x3a, 0x3d, 0x42));
    setColor(palette, QPalette::Mid, QColor(0x25, 0x27, 0x2a), QColor(0x25, 0x27, 0x2a));
    setColor(palette, QPalette::Dark, QColor(0x1a, 0x1b, 0x1e), QColor(0x1a, 0x1b, 0x1e));
    setColor(palette, QPalette::Shadow, QColor(0x0c, 0x0d, 0x0e), QColor(0x0c, 0x0d, 0x0e));
    setColor(palette, QPalette::Highlight, QColor(0x2f, 0x6e, 0xba), QColor(0x44, 0x48, 0x4d));
    palette.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x2b, 0x4f, 0x7a));
    setColor(palette, QPalette::HighlightedText, QColor(0xff, 0xff, 0xff), QColor(0xa0, 0xa3, 0xa7));
    setColor(palette, QPalette::Link, QColor(0x6c, 0xb4, 0xf5), QColor(0x5a, 0x7a, 0x99));
    setColor(palette, QPalette::LinkVisited, QColor(0xb8, 0x9c, 0xf0), QColor(0x7a, 0x6d, 0x99));
    setColor(palette, QPalette::ToolTipBase, QColor(0x3b, 0x3f, 0x45), QColor(0x3b, 0x3f, 0x45));
    setColor(palette, QPalette::ToolTipText, text, disabledText);
    return palette;
}

bool isDarkPalette(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace qs
