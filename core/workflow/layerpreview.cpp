#include "workflow/layerpreview.h"

#include "quant/linearquantization.h"
#include "quant/quantizedtensors.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace {

double sqnrDb(double signal, double noise) {
    if (noise <= 0.0)
        return std::numeric_limits<double>::infinity();
    if (signal <= 0.0)
        return -std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signal / noise);
}

std::vector<double> uniformLevels(const QuantParams& params, size_t channel) {
    std::vector<double> levels;
    levels.reserve(size_t(params.qmax - params.qmin + 1));
    for (int32_t q = params.qmin; q <= params.qmax; ++q)
        levels.push_back(double(dequantizeLinearValue(q, params.scale(channel), params.zeroPoint(channel))));
    return levels;
}

std::vector<double> groupLevels(const WeightQuantization& quantization, size_t group) {
    if (quantization.scheme == SchemeKind::Uniform)
        return uniformLevels(quantization.uniform, group);
    std::vector<double> levels;
    if (group >= quantization.tables.size())
        return levels;
    for (float value : quantization.tables[group]) {
        levels.push_back(double(value));
        if (quantization.scheme == SchemeKind::Log && value != 0.0f)
            levels.push_back(-double(value));
    }
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    return levels;
}

/// Half the gap between the two outermost levels at the low (or high) end: a value within it of the outermost
/// level is rounded to it, not clipped.
double halfOuterStep(const std::vector<double>& levels, bool lowEnd) {
    if (levels.size() < 2)
        return 0.0;
    const size_t last = levels.size() - 1;
    return 0.5 * (lowEnd ? levels[1] - levels[0] : levels[last] - levels[last - 1]);
}

/// The elements of a tensor grouped by channel along `axis`: element (o, c, k) is at (o * channels + c) *
/// inner + k.
struct ChannelIndex {
    size_t outer = 1;
    size_t channels = 1;
    size_t inner = 1;

    /// Calls visit(channel, begin, length) for every contiguous run of one channel.
    template <typename Visit> void forEachRun(Visit visit) const {
        for (size_t o = 0; o < outer; ++o)
            for (size_t c = 0; c < channels; ++c)
                visit(c, (o * channels + c) * inner, inner);
    }
};

ChannelIndex channelIndex(const std::vector<int64_t>& dims, int axis, size_t count) {
    ChannelIndex index;
    if (axis < 0 || size_t(axis) >= dims.size()) {
        index.inner = count;
        return index;
    }
    for (size_t d = 0; d < size_t(axis); ++d)
        index.outer *= size_t(std::max<int64_t>(dims[d], 1));
    index.channels = size_t(std::max<int64_t>(dims[size_t(axis)], 1));
    for (size_t d = size_t(axis) + 1; d < dims.size(); ++d)
        index.inner *= size_t(std::max<int64_t>(dims[d], 1));
    return index;
}

} // namespace

WeightPreview previewLayerWeights(const Graph& graph, const QuantizableLayer& layer,
                                  const QuantScheme& scheme, CodebookInit codebookInit) {
    if (scheme.kind == SchemeKind::Float)
        throw Error("layer '" + layer.nodeName + "': a float weight has no quantization to preview");
    WeightPreview preview;
    preview.quantization = quantizeLayerWeight(graph, layer, scheme, codebookInit);
    const WeightQuantization& quantization = preview.quantization;
    const Tensor& weight = *graph.initializer(layer.weightName);
    const float* values = weight.as<float>();
    const size_t count = quantization.dequantized.size();
    const ChannelIndex channels = channelIndex(weight.dims, quantization.axis, count);
    const float* decoded = quantization.dequantized.data();

    std::vector<double> channelMin(channels.channels, std::numeric_limits<double>::infinity());
    std::vector<double> channelMax(channels.channels, -std::numeric_limits<double>::infinity());
    double signal = 0.0, noise = 0.0;
    channels.forEachRun([&](size_t c, size_t begin, size_t length) {
        float low = values[begin], high = values[begin];
        double runSignal = 0.0, runNoise = 0.0;
        for (size_t i = begin; i < begin + length; ++i) {
            low = std::min(low, values[i]);
            high = std::max(high, values[i]);
            const double error = double(values[i]) - double(decoded[i]);
            runSignal += double(values[i]) * double(values[i]);
            runNoise += error * error;
        }
        channelMin[c] = std::min(channelMin[c], double(low));
        channelMax[c] = std::max(channelMax[c], double(high));
        signal += runSignal;
        noise += runNoise;
    });
    size_t widest = 0;
    for (size_t c = 1; c < channels.channels; ++c)
        if (channelMax[c] - channelMin[c] > channelMax[widest] - channelMin[widest])
            widest = c;

    std::vector<double> lowBound(channels.channels), highBound(channels.channels);
    std::vector<float> lowLimit(channels.channels), highLimit(channels.channels);
    for (size_t c = 0; c < channels.channels; ++c) {
        const std::vector<double> levels = groupLevels(quantization, c);
        lowBound[c] = levels.empty() ? 0.0 : levels.front();
        highBound[c] = levels.empty() ? 0.0 : levels.back();
        lowLimit[c] = float(lowBound[c] - halfOuterStep(levels, true));
        highLimit[c] = float(highBound[c] + halfOuterStep(levels, false));
    }
    size_t clipped = 0;
    channels.forEachRun([&](size_t c, size_t begin, size_t length) {
        if (channelMin[c] >= lowLimit[c] && channelMax[c] <= highLimit[c])
            return;
        for (size_t i = begin; i < begin + length; ++i)
            clipped += values[i] < lowLimit[c] || values[i] > highLimit[c];
    });

    QuantizationGrid& grid = preview.grid;
    grid.description = scheme.describe();
    grid.levels = groupLevels(quantization, widest);
    grid.channel = quantization.axis >= 0 ? int(widest) : -1;
    grid.clipMin = *std::min_element(lowBound.begin(), lowBound.end());
    grid.clipMax = *std::max_element(highBound.begin(), highBound.end());
    grid.clippedFraction = count == 0 ? 0.0 : double(clipped) / double(count);
    grid.sqnrDb = sqnrDb(signal, noise);
    return preview;
}

