#include "model/layers.h"
#include "model/onnxloader.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

using namespace qs;
using nlohmann::json;

namespace {

/// (model path, expected facts) for every torchvision export made by the fixture script.
std::vector<std::pair<std::string, json>> torchvisionExports() {
    std::vector<std::pair<std::string, json>> exports;
    const std::filesystem::path folder = std::filesystem::path(QS_GENERATED_DIR) / "torchvision";
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
        return exports;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        const std::string suffix = ".expected.json";
        if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::filesystem::path model = folder / (name.substr(0, name.size() - suffix.size()) + ".onnx");
        if (!std::filesystem::exists(model))
            continue;
        std::ifstream stream(entry.path());
        exports.emplace_back(model.string(), json::parse(stream));
    }
    std::sort(exports.begin(), exports.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return exports;
}

json shapeJson(const ValueInfo& info) {
    if (!info.hasShape)
        return nullptr;
    json shape = json::array();
    for (const Dim& dim : info.shape)
        shape.push_back(dim.isStatic() ? json(dim.value) : dim.symbol.empty() ? json(nullptr) : json(dim.symbol));
    return shape;
}

void checkValueInfos(const std::vector<ValueInfo>& actual, const json& expected) {
    REQUIRE(actual.size() == expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
        CHECK(actual[i].name == expected[i]["name"].get<std::string>());
        CHECK(dataTypeName(actual[i].type) == expected[i]["dtype"].get<std::string>());
        CHECK(shapeJson(actual[i]) == expected[i]["shape"]);
    }
}

} // namespace

TEST_CASE("torchvision exports load with the facts the exporter recorded", "[model][torchvision]") {
    const auto exports = torchvisionExports();
    if (exports.empty()) {
        WARN("no torchvision exports in " << QS_GENERATED_DIR << "/torchvision; run ctest's fixture first");
        return;
    }
    for (const auto& [path, expected] : exports) {
        INFO(path);
        const LoadResult result = loadOnnxModel(path);
        const Model& model = result.model;
        CHECK(result.warnings.empty());
        CHECK(model.info.opset() == expected["opset"].get<int64_t>());
        CHECK(model.info.irVersion == expected["ir_version"].get<int64_t>());
        CHECK(model.info.producerName == expected["producer_name"].get<std::string>());
        CHECK(model.info.storedNodeCount == expected["nodes"].get<int64_t>());
        CHECK(model.info.storedInitializerCount == expected["initializers"].get<int64_t>());
        CHECK(countParameters(model.graph) == expected["parameters"].get<int64_t>());

        std::map<std::string, int64_t> opCounts;
        for (const Node& node : model.graph.nodes)
            ++opCounts[node.domain.empty() ? node.opType : node.domain + "." + node.opType];
        const auto expectedOps = expected["op_counts"].get<std::map<std::string, int64_t>>();
        CHECK(opCounts["Constant"] + model.info.constantNodesFolded ==
              (expectedOps.count("Constant") ? expectedOps.at("Constant") : 0));
        CHECK(opCounts["Identity"] + model.info.identitiesRemoved ==
              (expectedOps.count("Identity") ? expectedOps.at("Identity") : 0));
        for (const auto& [op, count] : expectedOps)
            if (op != "Constant" && op != "Identity")
                CHECK(opCounts[op] == count);
        checkValueInfos(model.graph.inputs, expected["inputs"]);
        checkValueInfos(model.graph.outputs, expected["outputs"]);

        std::vector<std::pair<std::string, std::vector<int64_t>>> layers;
        for (const QuantizableLayer& layer : findQuantizableLayers(model.graph))
            if (layer.opType != "Gather")
                layers.emplace_back(layer.nodeName, layer.weightShape);
        std::vector<std::pair<std::string, std::vector<int64_t>>> expectedLayers;
        for (const json& layer : expected["quantizable_layers"])
            expectedLayers.emplace_back(layer["name"].get<std::string>(),
                                        layer["weight_shape"].get<std::vector<int64_t>>());
        CHECK(layers == expectedLayers);
    }
}
