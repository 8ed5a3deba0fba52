// Elementwise operators in plain loops: unary math and activations, binary arithmetic and comparisons with
// numpy broadcasting, variadic Sum/Mean/Max/Min, Where, Not. Contiguous same-shape loops run on OpenMP
// threads.

#include "runtime/kernelregistry.h"
#include "runtime/kernels/broadcast.h"
#include "runtime/kernels/dnnlsupport.h"
#include "runtime/kernels/firstinput.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"
#include <cstring>

#include <cmath>
#include <limits>

namespace qs {

namespace {

constexpr int64_t kParallelThreshold = 1 << 15;

template <typename In, typename Out, typename F> void mapElements(const In* x, Out* y, int64_t count, F f) {
#pragma omp parallel for if (count > kParallelThreshold) schedule(static)
    for (int64_t i = 0; i < count; ++i)
        y[i] = f(x[i]);
}

enum class UnaryOp {
    Relu,
    Sigmoid,
    Tanh,
    Exp,
    Log,
    Sqrt,
    Abs,
    Neg,
    Erf,
    Floor,
    Ceil,
    Round,
    Reciprocal,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Softplus,
    Softsign,
    Sign,
    LeakyRelu,
    Elu,
    Selu,
    Celu,
    HardSigmoid,
    HardSwish,
    Mish,
    ThresholdedRelu,
    Clip,
    Not,
    IsNaN
};

struct UnaryParams {
    float alpha = 0.0f;
    float beta = 0.0f;
    float gamma = 0.0f;
};

template <typename T, typename F> void mapReal(const RuntimeTensor& x, RuntimeTensor& y, F f) {
    mapElements(x.data<T>(), y.data<T>(), x.elementCount(), f);
}

/// Unary math on float32 or float64 (T), computed in T.
template <typename T>
void runRealUnary(UnaryOp op, const UnaryParams& params, const RuntimeTensor& x, RuntimeTensor& y) {
    const T alpha = static_cast<T>(params.alpha);
    const T beta = static_cast<T>(params.beta);
    const T gamma = static_cast<T>(params.gamma);
    const T zero = 0;
    const T one = 1;
    switch (op) {
    case UnaryOp::Relu:
        return mapReal<T>(x, y, [=](T v) { return v > zero ? v : zero; });
    case UnaryOp::Sigmoid:
        return mapReal<T>(x, y, [=](T v) { return one / (one + std::exp(-v)); });
    case UnaryOp::Tanh:
        return mapReal<T>(x, y, [=](T v) { return std::tanh(v); });
    case UnaryOp::Exp:
        return mapReal<T>(x, y, [=](T v) { return std::exp(v); });
    case UnaryOp::Log:
        return mapReal<T>(x, y, [=](T v) { return std::log(v); });
    case UnaryOp::Sqrt:
        return mapReal<T>(x, y, [=](T v) { return std::sqrt(v); });
    case UnaryOp::Abs:
        return mapReal<T>(x, y, [=](T v) { return std::fabs(v); });
    case UnaryOp::Neg:
        return mapReal<T>(x, y, [=](T v) { return -v; });
    case UnaryOp::Erf:
        return mapReal<T>(x, y, [=](T v) { return std::erf(v); });
    case UnaryOp::Floor:
        return mapReal<T>(x, y, [=](T v) { return std::floor(v); });
    case UnaryOp::Ceil:
        return mapReal<T>(x, y, [=](T v) { return std::ceil(v); });
    case UnaryOp::Round:
        return mapReal<T>(x, y, [=](T v) { return std::nearbyint(v); });
    case UnaryOp::Reciprocal:
        return mapReal<T>(x, y, [=](T v) { return one / v; });
    case UnaryOp::Sin:
        return mapReal<T>(x, y, [=](T v) { return std::sin(v); });
    case UnaryOp::Cos:
        return mapReal<T>(x, y, [=](T v) { return std::cos(v); });
    case UnaryOp::Tan:
        return mapReal<T>(x, y, [=](T v) { return std::tan(v); });
    case UnaryOp::Asin:
        return mapReal<T>(x, y, [=](T v) { return std::asin(v); });
    case UnaryOp::Acos:
        return mapReal<T>(x, y, [=](T v) { return std::acos(v); });
    case UnaryOp::Atan:
        return mapReal<T>(x, y, [=](T v) { return std::atan(v); });
    case UnaryOp::Sinh:
        return mapReal<T>(x, y, [=](T v) { return std::sinh(v); });
    case UnaryOp::Cosh:
        return mapReal<T>(x, y, [=](T v) { return std::cosh(v); });
    case UnaryOp::Softplus:
        return mapReal<T>(x, y, [=](T v) { return std::log1p(std::exp(v)); });
    case UnaryOp::Softsign:
        return mapReal<T>(x, y, [=](T v) { return v / (one + std::fabs(v)); });
    case UnaryOp::Sign:
        return mapReal<T>(x, y, [=](T v) { return T((v > zero) - (v < zero)); });
    case UnaryOp::LeakyRelu:
        return mapReal<T>(x, y, [=, a = alpha](T v) { return v >= zero ? v : a * v; });
    case UnaryOp::Elu:
        return mapReal<T>(x, y, [=, a = alpha](T v) { return v >= zero ? v : a * (std::exp(v) - one); });
    case UnaryOp::Selu:
        return mapReal<T>(
            x, y, [=, a = alpha, g = gamma](T v) { return v > zero ? g * v : g * (a * std::exp(v) - a); });
    case UnaryOp::Celu:
        return mapReal<T>(x, y, [=, a = alpha](T v) {
            return std::max(zero, v) + std::min(zero, a * (std::exp(v / a) - one));
        });
    case UnaryOp::HardSigmoid:
        return mapReal<T>(x, y,
                          [=, a = alpha, b = beta](T v) { return std::max(zero, std::min(one, a * v + b)); });
    case UnaryOp::HardSwish:
        return mapReal<T>(x, y, [=](T v) { return v * std::max(zero, std::min(one, v / T(6) + T(0.5))); });
    case UnaryOp::Mish:
        return mapReal<T>(x, y, [=](T v) { return v * std::tanh(std::log1p(std::exp(v))); });
    case UnaryOp::ThresholdedRelu:
        return mapReal<T>(x, y, [=, a = alpha](T v) { return v > a ? v : zero; });
    case UnaryOp::Clip:
        return mapReal<T>(x, y, [=, lo = alpha, hi = beta](T v) { return std::min(hi, std::max(lo, v)); });
    case UnaryOp::Not:
    case UnaryOp::IsNaN:
        break;
    }
}

template <typename T>
void runIntegerUnary(UnaryOp op, const RuntimeTensor& x, RuntimeTensor& y, const Node& node) {
    const T* in = x.data<T>();
    T* out = y.data<T>();
    switch (op) {
    case UnaryOp::Relu:
        return mapElements(in, out, x.elementCount(), [](T v) { return v > 0 ? v : T(0); });
    case UnaryOp::Abs:
        return mapElements(in, out, x.elementCount(), [](T v) { return v < 0 ? T(-v) : v; });
    case UnaryOp::Neg:
        return mapElements(in, out, x.elementCount(), [](T v) { return T(-v); });
    case UnaryOp::Sign:
        return mapElements(in, out, x.elementCount(), [](T v) { return T((v > 0) - (v < 0)); });
    default:
        failNode(node, "input type " + x.describe() + " is not supported");
    }
}

class UnaryKernel : public Kernel {
public:
    UnaryKernel(UnaryOp op, UnaryParams params) : op_(op), params_(params) {}

