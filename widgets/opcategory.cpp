#include "opcategory.h"

#include <unordered_map>

namespace qs {
namespace {

const std::unordered_map<std::string, OpCategory>& categoryTable() {
    static const std::unordered_map<std::string, OpCategory> table = [] {
        std::unordered_map<std::string, OpCategory> t;
        const auto add = [&t](OpCategory category, std::initializer_list<const char*> ops) {
            for (const char* op : ops)
                t.emplace(op, category);
        };
        add(OpCategory::Layer, {"Conv", "ConvTranspose", "ConvInteger", "QLinearConv", "Gemm", "MatMul",
                                "MatMulInteger", "QLinearMatMul", "Einsum", "LSTM", "GRU", "RNN", "Attention",
                                "MultiHeadAttention", "FusedConv", "FusedMatMul", "DeformConv"});
        add(OpCategory::Activation,
            {"Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Celu",
             "Gelu", "FastGelu", "BiasGelu", "QuickGelu", "Softplus", "Softsign", "Mish", "Softmax", "LogSoftmax",
             "Hardmax", "ThresholdedRelu", "Clip", "Swish", "SiLU"});
        add(OpCategory::Normalization,
            {"BatchNormalization", "LayerNormalization", "InstanceNormalization", "GroupNormalization",
             "LpNormalization", "SkipLayerNormalization", "SimplifiedLayerNormalization",
             "SkipSimplifiedLayerNormalization", "RMSNormalization", "LRN", "MeanVarianceNormalization"});
        add(OpCategory::Pooling, {"MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool",
                                  "GlobalLpPool", "MaxRoiPool", "RoiAlign", "MaxUnpool", "QLinearAveragePool",
                                  "QLinearGlobalAveragePool"});
        add(OpCategory::Shape, {"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Shape", "Size", "Expand",
                                "Tile", "Pad", "DepthToSpace", "SpaceToDepth", "ConstantOfShape", "Range",
                                "EyeLike"});
        add(OpCategory::Math,
            {"Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Exp", "Log", "Abs", "Neg", "Reciprocal", "Floor", "Ceil",
             "Round", "Sign", "Min", "Max", "Mean", "Sum", "Erf", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan",
             "Sinh", "Cosh", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Not", "Xor",
             "Where", "Mod", "BitShift", "IsNaN", "IsInf", "CumSum", "ReduceMean", "ReduceSum", "ReduceMax",
             "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp",
             "ReduceSumSquare", "ArgMax", "ArgMin", "Det"});
        add(OpCategory::DataMovement,
            {"Gather", "GatherElements", "GatherND", "Scatter", "ScatterElements", "ScatterND", "Slice", "Concat",
             "Split", "Resize", "Upsample", "Identity", "Cast", "CastLike", "Compress", "TopK", "NonZero", "OneHot",
             "Trilu", "ReverseSequence", "Unique", "GridSample", "NonMaxSuppression", "Dropout"});
        add(OpCategory::Quantization,
            {"QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "QLinearAdd", "QLinearMul",
             "QLinearSigmoid", "QLinearLeakyRelu", "QLinearConcat", "QLinearSoftmax"});
        add(OpCategory::ControlFlow, {"If", "Loop", "Scan"});
        return t;
    }();
    return table;
}

} // namespace

OpCategory opCategory(const std::string& opType) {
    const auto& table = categoryTable();
    const auto it = table.find(opType);
    return it == table.end() ? OpCategory::Other : it->second;
}

const char* opCategoryName(OpCategory category) {
    switch (category) {
    case OpCategory::Layer: return "Layer";
    case OpCategory::Activation: return "Activation";
    case OpCategory::Normalization: return "Normalization";
    case OpCategory::Pooling: return "Pooling";
    case OpCategory::Shape: return "Shape";
    case OpCategory::Math: return "Math";
    case OpCategory::DataMovement: return "Data movement";
    case OpCategory::Quantization: return "Quantization";
    case OpCategory::ControlFlow: return "Control flow";
    case OpCategory::InputOutput: return "Input/output";
    case OpCategory::Other: return "Other";
    }
    return "Other";
}

} // namespace qs
