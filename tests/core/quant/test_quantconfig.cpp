#include "quant/quantconfig.h"
#include "util/error.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace qs;

namespace {

QuantConfig parse(const std::string& text) {
    return parseQuantConfig(text, "cfg.json");
}

/// The message parseQuantConfig throws for `text`; fails the test when it does not throw.
std::string errorOf(const std::string& text) {
    try {
        parse(text);
    } catch (const Error& error) {
        const std::string message = error.what();
        INFO(message);
        CHECK(message.rfind("cfg.json: ", 0) == 0);
        CHECK(message.find('\n') == std::string::npos);
        return message;
    }
    FAIL("no error for: " << text);
    return {};
}

bool sameScheme(const QuantScheme& a, const QuantScheme& b) {
    return a.kind == b.kind && a.bits == b.bits && a.granularity == b.granularity &&
           a.rangeMode == b.rangeMode && a.signedness == b.signedness;
}

bool sameOptionalScheme(const std::optional<QuantScheme>& a, const std::optional<QuantScheme>& b) {
    return a.has_value() == b.has_value() && (!a || sameScheme(*a, *b));
}

void requireSameConfig(const QuantConfig& a, const QuantConfig& b) {
    CHECK(a.input.name == b.input.name);
    CHECK(a.input.shape == b.input.shape);
    CHECK(a.preprocess.color == b.preprocess.color);
    CHECK(a.preprocess.resize == b.preprocess.resize);
    CHECK(a.preprocess.resizeShorter == b.preprocess.resizeShorter);
    CHECK(a.preprocess.interpolation == b.preprocess.interpolation);
    CHECK(a.preprocess.centerCrop == b.preprocess.centerCrop);
    CHECK(a.preprocess.scale == b.preprocess.scale);
    CHECK(a.preprocess.mean == b.preprocess.mean);
    CHECK(a.preprocess.std == b.preprocess.std);
    CHECK(a.preprocess.layout == b.preprocess.layout);
    CHECK(a.labelsFile == b.labelsFile);
    CHECK(a.calibration.method == b.calibration.method);
    CHECK(a.calibration.percentile == b.calibration.percentile);
    CHECK(a.calibration.maxImages == b.calibration.maxImages);
    CHECK(a.calibration.batchSize == b.calibration.batchSize);
    CHECK(sameScheme(a.weights, b.weights));
    CHECK(sameScheme(a.activations, b.activations));
    CHECK(a.codebookInit == b.codebookInit);
    REQUIRE(a.layers.size() == b.layers.size());
    for (size_t i = 0; i < a.layers.size(); ++i) {
        CHECK(a.layers[i].nodeName == b.layers[i].nodeName);
        CHECK(sameOptionalScheme(a.layers[i].weights, b.layers[i].weights));
        CHECK(sameOptionalScheme(a.layers[i].activations, b.layers[i].activations));
    }
    CHECK(a.floatOpTypes == b.floatOpTypes);
    CHECK(a.floatLayers == b.floatLayers);
    CHECK(a.biasCorrection == b.biasCorrection);
    CHECK(a.quantizeOutputs == b.quantizeOutputs);
}

const char* const kFullConfig = R"({
  "input": {"name": "images", "shape": [1, 3, 224, 224]},
  "preprocess": {"color": "BGR", "resize_shorter": 256, "interpolation": "cubic", "center_crop": [224, 224],
                 "scale": 0.00392156862745098, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                 "layout": "NHWC"},
  "labels": "synset.txt",
  "calibration": {"method": "percentile", "percentile": 99.9, "max_images": 512, "batch_size": 8},
  "defaults": {
    "weights": {"scheme": "codebook", "bits": 4, "granularity": "per_tensor", "symmetric": false,
                "signed": false, "init": "kmeans++"},
    "activations": {"scheme": "uniform", "bits": 16, "symmetric": true}
  },
  "layers": {
    "conv2": {"weights": {"bits": 6}},
    "conv1": {"activations": {"bits": 8}, "weights": {"scheme": "uniform"}}
  },
  "float_op_types": ["Gemm", "MatMul"],
  "float_layers": ["head"],
  "bias_correction": false,
  "quantize_outputs": false
})";

} // namespace

