#include "histogramview.h"

#include <catch2/catch.hpp>

#include <QImage>
#include <QTest>
#include <QToolButton>
#include <QToolTip>
#include <limits>
#include <vector>

using qs::HistogramView;

namespace {

qs::Tensor floatTensor(const std::vector<float>& values, std::vector<int64_t> dims) {
    qs::Tensor tensor;
    tensor.name = "w";
    tensor.type = qs::DataType::Float;
    tensor.dims = std::move(dims);
    tensor.data.resize(values.size() * sizeof(float));
    std::copy(values.begin(), values.end(), tensor.as<float>());
    return tensor;
}

QVector<double> toDoubles(const std::vector<int64_t>& counts) {
    QVector<double> result;
    for (int64_t count : counts)
        result << double(count);
    return result;
}

} // namespace

TEST_CASE("HistogramView starts empty with a hint", "[widgets][histogram]") {
    HistogramView view;
    CHECK_FALSE(view.hasWeights());
    CHECK_FALSE(view.emptyText().isEmpty());
    CHECK(view.plottedBinCounts().isEmpty());
    view.clear("conv9 has no weight");
    CHECK(view.emptyText() == "conv9 has no weight");
}

TEST_CASE("HistogramView plots the bin counts of a known tensor", "[widgets][histogram]") {
    const qs::Tensor tensor = floatTensor({0, 1, 1, 2, 2, 2, 3, 3, 3, 3}, {2, 5});
    const qs::WeightStats stats = qs::computeWeightStats(tensor, 0, 4);
    HistogramView view;
    view.resize(400, 300);
    view.setWeights("conv1", stats);

    CHECK(view.hasWeights());
    CHECK(view.titleText().contains("conv1"));
    CHECK(view.plottedBinCounts() == QVector<double>{1, 2, 3, 4});
    CHECK(view.plottedBinCounts() == toDoubles(stats.histogram.counts));
    CHECK(view.plottedChannelCount() == 0);

    view.setMode(qs::HistogramMode::PerChannel);
    CHECK(view.plottedChannelCount() == 2);
    CHECK(view.plottedBinCounts().isEmpty());

    view.setMode(qs::HistogramMode::WholeTensor);
    view.clear();
    CHECK_FALSE(view.hasWeights());
    CHECK(view.plottedBinCounts().isEmpty());
}

TEST_CASE("HistogramView keeps empty bins at zero on a logarithmic axis", "[widgets][histogram]") {
    const qs::Tensor tensor = floatTensor({0, 0, 3}, {3});
    const qs::WeightStats stats = qs::computeWeightStats(tensor, -1, 3);
    HistogramView view;
    view.setCountScale(qs::AxisScale::Logarithmic);
    view.setWeights("fc", stats);
    CHECK(view.countScale() == qs::AxisScale::Logarithmic);
    CHECK(view.plottedBinCounts() == QVector<double>{2, 0, 1});
    view.setCountScale(qs::AxisScale::Linear);
    CHECK(view.plottedBinCounts() == QVector<double>{2, 0, 1});
}

TEST_CASE("HistogramView draws every channel of a wide layer", "[widgets][histogram]") {
    std::vector<float> values;
    for (int i = 0; i < 300 * 4; ++i)
        values.push_back(float(i % 7) - 3.0f);
    const qs::WeightStats stats = qs::computeWeightStats(floatTensor(values, {300, 4}), 0);
    REQUIRE(stats.channels.size() == 300);
    HistogramView view;
    view.setMode(qs::HistogramMode::PerChannel);
    view.setWeights("fc", stats);
    CHECK(view.plottedChannelCount() == 300);
    view.clear();
    CHECK(view.plottedChannelCount() == 0);
}

namespace {

qs::QuantGrid uniformGrid(double clipMin, double clipMax, int levelCount) {
    qs::QuantGrid grid;
    grid.description = "uniform test grid";
    grid.clipMin = clipMin;
    grid.clipMax = clipMax;
    for (int level = 0; level < levelCount; ++level)
        grid.levels << clipMin + (clipMax - clipMin) * double(level) / double(levelCount - 1);
    return grid;
}

qs::WeightStats countingStats() {
    return qs::computeWeightStats(floatTensor({0, 1, 1, 2, 2, 2, 3, 3, 3, 3}, {2, 5}), 0, 4);
}

qs::Histogram activationHistogram() {
    qs::Histogram histogram;
    histogram.lower = -1.0;
    histogram.upper = 2.0;
    histogram.counts = {5, 0, 7};
    return histogram;
}

} // namespace

