// What-if latency: how long the studio takes to redraw a layer's weight grid after a strategy edit, i.e. one
// previewLayerWeights call (quantize the weight, measure SQNR and clipping, list the levels), on the largest
// layer of ResNet-18 and Swin-T, for the schemes a user flips between. Target: at most 100 ms per edit. The
// reference in the same run is computeWeightStats on the same weight (what selecting the layer already
// costs).

#include "model/layers.h"
#include "model/onnxloader.h"
#include "model/weightstats.h"
#include "workflow/layerpreview.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

template <typename Work> double bestMs(Work work, int repeats = 5) {
    double best = 1e300;
    for (int i = 0; i < repeats; ++i) {
        const Clock::time_point start = Clock::now();
        work();
        best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return best;
}

int benchModel(const std::string& name) {
    const std::string path = std::string(QS_BINARY_DIR) + "/fixtures/torchvision/" + name + ".onnx";
    if (!std::filesystem::exists(path)) {
        std::printf("%s: %s missing (run ctest -R fixtures.torchvision first)\n", name.c_str(), path.c_str());
        return 1;
    }
    const qs::Model model = qs::loadOnnxModel(path).model;
    const std::vector<qs::QuantizableLayer> layers = qs::findQuantizableLayers(model.graph);
    const qs::QuantizableLayer& largest = *std::max_element(
        layers.begin(), layers.end(), [](const qs::QuantizableLayer& a, const qs::QuantizableLayer& b) {
            return a.parameters < b.parameters;
        });
    const qs::Tensor& weight = *model.graph.initializer(largest.weightName);
    const double statsMs = bestMs([&] { qs::computeWeightStats(weight, largest.outputChannelAxis); });
    std::printf("%s: largest layer %s (%s, %lld weights); weight statistics %.1f ms\n", name.c_str(),
                largest.nodeName.c_str(), largest.opType.c_str(),
                static_cast<long long>(weight.elementCount()), statsMs);
    struct Case {
        const char* label;
        qs::QuantScheme scheme;
    };
    using qs::Granularity;
    using qs::RangeMode;
    using qs::SchemeKind;
    using qs::Signedness;
    const Case cases[] = {
        {"uniform int8 per-channel",
         {SchemeKind::Uniform, 8, Granularity::PerChannel, RangeMode::Symmetric, Signedness::Signed}},
        {"uniform int4 per-channel",
         {SchemeKind::Uniform, 4, Granularity::PerChannel, RangeMode::Symmetric, Signedness::Signed}},
        {"codebook 4-bit per-tensor",
         {SchemeKind::Codebook, 4, Granularity::PerTensor, RangeMode::Symmetric, Signedness::Signed}},
        {"codebook 4-bit per-channel",
         {SchemeKind::Codebook, 4, Granularity::PerChannel, RangeMode::Symmetric, Signedness::Signed}},
        {"log 4-bit per-channel",
         {SchemeKind::Log, 4, Granularity::PerChannel, RangeMode::Symmetric, Signedness::Signed}},
    };
    for (const Case& c : cases) {
        double sqnr = 0.0;
        const double ms =
            bestMs([&] { sqnr = qs::previewLayerWeights(model.graph, largest, c.scheme).grid.sqnrDb; });
        const bool ok = ms <= 100.0;
        std::printf("  %-28s %7.1f ms  (%.2fx weight statistics)  SQNR %5.1f dB  %s\n", c.label, ms,
                    ms / statsMs, sqnr, ok ? "ok (<= 100 ms)" : "SLOW (> 100 ms)");
    }
    return 0; // timings are reported, not asserted: the machine is shared
}

} // namespace

int main() {
    int status = 0;
    for (const char* name : {"resnet18", "swin_t"})
        status |= benchModel(name);
    return status;
}
