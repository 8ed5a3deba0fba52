#include "quantizecommand.h"

#include "argparser.h"
#include "modelcommandargs.h"
#include "report/pipelinereview.h"
#include "report/quantizereport.h"
#include "report/reportdiff.h"
#include "report/reviewreport.h"
#include "runcommand.h"
#include "stagelog.h"
#include "usageerror.h"

#include "eval/diagnosis.h"
#include "export/qdqexport.h"
#include "model/onnxloader.h"
#include "quant/quantconfig.h"
#include "util/outputpaths.h"
#include "util/printablename.h"
#include "util/sha256.h"
#include "workflow/datainput.h"
#include "workflow/memorybudget.h"
#include "workflow/project.h"
#include "workflow/quantizationpipeline.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace qs::cli {

namespace {

const char* const kUsage =
    "usage: quantscope-cli quantize MODEL --calib DIR --config CFG.json --output OUT.onnx [--eval DIR]\n"
    "                               [--report OUT.html] [--input-shape NAME=d0,d1,...] [--threads N]\n"
    "                               [--sensitivity N] [--previous OLD.json] [--json]\n"
    "       quantscope-cli quantize --project P.qsproj --output OUT.onnx [options]\n"
    "\n"
    "Calibrates MODEL on the images of --calib, quantizes it as the config says (docs/config.md), compares "
    "the\n"
    "simulated quantized model with the float one on --eval, and writes OUT.onnx (standard ONNX: "
    "QuantizeLinear /\n"
    "DequantizeLinear, packed weights decoded by standard ops) with OUT.onnx.plan.json beside it.\n"
    "Progress goes to stderr; results to stdout.\n"
    "\n"
    "options:\n"
    "  --project P.qsproj           a project saved by the studio: its model, config and folders (the\n"
    "                               options above, when given, replace the project's)\n"
    "  --calib DIR                  calibration images (sub-folders and labels are ignored)\n"
    "  --config CFG.json            quantization config\n"
    "  --output OUT.onnx            quantized model to write (atomically; never the input model)\n"
    "  --eval DIR                   evaluation images; labelled by sub-folder for accuracy\n"
    "  --report OUT.html            also write the review report: OUT.html (self-contained, with charts),\n"
    "                               OUT.pdf (the same for print) and OUT.json (the run, for report-diff)\n"
    "  --previous OLD.json          add the changes since the run of OLD.json (written by an earlier\n"
    "                               --report) to the report\n"
    "  --input-shape NAME=d0,..     shape of an input with open dims (repeatable)\n"
    "  --sensitivity N              per-layer sensitivity on the first N evaluation images\n"
    "  --threads N                  threads to use (default: all hardware threads)\n"
    "  --max-image-pixels N         refuse images of more than N pixels before decoding them, 1 to 2^30\n"
    "                               (default: the config's preprocess.max_image_pixels, else 2^27)\n"
    "  --json                       print the summary as JSON\n"
    "  -h, --help                   show this help\n";

std::string requiredOption(const ArgParser& parser, const std::string& name) {
    std::optional<std::string> value = parser.option(name);
    if (!value || value->empty())
        throw UsageError("quantize needs " + name + " (see quantscope-cli quantize --help)");
    return *value;
}

uint64_t fileSize(const std::string& path) {
    std::error_code error;
    uintmax_t size = std::filesystem::file_size(path, error);
    return error ? 0 : static_cast<uint64_t>(size);
}

/// Fails before any work when the output's folder is missing or not writable.
void checkWritableOutput(const std::string& outputPath, const std::string& option) {
    std::filesystem::path folder = std::filesystem::path(outputPath).parent_path();
    if (folder.empty())
        folder = ".";
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
        throw Error("cannot write '" + outputPath + "' (" + option + "): folder '" + folder.string() +
                    "' does not exist");
    if (access(folder.c_str(), W_OK) != 0)
        throw Error("cannot write '" + outputPath + "' (" + option + "): folder '" + folder.string() +
                    "' is not writable");
}

/// Refuses the run before calibration reads any image when its estimated memory is above the limit. When the
/// config or the data cannot tell the estimate yet (a bad key, a missing folder), the pipeline reports that
/// problem itself.
void checkPipelineMemory(const std::string& modelPath, const PipelineRequest& request, uint64_t limitBytes) {
    const Model& model = *request.model;
    WorkflowMemoryEstimate estimate;
    bool batchFixed = false;
    try {
        const QuantConfig& config = request.config;
        const ValueInfo& input = resolveImageInput(model, config);
        std::vector<int64_t> sampleDims = configuredSampleDims(input, config, request.inputShapes);
        if (sampleDims.empty())
            sampleDims = firstSampleDims(
                scanImageFolder(request.calibrationFolder, scanOptionsFor(config, true)), config.preprocess);
        if (sampleDims.empty())
            return;
        const size_t batchSize = resolveBatchSize(input, config, sampleDims, request.inputShapes);
        batchFixed = input.hasShape && !input.shape.empty() && input.shape.front().isStatic();
        const QuantPlan plan = buildQuantPlan(model.graph, config);
        WorkflowSteps steps;
        steps.calibrate = true;
        steps.quantize = true;
        steps.correctBiases = config.biasCorrection;
        steps.evaluate = !request.evaluationFolder.empty();
        steps.observedTensors = plan.activations.size();
        estimate = estimateWorkflowMemory(model, plan, input, sampleDims, batchSize, steps);
        if (estimate.totalBytes() > limitBytes && !estimate.inference.guessedTensors.empty())
            estimate = estimateWorkflowMemory(model, plan, input, sampleDims, batchSize, steps, true);
    } catch (const Cancelled&) {
        throw;
    } catch (const Error&) {
        return;
    }
    checkMemoryLimit(modelPath, estimate, limitBytes,
                     batchFixed ? "the model fixes the batch size at " + std::to_string(estimate.batchSize) +
                                      "; raise --max-memory"
                                : "lower calibration.batch_size in the config or raise --max-memory");
}

/// What the review report is made from.
struct ReportSources {
    const Model* model = nullptr;
    const QuantConfig* config = nullptr;
    const PipelineResult* result = nullptr;
    const ExportResult* exported = nullptr;
    std::string modelPath;
    std::string calibrationFolder;
    std::string evaluationFolder;
};

/// The evaluation images whose class flipped, with thumbnails, most confident flips first.
void fillFlips(ReviewReport& report, const PipelineResult& result) {
    if (result.evaluation)
        fillReviewFlips(report, *result.evaluation);
}

/// Why the weak layers (below the fair band) are weak and what may fix them.
void fillDiagnoses(ReviewReport& report, const Model& model, const PipelineResult& result) {
    DiagnosisInput input;
    input.graph = &model.graph;
    input.plan = &result.plan;
    input.calibration = &result.calibration;
    input.layerSqnr = result.evaluation ? &result.evaluation->layers : nullptr;
    input.isolatedSqnrDb = isolatedOutputSqnr(result.sensitivity);
    if (!input.layerSqnr && result.sensitivity.empty())
        return;
    fillReviewDiagnoses(report, diagnoseLayers(input, report.bands.fairSqnrDb));
}

/// Adds the previous run as a strategy point and the changes since it.
void fillPrevious(ReviewReport& report, const RunRecord& previous, const std::string& reportJsonPath) {
    const std::optional<double> accuracy = previous.quantTop1 ? previous.quantTop1 : previous.agreementTop1;
    if (accuracy && previous.quantSizeBytes > 0)
        report.strategies.push_back(
            {"previous: " + std::filesystem::path(previous.source).filename().string(),
             previous.quantSizeBytes, *accuracy});
    report.previous = diffRuns(previous, runRecordOf(report, reportJsonPath));
}

/// Writes OUT.html, OUT.pdf and OUT.json.
void writeQuantizeReport(const ReportSources& sources, const std::string& reportPath,
                         const std::optional<RunRecord>& previous) {
    const QuantConfig& config = *sources.config;
    PipelineReviewInputs inputs;
    inputs.model = sources.model;
    inputs.config = sources.config;
    inputs.result = sources.result;
    inputs.modelPath = sources.modelPath;
    inputs.outputPath = sources.exported->modelPath;
    inputs.floatFileBytes = fileSize(sources.modelPath);
    inputs.quantFileBytes = sources.exported->fileBytes;
    inputs.calibrationFolder = sources.calibrationFolder;
    inputs.evaluationFolder = sources.evaluationFolder;
#ifdef QS_VERSION
    inputs.toolVersion = QS_VERSION;
#endif
    inputs.calibrationScanSkipped =
        scanImageFolder(sources.calibrationFolder, scanOptionsFor(config, true)).skipped;
    if (!sources.evaluationFolder.empty())
        inputs.evaluationScanSkipped =
            scanImageFolder(sources.evaluationFolder, scanOptionsFor(config, false)).skipped;
    ReviewReport report = reviewReportFromPipeline(inputs);
    fillFlips(report, *sources.result);
    fillDiagnoses(report, *sources.model, *sources.result);
    if (previous)
        fillPrevious(report, *previous, reportCompanionPath(reportPath, ".json"));
    writeReviewReport(report, reportPath);
}

} // namespace

