#include "report/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qs {

namespace {

constexpr unsigned kAxisColor = 0x444444;
constexpr unsigned kGridColor = 0xDDDDDD;
constexpr unsigned kTextColor = 0x222222;
constexpr unsigned kFloatColor = 0x7F7F7F;
constexpr unsigned kQuantColor = 0x0072B2;
constexpr unsigned kAgreementColor = 0x009E73;
constexpr double kLabelPt = 7.5;
constexpr double kValuePt = 7.0;

std::string format(const char* pattern, double value) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

std::string tickText(double value) {
    std::string text = format("%.6g", std::abs(value) < 1e-9 ? 0.0 : value);
    return text;
}

/// `color` mixed with white: 0 keeps it, 1 is white.
unsigned lighter(unsigned color, double amount) {
    unsigned out = 0;
    for (int shift : {16, 8, 0}) {
        const double channel = (color >> shift) & 0xFF;
        out |= unsigned(std::lround(channel + (255.0 - channel) * amount)) << shift;
    }
    return out;
}

TextStyle style(double sizePt, TextAnchor anchor = TextAnchor::Start, unsigned color = kTextColor) {
    TextStyle text;
    text.sizePt = sizePt;
    text.anchor = anchor;
    text.color = color;
    return text;
}

void legendSwatch(Canvas& canvas, double& x, double y, unsigned fill, unsigned stroke,
                  const std::string& label) {
    canvas.fillRect(x, y - 7, 10, 8, fill);
    canvas.strokeRect(x, y - 7, 10, 8, stroke, 0.6);
    canvas.text(x + 13, y, label, style(kLabelPt));
    x += 13 + textWidth(label, kLabelPt) + 12;
}

void legendDash(Canvas& canvas, double& x, double y, const std::string& label) {
    canvas.line(x, y - 3, x + 14, y - 3, kAxisColor, 0.8, LineStyle::Dashed);
    canvas.text(x + 17, y, label, style(kLabelPt));
    x += 17 + textWidth(label, kLabelPt) + 12;
}

bool measured(double value) {
    return !std::isnan(value);
}

std::string sqnrText(double value) {
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    return format("%.1f", value);
}

} // namespace

std::vector<double> niceTicks(double low, double high, int target) {
    if (!(high > low) || !std::isfinite(low) || !std::isfinite(high))
        return {low};
    const double rough = (high - low) / std::max(1, target);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = magnitude;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = factor * magnitude;
        if (step >= rough)
            break;
    }
    std::vector<double> ticks;
    for (double tick = std::ceil(low / step - 1e-9) * step; tick <= high + step * 1e-9; tick += step)
        ticks.push_back(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
    return ticks;
}

// ---- accuracy ----

namespace {

struct AccuracyRow {
    std::string label;
    double value = 0.0;
    unsigned color = 0;
    std::string note;
    bool groupStart = false;
};

std::vector<AccuracyRow> accuracyRows(const AccuracyBars& bars) {
    std::vector<AccuracyRow> rows;
    auto pair = [&](const char* name, const std::optional<double>& floatValue,
                    const std::optional<double>& quantValue) {
        if (!floatValue && !quantValue)
            return;
        bool first = true;
        if (floatValue) {
            rows.push_back({std::string(name) + " float", *floatValue, kFloatColor, "", true});
            first = false;
        }
        if (quantValue) {
            std::string note;
            if (floatValue)
                note = format("%+.2f pt", (*quantValue - *floatValue) * 100.0);
            rows.push_back({std::string(name) + " quantized", *quantValue, kQuantColor, note, first});
        }
    };
    pair("Top-1", bars.floatTop1, bars.quantTop1);
    pair("Top-5", bars.floatTop5, bars.quantTop5);
    if (bars.agreementTop1)
        rows.push_back({"Top-1 agreement", *bars.agreementTop1, kAgreementColor, "", true});
    return rows;
}

constexpr double kAccuracyRowPt = 16.0;
constexpr double kAccuracyGapPt = 6.0;
constexpr double kAccuracyTopPt = 6.0;
constexpr double kAxisBandPt = 22.0;

} // namespace

double accuracyChartHeight(const AccuracyBars& bars) {
    const std::vector<AccuracyRow> rows = accuracyRows(bars);
    if (rows.empty())
        return 0.0;
    double height = kAccuracyTopPt + kAxisBandPt;
    for (const AccuracyRow& row : rows)
        height += kAccuracyRowPt + (row.groupStart ? kAccuracyGapPt : 0.0);
    return height;
}

