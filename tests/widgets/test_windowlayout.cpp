// The first-run window layout (the graph keeps at least half of the window on a 1366 × 768 screen), View →
// Reset Layout, and a saved layout coming back on the next start.

#include "defaultlayout.h"
#include "mainwindow.h"
#include "testsettings.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QDockWidget>
#include <QSettings>
#include <QTest>

using qs::MainWindow;

namespace {

class LayoutSettings : public qs::test::IsolatedSettings {
public:
    LayoutSettings() : qs::test::IsolatedSettings(QStringLiteral("layout")) {}
};

QDockWidget* dock(const MainWindow& window, const char* name) {
    auto* found = window.findChild<QDockWidget*>(QLatin1String(name));
    REQUIRE(found);
    return found;
}

void showAndSettle(MainWindow& window) {
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();
}

/// A dock the user can see now: shown, docked, and the raised tab of its group.
bool isOnScreen(const QDockWidget* dock) {
    return dock->isVisible() && !dock->isFloating() && !dock->visibleRegion().isEmpty();
}

void checkGraphKeepsHalf(const MainWindow& window) {
    const QSize central = window.centralWidget()->size();
    INFO("window " << window.width() << "×" << window.height() << ", central " << central.width() << "×"
                   << central.height());
    CHECK(central.width() * 2 >= window.width());
    CHECK(central.height() * 2 >= window.height());
}

/// Every dock one sees is at least its own minimum size and not squeezed below a usable panel.
void checkDocksUsable(const MainWindow& window) {
    int onScreen = 0;
    for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        if (!isOnScreen(dock))
            continue;
        ++onScreen;
        INFO(dock->objectName().toStdString() << " " << dock->width() << "×" << dock->height());
        CHECK(dock->width() >= dock->minimumSizeHint().width());
        CHECK(dock->height() >= dock->minimumSizeHint().height());
        CHECK(dock->width() >= 250);
        CHECK(dock->height() >= 90);
    }
    CHECK(onScreen == 4); // Inspector, Layers, Weights and Messages; Data and Activations are tabs behind
}

void checkDefaultArrangement(const MainWindow& window) {
    QDockWidget* inspector = dock(window, "inspectorDock");
    QDockWidget* weights = dock(window, "weightsDock");
    CHECK(window.dockWidgetArea(inspector) == Qt::LeftDockWidgetArea);
    CHECK(window.dockWidgetArea(dock(window, "dataDock")) == Qt::LeftDockWidgetArea);
    CHECK(window.dockWidgetArea(dock(window, "layersDock")) == Qt::RightDockWidgetArea);
    CHECK(window.dockWidgetArea(weights) == Qt::RightDockWidgetArea);
    CHECK(window.dockWidgetArea(dock(window, "messagesDock")) == Qt::BottomDockWidgetArea);
    CHECK(window.tabifiedDockWidgets(inspector) == QList<QDockWidget*>{dock(window, "dataDock")});
    CHECK(window.tabifiedDockWidgets(weights) == QList<QDockWidget*>{dock(window, "activationsDock")});
    CHECK(window.tabifiedDockWidgets(dock(window, "layersDock")).isEmpty());
    CHECK(isOnScreen(inspector));
    CHECK(isOnScreen(weights));
    for (const QDockWidget* each : window.findChildren<QDockWidget*>())
        CHECK_FALSE(each->isFloating());
}

} // namespace

TEST_CASE("A first start fits the window to the screen", "[widgets][studio][layout]") {
    CHECK(qs::firstRunGeometry(QRect(0, 0, 1366, 768)).width() <= 1366);
    CHECK(qs::firstRunGeometry(QRect(0, 0, 1366, 768)).height() <= 768 - 30); // room for a title bar
    CHECK(QRect(0, 0, 1366, 768).contains(qs::firstRunGeometry(QRect(0, 0, 1366, 768))));
    CHECK(qs::firstRunGeometry(QRect(0, 0, 3840, 2160)).size() == qs::kMaximumFirstRunSize);
    CHECK(qs::firstRunGeometry(QRect(0, 0, 3840, 2160)).center() == QRect(0, 0, 3840, 2160).center());
    const QRect secondScreen(1920, 40, 1280, 984);
    CHECK(secondScreen.contains(qs::firstRunGeometry(secondScreen)));
}