    bool acceptsLayouts(const std::vector<const RuntimeTensor*>& inputs) const override {
        for (size_t i = 1; i < inputs.size(); ++i)
            if (inputs[i] && !inputs[i]->isPlain())
                return false;
        return op_ != UnaryOp::Not && op_ != UnaryOp::IsNaN && inputs[0]->type() == DataType::Float &&
               isDenseLayout(*inputs[0]);
    }

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        const RuntimeTensor& x = firstInput(node, inputs);
        UnaryParams params = params_;
        if (op_ == UnaryOp::Clip) {
            clipBounds(inputs, node, params);
            if (std::isnan(params.alpha) || std::isnan(params.beta))
                failNode(node, std::string(std::isnan(params.alpha) ? "min" : "max") +
                                   " is NaN; a Clip bound must be a number");
        }
        if (op_ == UnaryOp::Not || op_ == UnaryOp::IsNaN) {
            outputs[0] = context.allocate(DataType::Bool, x.dims());
            if (op_ == UnaryOp::Not && x.type() == DataType::Bool)
                mapElements(x.data<uint8_t>(), outputs[0].data<uint8_t>(), x.elementCount(),
                            [](uint8_t v) { return uint8_t(v ? 0 : 1); });
            else if (op_ == UnaryOp::IsNaN && x.type() == DataType::Float)
                mapElements(x.data<float>(), outputs[0].data<uint8_t>(), x.elementCount(),
                            [](float v) { return uint8_t(std::isnan(v) ? 1 : 0); });
            else if (op_ == UnaryOp::IsNaN && x.type() == DataType::Double)
                mapElements(x.data<double>(), outputs[0].data<uint8_t>(), x.elementCount(),
                            [](double v) { return uint8_t(std::isnan(v) ? 1 : 0); });
            else
                failNode(node, "input type " + x.describe() + " is not supported");
            return;
        }
        outputs[0] = context.allocate(x.type(), x.dims());
        outputs[0].setLayout(x.layout());
        if (x.type() == DataType::Float)
            runRealUnary<float>(op_, params, x, outputs[0]);
        else if (x.type() == DataType::Double)
            runRealUnary<double>(op_, params, x, outputs[0]);
        else if (x.type() == DataType::Int64 && op_ == UnaryOp::Clip)
            clipIntegers<int64_t>(x, outputs[0], params);
        else if (x.type() == DataType::Int32 && op_ == UnaryOp::Clip)
            clipIntegers<int32_t>(x, outputs[0], params);
        else if (x.type() == DataType::Int8 && op_ == UnaryOp::Clip)
            clipIntegers<int8_t>(x, outputs[0], params);
        else if (x.type() == DataType::UInt8 && op_ == UnaryOp::Clip)
            clipIntegers<uint8_t>(x, outputs[0], params);
        else if (x.type() == DataType::Int64)
            runIntegerUnary<int64_t>(op_, x, outputs[0], node);
        else if (x.type() == DataType::Int32)
            runIntegerUnary<int32_t>(op_, x, outputs[0], node);
        else
            failNode(node, "input type " + x.describe() + " is not supported");
    }

private:
    static void clipBounds(const std::vector<const RuntimeTensor*>& inputs, const Node& node,
                           UnaryParams& params) {
        for (size_t i = 1; i < 3 && i < inputs.size(); ++i) {
            if (!inputs[i])
                continue;
            if (inputs[i]->elementCount() != 1)
                failNode(node, "min and max must be scalars");
            float bound = static_cast<float>(inputs[i]->toDoubles()[0]);
            (i == 1 ? params.alpha : params.beta) = bound;
        }
    }

