#include "memoryestimatetext.h"

#include "document.h"

#include "quant/quantplan.h"
#include "runtime/memoryestimate.h"
#include "util/error.h"
#include "workflow/datainput.h"
#include "workflow/memorybudget.h"

namespace qs {

MemoryEstimateText MemoryEstimateText::forDocument(const Document& document,
                                                   const std::vector<int64_t>& sampleDims) {
    MemoryEstimateText result;
    const std::shared_ptr<const Model> model = document.model();
    if (!model)
        return result;
    WorkflowMemoryEstimate estimate;
    try {
        const QuantConfig& config = document.config();
        const ValueInfo& input = resolveImageInput(*model, config);
        std::vector<int64_t> dims = configuredSampleDims(input, config);
        if (dims.empty())
            dims = sampleDims;
        if (dims.empty())
            return result;
        const QuantPlan plan = buildQuantPlan(model->graph, config);
        WorkflowSteps steps;
        steps.calibrate = true;
        steps.quantize = true;
        steps.correctBiases = config.biasCorrection;
        steps.evaluate = !document.evaluationFolder().isEmpty();
        steps.observedTensors = candidateActivationTensors(model->graph).size() + plan.activations.size();
        const size_t batchSize = resolveBatchSize(input, config, dims);
        estimate = estimateWorkflowMemory(*model, plan, input, dims, batchSize, steps);
        // Tensors shape inference left open are guessed; before warning, two small probe runs measure them.
        if (estimate.totalBytes() > defaultMemoryLimitBytes() && !estimate.inference.guessedTensors.empty())
            estimate = estimateWorkflowMemory(*model, plan, input, dims, batchSize, steps, true);
    } catch (const Error&) {
        return result; // the data panel and the jobs report what is wrong with the config or the input
    }
    const uint64_t limit = defaultMemoryLimitBytes();
    result.known = true;
    result.bytes = estimate.totalBytes();
    result.exceedsLimit = result.bytes > limit;
    const QString size = QString::fromStdString(formatByteSize(result.bytes));
    const QString batch = QString::number(qulonglong(estimate.batchSize));
    result.text =
        result.exceedsLimit
            ? tr("Estimated memory for calibration: %1 (batch %2), more than %3 (80 % of this "
                 "machine's memory); lower calibration.batch_size in the config before calibrating.")
                  .arg(size, batch, QString::fromStdString(formatByteSize(limit)))
            : tr("Estimated memory for calibration: %1 (batch %2)").arg(size, batch);
    result.details = QString::fromStdString(estimate.summary());
    return result;
}

} // namespace qs
