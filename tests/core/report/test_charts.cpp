// The charts: what they draw follows the data (bar order and lengths, the Pareto front).

#include "report/charts.h"

#include "reportfixtures.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace qs;
using qs::test::svgElements;
using qs::test::svgTexts;

TEST_CASE("The layer chart puts the worst layer first with bars proportional to the SQNR", "[report]") {
    const std::vector<LayerErrorBar> layers = {
        {"good", 36.0, 40.0}, {"worst", 8.0, 12.0}, {"fair", 22.0, 30.0}, {"poor", 15.0, 18.0}};
    const std::vector<LayerErrorBar> rows = worstLayersFirst(layers);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].layer == "worst");
    CHECK(rows[1].layer == "poor");
    CHECK(rows[2].layer == "fair");
    CHECK(rows[3].layer == "good");

    SvgCanvas canvas(515, layerErrorChartHeight(rows.size()));
    drawLayerErrorChart(canvas, rows, 515);
    const std::string svg = canvas.svg();
    CHECK(svgTexts(svg, "layer-labels") == std::vector<std::string>{"worst", "poor", "fair", "good"});

    const auto cumulative = svgElements(svg, "cumulative-bars", "rect");
    const auto isolated = svgElements(svg, "isolated-bars", "rect");
    REQUIRE(cumulative.size() == 4);
    REQUIRE(isolated.size() == 8); // a filled and an outlined rect per bar
    const double pixelsPerDb = std::stod(cumulative[0].at("width")) / 8.0;
    CHECK(pixelsPerDb > 1.0);
    for (size_t i = 0; i < rows.size(); ++i) {
        INFO("row " << i);
        CHECK(std::stod(cumulative[i].at("width")) ==
              Approx(rows[i].cumulativeSqnrDb * pixelsPerDb).epsilon(0.01));
        CHECK(std::stod(isolated[2 * i].at("width")) ==
              Approx(rows[i].isolatedSqnrDb * pixelsPerDb).epsilon(0.01));
        // Rows go down the page in order.
        if (i > 0)
            CHECK(std::stod(cumulative[i].at("y")) > std::stod(cumulative[i - 1].at("y")));
    }
    // Band colours from errorbands.h: worst is bad, good is good.
    CHECK(cumulative[0].at("fill") == cssColor(errorBandColor(ErrorBand::Bad)));
    CHECK(cumulative[3].at("fill") == cssColor(errorBandColor(ErrorBand::Good)));
    // The three thresholds are dashed lines and are named in the legend.
    size_t dashed = 0;
    for (size_t at = svg.find("stroke-dasharray"); at != std::string::npos;
         at = svg.find("stroke-dasharray", at + 1))
        ++dashed;
    CHECK(dashed == 4); // three thresholds and the legend sample
    CHECK(svg.find("band thresholds") != std::string::npos);
    CHECK(svg.find("good &gt;= 30 dB") != std::string::npos);
}

TEST_CASE("The layer chart keeps the 40 worst layers and puts unmeasured ones last", "[report]") {
    std::vector<LayerErrorBar> layers;
    for (int i = 0; i < 60; ++i)
        layers.push_back({"layer" + std::to_string(i), 60.0 - i, NAN});
    layers.push_back({"unmeasured", NAN, NAN});
    const std::vector<LayerErrorBar> rows = worstLayersFirst(layers);
    REQUIRE(rows.size() == kMaxChartLayers);
    CHECK(rows.front().layer == "layer59");
    CHECK(rows.back().layer == "layer20");
    const std::vector<LayerErrorBar> all = worstLayersFirst(layers, 100);
    CHECK(all.back().layer == "unmeasured");
}

TEST_CASE("The accuracy chart draws float, quantized and agreement bars with the delta", "[report]") {
    AccuracyBars bars;
    bars.floatTop1 = 0.9;
    bars.quantTop1 = 0.85;
    bars.agreementTop1 = 0.5;
    SvgCanvas canvas(515, accuracyChartHeight(bars));
    drawAccuracyChart(canvas, bars, 515);
    const std::string svg = canvas.svg();
    const auto rects = svgElements(svg, "accuracy-bars", "rect");
    REQUIRE(rects.size() == 3);
    const double fullWidth = std::stod(rects[0].at("width")) / 0.9;
    CHECK(std::stod(rects[1].at("width")) == Approx(0.85 * fullWidth));
    CHECK(std::stod(rects[2].at("width")) == Approx(0.5 * fullWidth));
    CHECK(svg.find("-5.00 pt") != std::string::npos);
    CHECK(accuracyChartHeight(AccuracyBars{}) == 0.0);
}

TEST_CASE("The Pareto front keeps the points no other point beats", "[report]") {
    const std::vector<StrategyPoint> points = {
        {"float", 1000, 0.90}, {"w8", 300, 0.89}, {"w4", 200, 0.80}, {"bad", 400, 0.70}, {"w2", 150, 0.50}};
    CHECK(paretoFront(points) == std::vector<size_t>{4, 2, 1, 0});
    SvgCanvas canvas(515, 240);
    drawSizeAccuracyChart(canvas, points, 515, 240);
    const std::string svg = canvas.svg();
    CHECK(svgElements(svg, "strategy-points", "circle").size() == points.size());
    const size_t polyline = svg.find("<polyline points=\"");
    REQUIRE(polyline != std::string::npos);
    const std::string list = svg.substr(polyline, svg.find('"', polyline + 18) - polyline);
    CHECK(std::count(list.begin(), list.end(), ',') == 4);
    for (const StrategyPoint& point : points)
        CHECK(svg.find(">" + point.label + "</text>") != std::string::npos);
}

TEST_CASE("niceTicks steps by 1, 2 or 5 times a power of ten", "[report]") {
    CHECK(niceTicks(0, 100, 5) == std::vector<double>{0, 20, 40, 60, 80, 100});
    CHECK(niceTicks(0, 40, 6) == std::vector<double>{0, 10, 20, 30, 40});
    const std::vector<double> small = niceTicks(0.0, 0.13, 5);
    REQUIRE(small.size() >= 2);
    CHECK(small[1] - small[0] == Approx(0.05));
}