TEST_CASE("an empty config keeps every default", "[quantconfig]") {
    const QuantConfig config = parse("{}");
    const QuantConfig defaults;
    requireSameConfig(config, defaults);
    CHECK(config.calibration.method == "mse");
    CHECK(config.weights.kind == SchemeKind::Uniform);
    CHECK(config.weights.bits == 8);
    CHECK(config.weights.granularity == Granularity::PerChannel);
    CHECK(config.weights.signedness == Signedness::Signed);
    CHECK(config.activations.rangeMode == RangeMode::Asymmetric);
    CHECK(config.activations.signedness == Signedness::Unsigned);
    CHECK(config.layers.empty());
}

TEST_CASE("every key of the config is read", "[quantconfig]") {
    const QuantConfig config = parse(kFullConfig);
    CHECK(config.input.name == "images");
    CHECK(config.input.shape == std::vector<int64_t>{1, 3, 224, 224});
    CHECK(config.preprocess.color == ColorOrder::BGR);
    CHECK(config.preprocess.resize.empty());
    CHECK(config.preprocess.resizeShorter == 256);
    CHECK(config.preprocess.interpolation == Interpolation::Cubic);
    CHECK(config.preprocess.centerCrop == std::vector<int>{224, 224});
    CHECK(config.preprocess.scale == Approx(1.0 / 255.0));
    CHECK(config.preprocess.mean == std::vector<float>{0.485f, 0.456f, 0.406f});
    CHECK(config.preprocess.std == std::vector<float>{0.229f, 0.224f, 0.225f});
    CHECK(config.preprocess.layout == TensorLayout::NHWC);
    CHECK(config.labelsFile == "synset.txt");
    CHECK(config.calibration.method == "percentile");
    CHECK(config.calibration.percentile == 99.9);
    CHECK(config.calibration.maxImages == 512);
    CHECK(config.calibration.batchSize == 8);
    CHECK(config.weights.kind == SchemeKind::Codebook);
    CHECK(config.weights.bits == 4);
    CHECK(config.weights.granularity == Granularity::PerTensor);
    CHECK(config.weights.rangeMode == RangeMode::Asymmetric);
    CHECK(config.weights.signedness == Signedness::Unsigned);
    CHECK(config.codebookInit == CodebookInit::KMeansPlusPlus);
    CHECK(config.activations.kind == SchemeKind::Uniform);
    CHECK(config.activations.bits == 16);
    CHECK(config.activations.rangeMode == RangeMode::Symmetric);
    CHECK(config.activations.signedness == Signedness::Signed); // follows "symmetric" when "signed" is absent
    CHECK(config.floatOpTypes == std::vector<std::string>{"Gemm", "MatMul"});
    CHECK(config.floatLayers == std::vector<std::string>{"head"});
    CHECK_FALSE(config.biasCorrection);
    CHECK_FALSE(config.quantizeOutputs);
}

TEST_CASE("preprocess reads a fixed resize, gray images and one mean for all channels", "[quantconfig]") {
    const QuantConfig config =
        parse(R"({"preprocess": {"color": "GRAY", "resize": [32, 48], "interpolation": "area", "mean": 0.5,
                                 "std": [0.25], "layout": "NCHW", "scale": 1}})");
    CHECK(config.preprocess.color == ColorOrder::Gray);
    CHECK(config.preprocess.resize == std::vector<int>{32, 48});
    CHECK(config.preprocess.resizeShorter == 0);
    CHECK(config.preprocess.interpolation == Interpolation::Area);
    CHECK(config.preprocess.mean == std::vector<float>{0.5f});
    CHECK(config.preprocess.std == std::vector<float>{0.25f});
    CHECK(config.preprocess.scale == 1.0f);
    CHECK(parse(R"({"preprocess": {"interpolation": "nearest", "color": "RGB"}})").preprocess.interpolation ==
          Interpolation::Nearest);
    CHECK(parse(R"({"preprocess": {"interpolation": "linear"}})").preprocess.interpolation ==
          Interpolation::Linear);
}

