#include "inspectreport.h"

#include "model/layers.h"
#include "model/weightstats.h"

namespace qs::cli {

using Json = nlohmann::ordered_json;

namespace {

bool isDefaultDomain(const std::string& domain) {
    return domain.empty() || domain == "ai.onnx";
}

Json valueToJson(const ValueInfo& value) {
    Json entry = Json::object();
    entry["name"] = value.name;
    entry["dtype"] = dataTypeName(value.type);
    entry["shape"] = shapeToJson(value);
    return entry;
}

Json valuesToJson(const std::vector<ValueInfo>& values) {
    Json list = Json::array();
    for (const ValueInfo& value : values)
        list.push_back(valueToJson(value));
    return list;
}

Json opsetsToJson(const ModelInfo& info) {
    Json opsets = Json::object();
    for (const auto& [domain, version] : info.opsetImports)
        opsets[domain.empty() ? "ai.onnx" : domain] = version;
    return opsets;
}

Json metadataToJson(const ModelInfo& info) {
    Json metadata = Json::object();
    for (const auto& [key, value] : info.metadata)
        metadata[key] = value;
    return metadata;
}

Json statsToJson(const WeightStats& stats) {
    Json entry = Json::object();
    entry["count"] = stats.count;
    entry["min"] = stats.min;
    entry["max"] = stats.max;
    entry["mean"] = stats.mean;
    entry["std"] = stats.std;
    entry["abs_max"] = stats.absMax;
    entry["zeros"] = stats.zeros;
    return entry;
}

Json layerToJson(const QuantizableLayer& layer, const Graph& graph, Json& warnings) {
    Json entry = Json::object();
    entry["name"] = layer.nodeName;
    entry["op"] = layer.opType;
    entry["weight"] = layer.weightName;
    entry["weight_shape"] = layer.weightShape;
    entry["bias"] = layer.biasName.empty() ? Json(nullptr) : Json(layer.biasName);
    entry["parameters"] = layer.parameters;
    entry["groups"] = layer.groups;
    entry["channel_axis"] = layer.outputChannelAxis;
    entry["weight_stats"] = nullptr;
    const Tensor* weight = graph.initializer(layer.weightName);
    if (!weight)
        return entry;
    try {
        entry["weight_stats"] = statsToJson(computeWeightStats(*weight, -1, 16));
    } catch (const Error& error) {
        warnings.push_back(error.what());
    }
    return entry;
}

int64_t initializerBytes(const Graph& graph) {
    int64_t total = 0;
    for (const auto& [name, tensor] : graph.initializers)
        total += int64_t(tensor.sizeBytes());
    return total;
}

int64_t countNodes(const std::map<std::string, int64_t>& opCounts) {
    int64_t total = 0;
    for (const auto& entry : opCounts)
        total += entry.second;
    return total;
}

Json producerToJson(const ModelInfo& info) {
    std::string producer = info.producerName;
    if (!info.producerVersion.empty())
        producer += (producer.empty() ? "" : " ") + info.producerVersion;
    return producer;
}

} // namespace

std::map<std::string, int64_t> storedOpCounts(const Model& model) {
    std::map<std::string, int64_t> counts;
    for (const Node& node : model.graph.nodes) {
        const std::string key = isDefaultDomain(node.domain) ? node.opType : node.domain + "." + node.opType;
        ++counts[key];
    }
    if (model.info.constantNodesFolded > 0)
        counts["Constant"] += model.info.constantNodesFolded;
    if (model.info.identitiesRemoved > 0)
        counts["Identity"] += model.info.identitiesRemoved;
    return counts;
}

Json shapeToJson(const ValueInfo& value) {
    if (!value.hasShape)
        return nullptr;
    Json shape = Json::array();
    for (const Dim& dim : value.shape) {
        if (dim.isStatic())
            shape.push_back(dim.value);
        else if (!dim.symbol.empty())
            shape.push_back(dim.symbol);
        else
            shape.push_back(nullptr);
    }
    return shape;
}

Json makeInspectReport(const LoadResult& result, int64_t fileSizeBytes) {
    const ModelInfo& info = result.model.info;
    const Graph& graph = result.model.graph;
    Json warnings = Json::array();
    for (const std::string& warning : result.warnings)
        warnings.push_back(warning);

    Json report = Json::object();
    report["file"] = info.path;
    report["file_size_bytes"] = fileSizeBytes;
    report["opset"] = info.opset();
    report["opsets"] = opsetsToJson(info);
    report["ir_version"] = info.irVersion;
    report["producer"] = producerToJson(info);
    report["producer_name"] = info.producerName;
    report["producer_version"] = info.producerVersion;
    report["domain"] = info.domain;
    report["model_version"] = info.modelVersion;
    report["graph_name"] = graph.name;
    report["nodes"] = info.storedNodeCount;
    report["initializers"] = info.storedInitializerCount;
    report["parameters"] = countParameters(graph);
    report["weights_bytes"] = initializerBytes(graph);
    const std::map<std::string, int64_t> opCounts = storedOpCounts(result.model);
    if (countNodes(opCounts) != info.storedNodeCount)
        warnings.push_back("operator counts cover " + std::to_string(countNodes(opCounts)) +
                           " nodes but the file stores " + std::to_string(info.storedNodeCount));
    report["op_counts"] = opCounts;
    report["normalized"] = {{"nodes", int64_t(graph.nodes.size())},
                            {"initializers", int64_t(graph.initializers.size())},
                            {"constant_nodes_folded", info.constantNodesFolded},
                            {"identities_removed", info.identitiesRemoved}};
    report["inputs"] = valuesToJson(graph.inputs);
    report["outputs"] = valuesToJson(graph.outputs);

    Json layers = Json::array();
    int64_t layerParameters = 0;
    for (const QuantizableLayer& layer : findQuantizableLayers(graph)) {
        layers.push_back(layerToJson(layer, graph, warnings));
        layerParameters += layer.parameters;
    }
    report["quantizable_parameters"] = layerParameters;
    report["layers"] = std::move(layers);
    report["metadata"] = metadataToJson(info);
    report["doc_string"] = info.docString;
    report["warnings"] = std::move(warnings);
    return report;
}

} // namespace qs::cli