    template <typename T>
    static void clipIntegers(const RuntimeTensor& x, RuntimeTensor& y, const UnaryParams& p) {
        float lowest = static_cast<float>(std::numeric_limits<T>::lowest());
        float highest = static_cast<float>(std::numeric_limits<T>::max());
        T lo = p.alpha <= lowest ? std::numeric_limits<T>::lowest() : T(p.alpha);
        T hi = p.beta >= highest ? std::numeric_limits<T>::max() : T(p.beta);
        mapElements(x.data<T>(), y.data<T>(), x.elementCount(),
                    [lo, hi](T v) { return std::min(hi, std::max(lo, v)); });
    }

    UnaryOp op_;
    UnaryParams params_;
};

enum class BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Max,
    Min,
    Mod,
    FMod,
    PRelu,
    Equal,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    And,
    Or,
    Xor,
    BitShiftLeft,
    BitShiftRight
};

bool isComparison(BinaryOp op) {
    return op == BinaryOp::Equal || op == BinaryOp::Less || op == BinaryOp::Greater ||
           op == BinaryOp::LessOrEqual || op == BinaryOp::GreaterOrEqual;
}

bool isLogical(BinaryOp op) {
    return op == BinaryOp::And || op == BinaryOp::Or || op == BinaryOp::Xor;
}

