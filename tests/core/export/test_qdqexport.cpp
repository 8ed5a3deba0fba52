#include "export/qdqexport.h"

#include "export/onnxwriter.h"
#include "export/weightpacking.h"
#include "exporttesting.h"
#include "fixtures/modelbuilder.h"
#include "model/onnxloader.h"
#include "runtime/npy.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

using namespace qs;
using namespace qs::test;

namespace {

const std::string kDemoModel = QS_SOURCE_DIR "/resources/demo/model.onnx";
const QuantScheme kUint8Activations{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Asymmetric,
                                    Signedness::Unsigned};

std::string readFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

Model loadModel(const std::string& path) {
    return loadOnnxModel(path).model;
}

/// Loads an exported file and requires the checker and shape inference to have nothing to say.
Model loadExport(const std::string& path) {
    LoadResult loaded = loadOnnxModel(path);
    for (const std::string& warning : loaded.warnings)
        FAIL_CHECK(warning);
    return std::move(loaded.model);
}

std::string smallCnnPath(const TempDir& dir) {
    const std::string path = dir.file("smallcnn.onnx");
    makeSmallCnn(path);
    return path;
}

/// x [1,4] -> MatMul(w) "fc" -> Relu -> r -> If(flag) { then: r * 2, else: -r } -> y; r is read inside the
/// branches.
ModelBuilder& buildBranchModel(ModelBuilder& b) {
    b.input("x", DataType::Float, {1, 4});
    b.input("flag", DataType::Bool, {});
    b.initializer("w", {4, 3}, randomValues(12, 9));
    b.initializer("two", {1}, {2.0f});
    b.node("MatMul", {"x", "w"}, {"h"}, "fc");
    b.node("Relu", {"h"}, {"r"}, "relu");
    GraphBuilder thenBranch("then");
    thenBranch.node("Mul", {"r", "two"}, {"t"}, "double");
    thenBranch.output("t", DataType::Float, {1, 3});
    GraphBuilder elseBranch("else");
    elseBranch.node("Neg", {"r"}, {"e"}, "negate");
    elseBranch.output("e", DataType::Float, {1, 3});
    b.node("If", {"flag"}, {"y"}, "branch").graph("then_branch", thenBranch).graph("else_branch", elseBranch);
    b.output("y", DataType::Float, {1, 3});
    b.setDocString("branch test model");
    b.addMetadata("author", "tests");
    return b;
}

/// Exports, reloads and compares the export's outputs and decoded weights with the simulation.
void requireExportMatchesSimulation(const Model& model, const HandQuantization& q, const TensorMap& inputs,
                                    const TempDir& dir, const ExportOptions& options = {}) {
    const std::string path = dir.file("quantized.onnx");
    const ExportResult result = exportQuantizedModel(model, q.plan, q.tensors, path, options);
    CHECK(result.fileBytes == std::filesystem::file_size(path));
    const Model exported = loadExport(path);
    const TensorMap simulated =
        runModel(model, inputs, QuantSimulation(model.graph, q.plan, q.tensors).runOptions());
    std::map<std::string, std::vector<float>> decoded;
    RunOptions observe;
    observe.observer = [&](const std::string& name, const RuntimeTensor& tensor) {
        if (q.tensors.weights.count(name) || q.tensors.biases.count(name))
            decoded[name].assign(tensor.data<float>(), tensor.data<float>() + tensor.elementCount());
    };
    const TensorMap actual = runModel(exported, inputs, observe);
    CHECK(maxAbsDifference(simulated, actual) == 0.0);
    for (const auto& [name, weight] : q.tensors.weights) {
        INFO("weight " << name);
        REQUIRE(decoded.count(name));
        CHECK(decoded[name] == weight.dequantized);
    }
    for (const auto& [name, bias] : q.tensors.biases) {
        INFO("bias " << name);
        REQUIRE(decoded.count(name));
        CHECK(decoded[name] == bias.dequantized);
    }
}

struct SchemeCase {
    QuantScheme scheme;
    const char* label;
};

std::vector<SchemeCase> weightSchemes() {
    const auto pc = Granularity::PerChannel;
    const auto pt = Granularity::PerTensor;
    const auto sym = RangeMode::Symmetric;
    const auto asym = RangeMode::Asymmetric;
    const auto s = Signedness::Signed;
    const auto u = Signedness::Unsigned;
    return {
        {{SchemeKind::Uniform, 8, pc, sym, s}, "uniform int8 per channel"},
        {{SchemeKind::Uniform, 8, pt, asym, u}, "uniform uint8 per tensor asymmetric"},
        {{SchemeKind::Uniform, 16, pc, sym, s}, "uniform int16 per channel"},
        {{SchemeKind::Uniform, 12, pt, asym, u}, "uniform 12-bit unsigned"},
        {{SchemeKind::Uniform, 4, pc, sym, s}, "uniform 4-bit per channel"},
        {{SchemeKind::Uniform, 3, pt, asym, u}, "uniform 3-bit per tensor"},
        {{SchemeKind::Uniform, 2, pc, asym, s}, "uniform 2-bit per channel"},
        {{SchemeKind::Uniform, 6, pc, sym, s}, "uniform 6-bit per channel"},
        {{SchemeKind::Log, 3, pc, sym, s}, "log 3-bit per channel"},
        {{SchemeKind::Log, 4, pt, sym, s}, "log 4-bit per tensor"},
        {{SchemeKind::Log, 8, pc, sym, s}, "log 8-bit per channel"},
        {{SchemeKind::Codebook, 1, pt, sym, s}, "codebook 1-bit"},
        {{SchemeKind::Codebook, 2, pc, sym, s}, "codebook 2-bit per channel"},
        {{SchemeKind::Codebook, 3, pc, sym, s}, "codebook 3-bit per channel"},
        {{SchemeKind::Codebook, 4, pt, sym, s}, "codebook 4-bit per tensor"},
        {{SchemeKind::Codebook, 5, pc, sym, s}, "codebook 5-bit per channel"},
        {{SchemeKind::Codebook, 8, pt, sym, s}, "codebook 8-bit"},
    };
}

uint64_t bytesOfInitializersStartingWith(const Graph& graph, const std::string& prefix) {
    uint64_t bytes = 0;
    for (const auto& [name, tensor] : graph.initializers)
        if (name.rfind(prefix, 0) == 0)
            bytes += tensor.data.size();
    return bytes;
}

} // namespace