void drawAccuracyChart(Canvas& canvas, const AccuracyBars& bars, double width) {
    const std::vector<AccuracyRow> rows = accuracyRows(bars);
    if (rows.empty())
        return;
    const double height = accuracyChartHeight(bars);
    const double plotLeft = 110.0;
    const double plotRight = width - 110.0;
    const double plotWidth = plotRight - plotLeft;
    const double plotBottom = height - kAxisBandPt;
    const auto xOf = [&](double fraction) { return plotLeft + std::clamp(fraction, 0.0, 1.0) * plotWidth; };

    for (double tick : niceTicks(0.0, 100.0, 5)) {
        const double x = xOf(tick / 100.0);
        canvas.line(x, kAccuracyTopPt, x, plotBottom, kGridColor, 0.5);
        canvas.line(x, plotBottom, x, plotBottom + 3, kAxisColor, 0.6);
        canvas.text(x, plotBottom + 11, tickText(tick) + " %", style(kLabelPt, TextAnchor::Middle));
    }
    canvas.line(plotLeft, plotBottom, plotRight, plotBottom, kAxisColor, 0.8);
    canvas.line(plotLeft, kAccuracyTopPt, plotLeft, plotBottom, kAxisColor, 0.8);

    double y = kAccuracyTopPt;
    canvas.beginGroup("accuracy-bars");
    for (const AccuracyRow& row : rows) {
        if (row.groupStart)
            y += kAccuracyGapPt;
        const double barTop = y + 2.0;
        const double barHeight = kAccuracyRowPt - 4.0;
        canvas.fillRect(plotLeft, barTop, xOf(row.value) - plotLeft, barHeight, row.color);
        y += kAccuracyRowPt;
    }
    canvas.endGroup();
    y = kAccuracyTopPt;
    for (const AccuracyRow& row : rows) {
        if (row.groupStart)
            y += kAccuracyGapPt;
        const double baseline = y + kAccuracyRowPt / 2.0 + 2.5;
        canvas.text(plotLeft - 5, baseline, row.label, style(kLabelPt, TextAnchor::End));
        std::string value = format("%.2f %%", row.value * 100.0);
        if (!row.note.empty())
            value += "  (" + row.note + ")";
        canvas.text(xOf(row.value) + 4, baseline, value, style(kValuePt));
        y += kAccuracyRowPt;
    }
}

// ---- per-layer error ----

namespace {

constexpr double kLayerRowPt = 17.0;
constexpr double kLayerBarPt = 6.5;
constexpr double kLayerLegendPt = 34.0;

double worstKey(const LayerErrorBar& row) {
    return measured(row.cumulativeSqnrDb) ? row.cumulativeSqnrDb : row.isolatedSqnrDb;
}

} // namespace

std::vector<LayerErrorBar> worstLayersFirst(std::vector<LayerErrorBar> rows, size_t maxRows) {
    std::stable_sort(rows.begin(), rows.end(), [](const LayerErrorBar& a, const LayerErrorBar& b) {
        const double keyA = worstKey(a);
        const double keyB = worstKey(b);
        if (measured(keyA) != measured(keyB))
            return measured(keyA);
        if (!measured(keyA))
            return false;
        if (keyA != keyB)
            return keyA < keyB;
        const double isolatedA = measured(a.isolatedSqnrDb) ? a.isolatedSqnrDb : HUGE_VAL;
        const double isolatedB = measured(b.isolatedSqnrDb) ? b.isolatedSqnrDb : HUGE_VAL;
        return isolatedA < isolatedB;
    });
    if (rows.size() > maxRows)
        rows.resize(maxRows);
    return rows;
}

double layerErrorChartHeight(size_t rowCount) {
    return kLayerLegendPt + rowCount * kLayerRowPt + kAxisBandPt + 4;
}