/// Number of leading rows when `small` has the rank of `full`, matches it on a prefix of axes and is 1 on the
/// rest (a per-channel scale [N,C,1,1] against [N,C,H,W]); 0 when it does not have that form.
int64_t prefixBroadcastRows(const std::vector<int64_t>& small, const std::vector<int64_t>& full) {
    if (small.size() != full.size())
        return 0;
    size_t prefix = 0;
    while (prefix < full.size() && small[prefix] == full[prefix])
        ++prefix;
    for (size_t d = prefix; d < full.size(); ++d)
        if (small[d] != 1)
            return 0;
    int64_t rows = 1;
    for (size_t d = 0; d < prefix; ++d)
        rows *= full[d];
    return rows;
}

/// out = f(a, b) where one side repeats every value of the other over contiguous runs of `inner` elements.
template <typename A, typename B, typename O, typename F>
void rowBroadcastBinary(const A* pa, const B* pb, O* po, int64_t rows, int64_t inner, bool aIsRows, F f) {
#pragma omp parallel for if (rows * inner > kParallelThreshold) schedule(static)
    for (int64_t r = 0; r < rows; ++r) {
        O* ro = po + r * inner;
        if (aIsRows) {
            const A value = pa[r];
            const B* rb = pb + r * inner;
            for (int64_t i = 0; i < inner; ++i)
                ro[i] = f(value, rb[i]);
        } else {
            const A* ra = pa + r * inner;
            const B value = pb[r];
            for (int64_t i = 0; i < inner; ++i)
                ro[i] = f(ra[i], value);
        }
    }
}

/// out[i] = f(a[i], b[i]) over the broadcast of a and b.
template <typename A, typename B, typename O, typename F>
void broadcastBinary(const RuntimeTensor& a, const RuntimeTensor& b, RuntimeTensor& out, F f) {
    const A* pa = a.data<A>();
    const B* pb = b.data<B>();
    O* po = out.data<O>();
    int64_t count = out.elementCount();
    if (a.dims() != b.dims() && count > 0) {
        int64_t rows = a.dims() == out.dims() ? prefixBroadcastRows(b.dims(), a.dims()) : 0;
        if (rows > 1 && a.isPlain())
            return rowBroadcastBinary(pa, pb, po, rows, count / rows, false, f);
        rows = b.dims() == out.dims() ? prefixBroadcastRows(a.dims(), b.dims()) : 0;
        if (rows > 1 && b.isPlain())
            return rowBroadcastBinary(pa, pb, po, rows, count / rows, true, f);
    }
    if (a.dims() == b.dims()) {
#pragma omp parallel for if (count > kParallelThreshold) schedule(static)
        for (int64_t i = 0; i < count; ++i)
            po[i] = f(pa[i], pb[i]);
        return;
    }
    if (b.elementCount() == 1 && a.elementCount() == count) {
        B scalar = pb[0];
#pragma omp parallel for if (count > kParallelThreshold) schedule(static)
        for (int64_t i = 0; i < count; ++i)
            po[i] = f(pa[i], scalar);
        return;
    }
    if (a.elementCount() == 1 && b.elementCount() == count) {
        A scalar = pa[0];
#pragma omp parallel for if (count > kParallelThreshold) schedule(static)
        for (int64_t i = 0; i < count; ++i)
            po[i] = f(scalar, pb[i]);
        return;
    }
    const std::vector<int64_t> strides[2] = {broadcastStrides(a.dims(), out.dims()),
                                             broadcastStrides(b.dims(), out.dims())};
    forEachBroadcastRow<2>(out.dims(), strides,
                           [&](int64_t o, const int64_t* offsets, int64_t n, const int64_t* inner) {
                               const A* ra = pa + offsets[0];
                               const B* rb = pb + offsets[1];
                               O* ro = po + o;
                               if (inner[0] == 1 && inner[1] == 1) {
                                   for (int64_t i = 0; i < n; ++i)
                                       ro[i] = f(ra[i], rb[i]);
                               } else if (inner[0] == 1) {
                                   for (int64_t i = 0; i < n; ++i)
                                       ro[i] = f(ra[i], rb[0]);
                               } else if (inner[1] == 1) {
                                   for (int64_t i = 0; i < n; ++i)
                                       ro[i] = f(ra[0], rb[i]);
                               } else {
                                   for (int64_t i = 0; i < n; ++i)
                                       ro[i] = f(ra[0], rb[0]);
                               }
                           });
}

template <typename T> T integerPow(T base, T exponent) {
    T result = 1;
    for (T i = 0; i < exponent; ++i)
        result *= base;
    return result;
}

