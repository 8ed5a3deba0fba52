#pragma once
// Top-to-bottom layered layout of a directed graph, free of GUI types so that it can be tested and
// benchmarked alone. Stages: cycle breaking (DFS back edges are reversed), layer assignment (longest path,
// then nodes with more outputs than inputs sink towards their consumers), dummy nodes on edges spanning
// several layers, crossing reduction (bounded barycenter sweeps keeping the best order), and coordinate
// assignment by vertical alignment of median neighbours in four directions, balanced (Brandes-Koepf style),
// which keeps chains and long edges straight.

#include <atomic>
#include <cstdint>
#include <vector>

namespace qs {

struct LayoutPoint {
    double x = 0.0;
    double y = 0.0;
};

struct LayoutSize {
    double width = 0.0;
    double height = 0.0;
};

/// A directed edge between two nodes of LayoutInput::nodeSizes (by index).
struct LayoutEdge {
    int source = 0;
    int target = 0;
};

struct LayoutInput {
    std::vector<LayoutSize> nodeSizes;
    std::vector<LayoutEdge> edges; ///< duplicates and self-loops are allowed; out-of-range ends are ignored
};

struct LayoutOptions {
    double nodeSpacing = 24.0;   ///< minimum horizontal gap between two nodes of a layer
    double edgeSpacing = 12.0;   ///< minimum horizontal gap next to an edge passing through a layer
    double layerSpacing = 40.0;  ///< vertical gap between the bottom of one layer and the top of the next
    double portSpacing = 10.0;   ///< horizontal distance between edge ends meeting the same side of a node
    int maxCrossingSweeps = 16;  ///< bound on barycenter sweeps (each sweep goes once down or once up)
    bool sinkNodes = true;       ///< move nodes with more outputs than inputs down towards their consumers
    bool reduceCrossings = true; ///< false keeps the initial depth-first order
    bool alignChains = true;     ///< false packs each layer to the left and centres it (reference layout)
    const std::atomic<bool>* cancel =
        nullptr; ///< when set and true the layout stops early (result.cancelled)
};

struct LayoutResult {
    std::vector<LayoutPoint> nodeCenters; ///< one per input node
    std::vector<int> nodeLayers;          ///< one per input node, 0 = top
    /// One per input edge: from the source's bottom side to the target's top side through the bends of long
    /// edges (for an edge reversed to break a cycle: from the source's top to the target's bottom). Empty for
    /// self-loops and edges with out-of-range ends.
    std::vector<std::vector<LayoutPoint>> edgePaths;
    double width = 0.0; ///< bounding box of nodes and edges, whose top-left corner is (0, 0)
    double height = 0.0;
    int layerCount = 0;
    int dummyCount = 0;        ///< bend points inserted for edges spanning several layers
    int reversedEdgeCount = 0; ///< edges reversed to break cycles
    int64_t crossings = 0;     ///< segment crossings between adjacent layers in the final order
    bool cancelled = false;
};

/// Computes layered layouts with fixed options. Thread-safe: run() keeps no state between calls.
class GraphLayout {
public:
    explicit GraphLayout(LayoutOptions options = {});

    LayoutResult run(const LayoutInput& input) const;

    /// Options of a plain reference layout: longest-path layers, no crossing reduction, packed layers.
    static LayoutOptions referenceOptions();

private:
    LayoutOptions m_options;
};

} // namespace qs