TEST_CASE("writing the IR and reading it back gives the same graph and outputs", "[export][torchvision]") {
    TempDir dir("qs-export");
    std::vector<std::string> paths{kDemoModel, smallCnnPath(dir)};
    ModelBuilder branch;
    buildBranchModel(branch).save(dir.file("branch.onnx"));
    paths.push_back(dir.file("branch.onnx"));
    const std::filesystem::path torchvision = std::filesystem::path(QS_GENERATED_DIR) / "torchvision";
    for (const char* name : {"resnet18", "mobilenet_v3_small", "squeezenet1_1", "efficientnet_b0", "swin_t"})
        if (std::filesystem::exists(torchvision / (std::string(name) + ".onnx")))
            paths.push_back((torchvision / (std::string(name) + ".onnx")).string());
    CHECK(paths.size() >= 5);
    for (const std::string& path : paths) {
        INFO(path);
        const LoadResult original = loadOnnxModel(path);
        const std::string bytes = serializeOnnxModel(original.model, {"quantscope", "1.2.3", true});
        const LoadResult reloaded = loadOnnxModelFromBytes(bytes, "written.onnx");
        CHECK(reloaded.warnings.size() <= original.warnings.size());
        CHECK(graphDifference(original.model.graph, reloaded.model.graph) == "");
        const ModelInfo& a = original.model.info;
        const ModelInfo& b = reloaded.model.info;
        CHECK(b.irVersion == a.irVersion);
        CHECK(b.opsetImports == a.opsetImports);
        CHECK(b.docString == a.docString);
        CHECK(b.metadata == a.metadata);
        CHECK(b.producerName == "quantscope");
        CHECK(b.producerVersion == "1.2.3");
        TensorMap inputs = randomInputs(original.model, 1);
        if (inputs.count("flag"))
            inputs["flag"] = RuntimeTensor::fromConstant(Tensor{"flag", DataType::Bool, {}, {1}, {}});
        CHECK(maxAbsDifference(runModel(original.model, inputs), runModel(reloaded.model, inputs)) == 0.0);
    }
}

TEST_CASE("the writer refuses a graph the ONNX checker rejects, naming the node", "[export]") {
    Model model = loadModel(kDemoModel);
    Node bogus;
    bogus.name = "made_up";
    bogus.opType = "NoSuchOperator";
    bogus.inputs = {model.graph.inputs[0].name};
    bogus.outputs = {"nothing"};
    model.graph.nodes.push_back(bogus);
    CHECK_THROWS_WITH(serializeOnnxModel(model), Catch::Contains("made_up") && Catch::Contains("checker"));
}