template <typename T>
void arithmetic(BinaryOp op, const RuntimeTensor& a, const RuntimeTensor& b, RuntimeTensor& o,
                const Node& node) {
    switch (op) {
    case BinaryOp::Add:
        return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return T(x + y); });
    case BinaryOp::Sub:
        return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return T(x - y); });
    case BinaryOp::Mul:
        return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return T(x * y); });
    case BinaryOp::Div:
        if constexpr (std::is_integral_v<T>)
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return y == 0 ? T(0) : T(x / y); });
        else
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return x / y; });
    case BinaryOp::Max:
        return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return x > y ? x : y; });
    case BinaryOp::Min:
        return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return x < y ? x : y; });
    case BinaryOp::PRelu:
        return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return x < 0 ? T(x * y) : x; });
    case BinaryOp::Pow:
        if constexpr (std::is_integral_v<T>)
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return integerPow(x, y); });
        else
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return T(std::pow(x, y)); });
    case BinaryOp::FMod:
        if constexpr (std::is_integral_v<T>)
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return y == 0 ? T(0) : T(x % y); });
        else
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) { return T(std::fmod(x, y)); });
    case BinaryOp::Mod:
        if constexpr (std::is_integral_v<T>)
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) {
                if (y == 0)
                    return T(0);
                T r = T(x % y);
                return (r != 0 && ((r < 0) != (y < 0))) ? T(r + y) : r;
            });
        else
            failNode(node, "Mod on floats requires fmod=1");
    case BinaryOp::Equal:
        return broadcastBinary<T, T, uint8_t>(a, b, o, [](T x, T y) { return uint8_t(x == y); });
    case BinaryOp::Less:
        return broadcastBinary<T, T, uint8_t>(a, b, o, [](T x, T y) { return uint8_t(x < y); });
    case BinaryOp::Greater:
        return broadcastBinary<T, T, uint8_t>(a, b, o, [](T x, T y) { return uint8_t(x > y); });
    case BinaryOp::LessOrEqual:
        return broadcastBinary<T, T, uint8_t>(a, b, o, [](T x, T y) { return uint8_t(x <= y); });
    case BinaryOp::GreaterOrEqual:
        return broadcastBinary<T, T, uint8_t>(a, b, o, [](T x, T y) { return uint8_t(x >= y); });
    case BinaryOp::BitShiftLeft:
        if constexpr (std::is_integral_v<T>)
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) {
                // On the unsigned bits, as ONNX defines it; a shift by the width or more (or negative) gives
                // 0.
                using U = std::make_unsigned_t<T>;
                const U amount = U(y);
                return amount >= sizeof(T) * 8 ? T(0) : T(U(x) << amount);
            });
        break;
    case BinaryOp::BitShiftRight:
        if constexpr (std::is_integral_v<T>)
            return broadcastBinary<T, T, T>(a, b, o, [](T x, T y) {
                using U = std::make_unsigned_t<T>;
                const U amount = U(y);
                return amount >= sizeof(T) * 8 ? T(0) : T(U(x) >> amount);
            });
        break;
    default:
        break;
    }
    failNode(node, "element type of " + a.describe() + " is not supported");
}

class BinaryKernel : public Kernel {
public:
    explicit BinaryKernel(BinaryOp op) : op_(op) {}

