#include "defaultlayout.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QStyle>
#include <algorithm>

namespace qs {

namespace {

/// Room for a window manager's borders and title bar around the first window.
constexpr QSize kFrameAllowance{16, 48};
/// Of the window's width, the central widget gets this much more than kMinimumCentralShare, so that
/// separators and frames never take it under.
constexpr double kCentralMargin = 0.02;
/// Of what the side columns share, the left one (Inspector, Data) gets this part; Layers the rest.
constexpr double kLeftColumnShare = 0.43;
/// Of the right column's height, Layers gets this part; Weights and Activations (whose histogram sits under
/// a caption of a few lines) the rest.
constexpr double kLayersShare = 0.45;
/// The bottom row: Messages, with the results (charts, diagnosis, images) as tabs behind it.
constexpr double kMessagesShare = 0.24;
constexpr int kMinimumMessagesHeight = 90;
constexpr int kMaximumMessagesHeight = 320;

struct Docks {
    QDockWidget* layers = nullptr;
    QDockWidget* weights = nullptr;
    QDockWidget* activations = nullptr;
    QDockWidget* inspector = nullptr;
    QDockWidget* data = nullptr;
    QDockWidget* messages = nullptr;
    QDockWidget* results = nullptr;
    QDockWidget* diagnosis = nullptr;
    QDockWidget* images = nullptr;
};

Docks docksOf(const QMainWindow* window) {
    const auto find = [window](const char* name) {
        return window->findChild<QDockWidget*>(QLatin1String(name), Qt::FindDirectChildrenOnly);
    };
    return Docks{find("layersDock"),    find("weightsDock"),   find("activationsDock"),
                 find("inspectorDock"), find("dataDock"),      find("messagesDock"),
                 find("resultsDock"),   find("diagnosisDock"), find("imagesDock")};
}

void place(QMainWindow* window, QDockWidget* dock, Qt::DockWidgetArea area) {
    if (!dock)
        return;
    dock->setFloating(false);
    window->removeDockWidget(dock);
    window->addDockWidget(area, dock);
    dock->show();
}

void tabify(QMainWindow* window, QDockWidget* first, QDockWidget* second) {
    if (!first || !second)
        return;
    window->tabifyDockWidget(first, second);
    first->raise();
}

bool isDocked(const QDockWidget* dock) {
    return dock && !dock->isHidden() && !dock->isFloating();
}

/// The first docked one of `docks`, or null.
QDockWidget* dockedOf(std::initializer_list<QDockWidget*> docks) {
    for (QDockWidget* dock : docks) {
        if (isDocked(dock))
            return dock;
    }
    return nullptr;
}

} // namespace

QRect firstRunGeometry(const QRect& availableGeometry) {
    const QSize size = (availableGeometry.size() - kFrameAllowance).boundedTo(kMaximumFirstRunSize);
    QRect geometry(QPoint(0, 0), size.expandedTo(QSize(1, 1)));
    geometry.moveCenter(availableGeometry.center());
    return geometry;
}

void arrangeDefaultDocks(QMainWindow* window) {
    // The side columns run from the top to the bottom, so Messages stays under the graph.
    window->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    const Docks docks = docksOf(window);
    place(window, docks.inspector, Qt::LeftDockWidgetArea);
    place(window, docks.data, Qt::LeftDockWidgetArea);
    place(window, docks.layers, Qt::RightDockWidgetArea);
    place(window, docks.weights, Qt::RightDockWidgetArea);
    place(window, docks.activations, Qt::RightDockWidgetArea);
    place(window, docks.messages, Qt::BottomDockWidgetArea);
    for (QDockWidget* result : {docks.results, docks.diagnosis, docks.images}) {
        place(window, result, Qt::BottomDockWidgetArea);
        tabify(window, docks.messages, result);
    }
    if (docks.layers && docks.weights)
        window->splitDockWidget(docks.layers, docks.weights, Qt::Vertical);
    tabify(window, docks.weights, docks.activations);
    tabify(window, docks.inspector, docks.data);
}

void sizeDefaultDocks(QMainWindow* window) {
    const Docks docks = docksOf(window);
    const int separator = window->style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, window);
    const int sides = int((1.0 - kMinimumCentralShare - kCentralMargin) * window->width()) - 2 * separator;
    QDockWidget* left = dockedOf({docks.inspector, docks.data});
    QDockWidget* right = dockedOf({docks.layers, docks.weights, docks.activations});
    if (left && right) {
        int leftMinimum = 0; // of the column's tabs, the widest minimum
        for (const QDockWidget* dock : {docks.inspector, docks.data}) {
            if (isDocked(dock))
                leftMinimum = std::max(leftMinimum, dock->minimumSizeHint().width());
        }
        const int leftWidth = std::max(int(kLeftColumnShare * sides), leftMinimum);
        window->resizeDocks({left, right}, {leftWidth, sides - leftWidth}, Qt::Horizontal);
    } else if (left || right) {
        window->resizeDocks({left ? left : right}, {sides / 2}, Qt::Horizontal);
    }

    QDockWidget* histograms = dockedOf({docks.weights, docks.activations});
    if (isDocked(docks.layers) && histograms)
        window->resizeDocks({docks.layers, histograms},
                            {int(1000 * kLayersShare), int(1000 * (1.0 - kLayersShare))}, Qt::Vertical);
    if (QDockWidget* bottom = dockedOf({docks.messages, docks.results, docks.diagnosis, docks.images})) {
        const int height = std::clamp(int(kMessagesShare * window->height()), kMinimumMessagesHeight,
                                      kMaximumMessagesHeight);
        window->resizeDocks({bottom}, {height}, Qt::Vertical);
    }
}

} // namespace qs