TEST_CASE("every weight scheme exports to a checked model computing what the simulation computes",
          "[export]") {
    TempDir dir("qs-export");
    for (const std::string& path : {kDemoModel, smallCnnPath(dir)}) {
        const Model model = loadModel(path);
        const TensorMap inputs = randomInputs(model, 2);
        for (const SchemeCase& scheme : weightSchemes()) {
            INFO(path << ": " << scheme.label);
            const HandQuantization q = quantizeByHand(model, scheme.scheme, kUint8Activations, inputs);
            REQUIRE(!q.plan.activations.empty());
            requireExportMatchesSimulation(model, q, inputs, dir);
        }
    }
}

TEST_CASE("a torchvision export quantized with codebooks matches the simulation", "[export][torchvision]") {
    const std::string path = QS_GENERATED_DIR "/torchvision/squeezenet1_1.onnx";
    if (!std::filesystem::exists(path))
        FAIL("missing fixture " << path);
    TempDir dir("qs-export");
    const Model model = loadModel(path);
    const TensorMap inputs = randomInputs(model, 1);
    requireExportMatchesSimulation(
        model,
        quantizeByHand(model, QuantScheme{SchemeKind::Codebook, 4, Granularity::PerChannel},
                       kUint8Activations, inputs),
        inputs, dir);
}

TEST_CASE("weights-only and signed-activation exports match the simulation", "[export]") {
    TempDir dir("qs-export");
    const Model model = loadModel(kDemoModel);
    const TensorMap inputs = randomInputs(model, 3, 11);
    const QuantScheme int8Symmetric{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Symmetric,
                                    Signedness::Signed};
    requireExportMatchesSimulation(model, quantizeByHand(model, int8Symmetric, std::nullopt, inputs), inputs,
                                   dir);
    requireExportMatchesSimulation(model, quantizeByHand(model, int8Symmetric, int8Symmetric, inputs), inputs,
                                   dir);
}

TEST_CASE("int32 biases are stored as int32 and dequantized to exactly the simulated bias", "[export]") {
    TempDir dir("qs-export");
    const Model model = loadModel(smallCnnPath(dir));
    const TensorMap inputs = randomInputs(model, 2);
    const QuantScheme weights{SchemeKind::Uniform, 8, Granularity::PerChannel, RangeMode::Symmetric,
                              Signedness::Signed};
    const HandQuantization q = quantizeByHand(model, weights, kUint8Activations, inputs, true);
    REQUIRE(q.tensors.biases.size() == 3);
    requireExportMatchesSimulation(model, q, inputs, dir);
    const Model exported = loadExport(dir.file("quantized.onnx"));
    for (const auto& [name, bias] : q.tensors.biases) {
        const Tensor* stored = exported.graph.initializer(name + "_quantized");
        REQUIRE(stored);
        CHECK(stored->type == DataType::Int32);
        CHECK(!exported.graph.initializer(name));
    }
}

TEST_CASE("corrected float biases replace the bias values", "[export]") {
    TempDir dir("qs-export");
    const Model model = loadModel(smallCnnPath(dir));
    const TensorMap inputs = randomInputs(model, 2);
    HandQuantization q =
        quantizeByHand(model, QuantScheme{SchemeKind::Codebook, 4}, kUint8Activations, inputs);
    std::vector<float> corrected(8, 0.25f);
    q.tensors.floatBiases["conv1.bias"] = corrected;
    requireExportMatchesSimulation(model, q, inputs, dir);
    const Model exported = loadExport(dir.file("quantized.onnx"));
    const Tensor* bias = exported.graph.initializer("conv1.bias");
    REQUIRE(bias);
    CHECK(std::vector<float>(bias->as<float>(), bias->as<float>() + 8) == corrected);
}

