#include "histogramview.h"

#include <catch2/catch.hpp>

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
