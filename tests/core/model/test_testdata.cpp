#include "model/layers.h"
#include "model/onnxloader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

using namespace qs;

namespace {

std::vector<std::string> testdataModels() {
    std::vector<std::string> paths;
    std::error_code error;
    if (!std::filesystem::is_directory(QS_ONNX_TESTDATA_DIR, error))
        return paths;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(QS_ONNX_TESTDATA_DIR, error))
        if (entry.is_regular_file() && entry.path().extension() == ".onnx")
            paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    return paths;
}

/// Every input of every node is a graph input, an initializer, or produced by an earlier node.
void checkSortedAndNamed(const Graph& graph, const std::string& path) {
    std::set<std::string> available;
    for (const ValueInfo& input : graph.inputs)
        available.insert(input.name);
    for (const auto& entry : graph.initializers)
        available.insert(entry.first);
    std::set<std::string> names;
    for (const Node& node : graph.nodes) {
        INFO(path << " node " << node.name);
        CHECK_FALSE(node.name.empty());
        CHECK(names.insert(node.name).second);
        for (const std::string& input : node.inputs)
            CHECK((input.empty() || available.count(input)));
        for (const std::string& output : node.outputs)
            available.insert(output);
    }
}

} // namespace

TEST_CASE("every model in the ONNX test data loads or fails with qs::Error", "[model][testdata]") {
    const std::vector<std::string> paths = testdataModels();
    if (paths.empty()) {
        WARN("no ONNX test data at " << QS_ONNX_TESTDATA_DIR << "; skipped");
        return;
    }
    int loaded = 0;
    std::vector<std::string> failures;
    for (const std::string& path : paths) {
        try {
            const LoadResult result = loadOnnxModel(path);
            checkSortedAndNamed(result.model.graph, path);
            findQuantizableLayers(result.model.graph);
            ++loaded;
        } catch (const Error& error) {
            const std::string message = error.what();
            CHECK(message.find(path) == 0);
            CHECK(message.find('\n') == std::string::npos);
            failures.push_back(message);
        } catch (const std::exception& error) {
            FAIL_CHECK(path << ": unexpected exception " << error.what());
        }
    }
    for (const std::string& failure : failures)
        UNSCOPED_INFO(failure);
    WARN("ONNX test data: " << loaded << " of " << paths.size() << " models loaded, " << failures.size()
                            << " refused");
    CHECK(loaded >= int(paths.size() * 9 / 10));
}
