#pragma once
// Quantscope's one internal graph representation. The ONNX loader produces it, every view and exporter consumes
// it; nothing outside core/model sees protobuf types.

#include "model/datatype.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qs {

/// One dimension of a shape: a fixed size, a symbolic name ("batch", "N"), or unknown (neither).
struct Dim {
    int64_t value = -1;  ///< >= 0 when the size is known
    std::string symbol;  ///< non-empty for a named symbolic dimension

    bool isStatic() const { return value >= 0; }
    static Dim fixed(int64_t size) { return Dim{size, {}}; }
    static Dim symbolic(std::string name) { return Dim{-1, std::move(name)}; }
    /// "3", "batch" or "?"
    std::string toString() const;
    bool operator==(const Dim& other) const { return value == other.value && symbol == other.symbol; }
};

using Shape = std::vector<Dim>;

/// Type and shape of a named value (graph input/output or intermediate tensor).
struct ValueInfo {
    std::string name;
    DataType type = DataType::Undefined;
    bool hasShape = false;  ///< false when the rank itself is unknown
    Shape shape;
};

/// A constant tensor with its data, stored densely in little-endian order (4-bit types: one element per byte,
/// strings in `strings`).
struct Tensor {
    std::string name;
    DataType type = DataType::Undefined;
    std::vector<int64_t> dims;
    std::vector<uint8_t> data;         ///< elementCount() * dataTypeSize(type) bytes
    std::vector<std::string> strings;  ///< for DataType::String only

    int64_t elementCount() const;
    size_t sizeBytes() const { return data.size(); }
    template <typename T> const T* as() const { return reinterpret_cast<const T*>(data.data()); }
    template <typename T> T* as() { return reinterpret_cast<T*>(data.data()); }
    /// Values converted to double, whatever the element type (for statistics and small shape tensors).
    std::vector<double> toDoubles() const;
    /// Values converted to int64 (for shape-like tensors). Throws Error on non-numeric types.
    std::vector<int64_t> toInt64s() const;
};

struct Graph;

/// A node attribute. Exactly the fields matching `kind` are meaningful.
struct Attribute {
    enum class Kind { Undefined, Float, Int, String, Tensor, Graph, Floats, Ints, Strings, Tensors, Graphs };
    std::string name;
    Kind kind = Kind::Undefined;
    float f = 0.0f;
    int64_t i = 0;
    std::string s;
    std::vector<float> floats;
    std::vector<int64_t> ints;
    std::vector<std::string> strings;
    std::shared_ptr<qs::Tensor> tensor;
    std::shared_ptr<qs::Graph> graph;
    std::vector<std::shared_ptr<qs::Tensor>> tensors;
    std::vector<std::shared_ptr<qs::Graph>> graphs;
};

/// One operator application. Missing optional inputs are empty strings, as in ONNX.
struct Node {
    std::string name;  ///< never empty after loading: unnamed nodes get "<OpType>_<index>"
    std::string opType;
    std::string domain;  ///< "" for the default ONNX domain
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    std::vector<Attribute> attributes;

    const Attribute* attribute(const std::string& attrName) const;
    int64_t intAttr(const std::string& attrName, int64_t fallback) const;
    float floatAttr(const std::string& attrName, float fallback) const;
    std::string stringAttr(const std::string& attrName, const std::string& fallback) const;
    std::vector<int64_t> intsAttr(const std::string& attrName) const;  ///< empty when absent
};

/// A graph: nodes in topological order, constant initializers, inputs and outputs, inferred value types.
struct Graph {
    std::string name;
    std::vector<Node> nodes;                     ///< topologically sorted after loading
    std::map<std::string, Tensor> initializers;  ///< by tensor name
    std::vector<ValueInfo> inputs;               ///< excludes initializers
    std::vector<ValueInfo> outputs;
    std::map<std::string, ValueInfo> valueInfos;  ///< every typed value: inputs, outputs, intermediates

    const Tensor* initializer(const std::string& tensorName) const;
    const ValueInfo* valueInfo(const std::string& tensorName) const;
    /// Index of the node producing `tensorName`, or -1 (graph input, initializer or unknown).
    int producerIndex(const std::string& tensorName) const;
    /// Indices of nodes consuming `tensorName`.
    std::vector<int> consumerIndices(const std::string& tensorName) const;
    /// Index of the node named `nodeName`, or -1.
    int nodeIndex(const std::string& nodeName) const;
};

/// What the file said about itself and what the loader changed while normalizing.
struct ModelInfo {
    int64_t irVersion = 0;
    std::map<std::string, int64_t> opsetImports;  ///< domain ("" = ai.onnx) -> version
    std::string producerName;
    std::string producerVersion;
    std::string domain;
    int64_t modelVersion = 0;
    std::string docString;
    std::vector<std::pair<std::string, std::string>> metadata;
    std::string path;  ///< file the model was loaded from, empty if built in memory

    int64_t storedNodeCount = 0;         ///< nodes in the main graph as stored in the file
    int64_t storedInitializerCount = 0;  ///< initializers as stored in the file
    int64_t constantNodesFolded = 0;     ///< Constant nodes turned into initializers
    int64_t identitiesRemoved = 0;       ///< Identity nodes on initializers removed

    /// Opset of the default ONNX domain ("" or "ai.onnx"), 0 if not imported.
    int64_t opset() const;
};

/// A whole model: metadata plus the main graph.
struct Model {
    ModelInfo info;
    Graph graph;
};

/// Total number of elements in all float initializers, i.e. the model's parameters.
int64_t countParameters(const Graph& graph);

} // namespace qs