QuantizationGrid previewActivation(const TensorHistogram& histogram, const QuantScheme& scheme,
                                   const CalibrationSettings& settings, const std::string& tensorName) {
    scheme.validate(TensorRole::Activation, tensorName);
    const QuantParams params = activationParams(histogram, scheme, settings, tensorName);
    QuantizationGrid grid;
    grid.description = scheme.describe() + ", " + settings.method + " range";
    grid.levels = uniformLevels(params, 0);
    grid.clipMin = grid.levels.front();
    grid.clipMax = grid.levels.back();
    const double total = double(histogram.totalCount());
    const double lowLimit = grid.clipMin - halfOuterStep(grid.levels, true);
    const double highLimit = grid.clipMax + halfOuterStep(grid.levels, false);
    const double outside =
        (double(histogram.minValue()) < lowLimit ? histogram.countBelow(lowLimit) : 0.0) +
        (double(histogram.maxValue()) > highLimit ? total - histogram.countBelow(highLimit) : 0.0);
    grid.clippedFraction = total > 0.0 ? std::clamp(outside / total, 0.0, 1.0) : 0.0;

    double signal = 0.0, noise = 0.0;
    const std::vector<double>& counts = histogram.counts();
    for (size_t bin = 0; bin < counts.size(); ++bin) {
        if (counts[bin] <= 0.0)
            continue;
        const double centre =
            std::clamp(histogram.binCenter(bin), double(histogram.minValue()), double(histogram.maxValue()));
        const int32_t code = quantizeLinearValue(float(centre), params.scale(0), params.zeroPoint(0),
                                                 params.qmin, params.qmax);
        const double error =
            centre - double(dequantizeLinearValue(code, params.scale(0), params.zeroPoint(0)));
        signal += counts[bin] * centre * centre;
        noise += counts[bin] * error * error;
    }
    grid.sqnrDb = sqnrDb(signal, noise);
    return grid;
}

Histogram displayHistogram(const TensorHistogram& histogram, size_t binCount) {
    Histogram display;
    if (histogram.empty() || binCount == 0)
        return display;
    const double width = histogram.binWidth();
    const size_t bins = histogram.binCount();
    auto binOf = [&](double value) {
        const double position = (value - histogram.lowerEdge()) / width;
        return std::min(bins - 1, size_t(std::max(0.0, std::floor(position))));
    };
    const size_t first = binOf(histogram.minValue());
    const size_t last = binOf(histogram.maxValue());
    const size_t used = last - first + 1;
    const size_t merge = (used + binCount - 1) / binCount;
    const size_t outputBins = (used + merge - 1) / merge;
    display.lower = histogram.lowerEdge() + double(first) * width;
    display.upper = display.lower + double(outputBins * merge) * width;
    display.counts.assign(outputBins, 0);
    for (size_t bin = first; bin <= last; ++bin)
        display.counts[(bin - first) / merge] += int64_t(std::llround(histogram.counts()[bin]));
    return display;
}

} // namespace qs
