#include "workflow/sensitivity.h"

#include "eval/evaluation.h"
#include "workflow/simulation.h"

#include <set>

namespace qs {

namespace {

/// A batch kept in memory with what the float model predicted for it.
struct CachedBatch {
    RuntimeTensor tensor;
    std::vector<int> labels;
    std::vector<int64_t> floatClasses;
};

std::vector<int64_t> topClasses(const TensorMap& outputs, const std::string& outputName, const Batch& batch) {
    const ScoreMatrix scores = classScores(outputs, outputName, batch.size(), "float");
    checkLabels(batch, scores.classes);
    std::vector<int64_t> classes(size_t(scores.rows));
    for (int64_t i = 0; i < scores.rows; ++i)
        classes[size_t(i)] = topClass(scores.row(i), scores.classes);
    return classes;
}

/// Accuracy over the labelled images when there are any, else agreement with the float model.
double sensitivityMetric(Executor& executor, const std::vector<CachedBatch>& batches,
                         const std::string& inputName, const std::string& outputName,
                         const RunOptions& options) {
    size_t labelled = 0, correct = 0, images = 0, agreements = 0;
    for (const CachedBatch& cached : batches) {
        const TensorMap outputs = executor.run({{inputName, cached.tensor}}, options);
        const ScoreMatrix scores = classScores(outputs, outputName, cached.labels.size(), "simulated");
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
    if (labelled > 0)
        return double(correct) / double(labelled);
    return images == 0 ? 0.0 : double(agreements) / double(images);
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
        batches.push_back(CachedBatch{batch.tensor, batch.labels, topClasses(outputs, output, batch)});
        reportProgress(progress, fractionDone(loader) / steps, "running the float model");
    }
    if (batches.empty())
        throw Error("layer sensitivity: the data set yielded no image");

    std::vector<LayerSensitivity> results;
    for (size_t i = 0; i < layers.size(); ++i) {
        const std::string& name = layers[i]->layer.nodeName;
        reportProgress(progress, double(i + 1) / steps, "quantizing only " + name);
        const QuantSimulation simulation(graph, plan, tensors, std::set<std::string>{name});
        results.push_back(LayerSensitivity{
            name, sensitivityMetric(executor, batches, input, output, simulation.runOptions())});
    }
    reportProgress(progress, 1.0, "sensitivity measured");
    return results;
}

} // namespace qs
