#include "export/qdqexport.h"

#include "export/onnxwriter.h"

#include <filesystem>

namespace qs {

namespace fs = std::filesystem;

namespace {

bool sameFile(const std::string& a, const std::string& b) {
    std::error_code error;
    return !a.empty() && !b.empty() && fs::exists(a, error) && fs::exists(b, error) &&
           fs::equivalent(a, b, error);
}

uint64_t initializerBytes(const Graph& graph) {
    uint64_t bytes = 0;
    for (const auto& [name, tensor] : graph.initializers)
        bytes += tensor.data.size();
    return bytes;
}

} // namespace

ExportResult exportQuantizedModel(const Model& model, const QuantPlan& plan, const QuantizedTensors& tensors,
                                  const std::string& outputPath, const ExportOptions& options,
                                  const ProgressCallback& progress) {
    if (sameFile(outputPath, model.info.path))
        throw Error(outputPath + ": is the model being quantized; choose another output file");
    const std::string planPath = outputPath + ".plan.json";
    if (options.writePlan && sameFile(planPath, model.info.path))
        throw Error(planPath + ": is the model being quantized; choose another output file");
    reportProgress(progress, 0.0, "rewriting the graph");
    QdqRewriteOptions rewrite;
    rewrite.sixteenBitActivations = options.sixteenBitActivations;
    const Model quantized =
        buildQuantizedModel(model, plan, tensors, rewrite, [&](double fraction, const std::string& stage) {
            return !progress || progress(0.6 * fraction, stage);
        });
    reportProgress(progress, 0.6, "checking and serializing");
    OnnxWriteOptions write;
    write.producerVersion = options.producerVersion;
    const std::string bytes = serializeOnnxModel(quantized, write);
    const std::string planText = options.writePlan ? planToJson(model, plan, tensors) : std::string();
    reportProgress(progress, 0.8, "writing");
    writeFileAtomically(outputPath, bytes);
    ExportResult result;
    result.modelPath = outputPath;
    result.fileBytes = bytes.size();
    result.initializerBytes = initializerBytes(quantized.graph);
    if (options.writePlan) {
        writeFileAtomically(planPath, planText);
        result.planPath = planPath;
    }
    reportProgress(progress, 1.0, "exported");
    return result;
}

} // namespace qs
