// Light and dark themes: the setting, the system detection, the Fusion palettes applied at run time, views
// that follow them, and icons drawn in the palette's text colour.

#include "apptheme.h"
#include "graphview.h"
#include "histogramview.h"
#include "testsettings.h"
#include "themedicon.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

namespace {

using TestSettings = qs::test::IsolatedSettings;

/// Puts back the application's style and palette when a test changed them.
class RestoreLook {
public:
    RestoreLook() : m_style(QApplication::style()->name()), m_palette(QApplication::palette()) {}
    ~RestoreLook() {
        QApplication::setStyle(QStyleFactory::create(m_style));
        QApplication::setPalette(m_palette);
    }

private:
    QString m_style;
    QPalette m_palette;
};

/// Sets an environment variable for the scope of a test.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name), m_wasSet(qEnvironmentVariableIsSet(name)), m_old(qgetenv(name)) {
        qputenv(name, value);
    }
    ~ScopedEnv() {
        if (m_wasSet)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char* m_name;
    bool m_wasSet;
    QByteArray m_old;
};

/// Mean lightness of the opaque pixels of `image`, -1 when there are none.
int inkLightness(const QImage& image) {
    long sum = 0;
    long count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor color = image.pixelColor(x, y);
            if (color.alpha() > 200) {
                sum += color.lightness();
                ++count;
            }
        }
    }
    return count ? int(sum / count) : -1;
}

} // namespace

TEST_CASE("The theme setting defaults to system and accepts light and dark", "[widgets][studio][theme]") {
    const TestSettings settings;
    CHECK(qs::themeSetting() == "system");
    QSettings().setValue(qs::kThemeSettingKey, "dark");
    CHECK(qs::themeSetting() == "dark");
    QSettings().setValue(qs::kThemeSettingKey, "light");
    CHECK(qs::themeSetting() == "light");
    QSettings().setValue(qs::kThemeSettingKey, "purple");
    CHECK(qs::themeSetting() == "system");
}

TEST_CASE("The system theme follows GTK_THEME when it is set", "[widgets][studio][theme]") {
    {
        const ScopedEnv env("GTK_THEME", "Adwaita:dark");
        CHECK(qs::systemColorScheme() == qs::ColorScheme::Dark);
    }
    {
        const ScopedEnv env("GTK_THEME", "Adwaita");
        CHECK(qs::systemColorScheme() == qs::ColorScheme::Light);
    }
}

TEST_CASE("applyTheme switches between the light and the dark Fusion palette at run time",
          "[widgets][studio][theme]") {
    const RestoreLook restore;
    qs::GraphView graph;
    qs::HistogramView histogram;
    histogram.resize(400, 300);
    qs::Histogram bins;
    bins.lower = 0.0;
    bins.upper = 4.0;
    bins.counts = {1, 2, 3, 4};
    histogram.setHistogram(QStringLiteral("values"), bins);
    QWidget* plot = nullptr;
    for (QWidget* child : histogram.findChildren<QWidget*>()) {
        if (child->inherits("QCustomPlot"))
            plot = child;
    }
    REQUIRE(plot);
    const auto plotCorner = [plot] {
        QTest::qWait(1); // the plot replots on the next turn of the event loop
        return plot->grab().toImage().pixelColor(2, 2);
    };

    CHECK(qs::applyTheme(QStringLiteral("dark")) == qs::ColorScheme::Dark);
    QCoreApplication::sendPostedEvents(); // widgets hear of the new palette through posted events
    const QPalette dark = QApplication::palette();
    CHECK(QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) == 0);
    CHECK(qs::isDarkPalette(dark));
    CHECK(dark.color(QPalette::Base).lightness() < 80);
    CHECK(dark.color(QPalette::Text).lightness() > 180);
    CHECK(dark.color(QPalette::ToolTipBase).lightness() < 100);
    CHECK(dark.color(QPalette::Link).lightness() > 120);
    CHECK(dark.color(QPalette::Disabled, QPalette::Text) != dark.color(QPalette::Active, QPalette::Text));
    CHECK(dark.color(QPalette::Disabled, QPalette::Text).lightness() <
          dark.color(QPalette::Text).lightness());
    CHECK(graph.backgroundBrush().color() == dark.color(QPalette::Base));
    CHECK(plotCorner() == dark.color(QPalette::Base));

    CHECK(qs::applyTheme(QStringLiteral("light")) == qs::ColorScheme::Light);
    QCoreApplication::sendPostedEvents();
    const QPalette light = QApplication::palette();
    CHECK_FALSE(qs::isDarkPalette(light));
    CHECK(light.color(QPalette::Base).lightness() > 200);
    CHECK(graph.backgroundBrush().color() == light.color(QPalette::Base));
    CHECK(plotCorner() == light.color(QPalette::Base));
}

TEST_CASE("Studio icons are drawn in the palette's text colour at the size asked for",
          "[widgets][studio][theme]") {
    const RestoreLook restore;
    const QStringList files = QDir(QStringLiteral(":/icons")).entryList({QStringLiteral("*.svg")});
    REQUIRE(files.size() >= 20);
    for (const QString& file : files) {
        INFO(file.toStdString());
        const QIcon icon = file == QLatin1String("quantscope.svg")
                               ? QIcon(QStringLiteral(":/icons/") + file)
                               : qs::themedIcon(QFileInfo(file).baseName());
        REQUIRE_FALSE(icon.isNull());
        const QImage image = icon.pixmap(QSize(48, 48)).toImage();
        CHECK(image.size() == QSize(48, 48));
        CHECK(inkLightness(image) >= 0);
    }

    const QIcon undo = qs::themedIcon(QStringLiteral("undo"));
    QApplication::setPalette(qs::darkPalette());
    CHECK(inkLightness(undo.pixmap(QSize(32, 32)).toImage()) > 180);
    QApplication::setPalette(QApplication::style()->standardPalette());
    CHECK(inkLightness(undo.pixmap(QSize(32, 32)).toImage()) < 80);
    CHECK(inkLightness(undo.pixmap(QSize(32, 32), QIcon::Disabled).toImage()) == -1); // faded, never opaque
}
