#include "eval/evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

namespace qs {

std::string resolvedInputName(const Executor& executor, const std::string& inputName,
                              const std::string& side) {
    if (!inputName.empty())
        return inputName;
    if (executor.inputs().size() != 1)
        throw Error(side + " model has " + std::to_string(executor.inputs().size()) +
                    " inputs; name the one the images feed");
    return executor.inputs().front().name;
}

std::string resolvedOutputName(const Executor& executor, const std::string& outputName,
                               const std::string& side) {
    if (!outputName.empty())
        return outputName;
    if (executor.outputs().empty())
        throw Error(side + " model has no output");
    return executor.outputs().front().name;
}

/// Checks that `name` is [rows, classes] (trailing 1s allowed) and returns its scores.
ScoreMatrix classScores(const TensorMap& outputs, const std::string& name, size_t rows,
                        const std::string& side) {
    auto found = outputs.find(name);
    if (found == outputs.end())
        throw Error(side + " model has no output '" + name + "'");
    const RuntimeTensor& tensor = found->second;
    const std::vector<int64_t>& dims = tensor.dims();
    const bool trailingOnes =
        dims.size() >= 2 && std::all_of(dims.begin() + 2, dims.end(), [](int64_t d) { return d == 1; });
    if (tensor.type() != DataType::Float || !trailingOnes || dims[1] < 1)
        throw Error(side + " output '" + name + "' is " + tensor.describe() +
                    "; evaluation needs float class scores [N, classes]");
    if (dims[0] != static_cast<int64_t>(rows))
        throw Error(side + " output '" + name + "' is " + tensor.describe() + " for a batch of " +
                    std::to_string(rows) + " images");
    return ScoreMatrix{tensor.data<float>(), dims[0], dims[1]};
}

namespace {

double logSumExp(const float* x, int64_t count) {
    const double largest = *std::max_element(x, x + count);
    if (std::isinf(largest))
        return largest;
    double sum = 0.0;
    for (int64_t i = 0; i < count; ++i)
        sum += std::exp(double(x[i]) - largest);
    return largest + std::log(sum);
}

} // namespace

int64_t topClass(const float* scores, int64_t classes) {
    return std::max_element(scores, scores + classes) - scores;
}

bool inTopK(const float* scores, int64_t classes, int64_t label, int64_t k) {
    if (label < 0 || label >= classes)
        return false;
    int64_t rank = 0;
    for (int64_t c = 0; c < classes && rank < k; ++c)
        if (scores[c] > scores[label] || (scores[c] == scores[label] && c < label))
            ++rank;
    return rank < k;
}

double cosineSimilarity(const float* a, const float* b, int64_t count) {
    double dot = 0.0;
    double normA = 0.0;
    double normB = 0.0;
    for (int64_t i = 0; i < count; ++i) {
        dot += double(a[i]) * b[i];
        normA += double(a[i]) * a[i];
        normB += double(b[i]) * b[i];
    }
    if (normA == 0.0 && normB == 0.0)
        return 1.0;
    if (normA == 0.0 || normB == 0.0)
        return 0.0;
    return dot / (std::sqrt(normA) * std::sqrt(normB));
}

double softmaxKlDivergence(const float* referenceLogits, const float* candidateLogits, int64_t count) {
    const double referenceNorm = logSumExp(referenceLogits, count);
    const double candidateNorm = logSumExp(candidateLogits, count);
    double kl = 0.0;
    for (int64_t i = 0; i < count; ++i) {
        const double logP = double(referenceLogits[i]) - referenceNorm;
        const double logQ = double(candidateLogits[i]) - candidateNorm;
        const double probability = std::exp(logP);
        if (probability > 0.0)
            kl += probability * (logP - logQ);
    }
    return std::max(kl, 0.0);
}

namespace {

/// softmax(x)[index] in double, with log-sum-exp.
double softmaxProbability(const float* x, int64_t count, int64_t index) {
    return std::exp(double(x[index]) - logSumExp(x, count));
}

double sqnrDb(const float* reference, const float* candidate, int64_t count) {
    double signal = 0.0;
    double noise = 0.0;
    for (int64_t i = 0; i < count; ++i) {
        const double difference = double(reference[i]) - double(candidate[i]);
        signal += double(reference[i]) * reference[i];
        noise += difference * difference;
    }
    if (noise == 0.0)
        return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signal / noise);
}

} // namespace

