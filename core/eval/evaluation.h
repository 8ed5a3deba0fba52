#pragma once
// Float-versus-quantized comparison on an evaluation data set: accuracy when the folder is labelled,
// agreement, output cosine similarity and KL divergence, per-layer SQNR.
//
// The two sides are any pair of (executor, run options): the same float model run plainly and through a
// QuantSimulation, or two different models (a float model and one quantized elsewhere). Tensors are matched
// by name between the two sides, so a QDQ export (which keeps the original tensor names) compares layer by
// layer.

#include "data/batchloader.h"
#include "quant/quantizedtensors.h"
#include "runtime/executor.h"
#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace qs {

/// One side of a comparison.
struct ModelSide {
    Executor* executor = nullptr;
    RunOptions options; ///< e.g. QuantSimulation::runOptions(); its observer is chained, not replaced
    std::string inputName;
    std::string outputName; ///< the classification output ([N, classes] scores); empty = the first output
};

/// SQNR of one layer output. A tensor that cannot be compared (not produced by one side, e.g. renamed or
/// folded away in the candidate model; not float; shapes differ) gets NaN and a note saying why, so that one
/// unmatched tensor does not stop the evaluation.
struct LayerSqnr {
    std::string layer;   ///< node name
    std::string tensor;  ///< the output tensor compared
    double sqnrDb = 0.0; ///< 10 log10(sum ref^2 / sum (ref - test)^2) over all images; +inf when identical
    std::string note;    ///< empty when measured; else why sqnrDb is NaN
};

/// What both sides made of one image: each side's top-1 class and its confidence, and how far the candidate's
/// output is from the reference's. The flips browser lists these; imagesForReview() orders them.
struct ImageOutcome {
    std::string file; ///< the image's path as the loader gives it (Batch::paths)
    int label = -1;   ///< -1 when unlabelled
    int64_t referenceClass = -1, candidateClass = -1;            ///< top-1 of each side (ties: lowest index)
    double referenceConfidence = 0.0, candidateConfidence = 0.0; ///< softmax probability of that top-1
    double candidateConfidenceOfReferenceClass =
        0.0; ///< softmax probability the candidate gives the float top-1
    /// 10 log10(sum ref^2 / sum (ref - candidate)^2) over this image's scores; +inf when identical
    double outputSqnrDb = 0.0;
    double cosine = 0.0; ///< cosine(ref output, candidate output)
    bool flipped() const { return referenceClass != candidateClass; }
};

/// The outcome of one image from both sides' scores (`classes` each).
ImageOutcome imageOutcome(const float* reference, const float* candidate, int64_t classes, int label = -1,
                          const std::string& file = {});

/// The images sorted for review: the flipped ones first (the candidate's confidence in its wrong class
/// descending: the most confident flips first), then the rest by output SQNR ascending (the worst first).
/// Equal keys keep their order.
std::vector<ImageOutcome> imagesForReview(const std::vector<ImageOutcome>& images);

struct EvaluationResult {
    size_t imageCount = 0;
    std::vector<SkippedFile> skipped;
    bool labelled = false;
    std::optional<double> referenceTop1, candidateTop1; ///< fractions 0..1, when labelled
    std::optional<double> referenceTop5, candidateTop5; ///< when labelled and there are >= 5 classes
    double agreementTop1 = 0.0; ///< fraction of images where both sides pick the same class
    double meanCosine = 0.0;    ///< mean over images of cosine(ref output, test output)
    double meanKl = 0.0;        ///< mean over images of KL(softmax(ref) || softmax(test)), in nats
    std::vector<LayerSqnr> layers;
    std::vector<ImageOutcome> images; ///< one per evaluated image, in loader order
    double seconds = 0.0;
};

/// How much the model output moves with only one layer quantized (layerSensitivity in
/// workflow/sensitivity.h measures it; the diagnosis reads it).
struct LayerSensitivity {
    std::string layer;
    double metric =
        0.0; ///< top-1 accuracy (labelled) or top-1 agreement with float, with only this layer quantized
    /// SQNR at the model output with only this layer quantized (over the subset): 10 log10(sum float^2 /
    /// sum (float - simulated)^2) over every score of every image; +inf when the output does not change.
    double outputSqnrDb = std::numeric_limits<double>::quiet_NaN();
};

struct EvaluationOptions {
    /// Output tensors of these layers are compared for SQNR (matched by tensor name on both sides).
    std::vector<std::pair<std::string, std::string>> sqnrTensors; ///< (layer node name, tensor name)
};