TEST_CASE("signed defaults: weights signed, activations signed only when symmetric", "[quantconfig]") {
    QuantConfig config = parse(R"({"defaults": {"weights": {"symmetric": false},
                                                "activations": {"symmetric": false}}})");
    CHECK(config.weights.signedness == Signedness::Signed);
    CHECK(config.activations.signedness == Signedness::Unsigned);
    config = parse(R"({"defaults": {"activations": {"symmetric": true, "signed": false}}})");
    CHECK(config.activations.rangeMode == RangeMode::Symmetric);
    CHECK(config.activations.signedness == Signedness::Unsigned);
    config = parse(R"({"defaults": {"activations": {"symmetric": true}}})");
    CHECK(config.activations.signedness == Signedness::Signed);
    config = parse(R"({"defaults": {"weights": {"signed": false}}})");
    CHECK(config.weights.signedness == Signedness::Unsigned);
}

TEST_CASE("per-layer overrides inherit unspecified fields from the defaults", "[quantconfig]") {
    const QuantConfig config = parse(kFullConfig);
    REQUIRE(config.layers.size() == 2);
    // File order is kept.
    const LayerOverride& conv2 = config.layers[0];
    CHECK(conv2.nodeName == "conv2");
    REQUIRE(conv2.weights);
    CHECK_FALSE(conv2.activations);
    CHECK(conv2.weights->kind == SchemeKind::Codebook);
    CHECK(conv2.weights->bits == 6);
    CHECK(conv2.weights->granularity == Granularity::PerTensor);
    CHECK(conv2.weights->signedness == Signedness::Unsigned);

    const LayerOverride& conv1 = config.layers[1];
    CHECK(conv1.nodeName == "conv1");
    REQUIRE(conv1.weights);
    REQUIRE(conv1.activations);
    CHECK(conv1.weights->kind == SchemeKind::Uniform);
    CHECK(conv1.weights->bits == 4);
    CHECK(conv1.weights->rangeMode == RangeMode::Asymmetric);
    CHECK(conv1.activations->bits == 8);
    CHECK(conv1.activations->rangeMode == RangeMode::Symmetric);
    CHECK(conv1.activations->signedness == Signedness::Signed);

    // The defaults apply whatever the key order in the file.
    const QuantConfig reordered = parse(
        R"({"layers": {"fc": {"weights": {}}}, "defaults": {"weights": {"scheme": "log", "bits": 5}}})");
    REQUIRE(reordered.layers.size() == 1);
    REQUIRE(reordered.layers[0].weights);
    CHECK(reordered.layers[0].weights->kind == SchemeKind::Log);
    CHECK(reordered.layers[0].weights->bits == 5);

    // An override that makes activations symmetric also makes them signed unless it says otherwise.
    const QuantConfig symmetric = parse(R"({"layers": {"fc": {"activations": {"symmetric": true}}}})");
    CHECK(symmetric.layers[0].activations->signedness == Signedness::Signed);
}

TEST_CASE("unknown keys are errors that list the expected keys", "[quantconfig]") {
    CHECK(errorOf(R"({"calibration": {"methd": "minmax"}})") ==
          "cfg.json: calibration.methd: unknown key (expected one of: method, percentile, max_images, "
          "batch_size)");
    CHECK_THAT(
        errorOf(R"({"bias_corection": true})"),
        Catch::StartsWith("cfg.json: bias_corection: unknown key (expected one of: input, preprocess"));
    CHECK_THAT(errorOf(R"({"defaults": {"weights": {"bit": 4}}})"),
               Catch::StartsWith("cfg.json: defaults.weights.bit: unknown key") && Catch::Contains("init"));
    CHECK_THAT(errorOf(R"({"layers": {"conv1": {"weight": {}}}})"),
               Catch::StartsWith("cfg.json: layers.conv1.weight: unknown key"));
    CHECK_THAT(errorOf(R"({"preprocess": {"crop": [1, 1]}})"),
               Catch::StartsWith("cfg.json: preprocess.crop:"));
    CHECK_THAT(errorOf(R"({"input": {"dims": [1]}})"), Catch::StartsWith("cfg.json: input.dims:"));
    CHECK_THAT(errorOf(R"({"layers": {"conv1": {"weights": {"init": "density"}}}})"),
               Catch::StartsWith("cfg.json: layers.conv1.weights.init:") &&
                   Catch::Contains("defaults.weights.init"));
    CHECK_THAT(errorOf(R"({"defaults": {"activations": {"init": "density"}}})"),
               Catch::StartsWith("cfg.json: defaults.activations.init: unknown key"));
}