ImageOutcome imageOutcome(const float* reference, const float* candidate, int64_t classes, int label,
                          const std::string& file) {
    ImageOutcome outcome;
    outcome.file = file;
    outcome.label = label;
    outcome.referenceClass = topClass(reference, classes);
    outcome.candidateClass = topClass(candidate, classes);
    outcome.referenceConfidence = softmaxProbability(reference, classes, outcome.referenceClass);
    outcome.candidateConfidence = softmaxProbability(candidate, classes, outcome.candidateClass);
    outcome.candidateConfidenceOfReferenceClass =
        softmaxProbability(candidate, classes, outcome.referenceClass);
    outcome.outputSqnrDb = sqnrDb(reference, candidate, classes);
    outcome.cosine = cosineSimilarity(reference, candidate, classes);
    return outcome;
}

std::vector<ImageOutcome> imagesForReview(const std::vector<ImageOutcome>& images) {
    std::vector<ImageOutcome> sorted = images;
    std::stable_sort(sorted.begin(), sorted.end(), [](const ImageOutcome& a, const ImageOutcome& b) {
        if (a.flipped() != b.flipped())
            return a.flipped();
        if (a.flipped())
            return a.candidateConfidence > b.candidateConfidence;
        return a.outputSqnrDb < b.outputSqnrDb;
    });
    return sorted;
}

void OutputComparison::add(const float* reference, const float* candidate, int64_t classes, int label,
                           const std::string& file) {
    classes_ = classes;
    ++images_;
    if (!file.empty())
        outcomes_.push_back(imageOutcome(reference, candidate, classes, label, file));
    agreements_ += topClass(reference, classes) == topClass(candidate, classes);
    cosineSum_ += cosineSimilarity(reference, candidate, classes);
    klSum_ += softmaxKlDivergence(reference, candidate, classes);
    if (label < 0)
        return;
    ++labelled_;
    referenceTop1_ += inTopK(reference, classes, label, 1);
    candidateTop1_ += inTopK(candidate, classes, label, 1);
    referenceTop5_ += inTopK(reference, classes, label, 5);
    candidateTop5_ += inTopK(candidate, classes, label, 5);
}

EvaluationResult OutputComparison::result() const {
    EvaluationResult result;
    result.imageCount = images_;
    result.images = outcomes_;
    if (images_ == 0)
        return result;
    result.agreementTop1 = double(agreements_) / double(images_);
    result.meanCosine = cosineSum_ / double(images_);
    result.meanKl = klSum_ / double(images_);
    result.labelled = labelled_ > 0;
    if (!result.labelled)
        return result;
    result.referenceTop1 = double(referenceTop1_) / double(labelled_);
    result.candidateTop1 = double(candidateTop1_) / double(labelled_);
    if (classes_ >= 5) {
        result.referenceTop5 = double(referenceTop5_) / double(labelled_);
        result.candidateTop5 = double(candidateTop5_) / double(labelled_);
    }
    return result;
}

void checkLabels(const Batch& batch, int64_t classes) {
    for (size_t i = 0; i < batch.size(); ++i)
        if (batch.labels[i] >= classes)
            throw Error(batch.paths[i] + ": label " + std::to_string(batch.labels[i]) +
                        " is outside the model's " + std::to_string(classes) +
                        " classes; check the folder's labels file");
}

namespace {

/// Per-layer SQNR between the two sides, one batch at a time: the reference observer keeps copies of the
/// compared tensors, the candidate observer accumulates the sums and drops them.
class SqnrAccumulator {
public:
    explicit SqnrAccumulator(const std::vector<std::pair<std::string, std::string>>& tensors) {
        for (const auto& [layer, tensor] : tensors) {
            byTensor_[tensor].push_back(entries_.size());
            Entry entry;
            entry.layer = layer;
            entry.tensor = tensor;
            entries_.push_back(std::move(entry));
        }
    }

