// Conformance against the ONNX node test suite shipped by Debian (libonnx-testdata): every case whose operators
// the runtime supports is run on its stored inputs and compared with its stored outputs. Unsupported cases are
// counted and listed by op type; any supported case that fails fails the test.

#include "model/onnxloader.h"
#include "model/tensorconversion.h"
#include "runtime/executor.h"

#include <onnx/onnx_pb.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

using namespace qs;
namespace fs = std::filesystem;

namespace {

const char* const kNodeTestRoot = "/usr/share/libonnx-testdata/data/node";

RuntimeTensor readTensorProto(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    onnx::TensorProto proto;
    if (!file || !proto.ParseFromIstream(&file))
        throw Error(path.string() + ": not a TensorProto");
    return RuntimeTensor::fromConstant(tensorFromProto(proto, path.parent_path().string()));
}

bool closeEnough(double expected, double actual) {
    if (std::isnan(expected) || std::isnan(actual))
        return std::isnan(expected) && std::isnan(actual);
    if (std::isinf(expected) || std::isinf(actual))
        return expected == actual;
    return std::fabs(expected - actual) <= 1e-4 + 1e-3 * std::fabs(expected);
}

/// Empty when `actual` matches `expected`, otherwise what differs.
std::string compare(const std::string& name, const RuntimeTensor& expected, const RuntimeTensor& actual) {
    if (expected.type() != actual.type() || expected.dims() != actual.dims())
        return name + ": expected " + expected.describe() + ", got " + actual.describe();
    std::vector<double> want = expected.toDoubles();
    std::vector<double> got = actual.toDoubles();
    for (size_t i = 0; i < want.size(); ++i)
        if (!closeEnough(want[i], got[i]))
            return name + "[" + std::to_string(i) + "]: expected " + std::to_string(want[i]) + ", got " +
                   std::to_string(got[i]);
    return {};
}

/// Runs one case folder; returns "" on success, "unsupported:<ops>" when skipped, or the failure.
std::string runCase(const fs::path& folder, std::set<std::string>& unsupportedOps) {
    LoadResult loaded;
    try {
        loaded = loadOnnxModel((folder / "model.onnx").string());
    } catch (const Error& error) {
        unsupportedOps.insert("(model not loadable)");
        return "unsupported";
    }
    std::vector<UnsupportedNode> unsupported = Executor::findUnsupported(loaded.model);
    if (!unsupported.empty()) {
        for (const UnsupportedNode& node : unsupported)
            unsupportedOps.insert(node.opType);
        return "unsupported";
    }
    fs::path data = folder / "test_data_set_0";
    try {
        TensorMap inputs;
        const std::vector<ValueInfo>& graphInputs = loaded.model.graph.inputs;
        for (size_t i = 0; i < graphInputs.size(); ++i)
            inputs[graphInputs[i].name] = readTensorProto(data / ("input_" + std::to_string(i) + ".pb"));
        Executor executor(loaded.model);
        TensorMap outputs = executor.run(inputs);
        const std::vector<ValueInfo>& graphOutputs = loaded.model.graph.outputs;
        for (size_t i = 0; i < graphOutputs.size(); ++i) {
            RuntimeTensor expected = readTensorProto(data / ("output_" + std::to_string(i) + ".pb"));
            std::string difference = compare(graphOutputs[i].name, expected, outputs.at(graphOutputs[i].name));
            if (!difference.empty())
                return difference;
        }
    } catch (const std::exception& error) {
        return std::string("threw: ") + error.what();
    }
    return {};
}

} // namespace

TEST_CASE("ONNX node conformance suite", "[runtime][conformance]") {
    if (!fs::is_directory(kNodeTestRoot)) {
        WARN("libonnx-testdata is not installed; skipping");
        return;
    }
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(kNodeTestRoot))
        if (fs::exists(entry.path() / "model.onnx"))
            folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    std::set<std::string> unsupportedOps;
    std::vector<std::string> failures;
    int supported = 0;
    int passed = 0;
    for (const fs::path& folder : folders) {
        std::string result = runCase(folder, unsupportedOps);
        if (result == "unsupported")
            continue;
        ++supported;
        if (result.empty())
            ++passed;
        else
            failures.push_back(folder.filename().string() + ": " + result);
    }
    std::ostringstream summary;
    summary << "conformance: passed " << passed << " / supported " << supported << " / total " << folders.size()
            << "\nunsupported op types (" << unsupportedOps.size() << "):";
    for (const std::string& op : unsupportedOps)
        summary << ' ' << op;
    std::cout << summary.str() << '\n';
    for (const std::string& failure : failures)
        std::cout << "FAILED " << failure << '\n';
    CHECK(supported > 0);
    CHECK(failures.empty());
}