int runQuantize(const std::vector<std::string>& args) {
    std::vector<std::string> remaining = args;
    std::vector<std::string> shapeSpecs = takeRepeatedOption(remaining, "--input-shape");
    ArgParser parser("quantize");
    for (const char* option : {"--calib", "--config", "--output", "--eval", "--report", "--previous",
                               "--sensitivity", "--project", "--max-image-pixels"})
        parser.addOption(option);
    parser.addFlag("--json");
    const bool hasProject =
        std::find(remaining.begin(), remaining.end(), std::string("--project")) != remaining.end();
    if (!parseModelCommand(parser, remaining, kUsage, hasProject ? 0 : 1))
        return 0;
    const std::optional<std::string> projectPath = parser.option("--project");
    std::optional<Project> project;
    if (projectPath)
        project = loadProject(*projectPath);
    const std::string modelPath = !parser.positionals().empty() ? parser.positionals().front()
                                  : project                     ? project->modelPath
                                                                : std::string();
    const std::string calibFolder =
        project && !parser.option("--calib") && !project->calibrationFolder.empty()
            ? project->calibrationFolder
            : requiredOption(parser, "--calib");
    const std::string configPath =
        project ? parser.option("--config").value_or("") : requiredOption(parser, "--config");
    const std::string outputPath = requiredOption(parser, "--output");
    const std::string evalFolder =
        parser.option("--eval").value_or(project ? project->evaluationFolder : std::string());
    const std::string reportPath = parser.option("--report").value_or("");
    const std::string previousPath = parser.option("--previous").value_or("");
    if (!previousPath.empty() && reportPath.empty())
        throw UsageError("--previous needs --report (the changes are a section of the review report)");
    const std::string reportPdfPath = reportPath.empty() ? "" : reportCompanionPath(reportPath, ".pdf");
    const std::string reportJsonPath = reportPath.empty() ? "" : reportCompanionPath(reportPath, ".json");
    try {
        checkOutputsDistinct({{"--output", outputPath},
                              {"the plan written beside --output", outputPath + ".plan.json"},
                              {"--report", reportPath},
                              {"the PDF written beside --report", reportPdfPath},
                              {"the JSON written beside --report", reportJsonPath}},
                             {{"the input model", modelPath},
                              {"the config", configPath},
                              {"the project", projectPath.value_or("")},
                              {"--previous", previousPath}});
    } catch (const Error& error) {
        throw UsageError(error.what());
    }
    std::optional<RunRecord> previousRun;
    if (!previousPath.empty())
        previousRun = loadRunRecord(previousPath);
    if (project && !project->modelSha256.empty() && !modelMatchesProject(*project, sha256OfFile(modelPath)))
        std::cerr << "quantscope-cli: warning: " << modelPath << " changed since " << *projectPath
                  << " was saved (its SHA-256 differs)\n";

    checkWritableOutput(outputPath, "--output");
    if (!reportPath.empty())
        checkWritableOutput(reportPath, "--report");

    PipelineRequest request;
    request.config = configPath.empty() ? project->config : loadQuantConfig(configPath);
    applyImagePixelLimit(parser, request.config);
    request.calibrationFolder = calibFolder;
    request.evaluationFolder = evalFolder;
    request.threadCount = executorOptionsFrom(parser).threadCount;
    request.inputShapes = parseInputShapes(shapeSpecs);
    if (std::optional<std::string> count = parser.option("--sensitivity"))
        request.sensitivityImages = static_cast<size_t>(parsePositiveCount(*count, "--sensitivity"));
    if (request.sensitivityImages > 0 && evalFolder.empty())
        throw UsageError("--sensitivity needs --eval");

    const bool json = parser.flag("--json");
    StageLog log("quantizing " + std::filesystem::path(modelPath).filename().string(), false);
    ProgressCallback progress = log.callback();
    LoadResult loaded = loadOnnxModel(modelPath, LoadOptions{}, progress);
    for (const std::string& warning : loaded.warnings)
        std::cerr << "quantscope-cli: warning: " << printableName(warning) << '\n';
    request.model = &loaded.model;
    checkPipelineMemory(modelPath, request, memoryLimitFrom(parser));
    PipelineResult result = runQuantizationPipeline(request, progress);

    reportProgress(progress, 1.0, "exporting " + outputPath);
    ExportOptions exportOptions;
#ifdef QS_VERSION
    exportOptions.producerVersion = QS_VERSION;
#endif
    ExportResult exported =
        exportQuantizedModel(loaded.model, result.plan, result.tensors, outputPath, exportOptions);
    log.finish();

    nlohmann::ordered_json summary = quantizeSummaryJson(
        result, modelPath, exported.modelPath, exported.planPath, fileSize(modelPath), exported.fileBytes);
    if (!reportPath.empty())
        writeQuantizeReport(ReportSources{&loaded.model, &request.config, &result, &exported, modelPath,
                                          calibFolder, evalFolder},
                            reportPath, previousRun);
    if (json)
        std::cout << summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    else
        std::cout << quantizeSummaryText(summary);
    return 0;
}

} // namespace qs::cli
