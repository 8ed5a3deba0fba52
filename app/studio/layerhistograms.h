#pragma once
// Keeps the Weights and Activations histogram views on the selected layer: the weight histogram with the grid
// of the layer's current weight scheme (recomputed on the spot after every edit, no calibration needed), and
// the calibration histogram of the layer's input activation with the grid of its range method.

#include "workflow/layerpreview.h"

#include <QObject>
#include <QString>
#include <optional>

namespace qs {

class Document;
class HistogramView;
class LayerTableModel;

class LayerHistograms : public QObject {
    Q_OBJECT
public:
    LayerHistograms(Document* document, LayerTableModel* table, HistogramView* weights,
                    HistogramView* activations, QObject* parent = nullptr);

    /// Shows `nodeName` (empty clears both views).
    void showLayer(const QString& nodeName);
    /// Milliseconds the last weight preview took (quantizing the weight and measuring it, on the background
    /// lane).
    double lastPreviewMs() const { return m_lastPreviewMs; }

private:
    void refresh();
    void showWeights(const QString& nodeName);
    void showActivations(const QString& nodeName);
    void showWeightGrid(const std::optional<QuantizationGrid>& grid, double elapsedMs);

    Document* m_document = nullptr;
    LayerTableModel* m_table = nullptr;
    HistogramView* m_weights = nullptr;
    HistogramView* m_activations = nullptr;
    QString m_layer;
    double m_lastPreviewMs = 0.0;
    int m_previewGeneration = 0; ///< the latest weight preview requested; older ones are not shown
};

} // namespace qs