TEST_CASE("HistogramView draws one line per grid level and a subset of a large grid",
          "[widgets][histogram]") {
    HistogramView view;
    view.resize(400, 300);
    view.setWeights("conv1", countingStats());
    CHECK_FALSE(view.hasGrid());
    CHECK(view.plottedLevelCount() == 0);
    CHECK(view.gridText().isEmpty());

    view.setGrid(uniformGrid(-0.5, 3.5, 15));
    CHECK(view.hasGrid());
    CHECK(view.plottedLevelCount() == 15);
    CHECK(view.gridText().contains("uniform test grid"));
    CHECK(view.gridText().contains("15 levels"));
    CHECK_FALSE(view.gridText().contains("drawn"));

    view.setGrid(uniformGrid(-0.5, 3.5, 256));
    CHECK(view.plottedLevelCount() == 256);

    view.setGrid(uniformGrid(-0.5, 3.5, 65536));
    CHECK(view.plottedLevelCount() == 256);
    CHECK(view.gridText().contains("256 drawn"));

    view.clearGrid();
    CHECK_FALSE(view.hasGrid());
    CHECK(view.plottedLevelCount() == 0);
    CHECK(view.gridText().isEmpty());
}

TEST_CASE("HistogramView grid caption names the clipped share and the SQNR", "[widgets][histogram]") {
    HistogramView view;
    view.setWeights("conv1", countingStats());
    qs::QuantGrid grid = uniformGrid(0.5, 3.0, 16);
    grid.description = "uniform int4 per-tensor, mse range";
    grid.clippedFraction = 0.0012;
    grid.sqnrDb = 38.08;
    view.setGrid(grid);
    CHECK(view.gridText().contains("uniform int4 per-tensor, mse range"));
    CHECK(view.gridText().contains("16 levels"));
    CHECK(view.gridText().contains("clipped 0.12 %"));
    CHECK(view.gridText().contains("SQNR 38.1 dB"));

    grid.sqnrDb = std::numeric_limits<double>::quiet_NaN();
    view.setGrid(grid);
    CHECK(view.gridText().contains("clipped 0.12 %"));
    CHECK_FALSE(view.gridText().contains("SQNR"));
}

TEST_CASE("HistogramView widens the value axis to the clip range", "[widgets][histogram]") {
    HistogramView view;
    view.setWeights("conv1", countingStats());
    const QPair<double, double> before = view.plottedValueRange();
    CHECK(before.first > -2.0);
    CHECK(before.second < 6.0);

    view.setGrid(uniformGrid(-2.0, 6.0, 9));
    CHECK(view.plottedValueRange().first <= -2.0);
    CHECK(view.plottedValueRange().second >= 6.0);

    view.setMode(qs::HistogramMode::PerChannel);
    CHECK(view.plottedLevelCount() == 0);
    CHECK(view.plottedValueRange().first <= -2.0);
    CHECK(view.plottedValueRange().second >= 6.0);
}

TEST_CASE("HistogramView drops the grid with new content", "[widgets][histogram]") {
    HistogramView view;
    view.setWeights("conv1", countingStats());
    view.setGrid(uniformGrid(0.0, 3.0, 4));
    REQUIRE(view.hasGrid());
    view.setWeights("conv2", countingStats());
    CHECK_FALSE(view.hasGrid());
    CHECK(view.plottedLevelCount() == 0);
    CHECK(view.gridText().isEmpty());

    view.setGrid(uniformGrid(0.0, 3.0, 4));
    view.setHistogram("relu1 output", activationHistogram());
    CHECK_FALSE(view.hasGrid());

    view.setGrid(uniformGrid(0.0, 3.0, 4));
    view.clear();
    CHECK_FALSE(view.hasGrid());
    view.setGrid(uniformGrid(0.0, 3.0, 4));
    CHECK_FALSE(view.hasGrid());
    CHECK(view.plottedLevelCount() == 0);
}

TEST_CASE("HistogramView keeps the grid across scale and mode switches", "[widgets][histogram]") {
    HistogramView view;
    view.setWeights("conv1", countingStats());
    qs::QuantGrid grid = uniformGrid(0.0, 3.0, 8);
    grid.clippedFraction = 0.25;
    view.setGrid(grid);
    const QString caption = view.gridText();

    view.setCountScale(qs::AxisScale::Logarithmic);
    CHECK(view.hasGrid());
    CHECK(view.plottedLevelCount() == 8);
    CHECK(view.gridText() == caption);
    CHECK(view.plottedBinCounts() == QVector<double>{1, 2, 3, 4});

    view.setMode(qs::HistogramMode::PerChannel);
    CHECK(view.hasGrid());
    CHECK(view.plottedLevelCount() == 0);
    view.setMode(qs::HistogramMode::WholeTensor);
    CHECK(view.plottedLevelCount() == 8);
    CHECK(view.gridText() == caption);
}