TEST_CASE("values of the wrong type name the key and the type found", "[quantconfig]") {
    CHECK(errorOf(R"({"defaults": {"weights": {"bits": "8"}}})") ==
          "cfg.json: defaults.weights.bits: expected an integer, got string \"8\"");
    CHECK_THAT(errorOf(R"({"defaults": {"weights": {"bits": 4.5}}})"),
               Catch::StartsWith("cfg.json: defaults.weights.bits: expected an integer"));
    CHECK_THAT(errorOf(R"({"calibration": {"percentile": "99"}})"),
               Catch::StartsWith("cfg.json: calibration.percentile: expected a number"));
    CHECK_THAT(errorOf(R"({"bias_correction": 1})"),
               Catch::StartsWith("cfg.json: bias_correction: expected true or false"));
    CHECK_THAT(errorOf(R"({"labels": 3})"), Catch::StartsWith("cfg.json: labels: expected a string"));
    CHECK_THAT(errorOf(R"({"float_op_types": "Gemm"})"),
               Catch::StartsWith("cfg.json: float_op_types: expected an array of strings"));
    CHECK_THAT(errorOf(R"({"float_layers": ["a", 2]})"),
               Catch::StartsWith("cfg.json: float_layers[1]: expected a string"));
    CHECK_THAT(errorOf(R"({"preprocess": {"mean": [0.5, "x", 0.5]}})"),
               Catch::StartsWith("cfg.json: preprocess.mean[1]: expected a number"));
    CHECK_THAT(errorOf(R"({"preprocess": {"resize": [224]}})"),
               Catch::StartsWith("cfg.json: preprocess.resize: expected [height, width]"));
    CHECK_THAT(errorOf(R"({"defaults": {"weights": {"symmetric": "yes"}}})"),
               Catch::StartsWith("cfg.json: defaults.weights.symmetric: expected true or false"));
    CHECK_THAT(errorOf(R"({"layers": {"conv1": 8}})"),
               Catch::StartsWith("cfg.json: layers.conv1: expected an object"));
    CHECK_THAT(errorOf(R"({"layers": []})"), Catch::StartsWith("cfg.json: layers: expected an object"));
    CHECK_THAT(errorOf(R"({"input": {"shape": [1, "3"]}})"), Catch::StartsWith("cfg.json: input.shape[1]:"));
    CHECK_THAT(errorOf(R"([1, 2])"), Catch::StartsWith("cfg.json: the config must be a JSON object"));
}

