#pragma once
// The studio's first-run window layout, also restored by View → Reset Layout. The window fits the screen's
// free area (at most 1600 × 1000), and the docks sit around the graph so that the graph keeps at least half
// of the window's width and height, down to a 1366 × 768 screen:
//
//     +----------------+---------------------+----------------+
//     | Inspector|Data |                     | Layers         |
//     |   (tabs)       |        graph        |                |
//     |                |                     +----------------+
//     |                +---------------------+ Weights|Activ. |
//     |                | Messages            |   (tabs)       |
//     +----------------+---------------------+----------------+
//
// Docks are found by their object names (layersDock, weightsDock, activationsDock, inspectorDock, dataDock,
// messagesDock); others are left where they are.

#include <QRect>

class QMainWindow;

namespace qs {

/// The largest window a first start opens.
inline constexpr QSize kMaximumFirstRunSize{1600, 1000};
/// The share of the window's width and height the central widget keeps at least.
inline constexpr double kMinimumCentralShare = 0.5;

/// Where a window shown for the first time goes when the screen's free area is `availableGeometry`: centred,
/// as large as that area less room for a window frame, at most kMaximumFirstRunSize.
QRect firstRunGeometry(const QRect& availableGeometry);

/// Docks every known dock of `window` (floating or closed ones too) in its default area and tab group,
/// visible, with the first tab of each group raised.
void arrangeDefaultDocks(QMainWindow* window);

/// Sizes the docks placed by arrangeDefaultDocks() for the window's current size: the side columns and the
/// Messages dock share what the central widget leaves (less than half of each dimension).
void sizeDefaultDocks(QMainWindow* window);

} // namespace qs