TEST_CASE("old opsets decode per-channel weights with standard arithmetic", "[export]") {
    TempDir dir("qs-export");
    for (int64_t opset : {9, 11, 12}) {
        INFO("opset " << opset);
        ModelBuilder b(opset, 6);
        b.input("x", DataType::Float, {"batch", 3, 6, 6});
        b.initializer("w", {4, 3, 3, 3}, randomValues(108, 3));
        b.initializer("bias", {4}, randomValues(4, 4));
        b.node("Conv", {"x", "w", "bias"}, {"y"}, "conv").ints("pads", {1, 1, 1, 1});
        b.node("Relu", {"y"}, {"z"}, "relu");
        b.node("Flatten", {"z"}, {"f"}, "flatten");
        b.initializer("fc.w", {144, 5}, randomValues(720, 5));
        b.node("MatMul", {"f", "fc.w"}, {"out"}, "fc");
        b.output("out", DataType::Float);
        b.save(dir.file("old.onnx"));
        const Model model = loadModel(dir.file("old.onnx"));
        const TensorMap inputs = randomInputs(model, 2);
        const std::optional<QuantScheme> activations =
            opset >= 10 ? std::optional<QuantScheme>(kUint8Activations) : std::nullopt;
        for (const SchemeCase& scheme : weightSchemes()) {
            INFO(scheme.label);
            requireExportMatchesSimulation(model, quantizeByHand(model, scheme.scheme, activations, inputs),
                                           inputs, dir);
        }
        if (opset < 10)
            CHECK_THROWS_WITH(
                exportQuantizedModel(
                    model, quantizeByHand(model, weightSchemes()[0].scheme, kUint8Activations, inputs).plan,
                    quantizeByHand(model, weightSchemes()[0].scheme, kUint8Activations, inputs).tensors,
                    dir.file("never.onnx")),
                Catch::Contains("opset 10"));
        const Model exported =
            loadExport(dir.file("quantized.onnx")); // the last case: 8-bit codebook, still decodable
        CHECK(exported.info.opset() == opset);
    }
}

TEST_CASE("16-bit activations export with com.microsoft ops or a standard-op emulation", "[export]") {
    TempDir dir("qs-export");
    const Model model = loadModel(kDemoModel);
    const TensorMap inputs = randomInputs(model, 2);
    const QuantScheme activations{SchemeKind::Uniform, 16, Granularity::PerTensor, RangeMode::Asymmetric,
                                  Signedness::Unsigned};
    const QuantScheme weights{SchemeKind::Uniform, 8, Granularity::PerChannel};
    const HandQuantization q = quantizeByHand(model, weights, activations, inputs);

    ExportOptions emulated;
    emulated.sixteenBitActivations = SixteenBitActivations::FloatEmulation;
    requireExportMatchesSimulation(model, q, inputs, dir, emulated);

    exportQuantizedModel(model, q.plan, q.tensors, dir.file("ms.onnx"));
    const Model exported = loadExport(dir.file("ms.onnx"));
    CHECK(exported.info.opsetImports.at("com.microsoft") == 1);
    size_t microsoftNodes = 0;
    for (const Node& node : exported.graph.nodes)
        microsoftNodes += node.domain == "com.microsoft" ? 1 : 0;
    CHECK(microsoftNodes == 2 * q.plan.activations.size());
    if (Executor::findUnsupported(exported).empty()) {
        const TensorMap simulated =
            runModel(model, inputs, QuantSimulation(model.graph, q.plan, q.tensors).runOptions());
        CHECK(maxAbsDifference(simulated, runModel(exported, inputs)) == 0.0);
    } else {
        WARN("the executor does not run com.microsoft QuantizeLinear yet; only the emulation was compared");
    }
}

TEST_CASE("activations on graph inputs and inside subgraphs are rewired to the dequantized tensor",
          "[export]") {
    TempDir dir("qs-export");
    ModelBuilder b;
    buildBranchModel(b).save(dir.file("branch.onnx"));
    const Model model = loadModel(dir.file("branch.onnx"));
    TensorMap inputs = randomInputs(model, 1);
    inputs["flag"] = RuntimeTensor::fromConstant(Tensor{"flag", DataType::Bool, {}, {1}, {}});
    const HandQuantization q =
        quantizeByHand(model, QuantScheme{SchemeKind::Log, 4}, kUint8Activations, inputs);
    REQUIRE(q.plan.activations.size() == 2); // the graph input x and r, read inside both branches
    requireExportMatchesSimulation(model, q, inputs, dir);
    const Model exported = loadExport(dir.file("quantized.onnx"));
    const Node& branch = exported.graph.nodes[size_t(exported.graph.nodeIndex("branch"))];
    for (const Attribute& attribute : branch.attributes) {
        REQUIRE(attribute.graph);
        CHECK(attribute.graph->nodes.at(0).inputs.at(0) == "r_dequantized");
    }
    const Node& fc = exported.graph.nodes[size_t(exported.graph.nodeIndex("fc"))];
    CHECK(fc.inputs == std::vector<std::string>{"x_dequantized", "w"});
    inputs["flag"] = RuntimeTensor::fromConstant(Tensor{"flag", DataType::Bool, {}, {0}, {}});
    requireExportMatchesSimulation(model, q, inputs, dir);
}

