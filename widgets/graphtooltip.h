#pragma once
// Rich-text tooltips of the graph view, built when the pointer rests on an item (never ahead of time, so
// large graphs cost nothing until hovered).

#include "graphscenemodel.h"
#include "model/graph.h"
#include "report/errorbands.h"

#include <QString>

namespace qs {

/// Op type, name, category, inputs (with initializer shapes), outputs (type and shape) and attributes of a
/// box; name, type and shape for a graph input/output.
QString boxToolTip(const Graph& graph, const GraphSceneNode& box);

/// Tensor name, element type and shape (from Graph::valueInfos, "unknown" when not inferred).
QString tensorToolTip(const Graph& graph, const std::string& tensorName);

/// The heat-map part of a node's tooltip, appended to boxToolTip(): the metric's value and band ("cumulative
/// SQNR: 18.2 dB (poor)", "not measured" for NaN), then `details` (plain text, one line per '\n').
QString heatMapToolTip(const QString& metricName, double value, const ErrorBands& bands,
                       const QString& details);

} // namespace qs