TEST_CASE("out-of-range values name the key and the allowed range", "[quantconfig]") {
    CHECK(errorOf(R"({"defaults": {"weights": {"bits": 20}}})") ==
          "cfg.json: defaults.weights.bits: 20 is outside 2-16 for the uniform scheme");
    CHECK(errorOf(R"({"defaults": {"weights": {"scheme": "log", "bits": 2}}})") ==
          "cfg.json: defaults.weights.bits: 2 is outside 3-8 for the log scheme");
    CHECK_THAT(errorOf(R"({"defaults": {"weights": {"scheme": "codebook", "bits": 9}}})"),
               Catch::Contains("defaults.weights.bits: 9 is outside 1-8"));
    CHECK_THAT(errorOf(R"({"layers": {"fc": {"weights": {"bits": 1}}}})"),
               Catch::StartsWith("cfg.json: layers.fc.weights.bits: 1 is outside 2-16"));
    // A scheme change that does not fit the inherited width says where the width came from.
    CHECK_THAT(
        errorOf(
            R"({"defaults": {"weights": {"bits": 12}}, "layers": {"fc": {"weights": {"scheme": "log"}}}})"),
        Catch::StartsWith(
            "cfg.json: layers.fc.weights (bits from defaults.weights.bits): 12 is outside 3-8"));
    CHECK(errorOf(R"({"defaults": {"activations": {"bits": 4}}})") ==
          "cfg.json: defaults.activations.bits: 4 is not allowed for activations; activations are uniform 8- "
          "or "
          "16-bit because only that maps to standard runtimes");
    CHECK_THAT(errorOf(R"({"calibration": {"percentile": 50}})"),
               Catch::StartsWith("cfg.json: calibration.percentile: 50 is out of range"));
    CHECK_THAT(errorOf(R"({"calibration": {"percentile": 100.5}})"),
               Catch::StartsWith("cfg.json: calibration.percentile: 100.5 is out of range"));
    CHECK(parse(R"({"calibration": {"percentile": 100}})").calibration.percentile == 100.0);
    CHECK_THAT(errorOf(R"({"calibration": {"batch_size": 0}})"),
               Catch::StartsWith("cfg.json: calibration.batch_size: 0 is out of range"));
    CHECK_THAT(errorOf(R"({"calibration": {"max_images": -1}})"),
               Catch::StartsWith("cfg.json: calibration.max_images: -1 is out of range"));
    CHECK(parse(R"({"calibration": {"max_images": 0}})").calibration.maxImages == 0);
    CHECK_THAT(
        errorOf(R"({"input": {"shape": [1, 0, 28, 28]}})"),
        Catch::StartsWith("cfg.json: input.shape[1]: 0 is out of range (must be between 1 and 2147483647)"));
    CHECK_THAT(errorOf(R"({"preprocess": {"resize_shorter": 0}})"),
               Catch::StartsWith("cfg.json: preprocess.resize_shorter: 0 is out of range"));
    CHECK_THAT(errorOf(R"({"preprocess": {"center_crop": [224, -1]}})"),
               Catch::StartsWith("cfg.json: preprocess.center_crop[1]: -1 is out of range"));
}

TEST_CASE("enumerated values list the accepted ones", "[quantconfig]") {
    CHECK(errorOf(R"({"calibration": {"method": "kl"}})") ==
          "cfg.json: calibration.method: \"kl\" is not a calibration method (expected one of: minmax, "
          "percentile, "
          "entropy, mse)");
    CHECK_THAT(
        errorOf(R"({"defaults": {"weights": {"scheme": "binary"}}})"),
        Catch::StartsWith("cfg.json: defaults.weights.scheme: \"binary\" is not a quantization scheme"));
    CHECK_THAT(errorOf(R"({"defaults": {"weights": {"granularity": "per_row"}}})"),
               Catch::StartsWith("cfg.json: defaults.weights.granularity: \"per_row\" is not a granularity"));
    CHECK_THAT(errorOf(R"({"defaults": {"weights": {"init": "random"}}})"),
               Catch::StartsWith("cfg.json: defaults.weights.init: \"random\""));
    CHECK_THAT(errorOf(R"({"preprocess": {"color": "CMYK"}})"),
               Catch::StartsWith("cfg.json: preprocess.color") && Catch::Contains("RGB, BGR or GRAY"));
    CHECK_THAT(errorOf(R"({"preprocess": {"interpolation": "lanczos"}})"),
               Catch::StartsWith("cfg.json: preprocess.interpolation"));
    CHECK_THAT(errorOf(R"({"preprocess": {"layout": "CHW"}})"),
               Catch::StartsWith("cfg.json: preprocess.layout"));
}

TEST_CASE("activations are uniform 8 or 16 bit per tensor only", "[quantconfig]") {
    CHECK(
        errorOf(R"({"defaults": {"activations": {"scheme": "codebook"}}})") ==
        "cfg.json: defaults.activations.scheme: \"codebook\" is not allowed for activations; activations are "
        "uniform 8- or 16-bit because only that maps to standard runtimes");
    CHECK_THAT(errorOf(R"({"layers": {"conv1": {"activations": {"scheme": "log"}}}})"),
               Catch::StartsWith(
                   "cfg.json: layers.conv1.activations.scheme: \"log\" is not allowed for activations"));
    CHECK_THAT(
        errorOf(R"({"defaults": {"activations": {"granularity": "per_channel"}}})"),
        Catch::StartsWith("cfg.json: defaults.activations.granularity: \"per_channel\" is not allowed for "
                          "activations") &&
            Catch::Contains("per-channel applies to weights only"));
    CHECK(parse(R"({"defaults": {"activations": {"scheme": "float"}}})").activations.kind ==
          SchemeKind::Float);
    CHECK(parse(R"({"defaults": {"activations": {"bits": 16}}})").activations.bits == 16);
}

