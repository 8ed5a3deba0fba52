#include "quant/logquantizer.h"

#include "quant/channellayout.h"
#include "quant/weightgroups.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {

LogQuantizer::LogQuantizer(const LogOptions& options) : options_(options) {
    if (options.bits < 3 || options.bits > 8)
        throw Error("log quantization needs 3 to 8 bits, got " + std::to_string(options.bits));
}

std::vector<float> LogQuantizer::levels(float scale, int bits) {
    const int levelCount = (1 << (bits - 1)) - 1;
    std::vector<float> magnitudes(static_cast<size_t>(levelCount) + 1, 0.0f);
    for (int m = 1; m <= levelCount; ++m)
        magnitudes[static_cast<size_t>(m)] = std::ldexp(scale, m - levelCount);
    return magnitudes;
}

int32_t LogQuantizer::nearestLevel(float value, const std::vector<float>& magnitudes) {
    const double magnitude = std::fabs(static_cast<double>(value));
    const auto above = std::lower_bound(magnitudes.begin(), magnitudes.end(), static_cast<float>(magnitude));
    if (above == magnitudes.begin())
        return 0;
    if (above == magnitudes.end())
        return static_cast<int32_t>(magnitudes.size() - 1);
    const double upperDistance = static_cast<double>(*above) - magnitude;
    const double lowerDistance = magnitude - static_cast<double>(*(above - 1));
    const auto index = static_cast<int32_t>(above - magnitudes.begin());
    return upperDistance < lowerDistance ? index : index - 1;
}

WeightQuantization LogQuantizer::quantize(const WeightView& weight) const {
    const WeightGroups groups = WeightGroups::of(weight, options_.granularity);
    const size_t count = groups.elementCount;
    const ChannelLayout& layout = groups.layout;
    WeightQuantization result = groups.emptyResult(SchemeKind::Log, options_.bits);
    std::vector<float> absMax(layout.channels, 0.0f);
    layout.forEachRunInOrder([&](size_t channel, size_t begin, size_t length) {
        float largest = absMax[channel];
        for (size_t i = begin; i < begin + length; ++i)
            largest = std::max(largest, std::fabs(weight.data[i]));
        absMax[channel] = largest;
    });
    for (size_t channel = 0; channel < layout.channels; ++channel)
        result.tables.push_back(levels(absMax[channel] > 0.0f ? absMax[channel] : 1.0f, options_.bits));
    layout.forEachRunInOrder([&](size_t channel, size_t begin, size_t length) {
        const std::vector<float>& magnitudes = result.tables[channel];
        for (size_t i = begin; i < begin + length; ++i) {
            const int32_t level = nearestLevel(weight.data[i], magnitudes);
            const bool negative = weight.data[i] < 0.0f;
            result.codes[i] = negative ? -level : level;
            result.dequantized[i] =
                negative ? -magnitudes[static_cast<size_t>(level)] : magnitudes[static_cast<size_t>(level)];
        }
    });
    result.meanSquaredError = meanSquaredDifference(weight.data, result.dequantized.data(), count);
    return result;
}

} // namespace qs