    bool acceptsLayouts(const std::vector<const RuntimeTensor*>& inputs) const override {
        if (inputs.size() != 2 || !inputs[0] || !inputs[1] || isComparison(op_) || isLogical(op_))
            return false;
        const RuntimeTensor& a = *inputs[0];
        const RuntimeTensor& b = *inputs[1];
        return a.layout() && b.layout() && a.layout()->desc == b.layout()->desc && a.dims() == b.dims() &&
               a.type() == DataType::Float && b.type() == DataType::Float && isDenseLayout(a);
    }

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        if (inputs.size() < 2 || !inputs[0] || !inputs[1])
            failNode(node, "expects two inputs");
        const RuntimeTensor& a = *inputs[0];
        RuntimeTensor converted;
        const RuntimeTensor* b = inputs[1];
        if (op_ == BinaryOp::Pow && a.type() != b->type())
            b = &(converted = convertTo(*b, a.type(), node));
        else if (a.type() != b->type())
            failNode(node, "inputs have different element types: " + a.describe() + " and " + b->describe());
        std::vector<int64_t> dims = broadcastDims({a.dims(), b->dims()}, nodeLabel(node));
        if (op_ == BinaryOp::PRelu && dims != a.dims())
            failNode(node, "slope " + b->describe() + " does not broadcast to " + a.describe());
        bool boolResult = isComparison(op_) || isLogical(op_);
        outputs[0] = context.allocate(boolResult ? DataType::Bool : a.type(), dims);
        outputs[0].setLayout(a.layout());
        if (isLogical(op_)) {
            if (a.type() != DataType::Bool)
                failNode(node, "expects bool inputs");
            return logical(a, *b, outputs[0]);
        }
        switch (a.type()) {
        case DataType::Float:
            return arithmetic<float>(op_, a, *b, outputs[0], node);
        case DataType::Double:
            return arithmetic<double>(op_, a, *b, outputs[0], node);
        case DataType::Int64:
            return arithmetic<int64_t>(op_, a, *b, outputs[0], node);
        case DataType::Int32:
            return arithmetic<int32_t>(op_, a, *b, outputs[0], node);
        case DataType::UInt8:
            return arithmetic<uint8_t>(op_, a, *b, outputs[0], node);
        case DataType::Int8:
            return arithmetic<int8_t>(op_, a, *b, outputs[0], node);
        case DataType::Int16:
            return arithmetic<int16_t>(op_, a, *b, outputs[0], node);
        case DataType::UInt16:
            return arithmetic<uint16_t>(op_, a, *b, outputs[0], node);
        case DataType::Bool:
            if (op_ == BinaryOp::Equal)
                return arithmetic<uint8_t>(op_, a, *b, outputs[0], node);
            [[fallthrough]];
        default:
            failNode(node, "element type of " + a.describe() + " is not supported");
        }
    }

private:
    static RuntimeTensor convertTo(const RuntimeTensor& tensor, DataType type, const Node& node) {
        RuntimeTensor result(type, tensor.dims());
        std::vector<double> values = tensor.toDoubles();
        if (type == DataType::Float)
            std::copy(values.begin(), values.end(), result.data<float>());
        else if (type == DataType::Int64)
            std::copy(values.begin(), values.end(), result.data<int64_t>());
        else if (type == DataType::Int32)
            std::copy(values.begin(), values.end(), result.data<int32_t>());
        else if (type == DataType::Double)
            std::copy(values.begin(), values.end(), result.data<double>());
        else
            failNode(node, "cannot convert exponent " + tensor.describe());
        return result;
    }

    void logical(const RuntimeTensor& a, const RuntimeTensor& b, RuntimeTensor& out) const {
        if (op_ == BinaryOp::And)
            broadcastBinary<uint8_t, uint8_t, uint8_t>(a, b, out,
                                                       [](uint8_t x, uint8_t y) { return uint8_t(x && y); });
        else if (op_ == BinaryOp::Or)
            broadcastBinary<uint8_t, uint8_t, uint8_t>(a, b, out,
                                                       [](uint8_t x, uint8_t y) { return uint8_t(x || y); });
        else
            broadcastBinary<uint8_t, uint8_t, uint8_t>(
                a, b, out, [](uint8_t x, uint8_t y) { return uint8_t(!x != !y); });
    }

    BinaryOp op_;
};

/// Sum, Mean, Max, Min over any number of inputs, folded pairwise.
class VariadicKernel : public Kernel {
public:
    VariadicKernel(BinaryOp op, bool mean) : op_(op), mean_(mean) {}

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        if (inputs.empty() || !inputs[0])
            failNode(node, "expects at least one input");
        RuntimeTensor accumulator = inputs[0]->clone();
        BinaryKernel pairwise(op_);
        for (size_t i = 1; i < inputs.size(); ++i) {
            std::vector<const RuntimeTensor*> pair = {&accumulator, inputs[i]};
            std::vector<RuntimeTensor> result(1);
            pairwise.run(pair, result, context);
            accumulator = std::move(result[0]);
        }
        if (mean_ && accumulator.type() == DataType::Double) {
            double* data = accumulator.data<double>();
            for (int64_t i = 0; i < accumulator.elementCount(); ++i)
                data[i] /= static_cast<double>(inputs.size());
        } else if (mean_) {
            if (accumulator.type() != DataType::Float)
                failNode(node, "Mean expects float inputs");
            float scale = 1.0f / static_cast<float>(inputs.size());
            float* data = accumulator.data<float>();
            for (int64_t i = 0; i < accumulator.elementCount(); ++i)
                data[i] *= scale;
        }
        outputs[0] = std::move(accumulator);
    }