    bool empty() const { return entries_.empty(); }

    TensorObserver referenceObserver() {
        return
            [this](const std::string& name, const RuntimeTensor& tensor) { observeReference(name, tensor); };
    }
    TensorObserver candidateObserver() {
        return
            [this](const std::string& name, const RuntimeTensor& tensor) { observeCandidate(name, tensor); };
    }

    /// Drops the copies the candidate did not produce.
    void endBatch() { references_.clear(); }

    std::vector<LayerSqnr> results() const {
        std::vector<LayerSqnr> results;
        for (const Entry& entry : entries_)
            results.push_back(result(entry));
        return results;
    }

private:
    struct Entry {
        std::string layer;
        std::string tensor;
        double signal = 0.0;
        double noise = 0.0;
        size_t referenceBatches = 0;
        size_t candidateBatches = 0;
        std::string problem;
    };

    void observeReference(const std::string& name, const RuntimeTensor& tensor) {
        auto found = byTensor_.find(name);
        if (found == byTensor_.end())
            return;
        for (size_t index : found->second)
            ++entries_[index].referenceBatches;
        if (tensor.type() == DataType::Float)
            references_[name] = tensor.clone();
        else
            setProblem(found->second, "tensor '" + name + "' is " + tensor.describe() + ", not float");
    }

    void observeCandidate(const std::string& name, const RuntimeTensor& tensor) {
        auto reference = references_.find(name);
        if (reference == references_.end())
            return;
        const std::vector<size_t>& indices = byTensor_.at(name);
        if (tensor.type() != DataType::Float || tensor.dims() != reference->second.dims()) {
            setProblem(indices, "tensor '" + name + "' is " + reference->second.describe() +
                                    " in the reference but " + tensor.describe() + " in the candidate");
        } else {
            double signal = 0.0;
            double noise = 0.0;
            const float* expected = reference->second.data<float>();
            const float* actual = tensor.data<float>();
            for (int64_t i = 0; i < tensor.elementCount(); ++i) {
                const double difference = double(expected[i]) - double(actual[i]);
                signal += double(expected[i]) * expected[i];
                noise += difference * difference;
            }
            for (size_t index : indices) {
                entries_[index].signal += signal;
                entries_[index].noise += noise;
                ++entries_[index].candidateBatches;
            }
        }
        references_.erase(reference);
    }

    void setProblem(const std::vector<size_t>& indices, const std::string& problem) {
        for (size_t index : indices)
            if (entries_[index].problem.empty())
                entries_[index].problem = problem;
    }

    static LayerSqnr result(const Entry& entry) {
        LayerSqnr sqnr{entry.layer, entry.tensor, std::numeric_limits<double>::quiet_NaN(), entry.problem};
        if (!entry.problem.empty())
            return sqnr;
        if (entry.referenceBatches == 0) {
            sqnr.note = "tensor '" + entry.tensor + "' is not produced by the reference model";
        } else if (entry.candidateBatches < entry.referenceBatches) {
            sqnr.note = "tensor '" + entry.tensor +
                        "' is not produced by the candidate model (renamed or folded away)";
        } else if (entry.noise == 0.0) {
            sqnr.sqnrDb = std::numeric_limits<double>::infinity();
        } else {
            sqnr.sqnrDb = 10.0 * std::log10(entry.signal / entry.noise);
        }
        return sqnr;
    }

    std::vector<Entry> entries_;
    std::map<std::string, std::vector<size_t>> byTensor_;
    std::map<std::string, RuntimeTensor> references_;
};

/// `base` with `added` called after the observer it already has. `addedTensors` are the tensors `added` needs
/// to see; when `base` hooks only some tensors (or none), only those are added, so the rest stays on the fast
/// path.
RunOptions withObserver(const RunOptions& base, TensorObserver added,
                        const std::set<std::string>& addedTensors) {
    RunOptions options = base;
    if (!added)
        return options;
    const bool baseHooksAll = (base.observer || base.transform) && !base.hookedTensors;
    if (!baseHooksAll) {
        auto hooked = std::make_shared<std::set<std::string>>(addedTensors);
        if (base.hookedTensors)
            hooked->insert(base.hookedTensors->begin(), base.hookedTensors->end());
        options.hookedTensors = std::move(hooked);
    }
    if (!base.observer) {
        options.observer = std::move(added);
        return options;
    }
    options.observer = [first = base.observer, second = std::move(added)](const std::string& name,
                                                                          const RuntimeTensor& tensor) {
        first(name, tensor);
        second(name, tensor);
    };
    return options;
}

} // namespace