TEST_CASE("preprocessing is checked as a whole", "[quantconfig]") {
    CHECK_THAT(errorOf(R"({"preprocess": {"color": "GRAY", "mean": [0.1, 0.2, 0.3]}})"),
               Catch::StartsWith("cfg.json: preprocess.mean has 3 values"));
    CHECK_THAT(errorOf(R"({"preprocess": {"resize": [224, 224], "resize_shorter": 256}})"),
               Catch::Contains("preprocess.resize and preprocess.resize_shorter"));
    CHECK_THAT(errorOf(R"({"preprocess": {"std": [0.2, 0, 0.2]}})"), Catch::Contains("preprocess.std[1]"));
    CHECK_THAT(errorOf(R"({"preprocess": {"scale": 0}})"), Catch::Contains("preprocess.scale"));
}

TEST_CASE("JSON syntax errors give the line and column", "[quantconfig]") {
    const std::string message = errorOf("{\n  \"labels\": \"a.txt\",\n  \"bias_correction\": tru\n}");
    CHECK_THAT(message, Catch::StartsWith("cfg.json: invalid JSON at line 3, column"));
    CHECK_THAT(errorOf(""), Catch::StartsWith("cfg.json: invalid JSON at line 1"));
    CHECK_THAT(errorOf("{\"labels\": \"a\",}"),
               Catch::StartsWith("cfg.json: invalid JSON at line 1, column"));
}

TEST_CASE("a key given twice in one object is an error", "[quantconfig]") {
    CHECK(errorOf(R"({"layers": {"conv1": {"weights": {"bits": 4}}, "conv1": {}}})") ==
          "cfg.json: layers.conv1: key appears twice");
    CHECK(errorOf(R"({"calibration": {"method": "mse", "batch_size": 2, "method": "minmax"}})") ==
          "cfg.json: calibration.method: key appears twice");
    // The same key in different objects is fine.
    CHECK_NOTHROW(parse(R"({"layers": {"a": {"weights": {"bits": 4}}, "b": {"weights": {"bits": 4}}}})"));
}

TEST_CASE("quantConfigToJson round-trips", "[quantconfig]") {
    SECTION("a config read from text") {
        const QuantConfig config = parse(kFullConfig);
        const std::string json = quantConfigToJson(config);
        const QuantConfig again = parseQuantConfig(json, "written.json");
        requireSameConfig(config, again);
        CHECK(quantConfigToJson(again) == json);
    }
    SECTION("a config built in code") {
        QuantConfig config;
        config.input.shape = {4, 1, 28, 28};
        config.preprocess.color = ColorOrder::Gray;
        config.preprocess.resize = {30, 30};
        config.preprocess.interpolation = Interpolation::Nearest;
        config.preprocess.centerCrop = {28, 28};
        config.preprocess.scale = 1.0f / 255.0f;
        config.preprocess.mean = {0.2860f};
        config.preprocess.std = {0.3530f};
        config.calibration.method = "mse";
        config.calibration.maxImages = 100;
        config.weights = QuantScheme{SchemeKind::Log, 4, Granularity::PerChannel, RangeMode::Symmetric,
                                     Signedness::Signed};
        config.codebookInit = CodebookInit::Linear;
        config.activations.bits = 16;
        LayerOverride fc;
        fc.nodeName = "/classifier/Gemm";
        fc.weights = QuantScheme{SchemeKind::Float, 32, Granularity::PerTensor, RangeMode::Symmetric,
                                 Signedness::Signed};
        LayerOverride stem;
        stem.nodeName = "stem";
        stem.activations = QuantScheme{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Symmetric,
                                       Signedness::Unsigned};
        config.layers = {fc, stem};
        config.floatLayers = {"stem"};
        config.quantizeOutputs = false;

        const std::string json = quantConfigToJson(config);
        INFO(json);
        requireSameConfig(config, parseQuantConfig(json, "written.json"));
        CHECK(json.find("0.003921569") != std::string::npos); // floats are written in their shortest form
    }
}

