#pragma once
// Saving a chart as an image: PNG (raster), SVG and PDF (vector), as the plot is drawn now and at its size on
// screen. Every chart offers this in its context menu ("Export as PNG… / SVG… / PDF…").

#include <QString>

class QCustomPlot;
class QMenu;
class QWidget;

namespace qs {

/// Writes `plot` to `path`; the format follows the suffix (.png, .svg or .pdf, any case). PNG is written at
/// the screen's device pixel ratio, so it is as sharp as the plot on screen. Returns an empty string on
/// success, else a message that names the file and what to do.
QString exportChart(QCustomPlot* plot, const QString& path);

/// Adds the three export actions to `menu`; each asks for a file name (starting with `baseName` in the user's
/// pictures folder) and shows a failure in a message box over `dialogParent`.
void addChartExportActions(QMenu* menu, QCustomPlot* plot, QWidget* dialogParent, const QString& baseName);

/// Gives `plot` a context menu with the export actions (see addChartExportActions).
void installChartExportMenu(QCustomPlot* plot, QWidget* dialogParent, const QString& baseName);

} // namespace qs