double fractionDone(const BatchLoader& loader) {
    const size_t total = loader.itemCount();
    return total == 0 ? 1.0 : std::min(1.0, double(loader.deliveredCount()) / double(total));
}

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

EvaluationResult evaluatePair(ModelSide reference, ModelSide candidate, BatchLoader& loader,
                              const EvaluationOptions& options, const ProgressCallback& progress) {
    const auto start = std::chrono::steady_clock::now();
    if (!reference.executor || !candidate.executor)
        throw Error("evaluation needs an executor for both the reference and the candidate model");
    const std::string referenceInput =
        resolvedInputName(*reference.executor, reference.inputName, "reference");
    const std::string candidateInput =
        resolvedInputName(*candidate.executor, candidate.inputName, "candidate");
    const std::string referenceOutput =
        resolvedOutputName(*reference.executor, reference.outputName, "reference");
    const std::string candidateOutput =
        resolvedOutputName(*candidate.executor, candidate.outputName, "candidate");

    SqnrAccumulator sqnr(options.sqnrTensors);
    std::set<std::string> sqnrTensors;
    for (const auto& entry : options.sqnrTensors)
        sqnrTensors.insert(entry.second);
    const RunOptions referenceOptions = withObserver(
        reference.options, sqnr.empty() ? TensorObserver() : sqnr.referenceObserver(), sqnrTensors);
    const RunOptions candidateOptions = withObserver(
        candidate.options, sqnr.empty() ? TensorObserver() : sqnr.candidateObserver(), sqnrTensors);

    OutputComparison comparison;
    reportProgress(progress, 0.0, "evaluating");
    Batch batch;
    while (loader.next(batch)) {
        const TensorMap referenceOutputs =
            reference.executor->run({{referenceInput, batch.tensor}}, referenceOptions);
        const TensorMap candidateOutputs =
            candidate.executor->run({{candidateInput, batch.tensor}}, candidateOptions);
        sqnr.endBatch();
        const ScoreMatrix expected =
            classScores(referenceOutputs, referenceOutput, batch.size(), "reference");
        const ScoreMatrix actual = classScores(candidateOutputs, candidateOutput, batch.size(), "candidate");
        if (actual.classes != expected.classes)
            throw Error("reference output '" + referenceOutput + "' has " + std::to_string(expected.classes) +
                        " classes but candidate output '" + candidateOutput + "' has " +
                        std::to_string(actual.classes));
        checkLabels(batch, expected.classes);
        for (int64_t i = 0; i < expected.rows; ++i)
            comparison.add(expected.row(i), actual.row(i), expected.classes, batch.labels[size_t(i)],
                           batch.paths[size_t(i)]);
        reportProgress(progress, fractionDone(loader), "evaluating");
    }
    EvaluationResult result = comparison.result();
    result.skipped = loader.skipped();
    result.layers = sqnr.results();
    result.seconds = secondsSince(start);
    return result;
}

std::vector<std::pair<std::string, std::string>> quantizedLayerOutputs(const Graph& graph,
                                                                       const QuantPlan& plan) {
    std::vector<std::pair<std::string, std::string>> outputs;
    for (const LayerPlan& layer : plan.layers) {
        if (layer.keptFloat())
            continue;
        const int index = graph.nodeIndex(layer.layer.nodeName);
        if (index < 0 || graph.nodes[size_t(index)].outputs.empty())
            throw Error("layer '" + layer.layer.nodeName + "' of the plan is not a node of graph '" +
                        graph.name + "'; rebuild the plan for this model");
        outputs.emplace_back(layer.layer.nodeName, graph.nodes[size_t(index)].outputs.front());
    }
    return outputs;
}

} // namespace qs
