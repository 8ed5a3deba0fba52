#include "fixpreview.h"

#include "model/weightstats.h"
#include "quant/quantplan.h"
#include "util/error.h"
#include "workflow/layerpreview.h"

#include <QCoreApplication>

namespace qs {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("qs::FixPreview", text);
}

QuantGrid viewGrid(const QuantizationGrid& grid, const QString& description) {
    QuantGrid view;
    view.description = description;
    view.levels = QVector<double>(grid.levels.begin(), grid.levels.end());
    view.clipMin = grid.clipMin;
    view.clipMax = grid.clipMax;
    view.clippedFraction = grid.clippedFraction;
    view.sqnrDb = grid.sqnrDb;
    return view;
}

/// A layer kept float: no level, nothing clipped, exact.
QuantGrid floatGrid() {
    QuantGrid view;
    view.description = tr("float (not quantized)");
    view.sqnrDb = std::numeric_limits<double>::infinity();
    return view;
}

/// The input activation of the layer that calibration observed (the one its grid is drawn for).
std::string observedInput(const Graph& graph, const LayerPlan& plan, const CalibrationResult& calibration) {
    for (const std::string& input : plan.inputActivations)
        if (calibration.histograms.count(input))
            return input;
    const int node = graph.nodeIndex(plan.layer.nodeName);
    if (node >= 0)
        for (const std::string& input : graph.nodes[size_t(node)].inputs)
            if (!input.empty() && input != plan.layer.weightName && calibration.histograms.count(input))
                return input;
    return {};
}

QuantGrid activationGrid(const TensorHistogram& histogram, const LayerPlan& plan, const QuantConfig& config,
                         const std::string& tensor) {
    if (plan.activations.kind == SchemeKind::Float)
        return floatGrid();
    CalibrationSettings settings = config.calibration;
    settings.method = plan.range.method;
    settings.percentile = plan.range.percentile;
    const QuantizationGrid grid = previewActivation(histogram, plan.activations, settings, tensor);
    return viewGrid(grid, QStringLiteral("%1, %2").arg(QString::fromStdString(plan.activations.describe()),
                                                       QString::fromStdString(settings.method)));
}

QuantGrid weightGrid(const Graph& graph, const LayerPlan& plan, const QuantConfig& config) {
    if (plan.weights.kind == SchemeKind::Float)
        return floatGrid();
    const WeightPreview preview = previewLayerWeights(graph, plan.layer, plan.weights, config.codebookInit);
    QString description = QString::fromStdString(plan.weights.describe());
    if (preview.grid.channel >= 0)
        description += tr(", levels of channel %1 (the widest)").arg(preview.grid.channel);
    return viewGrid(preview.grid, description);
}

bool changesWeights(FixKind kind) {
    return kind == FixKind::PerChannel || kind == FixKind::Weights8Bit;
}

} // namespace

FixPreviewResult computeFixPreview(const Graph& graph, const QuantConfig& config, const QuantPlan& plan,
                                   const CalibrationResult* calibration, const std::string& layer,
                                   const DiagnosisFix& fix) {
    FixPreviewResult result;
    const LayerPlan* current = plan.findLayer(layer);
    if (!current) {
        result.message = tr("%1 is not a quantized layer.").arg(QString::fromStdString(layer));
        return result;
    }
    try {
        const QuantConfig fixed = applyFix(config, layer, fix);
        const QuantPlan fixedPlan = buildQuantPlan(graph, fixed);
        const LayerPlan* after = fixedPlan.findLayer(layer);
        // A layer kept float leaves the plan's quantized layers: its grid is the float one.
        LayerPlan floatLayer = *current;
        floatLayer.weights.kind = SchemeKind::Float;
        floatLayer.activations.kind = SchemeKind::Float;
        const LayerPlan& next = after ? *after : floatLayer;
        const bool weights = changesWeights(fix.kind) ||
                             (fix.kind == FixKind::KeepFloat && current->weights.kind != SchemeKind::Float &&
                              (!calibration || current->activations.kind == SchemeKind::Float));
        FixPreview preview;
        if (weights) {
            const Tensor* tensor = graph.initializer(current->layer.weightName);
            if (!tensor) {
                result.message = tr("%1 has no constant weight to show.").arg(QString::fromStdString(layer));
                return result;
            }
            const WeightStats stats = computeWeightStats(*tensor, current->layer.outputChannelAxis);
            preview.title = tr("Weight of %1").arg(QString::fromStdString(layer));
            preview.histogram = stats.histogram;
            preview.currentGrid = weightGrid(graph, *current, config);
            preview.fixGrid = weightGrid(graph, next, fixed);
        } else {
            if (!calibration) {
                result.message =
                    tr("Calibrate to preview the activations of %1.").arg(QString::fromStdString(layer));
                return result;
            }
            const std::string tensor = observedInput(graph, *current, *calibration);
            if (tensor.empty()) {
                result.message = tr("No activation of %1 was observed during calibration.")
                                     .arg(QString::fromStdString(layer));
                return result;
            }
            const TensorHistogram& histogram = calibration->histograms.at(tensor);
            preview.title =
                tr("Input %1 of %2").arg(QString::fromStdString(tensor), QString::fromStdString(layer));
            preview.histogram = displayHistogram(histogram);
            preview.currentGrid = activationGrid(histogram, *current, config, tensor);
            preview.fixGrid = activationGrid(histogram, next, fixed, tensor);
        }
        result.preview = preview;
    } catch (const Error& error) {
        result.message = QString::fromStdString(error.what());
    }
    return result;
}

} // namespace qs
