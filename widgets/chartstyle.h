#pragma once
// What every result chart shares: the error band colours and names as Qt types, SQNR and percentage texts,
// and the look of a QCustomPlot derived from the widget's palette and font (so that the charts follow the
// light and dark themes and stay readable at any display scaling).

#include "report/errorbands.h"

#include <QColor>
#include <QString>

class QCustomPlot;
class QWidget;

namespace qs {

/// errorBandColor() as a QColor.
QColor errorBandQColor(ErrorBand band);
/// "good", "fair", "poor", "bad", "not measured" in the interface language.
QString errorBandName(ErrorBand band);
/// The band's range in dB, e.g. "≥ 30 dB", "20–30 dB", "< 10 dB"; empty for ErrorBand::Unmeasured.
QString errorBandRange(ErrorBand band, const ErrorBands& bands);
/// "23.4 dB", "∞ dB" for an exact match, "not measured" for NaN.
QString formatSqnrDb(double sqnrDb);
/// A fraction as a percentage with one decimal: 0.7612 gives "76.1 %".
QString formatPercent(double fraction);

/// Background, axes, grid, tick labels and legend of `plot` in the colours of `source`'s palette and its
/// font (tick labels in the font, axis labels and the legend too). Call again on a palette or font change.
void applyChartStyle(QCustomPlot* plot, const QWidget& source);

enum class LegendPlace { AbovePlot, BelowPlot };
/// Moves the legend out of the axis rect into one row above or below it (so that it never hides data) and
/// shows it without a frame.
void placeLegendOutside(QCustomPlot* plot, LegendPlace place);

} // namespace qs
