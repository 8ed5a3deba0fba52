#pragma once
// The groups a weight quantizer fits one scale or table to: one per output channel, or the whole tensor.

#include "quant/channellayout.h"
#include "quant/quantscheme.h"
#include "quant/weightquantizer.h"

#include <cstddef>

namespace qs {

/// A weight tensor checked for valid values and split into its quantization groups.
struct WeightGroups {
    size_t elementCount = 0;
    ChannelLayout layout;
    int axis = -1; ///< the channel axis counted from the front, -1 per tensor

    /// Groups along weight.channelAxis when `granularity` is PerChannel, else the whole tensor. Throws
    /// qs::Error naming the tensor for a negative dimension, an axis out of range, missing data or NaN/inf
    /// values.
    static WeightGroups of(const WeightView& weight, Granularity granularity);

    /// A result with `scheme`, `bits` and axis set and room for elementCount codes and dequantized values.
    WeightQuantization emptyResult(SchemeKind scheme, int bits) const;
};

} // namespace qs
