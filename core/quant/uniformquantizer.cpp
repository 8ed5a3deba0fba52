#include "quant/uniformquantizer.h"

#include "quant/channellayout.h"
#include "quant/linearquantization.h"
#include "util/error.h"

#include <algorithm>

namespace qs {

namespace {

void channelRange(const ChannelLayout& layout, const float* data, size_t channel, float& min, float& max) {
    min = 0.0f;
    max = 0.0f;
    layout.forEachRun(channel, [&](size_t begin, size_t length) {
        for (size_t i = begin; i < begin + length; ++i) {
            min = std::min(min, data[i]);
            max = std::max(max, data[i]);
        }
    });
}

} // namespace

UniformQuantizer::UniformQuantizer(const UniformOptions& options) : options_(options) {
    if (options.bits < 2 || options.bits > 16)
        throw Error("uniform quantization needs 2 to 16 bits, got " + std::to_string(options.bits));
}

WeightQuantization UniformQuantizer::quantize(const WeightView& weight) const {
    const bool perChannel = options_.granularity == Granularity::PerChannel;
    const size_t count = elementCountOf(weight.dims, weight.name);
    checkWeightValues(weight, count);
    const ChannelLayout layout = perChannel ? ChannelLayout::alongAxis(weight.dims, weight.channelAxis, weight.name)
                                            : ChannelLayout::wholeTensor(count);
    std::vector<float> mins(layout.channels, 0.0f);
    std::vector<float> maxs(layout.channels, 0.0f);
    for (size_t channel = 0; channel < layout.channels; ++channel)
        channelRange(layout, weight.data, channel, mins[channel], maxs[channel]);

    const int rank = static_cast<int>(weight.dims.size());
    const int axis = perChannel ? (weight.channelAxis < 0 ? weight.channelAxis + rank : weight.channelAxis) : -1;
    WeightQuantization result;
    result.scheme = SchemeKind::Uniform;
    result.bits = options_.bits;
    result.axis = axis;
    result.uniform = perChannel ? uniformParamsFromRanges(mins, maxs, axis, options_.bits, options_.signedness,
                                                          options_.rangeMode)
                                : uniformParamsFromRange(mins[0], maxs[0], options_.bits, options_.signedness,
                                                         options_.rangeMode);
    result.codes.resize(count);
    result.dequantized.resize(count);
    const QuantParams& params = result.uniform;
    for (size_t channel = 0; channel < layout.channels; ++channel) {
        const float scale = params.scale(channel);
        const int32_t zeroPoint = params.zeroPoint(channel);
        layout.forEachRun(channel, [&](size_t begin, size_t length) {
            quantizeLinear(weight.data + begin, length, scale, zeroPoint, params.qmin, params.qmax,
                           result.codes.data() + begin);
            dequantizeLinear(result.codes.data() + begin, length, scale, zeroPoint, result.dequantized.data() + begin);
        });
    }
    result.meanSquaredError = meanSquaredDifference(weight.data, result.dequantized.data(), count);
    return result;
}

} // namespace qs
