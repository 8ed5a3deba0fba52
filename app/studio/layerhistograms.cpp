#include "layerhistograms.h"

#include "document.h"
#include "histogramview.h"
#include "layertablemodel.h"
#include "quantgrid.h"
#include "taskrunner.h"

#include "util/error.h"
#include "workflow/layerpreview.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QStringList>
#include <optional>

namespace qs {

namespace {

QuantGrid toViewGrid(const QuantizationGrid& grid, const QString& description) {
    QuantGrid view;
    view.description = description;
    view.levels = QVector<double>(grid.levels.begin(), grid.levels.end());
    view.clipMin = grid.clipMin;
    view.clipMax = grid.clipMax;
    view.clippedFraction = grid.clippedFraction;
    view.sqnrDb = grid.sqnrDb;
    return view;
}

/// QuantScheme::describe() in the interface language ("uniform int8 per-channel symmetric").
QString schemeText(const QuantScheme& scheme) {
    if (scheme.kind == SchemeKind::Float)
        return LayerHistograms::tr("float");
    QStringList parts;
    parts << (scheme.kind == SchemeKind::Uniform ? LayerHistograms::tr("uniform")
              : scheme.kind == SchemeKind::Log   ? LayerHistograms::tr("log")
                                                 : LayerHistograms::tr("codebook"));
    if (scheme.kind == SchemeKind::Uniform)
        parts << (scheme.signedness == Signedness::Signed ? QStringLiteral("int%1")
                                                          : QStringLiteral("uint%1"))
                     .arg(scheme.bits);
    else
        parts << LayerHistograms::tr("%1-bit").arg(scheme.bits);
    parts << (scheme.granularity == Granularity::PerChannel ? LayerHistograms::tr("per-channel")
                                                            : LayerHistograms::tr("per-tensor"));
    if (scheme.kind == SchemeKind::Uniform)
        parts << (scheme.rangeMode == RangeMode::Symmetric ? LayerHistograms::tr("symmetric")
                                                           : LayerHistograms::tr("asymmetric"));
    return parts.join(QLatin1Char(' '));
}

} // namespace

LayerHistograms::LayerHistograms(Document* document, LayerTableModel* table, HistogramView* weights,
                                 HistogramView* activations, QObject* parent)
    : QObject(parent), m_document(document), m_table(table), m_weights(weights), m_activations(activations) {
    connect(document, &Document::strategyChanged, this, [this](StrategyChange, const QStringList& layers) {
        if (layers.contains(m_layer) || layers.isEmpty())
            refresh();
        else
            showActivations(m_layer); // a new range method changes every activation grid
    });
    connect(document, &Document::resultsChanged, this, [this](ResultKind kind) {
        if (kind == ResultKind::Calibration)
            showActivations(m_layer);
    });
    connect(table, &LayerTableModel::statisticsComputed, this, &LayerHistograms::refresh);
}

void LayerHistograms::showLayer(const QString& nodeName) {
    m_layer = nodeName;
    refresh();
}

void LayerHistograms::refresh() {
    showWeights(m_layer);
    showActivations(m_layer);
}

void LayerHistograms::showWeights(const QString& nodeName) {
    const int row = m_table->rowOfNode(nodeName);
    if (nodeName.isEmpty()) {
        m_weights->clear();
        return;
    }
    if (row < 0) {
        m_weights->clear(tr("%1 has no constant weight to quantize.").arg(nodeName));
        return;
    }
    const WeightStats* stats = m_table->statsAt(row);
    if (!stats) {
        m_weights->clear(m_table->statisticsReady()
                             ? tr("The weight of %1 is not floating point.").arg(nodeName)
                             : tr("Computing weight statistics…"));
        return;
    }
    m_weights->setWeights(nodeName, *stats);
    const LayerPlan* plan = m_document->plan().findLayer(nodeName.toStdString());
    if (!plan || plan->weights.kind == SchemeKind::Float || !m_document->model())
        return;
    // The preview quantizes the whole weight (up to a second for per-channel codebooks of millions of
    // weights): it runs on the background lane and only the latest request is shown.
    const int generation = ++m_previewGeneration;
    const std::shared_ptr<const Model> model = m_document->model();
    const QuantizableLayer layer = plan->layer;
    const QuantScheme scheme = plan->weights;
    const CodebookInit init = m_document->config().codebookInit;
    QPointer<LayerHistograms> self(this);
    m_document->tasks()->start(tr("Previewing %1").arg(nodeName), TaskRunner::Lane::Background,
                               [=](TaskContext&) {
                                   QElapsedTimer clock;
                                   clock.start();
                                   std::optional<QuantizationGrid> grid;
                                   try {
                                       grid = previewLayerWeights(model->graph, layer, scheme, init).grid;
                                   } catch (const Error&) {
                                   }
                                   const double elapsedMs = double(clock.nsecsElapsed()) / 1e6;
                                   return TaskRunner::Apply([self, generation, grid, elapsedMs] {
                                       if (self && generation == self->m_previewGeneration)
                                           self->showWeightGrid(grid, elapsedMs);
                                   });
                               });
}

void LayerHistograms::showWeightGrid(const std::optional<QuantizationGrid>& grid, double elapsedMs) {
    m_lastPreviewMs = elapsedMs;
    if (!grid || !m_weights->hasWeights()) {
        m_weights->clearGrid();
        return;
    }
    const LayerPlan* plan = m_document->plan().findLayer(m_layer.toStdString());
    QString description = plan ? schemeText(plan->weights) : QString::fromStdString(grid->description);
    if (grid->channel >= 0)
        description += tr(", levels of channel %1 (the widest)").arg(grid->channel);
    m_weights->setGrid(toViewGrid(*grid, description));
}

void LayerHistograms::showActivations(const QString& nodeName) {
    const LayerPlan* plan =
        nodeName.isEmpty() ? nullptr : m_document->plan().findLayer(nodeName.toStdString());
    if (!plan) {
        m_activations->clear(nodeName.isEmpty() ? QString()
                                                : tr("%1 is not a quantizable layer.").arg(nodeName));
        return;
    }
    const std::shared_ptr<const CalibrationResult> calibration = m_document->calibration();
    if (!calibration) {
        m_activations->clear(
            tr("Calibrate (Quantize → Calibrate) to see the activations of %1.").arg(nodeName));
        return;
    }
    // The input activation as every strategy would quantize it (candidate tensors were all calibrated).
    std::string tensor;
    const Graph& graph = m_document->model()->graph;
    const int node = graph.nodeIndex(plan->layer.nodeName);
    if (node >= 0)
        for (const std::string& input : graph.nodes[size_t(node)].inputs)
            if (!input.empty() && input != plan->layer.weightName && calibration->histograms.count(input)) {
                tensor = input;
                break;
            }
    if (tensor.empty()) {
        m_activations->clear(tr("No activation of %1 was observed during calibration.").arg(nodeName));
        return;
    }
    const TensorHistogram& histogram = calibration->histograms.at(tensor);
    m_activations->setHistogram(tr("Input %1 of %2").arg(QString::fromStdString(tensor), nodeName),
                                displayHistogram(histogram));
    if (plan->activations.kind == SchemeKind::Float)
        return;
    try {
        CalibrationSettings settings = m_document->config().calibration;
        settings.method = plan->range.method;
        settings.percentile = plan->range.percentile;
        const QuantizationGrid grid = previewActivation(histogram, plan->activations, settings, tensor);
        m_activations->setGrid(toViewGrid(
            grid,
            tr("%1, %2 range").arg(schemeText(plan->activations), QString::fromStdString(settings.method))));
    } catch (const Error&) {
        m_activations->clearGrid();
    }
}

} // namespace qs