private:
    BinaryOp op_;
    bool mean_;
};

class WhereKernel : public Kernel {
public:
    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        if (inputs.size() != 3 || !inputs[0] || !inputs[1] || !inputs[2])
            failNode(node, "expects three inputs");
        const RuntimeTensor& condition = *inputs[0];
        const RuntimeTensor& x = *inputs[1];
        const RuntimeTensor& y = *inputs[2];
        if (condition.type() != DataType::Bool || x.type() != y.type())
            failNode(node, "expects a bool condition and two inputs of one type");
        std::vector<int64_t> dims = broadcastDims({condition.dims(), x.dims(), y.dims()}, nodeLabel(node));
        outputs[0] = context.allocate(x.type(), dims);
        size_t elementBytes = runtimeElementSize(x.type());
        const std::vector<int64_t> strides[3] = {broadcastStrides(condition.dims(), dims),
                                                 broadcastStrides(x.dims(), dims),
                                                 broadcastStrides(y.dims(), dims)};
        const uint8_t* c = condition.data<uint8_t>();
        const auto* px = static_cast<const uint8_t*>(x.raw());
        const auto* py = static_cast<const uint8_t*>(y.raw());
        auto* po = static_cast<uint8_t*>(outputs[0].raw());
        forEachBroadcastRow<3>(
            dims, strides, [&](int64_t o, const int64_t* offsets, int64_t n, const int64_t* inner) {
                for (int64_t i = 0; i < n; ++i) {
                    bool take = c[offsets[0] + i * inner[0]] != 0;
                    const uint8_t* source = take ? px + (offsets[1] + i * inner[1]) * elementBytes
                                                 : py + (offsets[2] + i * inner[2]) * elementBytes;
                    std::memcpy(po + (o + i) * elementBytes, source, elementBytes);
                }
            });
    }
};

void addUnary(KernelRegistry& registry, const std::string& opType, UnaryOp op, float alpha = 0.0f,
              float beta = 0.0f, float gamma = 0.0f) {
    registry.add(
        opType, [op, alpha, beta, gamma](const Node& node, int64_t opset) -> std::unique_ptr<Kernel> {
            UnaryParams params;
            params.alpha = attrFloat(node, "alpha", alpha);
            params.beta = attrFloat(node, "beta", beta);
            params.gamma = attrFloat(node, "gamma", gamma);
            if (op == UnaryOp::Clip) {
                params.alpha = opset < 11 ? attrFloat(node, "min", std::numeric_limits<float>::lowest())
                                          : std::numeric_limits<float>::lowest();
                params.beta = opset < 11 ? attrFloat(node, "max", std::numeric_limits<float>::max())
                                         : std::numeric_limits<float>::max();
            }
            return std::make_unique<UnaryKernel>(op, params);
        });
}

void addBinary(KernelRegistry& registry, const std::string& opType, BinaryOp op) {
    registry.add(opType, [op](const Node& node, int64_t opset) -> std::unique_ptr<Kernel> {
        if (opset < 7 && attrInt(node, "broadcast", 0) != 0 && findAttribute(node, "axis"))
            unsupportedNode(node, "legacy broadcast with an axis attribute");
        BinaryOp actual = op;
        if (op == BinaryOp::Mod && attrInt(node, "fmod", 0) != 0)
            actual = BinaryOp::FMod;
        if (op == BinaryOp::BitShiftLeft && attrString(node, "direction", "") == "RIGHT")
            actual = BinaryOp::BitShiftRight;
        return std::make_unique<BinaryKernel>(actual);
    });
}

} // namespace

