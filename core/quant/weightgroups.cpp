#include "quant/weightgroups.h"

namespace qs {

WeightGroups WeightGroups::of(const WeightView& weight, Granularity granularity) {
    const bool perChannel = granularity == Granularity::PerChannel;
    WeightGroups groups;
    groups.elementCount = elementCountOf(weight.dims, weight.name);
    checkWeightValues(weight, groups.elementCount);
    groups.layout = perChannel ? ChannelLayout::alongAxis(weight.dims, weight.channelAxis, weight.name)
                               : ChannelLayout::wholeTensor(groups.elementCount);
    const int rank = static_cast<int>(weight.dims.size());
    groups.axis = perChannel ? (weight.channelAxis < 0 ? weight.channelAxis + rank : weight.channelAxis) : -1;
    return groups;
}

WeightQuantization WeightGroups::emptyResult(SchemeKind scheme, int bits) const {
    WeightQuantization result;
    result.scheme = scheme;
    result.bits = bits;
    result.axis = axis;
    result.codes.resize(elementCount);
    result.dequantized.resize(elementCount);
    return result;
}

} // namespace qs
