#include "workflow/quantizationpipeline.h"

#include "workflow/datainput.h"
#include "workflow/quantizationsession.h"

#include <chrono>
#include <memory>

namespace qs {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Maps a stage's own 0..1 progress into [begin, end] of the whole run.
ProgressCallback stageProgress(const ProgressCallback& progress, double begin, double end) {
    if (!progress)
        return {};
    return [progress, begin, end](double fraction, const std::string& stage) {
        return progress(begin + (end - begin) * fraction, stage);
    };
}

} // namespace

size_t PipelineResult::skippedImageCount() const {
    size_t count = calibration.skipped.size() + calibrationScanSkipped + evaluationScanSkipped;
    if (evaluation)
        count += evaluation->skipped.size();
    return count;
}

PipelineResult runQuantizationPipeline(const PipelineRequest& request, const ProgressCallback& progress) {
    if (!request.model)
        throw Error("no model to quantize");
    const Clock::time_point start = Clock::now();
    const std::shared_ptr<const Model> model(request.model, [](const Model*) {});
    const QuantConfig& config = request.config;
    const bool evaluate = !request.evaluationFolder.empty();
    const double calibrationEnd = evaluate ? 0.4 : 0.7;
    const double quantizeEnd = calibrationEnd + 0.05;
    const double biasEnd = evaluate ? 0.6 : 1.0;

    // The config and the input are checked before the executor is planned.
    buildQuantPlan(model->graph, config);
    PipelineResult result;
    const ValueInfo& input = resolveImageInput(*model, config);
    checkAgainstConfig(
        config, [&] { validatePreprocess(config.preprocess, inputChannels(input, config.preprocess)); });
    result.inputName = input.name;
    result.outputName = comparedOutput(model->graph);
    QuantizationSession session(model, SessionOptions{request.threadCount, request.inputShapes});
    session.setConfig(config);
    // The evaluation folder is checked before calibration starts; calibrate() checks its own folder before
    // any inference.
    if (evaluate)
        session.checkDataFolder(request.evaluationFolder, false);

    Clock::time_point stageStart = Clock::now();
    result.calibration = session.calibrate(request.calibrationFolder, CalibrationScope::PlannedOnly,
                                           stageProgress(progress, 0.0, calibrationEnd));
    result.calibrationScanSkipped = session.calibrationSet().skipped.size();
    result.batchSize = session.batchSize();
    result.timings.calibration = secondsSince(stageStart);

    stageStart = Clock::now();
    session.quantize(stageProgress(progress, calibrationEnd, quantizeEnd));
    result.timings.quantization = secondsSince(stageStart);
    if (config.biasCorrection) {
        stageStart = Clock::now();
        result.biasCorrection = session.correctBiases(stageProgress(progress, quantizeEnd, biasEnd));
        result.timings.biasCorrection = secondsSince(stageStart);
    }
    result.sizes = session.sizes();

    if (evaluate) {
        stageStart = Clock::now();
        const double evaluationEnd = request.sensitivityImages > 0 ? 0.9 : 1.0;
        result.evaluation =
            session.evaluate(request.evaluationFolder, stageProgress(progress, biasEnd, evaluationEnd));
        result.evaluationScanSkipped = session.evaluationSet().skipped.size();
        result.classNames = session.evaluationSet().classNames;
        result.timings.evaluation = secondsSince(stageStart);
        if (request.sensitivityImages > 0) {
            stageStart = Clock::now();
            result.sensitivity = session.sensitivity(request.evaluationFolder, request.sensitivityImages,
                                                     stageProgress(progress, evaluationEnd, 1.0));
            result.timings.sensitivity = secondsSince(stageStart);
        }
    }
    result.plan = session.plan();
    result.tensors = session.tensors();
    reportProgress(progress, 1.0, "done");
    result.timings.total = secondsSince(start);
    return result;
}

} // namespace qs