TEST_CASE("HistogramView shows an activation histogram without per-channel data", "[widgets][histogram]") {
    HistogramView view;
    view.setMode(qs::HistogramMode::PerChannel);
    view.setHistogram("relu1 output", activationHistogram());

    CHECK(view.hasHistogram());
    CHECK_FALSE(view.hasWeights());
    CHECK(view.titleText().contains("relu1 output"));
    CHECK(view.titleText().contains("12"));
    CHECK(view.mode() == qs::HistogramMode::WholeTensor);
    CHECK(view.plottedBinCounts() == QVector<double>{5, 0, 7});
    CHECK(view.plottedChannelCount() == 0);
    auto* channelButton = view.findChild<QToolButton*>("perChannelButton");
    REQUIRE(channelButton != nullptr);
    CHECK_FALSE(channelButton->isEnabled());
    CHECK_FALSE(channelButton->isChecked());

    view.setCountScale(qs::AxisScale::Logarithmic);
    CHECK(view.plottedBinCounts() == QVector<double>{5, 0, 7});
    view.setGrid(uniformGrid(0.0, 2.0, 5));
    CHECK(view.plottedLevelCount() == 5);

    view.setWeights("conv1", countingStats());
    CHECK(view.mode() == qs::HistogramMode::PerChannel);
    CHECK(channelButton->isEnabled());
    CHECK(channelButton->isChecked());
    CHECK(view.plottedChannelCount() == 2);

    view.clear();
    CHECK_FALSE(view.hasHistogram());
}

TEST_CASE("HistogramView hover text names the bin range and count", "[widgets][histogram]") {
    HistogramView view;
    CHECK(view.binToolTip(1.0).isEmpty());
    view.setHistogram("relu1 output", activationHistogram());
    CHECK(view.binToolTip(1.5) == QString::fromUtf8("bin 1 … 2\ncount 7"));
    CHECK(view.binToolTip(-0.5).contains("count 5"));
    CHECK(view.binToolTip(0.2).contains("count 0"));
    CHECK(view.binToolTip(2.0).contains("count 7"));
    CHECK(view.binToolTip(-1.5).isEmpty());
    CHECK(view.binToolTip(2.5).isEmpty());
}

namespace {

int shadedPixelCount(const QImage& image) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor color = image.pixelColor(x, y);
            if (color.red() >= 240 && color.green() >= 200 && color.green() <= 232 && color.blue() >= 200 &&
                color.blue() <= 232)
                ++count;
        }
    return count;
}

} // namespace

TEST_CASE("HistogramView shades the clipped regions of the whole-tensor plot", "[widgets][histogram]") {
    HistogramView view;
    view.resize(500, 350);
    view.show();
    view.setWeights("conv1", countingStats());
    CHECK(shadedPixelCount(view.grab().toImage()) == 0);

    view.setGrid(uniformGrid(1.0, 2.0, 3));
    const int shaded = shadedPixelCount(view.grab().toImage());
    CHECK(shaded > 10000);

    view.setMode(qs::HistogramMode::PerChannel); // only the dashed clip bounds
    CHECK(shadedPixelCount(view.grab().toImage()) < shaded / 10);
}

TEST_CASE("HistogramView shows the bin under the mouse as a tooltip", "[widgets][histogram]") {
    HistogramView view;
    view.resize(500, 350);
    view.show();
    view.setHistogram("relu1 output", activationHistogram());
    QWidget* plot = nullptr;
    for (QWidget* child : view.findChildren<QWidget*>())
        if (QByteArray(child->metaObject()->className()) == "QCustomPlot")
            plot = child;
    REQUIRE(plot != nullptr);
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    bool shown = false;
    for (int x = 0; x < plot->width() && !shown; x += 5) {
        QTest::mouseMove(plot, QPoint(x, plot->height() / 2));
        shown = QToolTip::text().contains("count 7");
    }
    CHECK(shown);
    QTest::mouseMove(plot, QPoint(1, 1)); // outside the axis rect
    CHECK(QTest::qWaitFor([] { return !QToolTip::isVisible(); }, 2000));
}
