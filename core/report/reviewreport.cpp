#include "report/reviewreport.h"

#include "report/charts.h"
#include "report/reportlayout.h"
#include "util/atomicfile.h"
#include "util/error.h"
#include "util/printablename.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace qs {

namespace {

using Json = nlohmann::ordered_json;
using detail::ReportCell;
using detail::ReportColumn;
using detail::ReportDocument;

std::string format(const char* pattern, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

std::string percentText(const std::optional<double>& value) {
    return value ? format("%.2f %%", *value * 100.0) : "-";
}

std::string pointsText(double delta) {
    return format("%+.2f pt", delta * 100.0);
}

std::string dbText(double value) {
    if (std::isnan(value))
        return "-";
    if (std::isinf(value))
        return value > 0 ? "identical" : "-inf";
    return format("%.1f", value);
}

std::string bytesText(uint64_t size) {
    if (size >= 1024 * 1024)
        return format("%.2f MiB", size / (1024.0 * 1024.0));
    if (size >= 1024)
        return format("%.1f KiB", size / 1024.0);
    return std::to_string(size) + " B";
}

std::string ratioText(uint64_t before, uint64_t after) {
    if (before == 0 || after == 0)
        return "";
    return format(" (%.2fx smaller)", double(before) / double(after));
}

std::string orDash(const std::string& text) {
    return text.empty() ? "-" : text;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::string className(const ReviewReport& report, int index) {
    if (index < 0)
        return "-";
    const std::string number = std::to_string(index);
    if (size_t(index) < report.classNames.size() && !report.classNames[size_t(index)].empty()) {
        const std::string& name = report.classNames[size_t(index)];
        // Folder names often carry the index already ("5_Sandal").
        const bool numbered = name.size() > number.size() && name.compare(0, number.size(), number) == 0 &&
                              (name[number.size()] == '_' || name[number.size()] == ' ');
        return numbered ? name : number + " " + name;
    }
    return std::to_string(index);
}

Json finiteOrNull(double value) {
    return std::isfinite(value) ? Json(value) : Json(nullptr);
}

Json optionalJson(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

void addHeader(ReportDocument& document, const ReviewReport& report) {
    document.heading("Quantization review: " + report.model.name);
    std::string producer = report.model.producerName;
    if (!report.model.producerVersion.empty())
        producer += (producer.empty() ? "" : " ") + report.model.producerVersion;
    document.keyValues({{"Model", report.model.path},
                        {"SHA-256", orDash(report.model.sha256)},
                        {"Producer", orDash(producer)},
                        {"Opset", report.model.opset > 0 ? std::to_string(report.model.opset) : "-"},
                        {"Quantized model", orDash(report.outputPath)},
                        {"Created (UTC)", orDash(report.createdUtc)},
                        {"Tool", "Quantscope " + orDash(report.toolVersion)}});
}

void addSummary(ReportDocument& document, const ReviewReport& report) {
    document.heading("Summary");
    std::vector<std::pair<std::string, std::string>> rows;
    rows.push_back({"File size", bytesText(report.sizes.floatFileBytes) + " -> " +
                                     bytesText(report.sizes.quantFileBytes) +
                                     ratioText(report.sizes.floatFileBytes, report.sizes.quantFileBytes)});
    rows.push_back({"Weights", bytesText(report.sizes.floatWeightBytes) + " -> " +
                                   bytesText(report.sizes.quantWeightBytes) +
                                   ratioText(report.sizes.floatWeightBytes, report.sizes.quantWeightBytes)});
    if (report.accuracy) {
        const ReviewAccuracy& accuracy = *report.accuracy;
        const auto pair = [&](const char* name, const std::optional<double>& a,
                              const std::optional<double>& b) {
            if (!a || !b)
                return;
            rows.push_back(
                {name, percentText(a) + " -> " + percentText(b) + " (" + pointsText(*b - *a) + ")"});
        };
        pair("Top-1 accuracy", accuracy.floatTop1, accuracy.quantTop1);
        pair("Top-5 accuracy", accuracy.floatTop5, accuracy.quantTop5);
        if (accuracy.agreementTop1)
            rows.push_back({"Top-1 agreement", percentText(accuracy.agreementTop1)});
        if (accuracy.meanCosine)
            rows.push_back({"Output cosine", format("%.5f", *accuracy.meanCosine)});
        if (accuracy.meanKl)
            rows.push_back({"Output KL divergence", format("%.6f", *accuracy.meanKl)});
        rows.push_back({"Evaluation images", std::to_string(accuracy.imageCount)});
    } else {
        rows.push_back({"Accuracy", "not evaluated (no evaluation images)"});
    }
    document.keyValues(rows);
    if (!report.accuracy)
        return;
    AccuracyBars bars;
    bars.floatTop1 = report.accuracy->floatTop1;
    bars.quantTop1 = report.accuracy->quantTop1;
    bars.floatTop5 = report.accuracy->floatTop5;
    bars.quantTop5 = report.accuracy->quantTop5;
    bars.agreementTop1 = report.accuracy->agreementTop1;
    if (accuracyChartHeight(bars) > 0.0)
        document.chart("Accuracy, float and quantized", accuracyChartHeight(bars),
                       [bars](Canvas& canvas, double width) { drawAccuracyChart(canvas, bars, width); });
}

void addStrategy(ReportDocument& document, const ReviewReport& report) {
    const ReviewStrategy& strategy = report.strategy;
    document.heading("Strategy");
    document.keyValues(
        {{"Weights (default)", orDash(strategy.weights)},
         {"Activations (default)", orDash(strategy.activations)},
         {"Calibration range", orDash(strategy.calibration)},
         {"Bias correction", strategy.biasCorrection ? "on" : "off"},
         {"Kept float (layers)", strategy.floatLayers.empty() ? "-" : joined(strategy.floatLayers)},
         {"Kept float (op types)", strategy.floatOpTypes.empty() ? "-" : joined(strategy.floatOpTypes)},
         {"Preprocessing", orDash(strategy.preprocessing)}});
    if (strategy.overrides.empty())
        return;
    document.subheading("Per-layer overrides");
    std::vector<std::vector<ReportCell>> rows;
    for (const ReviewOverride& entry : strategy.overrides)
        rows.push_back({{entry.layer},
                        {orDash(entry.weights)},
                        {orDash(entry.activations)},
                        {orDash(entry.rangeMethod)}});
    document.table(
        {{"Layer", false, 2.0}, {"Weights", false, 2.0}, {"Activations", false, 2.0}, {"Range", false, 1.0}},
        std::move(rows));
}

void addDataSet(ReportDocument& document, const std::string& title, const ReviewDataSet& data) {
    document.subheading(title);
    document.keyValues({{"Folder", orDash(data.folder)},
                        {"Images used", std::to_string(data.imageCount)},
                        {"Skipped files", std::to_string(data.skipped.size())}});
    if (data.skipped.empty())
        return;
    std::vector<std::vector<ReportCell>> rows;
    for (const ReviewSkippedFile& file : data.skipped)
        rows.push_back({{file.path}, {file.reason}});
    document.table({{"Skipped file", false, 1.0}, {"Reason", false, 1.4}}, std::move(rows));
}

void addData(ReportDocument& document, const ReviewReport& report) {
    document.heading("Data");
    addDataSet(document, "Calibration set", report.calibration);
    if (report.evaluation)
        addDataSet(document, "Evaluation set", *report.evaluation);
    else
        document.paragraph("No evaluation set: accuracy and per-layer SQNR were not measured.");
}

void addLayers(ReportDocument& document, const ReviewReport& report) {
    document.heading("Per-layer error");
    std::vector<LayerErrorBar> bars;
    for (const ReviewLayer& layer : report.layers)
        if (!layer.keptFloat)
            bars.push_back({layer.name, layer.cumulativeSqnrDb, layer.isolatedSqnrDb});
    bool anyMeasured = false;
    for (const LayerErrorBar& bar : bars)
        anyMeasured = anyMeasured || !std::isnan(bar.cumulativeSqnrDb) || !std::isnan(bar.isolatedSqnrDb);
    if (anyMeasured) {
        const std::vector<LayerErrorBar> worst = worstLayersFirst(bars);
        const ErrorBands bands = report.bands;
        std::string title = "SQNR per layer, worst first";
        if (bars.size() > worst.size())
            title += " (the " + std::to_string(worst.size()) + " worst of " + std::to_string(bars.size()) +
                     " quantized layers; the table lists all)";
        document.chart(title, layerErrorChartHeight(worst.size()),
                       [worst, bands](Canvas& canvas, double width) {
                           drawLayerErrorChart(canvas, worst, width, bands);
                       });
    }
    document.paragraph("Cumulative SQNR: signal-to-quantization-noise ratio of the layer's output with every "
                       "layer quantized, over the evaluation images. Isolated SQNR: the SQNR of the model's "
                       "output with only this layer quantized (from the sensitivity pass, --sensitivity). "
                       "Sensitivity: top-1 accuracy (or agreement with the float model) with "
                       "only this layer quantized. Bands: good >= " +
                       format("%g", report.bands.goodSqnrDb) +
                       " dB, fair >= " + format("%g", report.bands.fairSqnrDb) +
                       " dB, poor >= " + format("%g", report.bands.poorSqnrDb) + " dB, bad below.");
    std::vector<std::vector<ReportCell>> rows;
    for (const ReviewLayer& layer : report.layers) {
        const ErrorBand band =
            layer.keptFloat ? ErrorBand::Unmeasured : report.bands.band(layer.cumulativeSqnrDb);
        rows.push_back({{layer.name},
                        {layer.opType},
                        {layer.keptFloat ? "float (kept)" : layer.weights},
                        {layer.keptFloat ? "-" : std::to_string(layer.weightBits)},
                        {dbText(layer.cumulativeSqnrDb)},
                        {dbText(layer.isolatedSqnrDb)},
                        {std::isnan(layer.sensitivity) ? "-" : format("%.2f %%", layer.sensitivity * 100.0)},
                        {bytesText(layer.weightBytes)},
                        {errorBandKey(band), errorBandColor(band)}});
    }
    document.table({{"Layer", false, 2.6},
                    {"Op", false, 0.8},
                    {"Scheme", false, 2.4},
                    {"Bits", true, 0.5},
                    {"Cumul. dB", true, 1.05},
                    {"Isol. dB", true, 0.95},
                    {"Sensitivity", true, 1.0},
                    {"Bytes", true, 0.9},
                    {"Band", false, 0.8}},
                   std::move(rows));
}

void addStrategies(ReportDocument& document, const ReviewReport& report) {
    if (report.strategies.empty())
        return;
    document.heading("Size and accuracy of the strategies tried");
    std::vector<StrategyPoint> points;
    for (const ReviewStrategyPoint& point : report.strategies)
        points.push_back({point.label, point.sizeBytes, point.accuracy});
    document.chart(
        "Model size against accuracy (line: the Pareto front)", 240.0,
        [points](Canvas& canvas, double width) { drawSizeAccuracyChart(canvas, points, width, 240.0); });
    std::vector<std::vector<ReportCell>> rows;
    for (const StrategyPoint& point : points)
        rows.push_back(
            {{point.label}, {bytesText(point.sizeBytes)}, {format("%.2f %%", point.accuracy * 100.0)}});
    document.table({{"Strategy", false, 3.0}, {"Size", true, 1.0}, {"Accuracy", true, 1.0}}, std::move(rows));
}

void addDiagnoses(ReportDocument& document, const ReviewReport& report) {
    if (report.diagnoses.empty())
        return;
    document.heading("Diagnoses");
    std::vector<std::vector<ReportCell>> rows;
    for (const ReviewDiagnosis& diagnosis : report.diagnoses) {
        const ErrorBand band = report.bands.band(diagnosis.sqnrDb);
        rows.push_back({{diagnosis.layer},
                        {dbText(diagnosis.sqnrDb), errorBandColor(band)},
                        {diagnosis.kind},
                        {diagnosis.fixes.empty() ? "-" : joined(diagnosis.fixes)}});
    }
    document.table({{"Layer", false, 2.0},
                    {"SQNR dB", true, 0.8},
                    {"Kind", false, 1.4},
                    {"What may fix it", false, 3.4}},
                   std::move(rows));
    for (const ReviewDiagnosis& diagnosis : report.diagnoses)
        document.paragraph(diagnosis.layer + " (" + diagnosis.kind + "): " + diagnosis.reason);
}

void addFlips(ReportDocument& document, const ReviewReport& report) {
    if (!report.evaluation)
        return;
    document.heading("Images whose class flipped");
    if (report.flips.empty()) {
        document.paragraph("No evaluation image changed its top-1 class.");
        return;
    }
    std::vector<std::vector<ReportCell>> rows;
    for (const ReviewFlip& flip : report.flips) {
        ReportCell image;
        image.jpeg = flip.thumbnailJpeg;
        if (image.jpeg.empty())
            image.text = "-";
        rows.push_back(
            {image,
             {std::filesystem::path(flip.file).filename().string()},
             {className(report, flip.label)},
             {className(report, flip.floatClass) + format(" (%.1f %%)", flip.floatConfidence * 100.0)},
             {className(report, flip.quantClass) + format(" (%.1f %%)", flip.quantConfidence * 100.0)},
             {dbText(flip.outputSqnrDb)}});
    }
    document.table({{"Image", false, 1.0},
                    {"File", false, 2.0},
                    {"Label", false, 1.2},
                    {"Float class", false, 1.6},
                    {"Quantized class", false, 1.6},
                    {"Output dB", true, 0.9}},
                   std::move(rows));
}

void addPrevious(ReportDocument& document, const ReviewReport& report) {
    if (!report.previous)
        return;
    const ReportDiff& diff = *report.previous;
    document.heading("Changes since the previous run");
    std::vector<std::pair<std::string, std::string>> rows;
    rows.push_back({"Previous run", diff.before});
    if (diff.quantTop1Delta)
        rows.push_back({"Quantized top-1", percentText(diff.beforeQuantTop1) + " -> " +
                                               percentText(diff.afterQuantTop1) + " (" +
                                               pointsText(*diff.quantTop1Delta) + ")"});
    if (diff.agreementTop1Delta)
        rows.push_back({"Top-1 agreement change", pointsText(*diff.agreementTop1Delta)});
    rows.push_back({"Quantized size",
                    bytesText(diff.beforeQuantSizeBytes) + " -> " + bytesText(diff.afterQuantSizeBytes)});
    rows.push_back({"Layers changed", std::to_string(diff.layers.size()) + " (" +
                                          std::to_string(diff.unchangedLayerCount) + " unchanged)"});
    document.keyValues(rows);
    if (diff.layers.empty())
        return;
    std::vector<std::vector<ReportCell>> layerRows;
    for (const LayerDiff& layer : diff.layers) {
        std::string changes = layer.onlyInBefore  ? "only in the previous run"
                              : layer.onlyInAfter ? "new in this run"
                                                  : joined(layer.strategyChanges);
        const auto delta = [](double value) {
            return std::isnan(value) ? std::string("-") : format("%+.1f", value);
        };
        layerRows.push_back(
            {{layer.name},
             {orDash(changes)},
             {dbText(layer.before.cumulativeSqnrDb) + " -> " + dbText(layer.after.cumulativeSqnrDb)},
             {delta(layer.cumulativeDeltaDb)},
             {delta(layer.isolatedDeltaDb)}});
    }
    document.table({{"Layer", false, 2.0},
                    {"Strategy change", false, 3.0},
                    {"Cumulative dB", true, 1.4},
                    {"Change", true, 0.8},
                    {"Isolated change", true, 1.0}},
                   std::move(layerRows));
}

void addWarnings(ReportDocument& document, const ReviewReport& report) {
    if (report.warnings.empty())
        return;
    document.heading("Warnings");
    for (const std::string& warning : report.warnings)
        document.paragraph(warning);
}

ReportDocument reportDocument(const ReviewReport& report) {
    ReportDocument document;
    document.title = "Quantization review: " + report.model.name;
    document.footer = "Quantscope review of " + report.model.name + (report.createdUtc.empty() ? "" : ", ") +
                      report.createdUtc;
    addHeader(document, report);
    addSummary(document, report);
    addStrategy(document, report);
    addData(document, report);
    addLayers(document, report);
    addStrategies(document, report);
    addDiagnoses(document, report);
    addFlips(document, report);
    addPrevious(document, report);
    addWarnings(document, report);
    return document;
}

Json dataSetJson(const ReviewDataSet& data) {
    Json skipped = Json::array();
    for (const ReviewSkippedFile& file : data.skipped)
        skipped.push_back({{"path", file.path}, {"reason", file.reason}});
    return {{"folder", data.folder}, {"images", data.imageCount}, {"skipped", skipped}};
}

} // namespace

std::string utcTimestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string reviewReportHtml(const ReviewReport& report) {
    return detail::renderHtml(reportDocument(report));
}

std::string reviewReportPdf(const ReviewReport& report) {
    return detail::renderPdf(reportDocument(report));
}

Json reviewReportJson(const ReviewReport& report) {
    Json json;
    json["format"] = "quantscope-review";
    json["format_version"] = 1;
    json["created"] = report.createdUtc;
    json["tool_version"] = report.toolVersion;
    json["model"] = {{"name", report.model.name},
                     {"path", report.model.path},
                     {"sha256", report.model.sha256},
                     {"producer", report.model.producerName},
                     {"producer_version", report.model.producerVersion},
                     {"opset", report.model.opset}};
    json["output"] = report.outputPath;
    json["float_size_bytes"] = report.sizes.floatFileBytes;
    json["quant_size_bytes"] = report.sizes.quantFileBytes;
    json["weights"] = {{"float_bytes", report.sizes.floatWeightBytes},
                       {"quant_bytes", report.sizes.quantWeightBytes}};
    if (report.accuracy && report.accuracy->floatTop1 && report.accuracy->quantTop1)
        json["accuracy"] = {{"float", *report.accuracy->floatTop1}, {"quant", *report.accuracy->quantTop1}};
    else
        json["accuracy"] = nullptr;
    if (report.accuracy && report.accuracy->floatTop5 && report.accuracy->quantTop5)
        json["accuracy_top5"] = {{"float", *report.accuracy->floatTop5},
                                 {"quant", *report.accuracy->quantTop5}};
    json["agreement_top1"] = report.accuracy ? optionalJson(report.accuracy->agreementTop1) : Json(nullptr);
    const ReviewStrategy& strategy = report.strategy;
    Json overrides = Json::array();
    for (const ReviewOverride& entry : strategy.overrides)
        overrides.push_back({{"layer", entry.layer},
                             {"weights", entry.weights},
                             {"activations", entry.activations},
                             {"range_method", entry.rangeMethod}});
    json["strategy"] = {{"weights", strategy.weights},
                        {"activations", strategy.activations},
                        {"calibration", strategy.calibration},
                        {"bias_correction", strategy.biasCorrection},
                        {"overrides", overrides},
                        {"float_layers", strategy.floatLayers},
                        {"float_op_types", strategy.floatOpTypes},
                        {"preprocessing", strategy.preprocessing}};
    json["calibration"] = dataSetJson(report.calibration);
    json["evaluation"] = report.evaluation ? dataSetJson(*report.evaluation) : Json(nullptr);
    Json layers = Json::array();
    for (const ReviewLayer& layer : report.layers)
        layers.push_back(
            {{"name", printableName(layer.name)},
             {"op_type", layer.opType},
             {"scheme", layer.scheme},
             {"bits", layer.weightBits},
             {"granularity", layer.granularity},
             {"weights", layer.weights},
             {"activations", layer.activations},
             {"range_method", layer.rangeMethod},
             {"kept_float", layer.keptFloat},
             {"sqnr_db", finiteOrNull(layer.cumulativeSqnrDb)},
             {"isolated_sqnr_db", finiteOrNull(layer.isolatedSqnrDb)},
             {"sensitivity", finiteOrNull(layer.sensitivity)},
             {"weight_bytes", layer.weightBytes},
             {"band", errorBandKey(layer.keptFloat ? ErrorBand::Unmeasured
                                                   : report.bands.band(layer.cumulativeSqnrDb))}});
    json["layers"] = layers;
    Json diagnoses = Json::array();
    for (const ReviewDiagnosis& diagnosis : report.diagnoses)
        diagnoses.push_back({{"layer", diagnosis.layer},
                             {"sqnr_db", finiteOrNull(diagnosis.sqnrDb)},
                             {"kind", diagnosis.kind},
                             {"reason", diagnosis.reason},
                             {"fixes", diagnosis.fixes}});
    json["diagnoses"] = diagnoses;
    Json flips = Json::array();
    for (const ReviewFlip& flip : report.flips)
        flips.push_back({{"file", flip.file},
                         {"label", flip.label},
                         {"float_class", flip.floatClass},
                         {"float_confidence", flip.floatConfidence},
                         {"quant_class", flip.quantClass},
                         {"quant_confidence", flip.quantConfidence},
                         {"output_sqnr_db", finiteOrNull(flip.outputSqnrDb)}});
    json["flips"] = flips;
    json["warnings"] = report.warnings;
    return json;
}

RunRecord runRecordOf(const ReviewReport& report, const std::string& source) {
    RunRecord record;
    record.source = source;
    record.model = report.model.name;
    if (report.accuracy) {
        record.floatTop1 = report.accuracy->floatTop1;
        record.quantTop1 = report.accuracy->quantTop1;
        record.agreementTop1 = report.accuracy->agreementTop1;
    }
    record.floatSizeBytes = report.sizes.floatFileBytes;
    record.quantSizeBytes = report.sizes.quantFileBytes;
    for (const ReviewLayer& layer : report.layers) {
        RunLayerRecord entry;
        entry.name = printableName(layer.name);
        entry.opType = layer.opType;
        entry.scheme = layer.scheme;
        entry.bits = layer.weightBits;
        entry.granularity = layer.granularity;
        entry.rangeMethod = layer.rangeMethod;
        entry.keptFloat = layer.keptFloat;
        entry.cumulativeSqnrDb = layer.cumulativeSqnrDb;
        entry.isolatedSqnrDb = layer.isolatedSqnrDb;
        entry.sensitivity = layer.sensitivity;
        record.layers.push_back(entry);
    }
    return record;
}

std::string reportCompanionPath(const std::string& htmlPath, const std::string& extension) {
    std::filesystem::path path(htmlPath);
    if (!path.has_extension())
        return htmlPath + extension;
    return path.replace_extension(extension).string();
}

void writeReviewReport(const ReviewReport& report, const std::string& htmlPath) {
    const std::string pdfPath = reportCompanionPath(htmlPath, ".pdf");
    const std::string jsonPath = reportCompanionPath(htmlPath, ".json");
    if (pdfPath == htmlPath || jsonPath == htmlPath)
        throw Error("cannot write the review report '" + htmlPath +
                    "': the PDF and JSON are written beside it with the extensions .pdf and .json; give the "
                    "report another extension, e.g. .html");
    writeFileAtomically(htmlPath, reviewReportHtml(report));
    writeFileAtomically(pdfPath, reviewReportPdf(report));
    writeFileAtomically(
        jsonPath,
        reviewReportJson(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

} // namespace qs