TEST_CASE("loadQuantConfig names the file and resolves the labels file next to it", "[quantconfig]") {
    test::TempDir dir;
    CHECK_THROWS_WITH(loadQuantConfig(dir.file("missing.json")),
                      Catch::StartsWith(dir.file("missing.json") + ": cannot read"));
    const std::string path = dir.writeFile("cfg.json", R"({"labels": "classes.txt"})");
    CHECK(loadQuantConfig(path).labelsFile == dir.file("classes.txt"));
    const std::string broken = dir.writeFile("broken.json", R"({"calibration": {"method": 3}})");
    CHECK_THROWS_WITH(loadQuantConfig(broken),
                      Catch::StartsWith(broken + ": calibration.method: expected a string"));
}

TEST_CASE("every shipped config parses", "[quantconfig]") {
    const std::filesystem::path folder = std::filesystem::path(QS_SOURCE_DIR) / "resources" / "configs";
    REQUIRE(std::filesystem::is_directory(folder));
    size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".json")
            continue;
        INFO(entry.path().string());
        QuantConfig config;
        REQUIRE_NOTHROW(config = loadQuantConfig(entry.path().string()));
        requireSameConfig(config, parseQuantConfig(quantConfigToJson(config), "written.json"));
        ++count;
    }
    CHECK(count >= 7);

    const QuantConfig codebook = loadQuantConfig((folder / "demo-codebook4.json").string());
    CHECK(codebook.weights.kind == SchemeKind::Codebook);
    CHECK(codebook.weights.bits == 4);
    CHECK(codebook.weights.granularity == Granularity::PerTensor);
    CHECK(codebook.activations.bits == 8);
    CHECK(codebook.preprocess.color == ColorOrder::Gray);
    CHECK(codebook.input.name == "input");

    const QuantConfig imagenet = loadQuantConfig((folder / "imagenet-w8a8.json").string());
    CHECK(imagenet.preprocess.color == ColorOrder::RGB);
    CHECK(imagenet.preprocess.resizeShorter == 256);
    CHECK(imagenet.preprocess.centerCrop == std::vector<int>{224, 224});
    CHECK(imagenet.preprocess.mean.size() == 3);

    CHECK(loadQuantConfig((folder / "demo-w8a8.json").string()).calibration.method == "mse");
    CHECK(loadQuantConfig((folder / "demo-w8a8-percentile.json").string()).calibration.method ==
          "percentile");
    CHECK(loadQuantConfig((folder / "demo-log4.json").string()).weights.kind == SchemeKind::Log);
    const QuantConfig uniform4 = loadQuantConfig((folder / "demo-uniform4.json").string());
    CHECK(uniform4.weights.kind == SchemeKind::Uniform);
    CHECK(uniform4.weights.bits == 4);
    CHECK(uniform4.weights.granularity == Granularity::PerChannel);
}

TEST_CASE("hostile config files are errors that start with the file name", "[quantconfig][limits]") {
    using Catch::Matchers::Contains;
    using Catch::Matchers::StartsWith;
    const std::string deep = std::string(16000, '[') + std::string(16000, ']');
    CHECK_THROWS_WITH(parseQuantConfig("{\"layers\": " + deep + "}", "deep.json"),
                      StartsWith("deep.json: ") && Contains("nested deeper"));
    CHECK_THROWS_WITH(parseQuantConfig("{\"calibration\": {\"percentile\": 1e400}}", "big.json"),
                      StartsWith("big.json: ") && Contains("out of range"));
    CHECK_THROWS_WITH(loadQuantConfig("/dev/zero"),
                      StartsWith("/dev/zero: ") && Contains("not a regular file"));
    qs::test::TempDir dir;
    const std::string fifo = dir.file("fifo.json");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_THROWS_WITH(loadQuantConfig(fifo), Contains("not a regular file")); // does not block
    CHECK_THROWS_WITH(loadQuantConfig(dir.path()), Contains("not a regular file"));
    CHECK_THROWS_WITH(parseQuantConfig(std::string(17u << 20, ' '), "huge.json"), StartsWith("huge.json: "));
    CHECK_THROWS_WITH(
        parseQuantConfig("{\"input\": {\"shape\": [1099511627776, 3, 224, 224]}}", "batch.json"),
        StartsWith("batch.json: input.shape[0]"));
    CHECK_THROWS_WITH(parseQuantConfig("{\"input\": {\"shape\": [65536, 3, 224, 224]}}", "batch.json"),
                      StartsWith("batch.json: input.shape") && Contains("2^31"));
    CHECK_NOTHROW(parseQuantConfig("{\"input\": {\"shape\": [64, 3, 224, 224]}}", "batch.json"));
    CHECK_THROWS_WITH(parseQuantConfig("{\"preprocess\": {\"resize\": [100000, 100000]}}", "resize.json"),
                      StartsWith("resize.json: preprocess.resize[0]"));
    CHECK_THROWS_WITH(parseQuantConfig("{\"preprocess\": {\"resize_shorter\": 1000000}}", "resize.json"),
                      StartsWith("resize.json: preprocess.resize_shorter"));
}

