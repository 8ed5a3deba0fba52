#include "quant/uniformquantizer.h"

#include "quant/channellayout.h"
#include "quant/linearquantization.h"
#include "util/error.h"

#include <algorithm>

namespace qs {

UniformQuantizer::UniformQuantizer(const UniformOptions& options) : options_(options) {
    if (options.bits < 2 || options.bits > 16)
        throw Error("uniform quantization needs 2 to 16 bits, got " + std::to_string(options.bits));
}

WeightQuantization UniformQuantizer::quantize(const WeightView& weight) const {
    const bool perChannel = options_.granularity == Granularity::PerChannel;
    const size_t count = elementCountOf(weight.dims, weight.name);
    checkWeightValues(weight, count);
    const ChannelLayout layout = perChannel
                                     ? ChannelLayout::alongAxis(weight.dims, weight.channelAxis, weight.name)
                                     : ChannelLayout::wholeTensor(count);
    std::vector<float> mins(layout.channels, 0.0f);
    std::vector<float> maxs(layout.channels, 0.0f);
    layout.forEachRunInOrder([&](size_t channel, size_t begin, size_t length) {
        float low = mins[channel], high = maxs[channel];
        for (size_t i = begin; i < begin + length; ++i) {
            low = std::min(low, weight.data[i]);
            high = std::max(high, weight.data[i]);
        }
        mins[channel] = low;
        maxs[channel] = high;
    });

    const int rank = static_cast<int>(weight.dims.size());
    const int axis =
        perChannel ? (weight.channelAxis < 0 ? weight.channelAxis + rank : weight.channelAxis) : -1;
    WeightQuantization result;
    result.scheme = SchemeKind::Uniform;
    result.bits = options_.bits;
    result.axis = axis;
    result.uniform = perChannel ? uniformParamsFromRanges(mins, maxs, axis, options_.bits,
                                                          options_.signedness, options_.rangeMode)
                                : uniformParamsFromRange(mins[0], maxs[0], options_.bits, options_.signedness,
                                                         options_.rangeMode);
    result.codes.resize(count);
    result.dequantized.resize(count);
    const QuantParams& params = result.uniform;
    if (layout.inner >= 16) {
        layout.forEachRunInOrder([&](size_t channel, size_t begin, size_t length) {
            const float scale = params.scale(channel);
            const int32_t zeroPoint = params.zeroPoint(channel);
            quantizeLinear(weight.data + begin, length, scale, zeroPoint, params.qmin, params.qmax,
                           result.codes.data() + begin);
            dequantizeLinear(result.codes.data() + begin, length, scale, zeroPoint,
                             result.dequantized.data() + begin);
        });
    } else {
        // Short runs (the channel axis is last, e.g. MatMul weights): element by element in memory order.
        layout.forEachRunInOrder([&](size_t channel, size_t begin, size_t length) {
            const float scale = params.scale(channel);
            const int32_t zeroPoint = params.zeroPoint(channel);
            for (size_t i = begin; i < begin + length; ++i) {
                result.codes[i] =
                    quantizeLinearValue(weight.data[i], scale, zeroPoint, params.qmin, params.qmax);
                result.dequantized[i] = dequantizeLinearValue(result.codes[i], scale, zeroPoint);
            }
        });
    }
    result.meanSquaredError = meanSquaredDifference(weight.data, result.dequantized.data(), count);
    return result;
}

} // namespace qs
