#pragma once
// An activation folded into a oneDNN primitive as an eltwise post-op (Relu, LeakyRelu, Clip, HardSwish, Sigmoid,
// Tanh), and its plain-loop equivalent for kernels that apply it themselves.

#include "runtime/kernel.h"

#include <oneapi/dnnl/dnnl.hpp>

namespace qs {

class PostOp {
public:
    /// Takes `activation` if it is one of the supported kinds with constant parameters; returns whether it did.
    bool set(const Node& activation, const ConstantLookup& constants);
    bool isSet() const { return kind_ != Kind::None; }
    /// Primitive attributes carrying the post-op (empty when none is set).
    dnnl::primitive_attr attributes() const;
    /// Applies the activation in place to `count` floats.
    void apply(float* data, int64_t count) const;

private:
    enum class Kind { None, Relu, LeakyRelu, Clip, HardSwish, Sigmoid, Tanh };
    Kind kind_ = Kind::None;
    float alpha_ = 0.0f;
    float beta_ = 0.0f;
};

} // namespace qs