TEST_CASE("On a 1366x768 screen the graph keeps half of the first window", "[widgets][studio][layout]") {
    const LayoutSettings settings;
    MainWindow window;
    window.applyFirstRunLayout(QRect(0, 0, 1366, 768));
    showAndSettle(window);
    CHECK(window.width() <= 1366);
    CHECK(window.height() <= 768);
    checkDefaultArrangement(window);
    checkGraphKeepsHalf(window);
    checkDocksUsable(window);
}

TEST_CASE("On a 1920x1080 screen the first window is capped and the graph keeps half",
          "[widgets][studio][layout]") {
    const LayoutSettings settings;
    MainWindow window;
    window.applyFirstRunLayout(QRect(0, 0, 1920, 1080));
    showAndSettle(window);
    CHECK(window.size() == qs::kMaximumFirstRunSize);
    checkDefaultArrangement(window);
    checkGraphKeepsHalf(window);
    checkDocksUsable(window);
}

TEST_CASE("Reset Layout puts moved, floated and closed docks back", "[widgets][studio][layout]") {
    const LayoutSettings settings;
    MainWindow window;
    window.applyFirstRunLayout(QRect(0, 0, 1366, 768));
    showAndSettle(window);
    const QSize firstCentral = window.centralWidget()->size();

    QSettings().setValue(QStringLiteral("mainWindow/state"), window.saveState());
    dock(window, "layersDock")->setFloating(true);
    dock(window, "messagesDock")->close();
    window.addDockWidget(Qt::RightDockWidgetArea, dock(window, "inspectorDock"));
    window.addDockWidget(Qt::BottomDockWidgetArea, dock(window, "activationsDock"));
    window.resizeDocks({dock(window, "weightsDock")}, {900}, Qt::Horizontal);
    QCoreApplication::processEvents();
    REQUIRE(window.dockWidgetArea(dock(window, "inspectorDock")) == Qt::RightDockWidgetArea);

    auto* reset = window.findChild<QAction*>(QStringLiteral("resetLayoutAction"));
    REQUIRE(reset);
    reset->trigger();
    QCoreApplication::processEvents();

    checkDefaultArrangement(window);
    CHECK(isOnScreen(dock(window, "messagesDock")));
    CHECK(isOnScreen(dock(window, "layersDock")));
    checkGraphKeepsHalf(window);
    checkDocksUsable(window);
    CHECK(std::abs(window.centralWidget()->width() - firstCentral.width()) <= 2);
    CHECK(std::abs(window.centralWidget()->height() - firstCentral.height()) <= 2);
    CHECK_FALSE(QSettings().contains(QStringLiteral("mainWindow/state")));
    CHECK_FALSE(QSettings().contains(QStringLiteral("mainWindow/geometry")));
}

TEST_CASE("The user's layout is restored on the next start", "[widgets][studio][layout]") {
    const LayoutSettings settings;
    {
        MainWindow window;
        window.applyFirstRunLayout(QRect(0, 0, 1366, 768));
        showAndSettle(window);
        window.addDockWidget(Qt::BottomDockWidgetArea, dock(window, "inspectorDock"));
        window.resize(1200, 700);
        QCoreApplication::processEvents();
        window.close();
    }
    REQUIRE(QSettings().contains(QStringLiteral("mainWindow/state")));
    MainWindow window;
    showAndSettle(window);
    CHECK(window.size() == QSize(1200, 700));
    CHECK(window.dockWidgetArea(dock(window, "inspectorDock")) == Qt::BottomDockWidgetArea);
}