void drawLayerErrorChart(Canvas& canvas, const std::vector<LayerErrorBar>& rows, double width,
                         const ErrorBands& bands) {
    const double height = layerErrorChartHeight(rows.size());
    const double labelWidth = std::min(170.0, width * 0.32);
    const double plotLeft = labelWidth + 6.0;
    const double plotRight = width - 34.0;
    const double plotWidth = plotRight - plotLeft;
    const double plotTop = kLayerLegendPt;
    const double plotBottom = height - kAxisBandPt;

    double largest = bands.goodSqnrDb;
    for (const LayerErrorBar& row : rows)
        for (double value : {row.cumulativeSqnrDb, row.isolatedSqnrDb})
            if (std::isfinite(value))
                largest = std::max(largest, value);
    const double axisMax = std::max(40.0, std::ceil(largest / 10.0) * 10.0);
    const auto xOf = [&](double db) {
        if (std::isinf(db))
            return db > 0 ? plotRight : plotLeft;
        return plotLeft + std::clamp(db, 0.0, axisMax) / axisMax * plotWidth;
    };

    double legendX = 0.0;
    legendSwatch(canvas, legendX, 10, errorBandColor(ErrorBand::Good), errorBandColor(ErrorBand::Good),
                 "good >= " + tickText(bands.goodSqnrDb) + " dB");
    legendSwatch(canvas, legendX, 10, errorBandColor(ErrorBand::Fair), errorBandColor(ErrorBand::Fair),
                 "fair " + tickText(bands.fairSqnrDb) + "-" + tickText(bands.goodSqnrDb) + " dB");
    legendSwatch(canvas, legendX, 10, errorBandColor(ErrorBand::Poor), errorBandColor(ErrorBand::Poor),
                 "poor " + tickText(bands.poorSqnrDb) + "-" + tickText(bands.fairSqnrDb) + " dB");
    legendSwatch(canvas, legendX, 10, errorBandColor(ErrorBand::Bad), errorBandColor(ErrorBand::Bad),
                 "bad < " + tickText(bands.poorSqnrDb) + " dB");
    legendX = 0.0;
    legendSwatch(canvas, legendX, 24, 0x555555, 0x555555, "cumulative SQNR (all layers quantized)");
    legendSwatch(canvas, legendX, 24, lighter(0x555555, 0.6), 0x555555,
                 "isolated SQNR (only this layer quantized)");
    legendDash(canvas, legendX, 24, "band thresholds");

    for (double tick : niceTicks(0.0, axisMax, 6)) {
        const double x = xOf(tick);
        canvas.line(x, plotTop, x, plotBottom, kGridColor, 0.5);
        canvas.line(x, plotBottom, x, plotBottom + 3, kAxisColor, 0.6);
        canvas.text(x, plotBottom + 11, tickText(tick), style(kLabelPt, TextAnchor::Middle));
    }
    canvas.text(plotRight, plotBottom + 20, "SQNR (dB), higher is better", style(kLabelPt, TextAnchor::End));

    canvas.beginGroup("layer-labels");
    for (size_t i = 0; i < rows.size(); ++i) {
        const double baseline = plotTop + i * kLayerRowPt + kLayerRowPt / 2.0 + 2.5;
        canvas.text(labelWidth, baseline, fitText(rows[i].layer, labelWidth, kLabelPt),
                    style(kLabelPt, TextAnchor::End));
    }
    canvas.endGroup();

    const auto drawBars = [&](const char* group, bool cumulative) {
        canvas.beginGroup(group);
        for (size_t i = 0; i < rows.size(); ++i) {
            const double value = cumulative ? rows[i].cumulativeSqnrDb : rows[i].isolatedSqnrDb;
            if (!measured(value))
                continue;
            const unsigned color = errorBandColor(bands.band(value));
            const double top = plotTop + i * kLayerRowPt + 1.5 + (cumulative ? 0.0 : kLayerBarPt + 0.5);
            const double barWidth = xOf(value) - plotLeft;
            if (cumulative) {
                canvas.fillRect(plotLeft, top, barWidth, kLayerBarPt, color);
            } else {
                canvas.fillRect(plotLeft, top, barWidth, kLayerBarPt, lighter(color, 0.6));
                canvas.strokeRect(plotLeft, top, barWidth, kLayerBarPt, color, 0.5);
            }
        }
        canvas.endGroup();
    };
    drawBars("cumulative-bars", true);
    drawBars("isolated-bars", false);

    for (size_t i = 0; i < rows.size(); ++i) {
        for (bool cumulative : {true, false}) {
            const double value = cumulative ? rows[i].cumulativeSqnrDb : rows[i].isolatedSqnrDb;
            const double baseline =
                plotTop + i * kLayerRowPt + 1.5 + (cumulative ? 0.0 : kLayerBarPt + 0.5) + kLayerBarPt - 0.8;
            const std::string text = measured(value) ? sqnrText(value) : "n/a";
            canvas.text((measured(value) ? xOf(value) : plotLeft) + 2.5, baseline, text, style(6.0));
        }
    }

    for (double threshold : {bands.poorSqnrDb, bands.fairSqnrDb, bands.goodSqnrDb}) {
        const double x = xOf(threshold);
        canvas.line(x, plotTop - 2, x, plotBottom, kAxisColor, 0.8, LineStyle::Dashed);
    }
    canvas.line(plotLeft, plotTop - 2, plotLeft, plotBottom, kAxisColor, 0.8);
    canvas.line(plotLeft, plotBottom, plotRight, plotBottom, kAxisColor, 0.8);
}

// ---- size against accuracy ----

