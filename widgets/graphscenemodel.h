#pragma once
// What the graph view draws, derived from the graph IR without GUI types so that it can be built on a worker
// thread: one box per IR node, small boxes for graph inputs and outputs, and edges. Initializers are not
// boxes; they appear as rows ("W 64×3×7×7") inside the box of the node using them.
//
// Edges: one per distinct (producing box, consuming box, tensor) triple, where the producing box is a node or
// a graph input and the consuming box is a node or a graph output. A node reading the same tensor twice gets
// one edge; tensors without producer (initializers, dangling names) get none.

#include "graphlayout.h"
#include "model/graph.h"
#include "opcategory.h"

#include <string>
#include <utility>
#include <vector>

namespace qs {

struct GraphSceneNode {
    enum class Kind { Operator, GraphInput, GraphOutput };
    Kind kind = Kind::Operator;
    int irNodeIndex = -1; ///< index into Graph::nodes for operators, -1 otherwise
    OpCategory category = OpCategory::Other;
    std::string title;    ///< op type, or the tensor name of a graph input/output
    std::string subtitle; ///< node name (operators only)
    std::vector<std::pair<std::string, std::string>> weightRows; ///< (input slot, "64×3×7×7") per initializer
    int hiddenWeightRows = 0;                                    ///< initializer inputs beyond the rows shown
};

struct GraphSceneEdge {
    int source = 0; ///< index into GraphSceneModel::nodes
    int target = 0;
    std::string tensor;
};

/// Boxes and edges of one graph, plus the layout input built from box sizes.
class GraphSceneModel {
public:
    static constexpr int maxWeightRows = 4;

    static GraphSceneModel fromGraph(const Graph& graph);

    const std::vector<GraphSceneNode>& nodes() const { return m_nodes; }
    const std::vector<GraphSceneEdge>& edges() const { return m_edges; }
    int operatorCount() const { return m_operatorCount; }

    /// Layout input with one layout node per box (same indices) and one layout edge per scene edge.
    LayoutInput layoutInput(const std::vector<LayoutSize>& boxSizes) const;

private:
    std::vector<GraphSceneNode> m_nodes;
    std::vector<GraphSceneEdge> m_edges;
    int m_operatorCount = 0;
};

/// "1×3×224×224", "batch×3×?×?", "scalar" for rank 0, "?" for unknown rank. Uses '×' (UTF-8).
std::string formatShape(const ValueInfo& info);
std::string formatDims(const std::vector<int64_t>& dims);

/// ONNX schema name of input `index` for common ops ("W" for Conv input 1), else "input <index>".
std::string inputSlotName(const std::string& opType, size_t index);

} // namespace qs
