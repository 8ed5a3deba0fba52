#include "quant/calibration.h"

#include <chrono>
#include <memory>
#include <set>
#include <unordered_map>

namespace qs {

namespace {

/// The observer's view of one requested tensor: its histogram and whether the graph produced it at all.
struct ObservedTensor {
    TensorHistogram* histogram = nullptr;
    bool produced = false;
};

std::string describeRequested(const std::vector<std::string>& missing) {
    std::string names;
    for (const std::string& name : missing)
        names += (names.empty() ? "'" : ", '") + name + "'";
    return names;
}

} // namespace

CalibrationResult calibrate(Executor& executor, const std::string& inputName, BatchLoader& loader,
                            const std::vector<std::string>& tensors, const ProgressCallback& progress) {
    const auto start = std::chrono::steady_clock::now();
    CalibrationResult result;
    std::unordered_map<std::string, ObservedTensor> observed;
    observed.reserve(tensors.size());
    for (const std::string& name : tensors)
        observed[name].histogram = &result.histograms.try_emplace(name, 2048).first->second;

    RunOptions options;
    // Only the requested tensors are hooked; the rest of the model keeps its fused, blocked-layout fast path.
    options.hookedTensors = std::make_shared<std::set<std::string>>(tensors.begin(), tensors.end());
    options.observer = [&observed](const std::string& name, const RuntimeTensor& tensor) {
        auto found = observed.find(name);
        if (found == observed.end())
            return;
        if (tensor.type() != DataType::Float)
            throw Error("calibration: tensor '" + name + "' holds " + tensor.describe() +
                        ", only float tensors can be calibrated");
        found->second.produced = true;
        found->second.histogram->add(tensor.data<float>(), static_cast<size_t>(tensor.elementCount()));
    };

    const double itemCount = static_cast<double>(std::max<size_t>(loader.itemCount(), 1));
    reportProgress(progress, 0.0, "Calibrating");
    Batch batch;
    TensorMap inputs;
    while (loader.next(batch)) {
        inputs[inputName] = batch.tensor;
        executor.run(inputs, options);
        result.imageCount += batch.size();
        reportProgress(progress, static_cast<double>(loader.deliveredCount()) / itemCount, "Calibrating");
    }

    std::vector<std::string> missing;
    for (const std::string& name : tensors)
        if (!observed[name].produced)
            missing.push_back(name);
    if (result.imageCount == 0)
        throw Error("calibration: the data set delivered no image");
    if (!missing.empty())
        throw Error("calibration: the model never produced " +
                    std::string(missing.size() == 1 ? "tensor " : "tensors ") + describeRequested(missing) +
                    " (check the names against the graph)");
    result.skipped = loader.skipped();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    reportProgress(progress, 1.0, "Calibrating");
    return result;
}

} // namespace qs