TEST_CASE("preprocess.max_image_pixels is read, checked and written only when it is not the default",
          "[quantconfig][limits]") {
    const QuantConfig config = parseQuantConfig(R"({"preprocess": {"max_image_pixels": 1000}})", "cfg.json");
    CHECK(config.preprocess.maxImagePixels == 1000);
    const std::string json = quantConfigToJson(config);
    CHECK(json.find("\"max_image_pixels\": 1000") != std::string::npos);
    CHECK(parseQuantConfig(json, "written.json").preprocess.maxImagePixels == 1000);
    CHECK(quantConfigToJson(QuantConfig()).find("max_image_pixels") == std::string::npos);
    CHECK(QuantConfig().preprocess.maxImagePixels == kDefaultMaxImagePixels);
    CHECK(parseQuantConfig(R"({"preprocess": {"max_image_pixels": 1073741824}})", "cfg.json")
              .preprocess.maxImagePixels == kMaxImagePixelsCeiling);
    for (const char* bad : {"0", "-1", "1073741825", "1.5", "\"1000\"", "null"})
        CHECK_THAT(errorOf(std::string(R"({"preprocess": {"max_image_pixels": )") + bad + "}}"),
                   Catch::StartsWith("cfg.json: preprocess.max_image_pixels: "));
}

TEST_CASE("a config remembers its source, and checks against a model name it once", "[quantconfig]") {
    const QuantConfig config = parseQuantConfig(R"({"labels": "a.txt"})", "dir/cfg.json");
    CHECK(config.sourceName == "dir/cfg.json");
    CHECK(configErrorMessage(config, "layers.x: no such node") == "dir/cfg.json: layers.x: no such node");
    CHECK(configErrorMessage(config, "dir/cfg.json: layers.x: no such node") ==
          "dir/cfg.json: layers.x: no such node");
    CHECK(configErrorMessage(QuantConfig(), "layers.x: no such node") == "layers.x: no such node");
    CHECK_THROWS_WITH(checkAgainstConfig(config, [] { throw Error("input.name: no input 'x'"); }),
                      "dir/cfg.json: input.name: no input 'x'");
    CHECK_THROWS_AS(checkAgainstConfig(config, [] { throw Cancelled(); }), Cancelled);
    CHECK(checkAgainstConfig(config, [] { return 7; }) == 7);
}

TEST_CASE("a NUL byte in a config is an error, not the end of the text", "[quantconfig]") {
    CHECK_THAT(errorOf(std::string("{\"labels\": \"a\"}\0 trailing", 25)),
               Catch::StartsWith("cfg.json: invalid JSON at line 1, column 16: a NUL byte"));
    CHECK_THAT(errorOf(std::string("{\n \"labels\": \"a\0b\"}", 20)),
               Catch::StartsWith("cfg.json: invalid JSON at line 2, column 14: a NUL byte"));
}

TEST_CASE("a relative labels path is taken from the config's folder even for a relative config path",
          "[quantconfig]") {
    test::TempDir dir;
    dir.writeFile("cfg.json", R"({"labels": "classes.txt"})");
    const std::filesystem::path before = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    const QuantConfig config = loadQuantConfig("cfg.json");
    std::filesystem::current_path(before);
    CHECK(config.labelsFile ==
          (std::filesystem::path(dir.path()) / "classes.txt").lexically_normal().string());
}
