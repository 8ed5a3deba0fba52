#pragma once
// Small editing helper for the exporter's graph rewrites: unique tensor and node names, new initializers
// (small constants shared by content), and nodes appended to a caller-chosen list so that the caller decides
// where in the topological order they go.

#include "model/graph.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace qs {

class GraphEditor {
public:
    /// Reserves every name used in `graph` and its subgraphs. `graph` must outlive the editor.
    explicit GraphEditor(Graph& graph);

    Graph& graph() { return graph_; }

    /// `base` if no tensor has that name, else `base_2`, `base_3`, ...; the result is reserved.
    std::string uniqueName(const std::string& base);
    /// The same for node names.
    std::string uniqueNodeName(const std::string& base);

    /// Adds `tensor` as an initializer under a unique name derived from tensor.name; returns the name.
    std::string addInitializer(Tensor tensor);
    /// A small constant initializer, shared by every caller asking for the same type, dims and bytes.
    std::string sharedConstant(const std::string& base, DataType type, const std::vector<int64_t>& dims,
                               const void* bytes, size_t byteCount);
    std::string int64Constant(const std::string& base, const std::vector<int64_t>& values,
                              bool scalar = false);
    std::string int32Constant(const std::string& base, const std::vector<int32_t>& values,
                              const std::vector<int64_t>& dims);

    /// Appends a node (named uniquely after `nameBase`) to `into`; `output` is taken as given when not empty,
    /// else a unique name derived from `nameBase` is made. Returns the node's first output.
    Node& appendNode(std::vector<Node>& into, const std::string& opType,
                     const std::vector<std::string>& inputs, const std::string& output,
                     const std::string& nameBase, const std::string& domain = {});

private:
    void reserveNames(const Graph& graph);

    Graph& graph_;
    std::set<std::string> used_;                         ///< tensor names
    std::set<std::string> usedNodes_;                    ///< node names
    std::map<std::string, std::string> sharedConstants_; ///< content key -> initializer name
};

/// Attribute helpers.
Attribute intAttribute(const std::string& name, int64_t value);
Attribute intsAttribute(const std::string& name, const std::vector<int64_t>& values);

/// A tensor of `type` and `dims` holding a copy of `byteCount` bytes.
Tensor makeTensor(const std::string& name, DataType type, const std::vector<int64_t>& dims, const void* bytes,
                  size_t byteCount);

template <typename T>
Tensor makeTensor(const std::string& name, DataType type, const std::vector<int64_t>& dims,
                  const std::vector<T>& values) {
    return makeTensor(name, type, dims, values.data(), values.size() * sizeof(T));
}

} // namespace qs
