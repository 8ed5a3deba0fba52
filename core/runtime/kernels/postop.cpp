#include "runtime/kernels/postop.h"

#include "runtime/nodeattributes.h"

#include <cmath>
#include <limits>

namespace qs {

static bool constantScalar(const Node& node, size_t index, const ConstantLookup& constants, float& value) {
    if (node.inputs.size() <= index || node.inputs[index].empty())
        return true;
    const RuntimeTensor* tensor = constants(node.inputs[index]);
    if (!tensor || tensor->elementCount() != 1 || tensor->type() != DataType::Float)
        return false;
    value = tensor->data<float>()[0];
    return true;
}

bool PostOp::set(const Node& activation, const ConstantLookup& constants) {
    if (isSet())
        return false;
    const std::string& op = activation.opType;
    if (op == "Relu") {
        kind_ = Kind::Relu;
    } else if (op == "LeakyRelu") {
        kind_ = Kind::LeakyRelu;
        alpha_ = attrFloat(activation, "alpha", 0.01f);
    } else if (op == "HardSwish") {
        kind_ = Kind::HardSwish;
    } else if (op == "Sigmoid") {
        kind_ = Kind::Sigmoid;
    } else if (op == "Tanh") {
        kind_ = Kind::Tanh;
    } else if (op == "Clip") {
        float low = attrFloat(activation, "min", std::numeric_limits<float>::lowest());
        float high = attrFloat(activation, "max", std::numeric_limits<float>::max());
        if (!constantScalar(activation, 1, constants, low) || !constantScalar(activation, 2, constants, high))
            return false;
        if (std::isnan(low) || std::isnan(high))
            return false; // left to the Clip kernel, which reports the bound
        kind_ = Kind::Clip;
        alpha_ = low;
        beta_ = high;
    }
    return isSet();
}

dnnl::primitive_attr PostOp::attributes() const {
    dnnl::primitive_attr attributes;
    if (!isSet())
        return attributes;
    dnnl::post_ops ops;
    switch (kind_) {
    case Kind::Relu:
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
        break;
    case Kind::LeakyRelu:
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, alpha_, 0.0f);
        break;
    case Kind::Clip:
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip, alpha_, beta_);
        break;
    case Kind::HardSwish:
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_hardswish, 0.0f, 0.0f);
        break;
    case Kind::Sigmoid:
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_logistic, 0.0f, 0.0f);
        break;
    case Kind::Tanh:
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_tanh, 0.0f, 0.0f);
        break;
    case Kind::None:
        break;
    }
    attributes.set_post_ops(ops);
    return attributes;
}

void PostOp::apply(float* data, int64_t count) const {
    for (int64_t i = 0; i < count; ++i) {
        float v = data[i];
        switch (kind_) {
        case Kind::Relu:
            v = v > 0.0f ? v : 0.0f;
            break;
        case Kind::LeakyRelu:
            v = v >= 0.0f ? v : alpha_ * v;
            break;
        case Kind::Clip:
            v = std::min(beta_, std::max(alpha_, v));
            break;
        case Kind::HardSwish:
            v = v * std::max(0.0f, std::min(1.0f, v / 6.0f + 0.5f));
            break;
        case Kind::Sigmoid:
            v = 1.0f / (1.0f + std::exp(-v));
            break;
        case Kind::Tanh:
            v = std::tanh(v);
            break;
        case Kind::None:
            break;
        }
        data[i] = v;
    }
}

} // namespace qs
