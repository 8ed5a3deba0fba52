// NonMaxSuppression: per batch and class, greedy selection of boxes in descending score order (ties: lower box
// index first), dropping boxes whose IoU with a selected one exceeds the threshold. Output rows are
// [batch, class, box] in batch, class, selection order, as ONNX Runtime produces them.

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace qs {

namespace {

/// Box corners as (ymin, xmin, ymax, xmax) whatever the input encoding.
std::array<float, 4> corners(const float* box, bool centerFormat) {
    if (centerFormat) {
        float halfWidth = box[2] / 2.0f;
        float halfHeight = box[3] / 2.0f;
        return {box[1] - halfHeight, box[0] - halfWidth, box[1] + halfHeight, box[0] + halfWidth};
    }
    return {std::min(box[0], box[2]), std::min(box[1], box[3]), std::max(box[0], box[2]), std::max(box[1], box[3])};
}

bool overlapsTooMuch(const std::array<float, 4>& a, const std::array<float, 4>& b, float iouThreshold) {
    float areaA = (a[2] - a[0]) * (a[3] - a[1]);
    float areaB = (b[2] - b[0]) * (b[3] - b[1]);
    if (areaA <= 0.0f || areaB <= 0.0f)
        return false;
    float height = std::max(0.0f, std::min(a[2], b[2]) - std::max(a[0], b[0]));
    float width = std::max(0.0f, std::min(a[3], b[3]) - std::max(a[1], b[1]));
    float intersection = height * width;
    if (intersection <= 0.0f)
        return false;
    return intersection / (areaA + areaB - intersection) > iouThreshold;
}

float scalarOr(const KernelInputs& inputs, size_t index, float fallback) {
    const RuntimeTensor* tensor = optionalInput(inputs, index);
    return tensor && tensor->elementCount() > 0 ? static_cast<float>(tensor->toDoubles()[0]) : fallback;
}

void runNonMaxSuppression(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
                          KernelContext& context) {
    const RuntimeTensor& boxes = requireInput(node, inputs, 0);
    const RuntimeTensor& scores = requireInput(node, inputs, 1);
    if (boxes.type() != DataType::Float || scores.type() != DataType::Float || boxes.rank() != 3 ||
        scores.rank() != 3 || boxes.dims()[2] != 4 || boxes.dims()[0] != scores.dims()[0] ||
        boxes.dims()[1] != scores.dims()[2])
        failNode(node, "expects float boxes [B,N,4] and scores [B,C,N], got " + boxes.describe() + " and " +
                           scores.describe());
    const RuntimeTensor* maxOutput = optionalInput(inputs, 2);
    int64_t maxPerClass = maxOutput && maxOutput->elementCount() > 0 ? maxOutput->toInt64s()[0] : 0;
    float iouThreshold = scalarOr(inputs, 3, 0.0f);
    const RuntimeTensor* scoreThresholdInput = optionalInput(inputs, 4);
    float scoreThreshold = scalarOr(inputs, 4, 0.0f);
    bool centerFormat = attrInt(node, "center_point_box", 0) != 0;
    int64_t batches = boxes.dims()[0];
    int64_t classes = scores.dims()[1];
    int64_t boxCount = boxes.dims()[1];
    std::vector<int64_t> selected;
    std::vector<int64_t> order;
    std::vector<std::array<float, 4>> kept;
    for (int64_t b = 0; b < batches; ++b) {
        for (int64_t c = 0; c < classes; ++c) {
            const float* classScores = scores.data<float>() + (b * classes + c) * boxCount;
            order.clear();
            for (int64_t i = 0; i < boxCount; ++i)
                if (!scoreThresholdInput || classScores[i] > scoreThreshold)
                    order.push_back(i);
            std::stable_sort(order.begin(), order.end(),
                             [classScores](int64_t x, int64_t y) { return classScores[x] > classScores[y]; });
            kept.clear();
            for (int64_t index : order) {
                if (static_cast<int64_t>(kept.size()) >= maxPerClass)
                    break;
                std::array<float, 4> box = corners(boxes.data<float>() + (b * boxCount + index) * 4, centerFormat);
                bool suppressed = std::any_of(kept.begin(), kept.end(), [&](const std::array<float, 4>& other) {
                    return overlapsTooMuch(box, other, iouThreshold);
                });
                if (suppressed)
                    continue;
                kept.push_back(box);
                selected.insert(selected.end(), {b, c, index});
            }
        }
    }
    int64_t rows = static_cast<int64_t>(selected.size() / 3);
    outputs[0] = context.allocate(DataType::Int64, {rows, 3});
    std::copy(selected.begin(), selected.end(), outputs[0].data<int64_t>());
}

} // namespace

void registerNonMaxSuppressionKernels(KernelRegistry& registry) {
    addFunctionKernel(registry, "NonMaxSuppression", runNonMaxSuppression);
}

} // namespace qs