TEST_CASE("4-bit codebook weights take at most a sixth of their float bytes", "[export]") {
    TempDir dir("qs-export");
    const Model model = loadModel(kDemoModel);
    const TensorMap inputs = randomInputs(model, 1);
    for (Granularity granularity : {Granularity::PerTensor, Granularity::PerChannel}) {
        INFO((granularity == Granularity::PerTensor ? "per tensor" : "per channel"));
        const HandQuantization q =
            quantizeByHand(model, QuantScheme{SchemeKind::Codebook, 4, granularity}, std::nullopt, inputs);
        exportQuantizedModel(model, q.plan, q.tensors, dir.file("codebook.onnx"));
        const Model exported = loadExport(dir.file("codebook.onnx"));
        uint64_t floatBytes = 0;
        uint64_t storedBytes = 0;
        for (const auto& [name, weight] : q.tensors.weights) {
            INFO(name);
            const uint64_t count = weight.codes.size();
            const uint64_t groups = weight.tables.size();
            const uint64_t stored = bytesOfInitializersStartingWith(exported.graph, name + "_");
            // Packed nibbles, a 16-entry float table and an int32 table offset per group.
            CHECK(stored == (count + 1) / 2 + groups * 16 * 4 + groups * 4);
            floatBytes += count * sizeof(float);
            storedBytes += stored;
            // A table per output channel costs 68 bytes per channel: a sixth is reached from ~400 weights per
            // channel on; a single table from ~200 weights.
            if (count / groups >= 400)
                CHECK(stored * 6 <= count * sizeof(float));
        }
        CHECK(floatBytes > 0);
        if (granularity == Granularity::PerTensor)
            CHECK(storedBytes * 6 <= floatBytes);
        WARN("demo model, 4-bit codebook "
             << (granularity == Granularity::PerTensor ? "per tensor" : "per channel") << ": weights "
             << floatBytes << " float bytes -> " << storedBytes << " stored bytes");
    }
}

TEST_CASE("codes are packed low bits first and unpack to the same indices", "[export]") {
    CHECK(packCodes({1, 2, 3}, 4) == std::vector<uint8_t>{0x21, 0x03});
    CHECK(packCodes({1, 2, 3, 0, 1}, 2) == std::vector<uint8_t>{0x39, 0x01});
    CHECK(packCodes({1, 0, 1, 1, 0, 0, 0, 1, 1}, 1) == std::vector<uint8_t>{0x8D, 0x01});
    CHECK(storedCodeBits(1) == 1);
    CHECK(storedCodeBits(2) == 2);
    CHECK(storedCodeBits(3) == 4);
    CHECK(storedCodeBits(4) == 4);
    CHECK(storedCodeBits(5) == 8);
    CHECK(storedCodeBits(7) == 8);
    CHECK(storedCodeBits(8) == 8);
    for (int bits : {1, 2, 4, 8}) {
        std::vector<uint32_t> indices;
        for (uint32_t i = 0; i < 37; ++i)
            indices.push_back((i * 7 + 3) % (1u << bits));
        CHECK(unpackCodes(packCodes(indices, bits), bits, indices.size()) == indices);
    }
}

TEST_CASE("log tables hold the signed levels in index order", "[export]") {
    WeightQuantization weight;
    weight.scheme = SchemeKind::Log;
    weight.bits = 3;
    weight.tables = {{0.0f, 0.25f, 0.5f, 1.0f}};
    weight.codes = {-3, -1, 0, 2, 3};
    const CodeTable table = codeTableOf(weight, "w");
    CHECK(table.indices == std::vector<uint32_t>{0, 2, 3, 5, 6});
    CHECK(table.table == std::vector<float>{-1.0f, -0.5f, -0.25f, 0.0f, 0.25f, 0.5f, 1.0f, 0.0f});
    weight.codes = {4};
    CHECK_THROWS_WITH(codeTableOf(weight, "w"), Catch::Contains("'w'"));
}

