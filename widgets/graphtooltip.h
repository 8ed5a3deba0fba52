#pragma once
// Rich-text tooltips of the graph view, built when the pointer rests on an item (never ahead of time, so large
// graphs cost nothing until hovered).

#include "graphscenemodel.h"
#include "model/graph.h"

#include <QString>

namespace qs {

/// Op type, name, category, inputs (with initializer shapes), outputs (type and shape) and attributes of a box;
/// name, type and shape for a graph input/output.
QString boxToolTip(const Graph& graph, const GraphSceneNode& box);

/// Tensor name, element type and shape (from Graph::valueInfos, "unknown" when not inferred).
QString tensorToolTip(const Graph& graph, const std::string& tensorName);

} // namespace qs
