#include "workflow/sensitivity.h"

#include "eval/evaluation.h"
#include "workflow/simulation.h"

#include <cmath>
#include <limits>
#include <set>

namespace qs {

namespace {

/// A batch kept in memory with what the float model made of it.
struct CachedBatch {
    RuntimeTensor tensor;
    std::vector<int> labels;
    std::vector<int64_t> floatClasses;
    std::vector<float> floatScores; ///< [images, classes]
};

CachedBatch cachedBatch(const TensorMap& outputs, const std::string& outputName, const Batch& batch) {
    const ScoreMatrix scores = classScores(outputs, outputName, batch.size(), "float");
    checkLabels(batch, scores.classes);
    CachedBatch cached{batch.tensor, batch.labels, std::vector<int64_t>(size_t(scores.rows)),
                       std::vector<float>(scores.data, scores.data + scores.rows * scores.classes)};
    for (int64_t i = 0; i < scores.rows; ++i)
        cached.floatClasses[size_t(i)] = topClass(scores.row(i), scores.classes);
    return cached;
}

/// Accuracy over the labelled images when there are any, else agreement with the float model; and the
/// output SQNR against the float model.
LayerSensitivity sensitivityOf(const std::string& layer, Executor& executor,
                               const std::vector<CachedBatch>& batches, const std::string& inputName,
                               const std::string& outputName, const RunOptions& options) {
    size_t labelled = 0, correct = 0, images = 0, agreements = 0;
    double signal = 0.0, noise = 0.0;
    for (const CachedBatch& cached : batches) {
        const TensorMap outputs = executor.run({{inputName, cached.tensor}}, options);
        const ScoreMatrix scores = classScores(outputs, outputName, cached.labels.size(), "simulated");
        if (size_t(scores.rows * scores.classes) != cached.floatScores.size())
            throw Error("layer sensitivity: quantizing only '" + layer + "' changes the shape of output '" +
                        outputName + "'");
        for (int64_t i = 0; i < scores.rows * scores.classes; ++i) {
            const double expected = cached.floatScores[size_t(i)];
            const double difference = expected - double(scores.data[i]);
            signal += expected * expected;
            noise += difference * difference;
        }
        for (int64_t i = 0; i < scores.rows; ++i) {
            const int64_t predicted = topClass(scores.row(i), scores.classes);
            const int label = cached.labels[size_t(i)];
            ++images;
            agreements += predicted == cached.floatClasses[size_t(i)];
            if (label >= 0) {
                ++labelled;
                correct += predicted == label;
            }
        }
    }
    LayerSensitivity result;
    result.layer = layer;
    if (labelled > 0)
        result.metric = double(correct) / double(labelled);
    else
        result.metric = images == 0 ? 0.0 : double(agreements) / double(images);
    result.outputSqnrDb =
        noise == 0.0 ? std::numeric_limits<double>::infinity() : 10.0 * std::log10(signal / noise);
    return result;
}

} // namespace

std::vector<LayerSensitivity> layerSensitivity(Executor& executor, const Graph& graph, const QuantPlan& plan,
                                               const QuantizedTensors& tensors, const std::string& inputName,
                                               const std::string& outputName, BatchLoader& loader,
                                               const ProgressCallback& progress) {
    const std::string input = resolvedInputName(executor, inputName, "float");
    const std::string output = resolvedOutputName(executor, outputName, "float");
    std::vector<const LayerPlan*> layers;
    for (const LayerPlan& layer : plan.layers)
        if (!layer.keptFloat())
            layers.push_back(&layer);
    const double steps = double(layers.size() + 1);

    std::vector<CachedBatch> batches;
    reportProgress(progress, 0.0, "running the float model");
    Batch batch;
    while (loader.next(batch)) {
        const TensorMap outputs = executor.run({{input, batch.tensor}});
        batches.push_back(cachedBatch(outputs, output, batch));
        reportProgress(progress, fractionDone(loader) / steps, "running the float model");
    }
    if (batches.empty())
        throw Error("layer sensitivity: the data set yielded no image");

    std::vector<LayerSensitivity> results;
    for (size_t i = 0; i < layers.size(); ++i) {
        const std::string& name = layers[i]->layer.nodeName;
        reportProgress(progress, double(i + 1) / steps, "quantizing only " + name);
        const QuantSimulation simulation(graph, plan, tensors, std::set<std::string>{name});
        results.push_back(sensitivityOf(name, executor, batches, input, output, simulation.runOptions()));
    }
    reportProgress(progress, 1.0, "sensitivity measured");
    return results;
}

std::map<std::string, double> isolatedOutputSqnr(const std::vector<LayerSensitivity>& sensitivity) {
    std::map<std::string, double> isolated;
    for (const LayerSensitivity& layer : sensitivity)
        if (!std::isnan(layer.outputSqnrDb))
            isolated.emplace(layer.layer, layer.outputSqnrDb);
    return isolated;
}

} // namespace qs