void registerElementwiseKernels(KernelRegistry& registry) {
    const float lowest = std::numeric_limits<float>::lowest();
    addUnary(registry, "Relu", UnaryOp::Relu);
    addUnary(registry, "Sigmoid", UnaryOp::Sigmoid);
    addUnary(registry, "Tanh", UnaryOp::Tanh);
    addUnary(registry, "Exp", UnaryOp::Exp);
    addUnary(registry, "Log", UnaryOp::Log);
    addUnary(registry, "Sqrt", UnaryOp::Sqrt);
    addUnary(registry, "Abs", UnaryOp::Abs);
    addUnary(registry, "Neg", UnaryOp::Neg);
    addUnary(registry, "Erf", UnaryOp::Erf);
    addUnary(registry, "Floor", UnaryOp::Floor);
    addUnary(registry, "Ceil", UnaryOp::Ceil);
    addUnary(registry, "Round", UnaryOp::Round);
    addUnary(registry, "Reciprocal", UnaryOp::Reciprocal);
    addUnary(registry, "Sin", UnaryOp::Sin);
    addUnary(registry, "Cos", UnaryOp::Cos);
    addUnary(registry, "Tan", UnaryOp::Tan);
    addUnary(registry, "Asin", UnaryOp::Asin);
    addUnary(registry, "Acos", UnaryOp::Acos);
    addUnary(registry, "Atan", UnaryOp::Atan);
    addUnary(registry, "Sinh", UnaryOp::Sinh);
    addUnary(registry, "Cosh", UnaryOp::Cosh);
    addUnary(registry, "Softplus", UnaryOp::Softplus);
    addUnary(registry, "Softsign", UnaryOp::Softsign);
    addUnary(registry, "Sign", UnaryOp::Sign);
    addUnary(registry, "LeakyRelu", UnaryOp::LeakyRelu, 0.01f);
    addUnary(registry, "Elu", UnaryOp::Elu, 1.0f);
    addUnary(registry, "Selu", UnaryOp::Selu, 1.67326319217681884765625f, 0.0f, 1.05070102214813232421875f);
    addUnary(registry, "Celu", UnaryOp::Celu, 1.0f);
    addUnary(registry, "HardSigmoid", UnaryOp::HardSigmoid, 0.2f, 0.5f);
    addUnary(registry, "HardSwish", UnaryOp::HardSwish);
    addUnary(registry, "Mish", UnaryOp::Mish);
    addUnary(registry, "ThresholdedRelu", UnaryOp::ThresholdedRelu, 1.0f);
    addUnary(registry, "Clip", UnaryOp::Clip, lowest, std::numeric_limits<float>::max());
    addUnary(registry, "Not", UnaryOp::Not);
    addUnary(registry, "IsNaN", UnaryOp::IsNaN);
    addBinary(registry, "Add", BinaryOp::Add);
    addBinary(registry, "Sub", BinaryOp::Sub);
    addBinary(registry, "Mul", BinaryOp::Mul);
    addBinary(registry, "Div", BinaryOp::Div);
    addBinary(registry, "Pow", BinaryOp::Pow);
    addBinary(registry, "Mod", BinaryOp::Mod);
    addBinary(registry, "PRelu", BinaryOp::PRelu);
    addBinary(registry, "Equal", BinaryOp::Equal);
    addBinary(registry, "Less", BinaryOp::Less);
    addBinary(registry, "Greater", BinaryOp::Greater);
    addBinary(registry, "LessOrEqual", BinaryOp::LessOrEqual);
    addBinary(registry, "GreaterOrEqual", BinaryOp::GreaterOrEqual);
    addBinary(registry, "And", BinaryOp::And);
    addBinary(registry, "Or", BinaryOp::Or);
    addBinary(registry, "Xor", BinaryOp::Xor);
    addBinary(registry, "BitShift", BinaryOp::BitShiftLeft);
    registry.add("Sum",
                 [](const Node&, int64_t) { return std::make_unique<VariadicKernel>(BinaryOp::Add, false); });
    registry.add("Mean",
                 [](const Node&, int64_t) { return std::make_unique<VariadicKernel>(BinaryOp::Add, true); });
    registry.add("Max",
                 [](const Node&, int64_t) { return std::make_unique<VariadicKernel>(BinaryOp::Max, false); });
    registry.add("Min",
                 [](const Node&, int64_t) { return std::make_unique<VariadicKernel>(BinaryOp::Min, false); });
    registry.add("Where", [](const Node&, int64_t) { return std::make_unique<WhereKernel>(); });
}

} // namespace qs