/// The class scores of one output, viewed as [rows, classes].
struct ScoreMatrix {
    const float* data = nullptr;
    int64_t rows = 0;
    int64_t classes = 0;
    const float* row(int64_t index) const { return data + index * classes; }
};

/// `inputName`, or the executor's only input when it is empty; throws qs::Error naming `side` otherwise.
std::string resolvedInputName(const Executor& executor, const std::string& inputName,
                              const std::string& side);
/// `outputName`, or the executor's first output when it is empty.
std::string resolvedOutputName(const Executor& executor, const std::string& outputName,
                               const std::string& side);
/// Checks that output `name` is float [rows, classes] (trailing 1s allowed) and returns its scores; throws
/// qs::Error naming `side` and the output otherwise.
ScoreMatrix classScores(const TensorMap& outputs, const std::string& name, size_t rows,
                        const std::string& side);
/// Throws qs::Error naming the image when a label of `batch` is outside [0, classes).
void checkLabels(const Batch& batch, int64_t classes);
/// Fraction of the loader's items delivered so far (1 for an empty loader).
double fractionDone(const BatchLoader& loader);

/// Index of the largest of `classes` scores; ties go to the lowest index.
int64_t topClass(const float* scores, int64_t classes);
/// True when fewer than `k` classes rank before `label` (a higher score, or the same score and a lower
/// index), so that k = 1 agrees with topClass(). False for a label outside [0, classes).
bool inTopK(const float* scores, int64_t classes, int64_t label, int64_t k);
/// Cosine of two vectors in double; 1 when both are all zero, 0 when only one is.
double cosineSimilarity(const float* a, const float* b, int64_t count);
/// KL(softmax(reference) || softmax(candidate)) in nats from two logit vectors, in double with log-sum-exp so
/// that large logits do not overflow. 0 for identical inputs.
double softmaxKlDivergence(const float* referenceLogits, const float* candidateLogits, int64_t count);

/// The output metrics of evaluatePair accumulated image by image, for outputs computed elsewhere.
class OutputComparison {
public:
    /// One image: both sides' scores and its label (-1 when unlabelled). Given a file name, the image's
    /// ImageOutcome is kept for result().images.
    void add(const float* reference, const float* candidate, int64_t classes, int label = -1,
             const std::string& file = {});
    /// imageCount, labelled, accuracies, agreement, mean cosine and mean KL (all 0 before the first image),
    /// and the outcomes of the images added with a file name.
    EvaluationResult result() const;

private:
    int64_t classes_ = 0;
    size_t images_ = 0;
    size_t labelled_ = 0;
    size_t referenceTop1_ = 0, candidateTop1_ = 0, referenceTop5_ = 0, candidateTop5_ = 0;
    size_t agreements_ = 0;
    double cosineSum_ = 0.0;
    double klSum_ = 0.0;
    std::vector<ImageOutcome> outcomes_;
};

/// Runs both sides on every batch of `loader` (batch.tensor fed to each side's input; an empty inputName
/// means the model's only input), keeping every image's ImageOutcome (EvaluationResult::images). Outputs may
/// be [N, classes] or [N, classes, 1, 1, ...]. Accuracy counts the images with a label (>= 0); top-1 ties go
/// to the lowest class index, and top-k counts an image when fewer than k classes rank before its label
/// (higher score, or equal score and lower index). Cosine is 1 for two all-zero outputs and 0 when only one
/// is. The KL divergence is computed in double with log-sum-exp. SQNR: the reference run keeps a copy of the
/// compared tensors of the current batch only (memory: their size at one batch), the candidate run
/// accumulates sum ref^2 and sum (ref - test)^2 and drops each copy. Observers already in the sides' run
/// options are still called. Throws qs::Error when the outputs' shapes differ or are not [N, classes], or a
/// label is outside the model's classes; qs::Cancelled.
EvaluationResult evaluatePair(ModelSide reference, ModelSide candidate, BatchLoader& loader,
                              const EvaluationOptions& options = {}, const ProgressCallback& progress = {});

/// The (layer, output tensor) pairs of the plan's quantized layers, for EvaluationOptions::sqnrTensors.
std::vector<std::pair<std::string, std::string>> quantizedLayerOutputs(const Graph& graph,
                                                                       const QuantPlan& plan);

} // namespace qs