TEST_CASE("writeFileAtomically replaces the file or leaves nothing behind", "[export]") {
    TempDir dir("qs-export");
    const std::string target = dir.file("out.onnx");
    writeFileAtomically(target, "first");
    writeFileAtomically(target, "second");
    CHECK(readFile(target) == "second");
    const auto entries = [&] {
        size_t count = 0;
        for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
            ++count;
        return count;
    };
    CHECK(entries() == 1);

    const std::string missing = dir.file("no/such/folder/out.onnx");
    CHECK_THROWS_WITH(writeFileAtomically(missing, "x"), Catch::Contains(missing));
    CHECK(!std::filesystem::exists(dir.file("no")));

    std::filesystem::create_directory(dir.file("taken"));
    CHECK_THROWS_WITH(writeFileAtomically(dir.file("taken"), "x"), Catch::Contains(dir.file("taken")));
    const std::string fileAsFolder = target + "/inside.onnx";
    CHECK_THROWS_WITH(writeFileAtomically(fileAsFolder, "x"), Catch::Contains(fileAsFolder));
    CHECK(entries() == 2);
    CHECK(readFile(target) == "second");
}

TEST_CASE("exporting never touches the source model and writes the plan beside the model", "[export]") {
    TempDir dir("qs-export");
    const std::string source = dir.file("model.onnx");
    std::filesystem::copy_file(kDemoModel, source);
    const std::string before = readFile(source);
    const Model model = loadModel(source);
    const TensorMap inputs = randomInputs(model, 1);
    const HandQuantization q =
        quantizeByHand(model, QuantScheme{SchemeKind::Codebook, 3}, kUint8Activations, inputs);
    CHECK_THROWS_WITH(exportQuantizedModel(model, q.plan, q.tensors, source), Catch::Contains(source));
    const ExportResult result = exportQuantizedModel(model, q.plan, q.tensors, dir.file("q.onnx"));
    CHECK(std::hash<std::string>()(readFile(source)) == std::hash<std::string>()(before));
    CHECK(readFile(source) == before);
    CHECK(result.planPath == dir.file("q.onnx") + ".plan.json");
    CHECK(result.initializerBytes > 0);
    CHECK(result.fileBytes < before.size());
    const std::string plan = readFile(result.planPath);
    CHECK(plan == planToJson(model, q.plan, q.tensors));
    for (const char* key : {"\"model\": \"model.onnx\"", "\"source_opsets\"", "\"layers\"", "\"op_type\"",
                            "\"scheme\": \"codebook\"", "\"table\"", "\"entries\": 8", "\"activations\"",
                            "\"zero_point\"", "\"sizes\"", "\"storage\": \"packed_table\"", "\"mse\""})
        CHECK_THAT(plan, Catch::Contains(key));
    for (const LayerPlan& layer : q.plan.layers)
        CHECK_THAT(plan, Catch::Contains("\"" + layer.layer.nodeName + "\""));
}

// Not run by default: writes every scheme's export of the demo model, its input and this engine's outputs to
// $QS_EXPORT_DUMP_DIR/<case>/ so that another runtime can be checked against them (see tests/runtime_ref).
TEST_CASE("dump exports for a reference runtime", "[.export-dump]") {
    const char* root = std::getenv("QS_EXPORT_DUMP_DIR");
    REQUIRE(root);
    const Model model = loadModel(kDemoModel);
    const TensorMap inputs = randomInputs(model, 2);
    ExportOptions emulated;
    emulated.sixteenBitActivations = SixteenBitActivations::FloatEmulation;
    int index = 0;
    for (const SchemeCase& scheme : weightSchemes()) {
        for (int activationBits : {8, 16}) {
            for (int emulate = 0; emulate < (activationBits == 16 ? 2 : 1); ++emulate) {
                QuantScheme activations = kUint8Activations;
                activations.bits = activationBits;
                const HandQuantization q = quantizeByHand(model, scheme.scheme, activations, inputs, true);
                const std::filesystem::path folder =
                    std::filesystem::path(root) / ("case" + std::to_string(index++));
                std::filesystem::create_directories(folder / "ours");
                exportQuantizedModel(model, q.plan, q.tensors, (folder / "model.onnx").string(),
                                     emulate ? emulated : ExportOptions{});
                std::ofstream((folder / "label.txt").string())
                    << scheme.label << ", a" << activationBits << (emulate ? " emulated" : "") << "\n";
                for (const auto& [name, tensor] : inputs)
                    writeNpy((folder / (name + ".npy")).string(), tensor);
                const TensorMap simulated =
                    runModel(model, inputs, QuantSimulation(model.graph, q.plan, q.tensors).runOptions());
                for (const auto& [name, tensor] : simulated)
                    writeNpy((folder / "ours" / (name + ".npy")).string(), tensor);
            }
        }
    }
}