std::vector<size_t> paretoFront(const std::vector<StrategyPoint>& points) {
    std::vector<size_t> order(points.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (points[a].sizeBytes != points[b].sizeBytes)
            return points[a].sizeBytes < points[b].sizeBytes;
        return points[a].accuracy > points[b].accuracy;
    });
    std::vector<size_t> front;
    double best = -HUGE_VAL;
    for (size_t index : order) {
        if (points[index].accuracy > best) {
            front.push_back(index);
            best = points[index].accuracy;
        }
    }
    return front;
}

void drawSizeAccuracyChart(Canvas& canvas, const std::vector<StrategyPoint>& points, double width,
                           double height) {
    if (points.empty())
        return;
    uint64_t largestBytes = 0;
    double lowAccuracy = 1.0;
    double highAccuracy = 0.0;
    for (const StrategyPoint& point : points) {
        largestBytes = std::max(largestBytes, point.sizeBytes);
        lowAccuracy = std::min(lowAccuracy, point.accuracy);
        highAccuracy = std::max(highAccuracy, point.accuracy);
    }
    const bool mebibytes = largestBytes >= 1024 * 1024;
    const double unit = mebibytes ? 1024.0 * 1024.0 : 1024.0;
    const std::string unitName = mebibytes ? "MiB" : "KiB";
    const double xMax = std::max(largestBytes / unit * 1.08, 1e-3);
    double yLow = lowAccuracy * 100.0;
    double yHigh = highAccuracy * 100.0;
    const double margin = std::max(1.0, (yHigh - yLow) * 0.15);
    yLow = std::max(0.0, yLow - margin);
    yHigh = std::min(100.0, yHigh + margin);
    if (yHigh - yLow < 1.0)
        yLow = std::max(0.0, yHigh - 1.0);

    const double plotLeft = 48.0;
    const double plotRight = width - 12.0;
    const double plotTop = 12.0;
    const double plotBottom = height - 34.0;
    const auto xOf = [&](uint64_t bytes) {
        return plotLeft + (bytes / unit) / xMax * (plotRight - plotLeft);
    };
    const auto yOf = [&](double accuracy) {
        return plotBottom - (accuracy * 100.0 - yLow) / (yHigh - yLow) * (plotBottom - plotTop);
    };

    for (double tick : niceTicks(0.0, xMax, 6)) {
        const double x = plotLeft + tick / xMax * (plotRight - plotLeft);
        canvas.line(x, plotTop, x, plotBottom, kGridColor, 0.5);
        canvas.text(x, plotBottom + 11, tickText(tick), style(kLabelPt, TextAnchor::Middle));
    }
    for (double tick : niceTicks(yLow, yHigh, 5)) {
        const double y = yOf(tick / 100.0);
        canvas.line(plotLeft, y, plotRight, y, kGridColor, 0.5);
        canvas.text(plotLeft - 4, y + 2.5, tickText(tick) + " %", style(kLabelPt, TextAnchor::End));
    }
    canvas.line(plotLeft, plotBottom, plotRight, plotBottom, kAxisColor, 0.8);
    canvas.line(plotLeft, plotTop, plotLeft, plotBottom, kAxisColor, 0.8);
    canvas.text((plotLeft + plotRight) / 2.0, plotBottom + 24, "model size (" + unitName + ")",
                style(kLabelPt, TextAnchor::Middle));
    TextStyle yTitle = style(kLabelPt, TextAnchor::Middle);
    yTitle.rotationDeg = 90.0;
    canvas.text(10, (plotTop + plotBottom) / 2.0, "accuracy", yTitle);

    std::vector<CanvasPoint> frontLine;
    for (size_t index : paretoFront(points))
        frontLine.push_back({xOf(points[index].sizeBytes), yOf(points[index].accuracy)});
    canvas.polyline(frontLine, kQuantColor, 1.2);

    canvas.beginGroup("strategy-points");
    for (const StrategyPoint& point : points)
        canvas.circle(xOf(point.sizeBytes), yOf(point.accuracy), 3.5, 0xFFFFFF, kQuantColor, 1.2);
    canvas.endGroup();
    for (const StrategyPoint& point : points) {
        const double x = xOf(point.sizeBytes);
        const std::string label = fitText(point.label, 140.0, kLabelPt);
        const bool leftSide = x + 6 + textWidth(label, kLabelPt) > plotRight;
        // Above the point, or below it when the point is at the top of the plot (100 % is common).
        const double y = yOf(point.accuracy);
        const double labelY = y - 4 - kLabelPt < plotTop ? y + 4 + kLabelPt : y - 4;
        canvas.text(leftSide ? x - 6 : x + 6, labelY, label,
                    style(kLabelPt, leftSide ? TextAnchor::End : TextAnchor::Start));
    }
}

} // namespace qs
