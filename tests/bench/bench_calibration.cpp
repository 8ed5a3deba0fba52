// Times the calibration pass against plain inference on the same executor and batches (target: calibration at
// least 0.85 x the forward images/s), on the demo model with its 256 calibration images and on ResNet-18 with
// random 3x224x224 tensors written to a temporary folder. The histogrammed tensors are those of the default plan.
//
//     bench_calibration [build-dir]     (ResNet-18 is read from <build-dir>/fixtures/torchvision; skipped if absent)

#include "data/batchloader.h"
#include "model/onnxloader.h"
#include "quant/calibration.h"
#include "quant/quantplan.h"
#include "runtime/npy.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Case {
    std::string name;
    std::string modelPath;
    std::string dataFolder;
    qs::PreprocessConfig preprocess;
    size_t batchSize = 16;
};

/// Plain inference, or with `options` (an observer that does nothing shows what the hooks alone cost).
double forwardImagesPerSecond(qs::Executor& executor, const qs::ImageFolderScan& scan, const Case& benchCase,
                              const qs::RunOptions& options = {}) {
    qs::BatchLoader loader(scan, benchCase.preprocess, benchCase.batchSize);
    qs::Batch batch;
    qs::TensorMap inputs;
    size_t images = 0;
    const auto start = Clock::now();
    while (loader.next(batch)) {
        inputs["input"] = batch.tensor;
        executor.run(inputs, options);
        images += batch.size();
    }
    return static_cast<double>(images) / std::chrono::duration<double>(Clock::now() - start).count();
}

double calibrationImagesPerSecond(qs::Executor& executor, const qs::ImageFolderScan& scan, const Case& benchCase,
                                  const std::vector<std::string>& tensors) {
    qs::BatchLoader loader(scan, benchCase.preprocess, benchCase.batchSize);
    return qs::calibrate(executor, "input", loader, tensors).imagesPerSecond();
}

int run(const Case& benchCase) {
    const qs::Model model = qs::loadOnnxModel(benchCase.modelPath).model;
    const qs::QuantPlan plan = qs::buildQuantPlan(model.graph, qs::QuantConfig());
    std::vector<std::string> tensors;
    for (const qs::ActivationPlan& activation : plan.activations)
        tensors.push_back(activation.tensor);
    const qs::ImageFolderScan scan = qs::scanImageFolder(benchCase.dataFolder);
    qs::Executor executor(model);

    // Warm up both plans (fused and hooked), then alternate and keep the best of three of each.
    forwardImagesPerSecond(executor, scan, benchCase);
    calibrationImagesPerSecond(executor, scan, benchCase, tensors);
    qs::RunOptions idleObserver;
    idleObserver.observer = [](const std::string&, const qs::RuntimeTensor&) {};
    double forward = 0.0;
    double hooked = 0.0;
    double calibration = 0.0;
    for (int repeat = 0; repeat < 3; ++repeat) {
        forward = std::max(forward, forwardImagesPerSecond(executor, scan, benchCase));
        hooked = std::max(hooked, forwardImagesPerSecond(executor, scan, benchCase, idleObserver));
        calibration = std::max(calibration, calibrationImagesPerSecond(executor, scan, benchCase, tensors));
    }
    const double ratio = calibration / forward;
    std::printf("%-9s %zu images, batch %zu, %zu histogrammed tensors, %d threads: forward %.1f images/s, "
                "with an idle observer %.1f, calibration %.1f images/s, ratio %.3f (target >= 0.85) %s\n",
                benchCase.name.c_str(), scan.items.size(), benchCase.batchSize, tensors.size(),
                executor.threadCount(), forward, hooked, calibration, ratio, ratio >= 0.85 ? "ok" : "SLOW");
    return ratio >= 0.85 ? 0 : 1;
}

/// `count` random N(0, 1) tensors [3, 224, 224] as .npy files in a fresh folder under the system temp folder.
std::string writeRandomInputs(size_t count) {
    const std::filesystem::path folder = std::filesystem::temp_directory_path() / "qs-bench-calibration";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    std::mt19937 generator(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    qs::RuntimeTensor tensor(qs::DataType::Float, {3, 224, 224});
    for (size_t i = 0; i < count; ++i) {
        float* values = tensor.data<float>();
        for (int64_t v = 0; v < tensor.elementCount(); ++v)
            values[v] = normal(generator);
        char name[32];
        std::snprintf(name, sizeof name, "sample_%03zu.npy", i);
        qs::writeNpy((folder / name).string(), tensor);
    }
    return folder.string();
}

} // namespace

int main(int argc, char** argv) {
    const std::string buildDir = argc > 1 ? argv[1] : QS_BINARY_DIR;
    int status = 0;

    Case demo;
    demo.name = "demo";
    demo.modelPath = std::string(QS_SOURCE_DIR) + "/resources/demo/model.onnx";
    demo.dataFolder = std::string(QS_SOURCE_DIR) + "/resources/demo/calib";
    demo.preprocess.color = qs::ColorOrder::Gray;
    demo.preprocess.scale = 1.0f / 255.0f;
    demo.preprocess.mean = {0.2860f};
    demo.preprocess.std = {0.3530f};
    status |= run(demo);

    Case resnet;
    resnet.name = "resnet18";
    resnet.modelPath = buildDir + "/fixtures/torchvision/resnet18.onnx";
    if (!std::filesystem::exists(resnet.modelPath)) {
        std::printf("resnet18  skipped: %s not found (run the fixtures.torchvision test first)\n",
                    resnet.modelPath.c_str());
        return status;
    }
    resnet.dataFolder = writeRandomInputs(64);
    status |= run(resnet);
    std::filesystem::remove_all(resnet.dataFolder);
    return status;
}
