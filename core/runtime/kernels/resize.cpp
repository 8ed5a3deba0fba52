// Resize (opsets 10-18) and Upsample (opsets 7-9) in plain loops, one axis at a time: nearest (four rounding
// modes), linear and cubic (cubic_coeff_a, exclude_outside) interpolation with every coordinate
// transformation mode but half_pixel_symmetric, output size from scales or sizes, tf_crop_and_resize with a
// region of interest.

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <cmath>
#include <cstring>

namespace qs {

namespace {

enum class Interpolation { Nearest, Linear, Cubic };

/// Everything read from the attributes, checked when the kernel is created.
struct ResizeSettings {
    Interpolation mode = Interpolation::Nearest;
    std::string coordinates = "half_pixel";
    std::string nearestMode = "round_prefer_floor";
    double cubicA = -0.75;
    bool excludeOutside = false;
    double extrapolation = 0.0;
    bool legacy = false; ///< Upsample and Resize-10: asymmetric coordinates, nearest rounds down
};

ResizeSettings readSettings(const Node& node, int64_t opset, bool isUpsample) {
    ResizeSettings settings;
    std::string mode = attrString(node, "mode", "nearest");
    if (mode == "nearest")
        settings.mode = Interpolation::Nearest;
    else if (mode == "linear" || (isUpsample && mode == "bilinear"))
        settings.mode = Interpolation::Linear;
    else if (mode == "cubic" && !isUpsample && opset >= 11)
        settings.mode = Interpolation::Cubic;
    else
        unsupportedNode(node, "mode '" + mode + "'");
    settings.legacy = isUpsample || opset < 11;
    if (settings.legacy) {
        settings.coordinates = "asymmetric";
        return settings;
    }
    settings.coordinates = attrString(node, "coordinate_transformation_mode", "half_pixel");
    const char* const known[] = {"half_pixel", "pytorch_half_pixel", "align_corners",
                                 "asymmetric", "tf_crop_and_resize", "tf_half_pixel_for_nn"};
    bool isKnown = false;
    for (const char* name : known)
        isKnown = isKnown || settings.coordinates == name;
    if (!isKnown)
        unsupportedNode(node, "coordinate_transformation_mode '" + settings.coordinates + "'");
    settings.nearestMode = attrString(node, "nearest_mode", "round_prefer_floor");
    if (settings.nearestMode != "round_prefer_floor" && settings.nearestMode != "round_prefer_ceil" &&
        settings.nearestMode != "floor" && settings.nearestMode != "ceil")
        unsupportedNode(node, "nearest_mode '" + settings.nearestMode + "'");
    settings.cubicA = attrFloat(node, "cubic_coeff_a", -0.75f);
    settings.excludeOutside = attrInt(node, "exclude_outside", 0) != 0;
    settings.extrapolation = attrFloat(node, "extrapolation_value", 0.0f);
    if (attrInt(node, "antialias", 0) != 0)
        unsupportedNode(node, "antialias");
    if (findAttribute(node, "axes"))
        unsupportedNode(node, "the axes attribute");
    if (attrString(node, "keep_aspect_ratio_policy", "stretch") != "stretch")
        unsupportedNode(node, "keep_aspect_ratio_policy other than 'stretch'");
    return settings;
}

/// How one output index along an axis reads the input: weighted input indices, or the extrapolation value.
struct AxisTaps {
    int64_t tapCount = 1;
    std::vector<int64_t> indices; ///< tapCount per output index
    std::vector<double> weights;  ///< tapCount per output index
    std::vector<bool> outside;    ///< per output index: write the extrapolation value
};

/// The input coordinate that output index `x` maps to, or NaN when it falls outside a tf_crop_and_resize
/// region.
double sourceCoordinate(const ResizeSettings& settings, int64_t x, double scale, int64_t inputSize,
                        double roiStart, double roiEnd) {
    double outputWidth = scale * static_cast<double>(inputSize);
    double position = static_cast<double>(x);
    const std::string& mode = settings.coordinates;
    if (mode == "asymmetric")
        return position / scale;
    if (mode == "align_corners")
        return outputWidth == 1.0 ? 0.0 : position * static_cast<double>(inputSize - 1) / (outputWidth - 1.0);
    if (mode == "pytorch_half_pixel")
        return outputWidth == 1.0 ? -0.5 : (position + 0.5) / scale - 0.5;
    if (mode == "tf_half_pixel_for_nn")
        return (position + 0.5) / scale;
    if (mode == "tf_crop_and_resize") {
        double span = static_cast<double>(inputSize - 1);
        double source = outputWidth == 1.0 ? (roiEnd - roiStart) * span / 2.0
                                           : position * (roiEnd - roiStart) * span / (outputWidth - 1.0);
        source += roiStart * span;
        return source < 0.0 || source > span ? std::nan("") : source;
    }
    return (position + 0.5) / scale - 0.5;
}

int64_t clampIndex(int64_t index, int64_t size) {
    return std::min<int64_t>(std::max<int64_t>(index, 0), size - 1);
}

void cubicCoefficients(double ratio, double a, double* coefficients) {
    double t = ratio + 1.0;
    coefficients[0] = ((a * t - 5.0 * a) * t + 8.0 * a) * t - 4.0 * a;
    coefficients[1] = ((a + 2.0) * ratio - (a + 3.0)) * ratio * ratio + 1.0;
    double u = 1.0 - ratio;
    coefficients[2] = ((a + 2.0) * u - (a + 3.0)) * u * u + 1.0;
    t = u + 1.0;
    coefficients[3] = ((a * t - 5.0 * a) * t + 8.0 * a) * t - 4.0 * a;
}

int64_t nearestIndex(const ResizeSettings& settings, double source, double scale) {
    double lower = std::floor(source);
    double ratio = source - lower;
    if (ratio == 0.0)
        return static_cast<int64_t>(lower);
    bool up = false;
    if (settings.legacy)
        up = scale < 1.0;
    else if (settings.nearestMode == "round_prefer_floor")
        up = ratio > 0.5;
    else if (settings.nearestMode == "round_prefer_ceil")
        up = ratio >= 0.5;
    else
        up = settings.nearestMode == "ceil";
    return static_cast<int64_t>(lower) + (up ? 1 : 0);
}

AxisTaps axisTaps(const ResizeSettings& settings, int64_t inputSize, int64_t outputSize, double scale,
                  double roiStart, double roiEnd) {
    AxisTaps taps;
    taps.tapCount = settings.mode == Interpolation::Nearest  ? 1
                    : settings.mode == Interpolation::Linear ? 2
                                                             : 4;
    taps.indices.assign(static_cast<size_t>(outputSize * taps.tapCount), 0);
    taps.weights.assign(taps.indices.size(), 0.0);
    taps.outside.assign(static_cast<size_t>(outputSize), false);
    for (int64_t x = 0; x < outputSize; ++x) {
        double source = sourceCoordinate(settings, x, scale, inputSize, roiStart, roiEnd);
        int64_t* indices = taps.indices.data() + x * taps.tapCount;
        double* weights = taps.weights.data() + x * taps.tapCount;
        if (std::isnan(source)) {
            taps.outside[x] = true;
            continue;
        }
        if (settings.mode == Interpolation::Nearest) {
            indices[0] = clampIndex(nearestIndex(settings, source, scale), inputSize);
            weights[0] = 1.0;
            continue;
        }
        auto lower = static_cast<int64_t>(std::floor(source));
        double ratio = source - static_cast<double>(lower);
        if (settings.mode == Interpolation::Linear) {
            indices[0] = clampIndex(lower, inputSize);
            indices[1] = clampIndex(lower + 1, inputSize);
            weights[0] = 1.0 - ratio;
            weights[1] = ratio;
            continue;
        }
        cubicCoefficients(ratio, settings.cubicA, weights);
        double sum = 0.0;
        for (int64_t k = 0; k < 4; ++k) {
            int64_t index = lower - 1 + k;
            if (settings.excludeOutside && (index < 0 || index >= inputSize))
                weights[k] = 0.0;
            sum += weights[k];
            indices[k] = clampIndex(index, inputSize);
        }
        if (settings.excludeOutside && sum != 0.0)
            for (int64_t k = 0; k < 4; ++k)
                weights[k] /= sum;
    }
    return taps;
}

bool isIdentity(const AxisTaps& taps, int64_t inputSize, int64_t outputSize) {
    if (inputSize != outputSize)
        return false;
    for (int64_t x = 0; x < outputSize; ++x) {
        if (taps.outside[x])
            return false;
        for (int64_t k = 0; k < taps.tapCount; ++k) {
            double weight = taps.weights[x * taps.tapCount + k];
            int64_t index = taps.indices[x * taps.tapCount + k];
            if (weight != 0.0 && (weight != 1.0 || index != x))
                return false;
        }
    }
    return true;
}

/// Resizes axis `axis` of a float tensor.
RuntimeTensor resizeFloatAxis(const RuntimeTensor& input, size_t axis, int64_t outputSize,
                              const AxisTaps& taps, float extrapolation, KernelContext& context) {
    std::vector<int64_t> dims = input.dims();
    int64_t inputSize = dims[axis];
    dims[axis] = outputSize;
    RuntimeTensor output = context.allocate(DataType::Float, dims);
    int64_t outer = 1;
    int64_t inner = 1;
    for (size_t d = 0; d < axis; ++d)
        outer *= dims[d];
    for (size_t d = axis + 1; d < dims.size(); ++d)
        inner *= dims[d];
    const float* source = input.data<float>();
    float* target = output.data<float>();
#pragma omp parallel for num_threads(context.threadCount) if (outer > 1 && context.threadCount > 1)
    for (int64_t o = 0; o < outer; ++o) {
        const float* plane = source + o * inputSize * inner;
        for (int64_t x = 0; x < outputSize; ++x) {
            float* row = target + (o * outputSize + x) * inner;
            if (taps.outside[x]) {
                std::fill(row, row + inner, extrapolation);
                continue;
            }
            std::fill(row, row + inner, 0.0f);
            for (int64_t k = 0; k < taps.tapCount; ++k) {
                auto weight = static_cast<float>(taps.weights[x * taps.tapCount + k]);
                if (weight == 0.0f)
                    continue;
                const float* from = plane + taps.indices[x * taps.tapCount + k] * inner;
                for (int64_t i = 0; i < inner; ++i)
                    row[i] += weight * from[i];
            }
        }
    }
    return output;
}

/// Nearest resizing of axis `axis` for any element type (copies elements).
RuntimeTensor resizeNearestAxis(const RuntimeTensor& input, size_t axis, int64_t outputSize,
                                const AxisTaps& taps, KernelContext& context) {
    std::vector<int64_t> dims = input.dims();
    int64_t inputSize = dims[axis];
    dims[axis] = outputSize;
    RuntimeTensor output = context.allocate(input.type(), dims);
    size_t bytes = runtimeElementSize(input.type());
    int64_t outer = 1;
    int64_t inner = 1;
    for (size_t d = 0; d < axis; ++d)
        outer *= dims[d];
    for (size_t d = axis + 1; d < dims.size(); ++d)
        inner *= dims[d];
    const auto* source = static_cast<const uint8_t*>(input.raw());
    auto* target = static_cast<uint8_t*>(output.raw());
    size_t rowBytes = static_cast<size_t>(inner) * bytes;
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t x = 0; x < outputSize; ++x)
            std::memcpy(target + (o * outputSize + x) * rowBytes,
                        source + (o * inputSize + taps.indices[x]) * rowBytes, rowBytes);
    return output;
}

/// Scales and output dims from the scales or sizes input (or the Upsample attribute).
void outputGeometry(const Node& node, int64_t opset, bool isUpsample, const RuntimeTensor& x,
                    const KernelInputs& inputs, std::vector<double>& scales,
                    std::vector<int64_t>& outputDims) {
    std::vector<double> scaleValues;
    std::vector<int64_t> sizes;
    if (isUpsample && opset < 9) {
        for (float value : attrFloats(node, "scales"))
            scaleValues.push_back(value);
    } else if (isUpsample || opset < 11) {
        scaleValues = requireInput(node, inputs, 1).toDoubles();
    } else {
        const RuntimeTensor* scalesInput = optionalInput(inputs, 2);
        const RuntimeTensor* sizesInput = optionalInput(inputs, 3);
        if (scalesInput && scalesInput->elementCount() > 0)
            scaleValues = scalesInput->toDoubles();
        if (sizesInput && sizesInput->elementCount() > 0)
            sizes = sizesInput->toInt64s();
        if (scaleValues.empty() == sizes.empty())
            failNode(node, "exactly one of scales and sizes must be given");
    }
    auto rank = static_cast<size_t>(x.rank());
    scales.assign(rank, 1.0);
    outputDims.assign(rank, 0);
    if (!sizes.empty()) {
        if (sizes.size() != rank)
            failNode(node, "sizes " + dimsToString(sizes) + " do not match input " + x.describe());
        for (size_t d = 0; d < rank; ++d) {
            if (sizes[d] < 0)
                failNode(node, "negative size in " + dimsToString(sizes));
            outputDims[d] = sizes[d];
            scales[d] =
                x.dims()[d] == 0 ? 1.0 : static_cast<double>(sizes[d]) / static_cast<double>(x.dims()[d]);
        }
        return;
    }
    if (scaleValues.size() != rank)
        failNode(node, "has " + std::to_string(scaleValues.size()) + " scales for input " + x.describe());
    for (size_t d = 0; d < rank; ++d) {
        if (!(scaleValues[d] > 0.0))
            failNode(node, "scales must be positive");
        scales[d] = scaleValues[d];
        const double size = std::floor(scaleValues[d] * static_cast<double>(x.dims()[d]));
        if (!(size < 0x1p62))
            failNode(node, "scales give an output larger than a tensor can hold");
        outputDims[d] = static_cast<int64_t>(size);
    }
}

void runResizeCommon(const Node& node, int64_t opset, bool isUpsample, const KernelInputs& inputs,
                     std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    ResizeSettings settings = readSettings(node, opset, isUpsample);
    const RuntimeTensor& x = requireInput(node, inputs, 0);
    std::vector<double> scales;
    std::vector<int64_t> outputDims;
    outputGeometry(node, opset, isUpsample, x, inputs, scales, outputDims);
    // Before the per-axis tables, which are as long as the output axes: a huge scale is an error, not a
    // runaway allocation.
    checkedTensorBytes(x.type(), outputDims);
    auto rank = static_cast<size_t>(x.rank());
    std::vector<double> roi;
    if (settings.coordinates == "tf_crop_and_resize") {
        const RuntimeTensor* roiInput = optionalInput(inputs, 1);
        if (roiInput)
            roi = roiInput->toDoubles();
        if (roi.size() != 2 * rank)
            failNode(node, "tf_crop_and_resize needs a roi of " + std::to_string(2 * rank) + " values");
    }
    bool isFloat = x.type() == DataType::Float;
    if (!isFloat && (settings.mode != Interpolation::Nearest || settings.coordinates == "tf_crop_and_resize"))
        failNode(node, "interpolates float32 only, got " + x.describe());
    if (runtimeElementSize(x.type()) == 0)
        failNode(node, "cannot resize " + x.describe());

    RuntimeTensor current = x;
    for (size_t axis = 0; axis < rank; ++axis) {
        double roiStart = roi.empty() ? 0.0 : roi[axis];
        double roiEnd = roi.empty() ? 1.0 : roi[rank + axis];
        AxisTaps taps = axisTaps(settings, x.dims()[axis], outputDims[axis], scales[axis], roiStart, roiEnd);
        if (x.dims()[axis] == 0 && outputDims[axis] > 0)
            failNode(node, "cannot resize an empty axis of " + x.describe());
        if (isIdentity(taps, x.dims()[axis], outputDims[axis]))
            continue;
        current = isFloat ? resizeFloatAxis(current, axis, outputDims[axis], taps,
                                            static_cast<float>(settings.extrapolation), context)
                          : resizeNearestAxis(current, axis, outputDims[axis], taps, context);
    }
    outputs[0] = current;
}

void runResize(const Node& node, int64_t opset, const KernelInputs& inputs,
               std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    runResizeCommon(node, opset, false, inputs, outputs, context);
}

void runUpsample(const Node& node, int64_t opset, const KernelInputs& inputs,
                 std::vector<RuntimeTensor>& outputs, KernelContext& context) {
    runResizeCommon(node, opset, true, inputs, outputs, context);
}

void validateResize(const Node& node, int64_t opset) {
    readSettings(node, opset, false);
}
void validateUpsample(const Node& node, int64_t opset) {
    readSettings(node, opset, true);
}

} // namespace

void registerResizeKernels(KernelRegistry& registry) {
    addFunctionKernel(registry, "Resize", runResize, validateResize);
    addFunctionKernel(registry, "Upsample", runUpsample, validateUpsample);
}

} // namespace qs
