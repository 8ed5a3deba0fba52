// Bad config files through every command that reads --config: each one fails with exit status 1 and one error
// line that starts with the config file's path and names the key (docs/config.md), whether the problem is
// found while parsing, when the config meets the model, or when it meets the images.

#include "fixtures/modelbuilder.h"
#include "processrunner.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace std::string_literals;
using qs::test::ProcessResult;
using qs::test::runCli;
using qs::test::TempDir;

namespace {

const std::string kDemoDir = std::string(QS_SOURCE_DIR) + "/resources/demo";
const std::string kDemoModel = kDemoDir + "/model.onnx";
const std::string kLayer = "/features/features.0/features.0.0/Conv";

/// When the problem shows: while the file is parsed (every command), when the config meets the model
/// (quantize only), or when it meets the images or their folder (quantize and preprocess).
enum class Found { Parsing, WithModel, WithImages };

struct BadConfig {
    std::string text;      ///< the file's bytes
    std::string mentioned; ///< the error line names this (the key, or what is wrong)
    Found found = Found::Parsing;
};

/// `{"<section>": {<body>}}`
std::string section(const std::string& name, const std::string& body) {
    return "{\"" + name + "\": {" + body + "}}";
}

/// The demo model's colour (GRAY) and `body` in the preprocess section, so that `body` is what is wrong.
std::string gray(const std::string& body) {
    return section("preprocess", "\"color\": \"GRAY\", " + body);
}

/// The demo model's colour and `sections` (more top-level keys).
std::string grayWith(const std::string& sections) {
    return "{\"preprocess\": {\"color\": \"GRAY\"}, " + sections + "}";
}

std::string layerOverride(const std::string& body) {
    return "{\"layers\": {\"" + kLayer + "\": " + body + "}}";
}

std::vector<BadConfig> badConfigs() {
    const Found model = Found::WithModel;
    const Found images = Found::WithImages;
    std::vector<BadConfig> configs = {
        // The document as a whole.
        {"", "invalid JSON"},
        {"   \n\t ", "invalid JSON"},
        {"[]", "JSON object"},
        {"null", "JSON object"},
        {"42", "JSON object"},
        {"\"config\"", "JSON object"},
        {"true", "JSON object"},
        {"[{\"input\": {}}]", "JSON object"},
        {"{", "invalid JSON"},
        {"{\"input\": {\"name\": \"input\"}", "invalid JSON"},
        {"{} trailing", "invalid JSON"},
        {"{}{}", "invalid JSON"},
        {"{}\n,", "invalid JSON"},
        {"{\"bias_correction\": true,}", "invalid JSON"},
        {"// comment\n{}", "invalid JSON"},
        {"{'labels': 'a.txt'}", "invalid JSON"},
        {"{\"labels\": \"a.txt\" \"bias_correction\": true}", "invalid JSON"},
        {"{\"bias_correction\": tru}", "invalid JSON"},
        {"{\"preprocess\": {\"scale\": NaN}}", "invalid JSON"},
        {"{\"preprocess\": {\"scale\": Infinity}}", "invalid JSON"},
        {"{\"preprocess\": {\"scale\": 1e400}}", "out of range"},
        {"{\"labels\": \"\xff\xfe\"}", "invalid JSON"},
        {"{\"labels\xc3\": \"a.txt\"}", "invalid JSON"},
        {"\xef\xbb\xbf\xff{}", "invalid JSON"},
        {"{\"labels\": \"a\"}\0"s, "invalid JSON"},
        {"{\"labels\": \"a\0b\"}"s, "invalid JSON"},
        {"{\"inputs\": {}}", "inputs: unknown key"},
        {"{\"\": 1}", "unknown key"},
        {"{\"Input\": {\"name\": \"input\"}}", "Input: unknown key"},
        {"{\"input\": {}, \"input\": {}}", "input: key appears twice"},
        {"{\"bias_correction\": true, \"bias_correction\": false}", "bias_correction: key appears twice"},
        {std::string(40, '[') + std::string(40, ']'), "nested deeper"},
        {"{\"layers\": " + std::string(40, '[') + std::string(40, ']') + "}", "nested deeper"},

        // input
        {"{\"input\": []}", "input: expected an object"},
        {"{\"input\": \"input\"}", "input: expected an object"},
        {"{\"input\": null}", "input: expected an object"},
        {"{\"input\": 1}", "input: expected an object"},
        {section("input", "\"nam\": \"input\""), "input.nam: unknown key"},
        {section("input", "\"name\": \"a\", \"name\": \"b\""), "input.name: key appears twice"},
        {section("input", "\"name\": 1"), "input.name: expected a string"},
        {section("input", "\"name\": null"), "input.name: expected a string"},
        {section("input", "\"name\": [\"input\"]"), "input.name: expected a string"},
        {section("input", "\"name\": {}"), "input.name: expected a string"},
        {section("input", "\"name\": true"), "input.name: expected a string"},
        {section("input", "\"name\": \"images\""), "input.name", model},
        {section("input", "\"name\": \"Input\""), "input.name", model},
        {section("input", "\"name\": \"in\\u0000put\""), "input.name", model},
        {section("input", "\"shape\": \"1,1,28,28\""), "input.shape: expected an array"},
        {section("input", "\"shape\": 28"), "input.shape: expected an array"},
        {section("input", "\"shape\": {}"), "input.shape: expected an array"},
        {section("input", "\"shape\": null"), "input.shape: expected an array"},
        {section("input", "\"shape\": [1, \"1\", 28, 28]"), "input.shape[1]"},
        {section("input", "\"shape\": [1, 1.5, 28, 28]"), "input.shape[1]"},
        {section("input", "\"shape\": [1, 0, 28, 28]"), "input.shape[1]"},
        {section("input", "\"shape\": [1, -1, 28, 28]"), "input.shape[1]"},
        {section("input", "\"shape\": [1, 1, 28, 2147483648]"), "input.shape[3]"},
        {section("input", "\"shape\": [1, null]"), "input.shape[1]"},
        {section("input", "\"shape\": [[1, 1, 28, 28]]"), "input.shape[0]"},
        {section("input", "\"shape\": [65536, 65536, 65536]"), "input.shape"},
        {grayWith("\"input\": {\"shape\": [1, 1, 28]}"), "input.shape", model},
        {grayWith("\"input\": {\"shape\": [1, 1, 32, 32]}"), "input.shape", model},
        {grayWith("\"input\": {\"shape\": [1, 1, 28, 28, 1]}"), "input.shape", model},
        {"{\"preprocess\": {\"color\": \"GRAY\"}, \"input\": {\"shape\": [1, 3, 28, 28]}}", "input.shape",
         images},

        // preprocess
        {"{\"preprocess\": []}", "preprocess: expected an object"},
        {"{\"preprocess\": \"GRAY\"}", "preprocess: expected an object"},
        {"{\"preprocess\": null}", "preprocess: expected an object"},
        {"{\"preprocess\": 0}", "preprocess: expected an object"},
        {section("preprocess", "\"colour\": \"GRAY\""), "preprocess.colour: unknown key"},
        {section("preprocess", "\"mean_values\": [0.5]"), "preprocess.mean_values: unknown key"},
        {section("preprocess", "\"color\": \"GRAY\", \"color\": \"RGB\""),
         "preprocess.color: key appears twice"},
        {section("preprocess", "\"color\": 1"), "preprocess.color: expected a string"},
        {section("preprocess", "\"color\": null"), "preprocess.color: expected a string"},
        {section("preprocess", "\"color\": [\"GRAY\"]"), "preprocess.color: expected a string"},
        {section("preprocess", "\"color\": \"\""), "preprocess.color"},
        {section("preprocess", "\"color\": \"purple\""), "preprocess.color"},
        {section("preprocess", "\"color\": \"RGBA\""), "preprocess.color"},
        {section("preprocess", "\"color\": \"RGB\""), "preprocess.color", model},
        {section("preprocess", "\"color\": \"BGR\""), "preprocess.color", model},
        {section("preprocess", "\"resize\": \"28x28\""), "preprocess.resize: expected an array"},
        {section("preprocess", "\"resize\": 28"), "preprocess.resize: expected an array"},
        {section("preprocess", "\"resize\": {\"height\": 28, \"width\": 28}"), "preprocess.resize"},
        {section("preprocess", "\"resize\": null"), "preprocess.resize"},
        {section("preprocess", "\"resize\": []"), "preprocess.resize"},
        {section("preprocess", "\"resize\": [28]"), "preprocess.resize"},
        {section("preprocess", "\"resize\": [28, 28, 28]"), "preprocess.resize"},
        {section("preprocess", "\"resize\": [0, 28]"), "preprocess.resize[0]"},
        {section("preprocess", "\"resize\": [28, -28]"), "preprocess.resize[1]"},
        {section("preprocess", "\"resize\": [28, 16385]"), "preprocess.resize[1]"},
        {section("preprocess", "\"resize\": [10000000000, 1]"), "preprocess.resize[0]"},
        {section("preprocess", "\"resize\": [28.5, 28]"), "preprocess.resize[0]"},
        {section("preprocess", "\"resize\": [\"28\", \"28\"]"), "preprocess.resize[0]"},
        {gray("\"resize\": [32, 32]"), "preprocess.resize", model},
        {section("preprocess", "\"resize\": [28, 28], \"resize_shorter\": 28"), "preprocess.resize"},
        {section("preprocess", "\"resize_shorter\": 0"), "preprocess.resize_shorter"},
        {section("preprocess", "\"resize_shorter\": -5"), "preprocess.resize_shorter"},
        {section("preprocess", "\"resize_shorter\": 16385"), "preprocess.resize_shorter"},
        {section("preprocess", "\"resize_shorter\": \"28\""), "preprocess.resize_shorter"},
        {section("preprocess", "\"resize_shorter\": 28.5"), "preprocess.resize_shorter"},
        {section("preprocess", "\"resize_shorter\": [28]"), "preprocess.resize_shorter"},
        {section("preprocess", "\"resize_shorter\": null"), "preprocess.resize_shorter"},
        {section("preprocess", "\"resize_shorter\": true"), "preprocess.resize_shorter"},
        {gray("\"resize_shorter\": 32"), "preprocess.resize", model},
        {section("preprocess", "\"interpolation\": \"bilinearr\""), "preprocess.interpolation"},
        {section("preprocess", "\"interpolation\": \"\""), "preprocess.interpolation"},
        {section("preprocess", "\"interpolation\": \"lanczos\""), "preprocess.interpolation"},
        {section("preprocess", "\"interpolation\": 1"), "preprocess.interpolation"},
        {section("preprocess", "\"interpolation\": null"), "preprocess.interpolation"},
        {section("preprocess", "\"interpolation\": [\"linear\"]"), "preprocess.interpolation"},
        {section("preprocess", "\"center_crop\": [0, 0]"), "preprocess.center_crop[0]"},
        {section("preprocess", "\"center_crop\": [28]"), "preprocess.center_crop"},
        {section("preprocess", "\"center_crop\": \"28\""), "preprocess.center_crop"},
        {section("preprocess", "\"center_crop\": [-1, 5]"), "preprocess.center_crop[0]"},
        {section("preprocess", "\"center_crop\": [1, 16385]"), "preprocess.center_crop[1]"},
        {section("preprocess", "\"center_crop\": null"), "preprocess.center_crop"},
        {section("preprocess", "\"center_crop\": {}"), "preprocess.center_crop"},
        {section("preprocess", "\"center_crop\": [28, 28, 1]"), "preprocess.center_crop"},
        {section("preprocess", "\"center_crop\": [1.5, 2]"), "preprocess.center_crop[0]"},
        {gray("\"center_crop\": [29, 29]"), "preprocess.center_crop", images},
        {gray("\"center_crop\": [100, 100]"), "preprocess.center_crop", images},
        {gray("\"resize_shorter\": 14, \"center_crop\": [20, 20]"), "preprocess.center_crop", images},
        {gray("\"center_crop\": [14, 14]"), "preprocess.center_crop", model},
        {section("preprocess", "\"scale\": 0"), "preprocess.scale"},
        {section("preprocess", "\"scale\": -0.0"), "preprocess.scale"},
        {section("preprocess", "\"scale\": \"1/255\""), "preprocess.scale: expected a number"},
        {section("preprocess", "\"scale\": null"), "preprocess.scale: expected a number"},
        {section("preprocess", "\"scale\": [0.0039]"), "preprocess.scale: expected a number"},
        {section("preprocess", "\"scale\": true"), "preprocess.scale: expected a number"},
        {section("preprocess", "\"scale\": 1e-50"), "preprocess.scale"},
        {section("preprocess", "\"scale\": 1e300"), "preprocess.scale"},
        {section("preprocess", "\"mean\": \"0.5\""), "preprocess.mean"},
        {section("preprocess", "\"mean\": [0.1, 0.2]"), "preprocess.mean"},
        {section("preprocess", "\"color\": \"GRAY\", \"mean\": [0.1, 0.2, 0.3]"), "preprocess.mean"},
        {section("preprocess", "\"mean\": [null]"), "preprocess.mean[0]"},
        {section("preprocess", "\"mean\": [\"0.5\"]"), "preprocess.mean[0]"},
        {section("preprocess", "\"mean\": {\"r\": 0.5}"), "preprocess.mean"},
        {section("preprocess", "\"mean\": [[0.5]]"), "preprocess.mean[0]"},
        {section("preprocess", "\"mean\": true"), "preprocess.mean"},
        {section("preprocess", "\"mean\": null"), "preprocess.mean"},
        {section("preprocess", "\"mean\": [1e39]"), "preprocess.mean"},
        {section("preprocess", "\"std\": 0"), "preprocess.std"},
        {section("preprocess", "\"std\": [0]"), "preprocess.std"},
        {section("preprocess", "\"std\": [0.5, 0.0, 0.5]"), "preprocess.std[1]"},
        {section("preprocess", "\"std\": [1, 2]"), "preprocess.std"},
        {section("preprocess", "\"color\": \"GRAY\", \"std\": [0.2, 0.2, 0.2]"), "preprocess.std"},
        {section("preprocess", "\"std\": \"1\""), "preprocess.std"},
        {section("preprocess", "\"std\": null"), "preprocess.std"},
        {section("preprocess", "\"std\": [true]"), "preprocess.std[0]"},
        {section("preprocess", "\"std\": 1e-50"), "preprocess.std"},
        {section("preprocess", "\"layout\": \"NCWH\""), "preprocess.layout"},
        {section("preprocess", "\"layout\": \"CHW\""), "preprocess.layout"},
        {section("preprocess", "\"layout\": \"\""), "preprocess.layout"},
        {section("preprocess", "\"layout\": 0"), "preprocess.layout"},
        {section("preprocess", "\"layout\": null"), "preprocess.layout"},
        {section("preprocess", "\"layout\": [\"NCHW\"]"), "preprocess.layout"},
        {gray("\"layout\": \"NHWC\""), "preprocess.color", model},
        {section("preprocess", "\"max_image_pixels\": 0"), "preprocess.max_image_pixels"},
        {section("preprocess", "\"max_image_pixels\": -1"), "preprocess.max_image_pixels"},
        {section("preprocess", "\"max_image_pixels\": 1073741825"), "preprocess.max_image_pixels"},
        {section("preprocess", "\"max_image_pixels\": 1e9"), "preprocess.max_image_pixels"},
        {section("preprocess", "\"max_image_pixels\": \"1000\""), "preprocess.max_image_pixels"},
        {section("preprocess", "\"max_image_pixels\": null"), "preprocess.max_image_pixels"},
        {section("preprocess", "\"max_image_pixel\": 1000"), "preprocess.max_image_pixel: unknown key"},

        // labels
        {"{\"labels\": 1}", "labels: expected a string"},
        {"{\"labels\": null}", "labels: expected a string"},
        {"{\"labels\": []}", "labels: expected a string"},
        {"{\"labels\": {}}", "labels: expected a string"},
        {"{\"labels\": true}", "labels: expected a string"},
        {"{\"preprocess\": {\"color\": \"GRAY\"}, \"labels\": \"missing-labels.txt\"}", "labels", images},
        {"{\"preprocess\": {\"color\": \"GRAY\"}, \"labels\": \".\"}", "labels", images},

        // calibration
        {"{\"calibration\": []}", "calibration: expected an object"},
        {"{\"calibration\": \"mse\"}", "calibration: expected an object"},
        {"{\"calibration\": null}", "calibration: expected an object"},
        {"{\"calibration\": 5}", "calibration: expected an object"},
        {"{\"calibration\": true}", "calibration: expected an object"},
        {section("calibration", "\"methd\": \"mse\""), "calibration.methd: unknown key"},
        {section("calibration", "\"max_image\": 10"), "calibration.max_image: unknown key"},
        {section("calibration", "\"method\": \"max\""), "calibration.method"},
        {section("calibration", "\"method\": \"\""), "calibration.method"},
        {section("calibration", "\"method\": \"MSE\""), "calibration.method"},
        {section("calibration", "\"method\": 1"), "calibration.method: expected a string"},
        {section("calibration", "\"method\": null"), "calibration.method: expected a string"},
        {section("calibration", "\"method\": [\"mse\"]"), "calibration.method: expected a string"},
        {section("calibration", "\"percentile\": 50"), "calibration.percentile"},
        {section("calibration", "\"percentile\": 0"), "calibration.percentile"},
        {section("calibration", "\"percentile\": -1"), "calibration.percentile"},
        {section("calibration", "\"percentile\": 100.5"), "calibration.percentile"},
        {section("calibration", "\"percentile\": \"99.9\""), "calibration.percentile: expected a number"},
        {section("calibration", "\"percentile\": null"), "calibration.percentile: expected a number"},
        {section("calibration", "\"percentile\": [99]"), "calibration.percentile: expected a number"},
        {section("calibration", "\"max_images\": -1"), "calibration.max_images"},
        {section("calibration", "\"max_images\": 1.5"), "calibration.max_images"},
        {section("calibration", "\"max_images\": \"10\""), "calibration.max_images"},
        {section("calibration", "\"max_images\": null"), "calibration.max_images"},
        {section("calibration", "\"max_images\": [10]"), "calibration.max_images"},
        {section("calibration", "\"max_images\": 1e30"), "calibration.max_images"},
        {section("calibration", "\"max_images\": 18446744073709551616"), "calibration.max_images"},
        {section("calibration", "\"batch_size\": 0"), "calibration.batch_size"},
        {section("calibration", "\"batch_size\": -1"), "calibration.batch_size"},
        {section("calibration", "\"batch_size\": 65537"), "calibration.batch_size"},
        {section("calibration", "\"batch_size\": 4294967296"), "calibration.batch_size"},
        {section("calibration", "\"batch_size\": 1.5"), "calibration.batch_size"},
        {section("calibration", "\"batch_size\": \"8\""), "calibration.batch_size"},
        {section("calibration", "\"batch_size\": null"), "calibration.batch_size"},
        {section("calibration", "\"batch_size\": true"), "calibration.batch_size"},

        // defaults
        {"{\"defaults\": []}", "defaults: expected an object"},
        {"{\"defaults\": \"uniform\"}", "defaults: expected an object"},
        {"{\"defaults\": null}", "defaults: expected an object"},
        {"{\"defaults\": 8}", "defaults: expected an object"},
        {section("defaults", "\"weight\": {}"), "defaults.weight: unknown key"},
        {section("defaults", "\"activation\": {}"), "defaults.activation: unknown key"},
        {section("defaults", "\"bias\": {}"), "defaults.bias: unknown key"},
        {section("defaults", "\"weights\": []"), "defaults.weights: expected an object"},
        {section("defaults", "\"weights\": \"uniform\""), "defaults.weights: expected an object"},
        {section("defaults", "\"weights\": null"), "defaults.weights: expected an object"},
        {section("defaults", "\"weights\": 8"), "defaults.weights: expected an object"},
        {section("defaults", "\"weights\": {\"scheme\": \"int8\"}"), "defaults.weights.scheme"},
        {section("defaults", "\"weights\": {\"scheme\": \"\"}"), "defaults.weights.scheme"},
        {section("defaults", "\"weights\": {\"scheme\": 1}"), "defaults.weights.scheme"},
        {section("defaults", "\"weights\": {\"scheme\": null}"), "defaults.weights.scheme"},
        {section("defaults", "\"weights\": {\"scheme\": [\"uniform\"]}"), "defaults.weights.scheme"},
        {section("defaults", "\"weights\": {\"bits\": 0}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": 1}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": 17}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": 64}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": 65}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": -8}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": 8.0}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": \"8\"}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": null}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"bits\": [8]}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"scheme\": \"log\", \"bits\": 2}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"scheme\": \"log\", \"bits\": 9}"), "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"scheme\": \"codebook\", \"bits\": 9}"),
         "defaults.weights.bits"},
        {section("defaults", "\"weights\": {\"granularity\": \"per_layer\"}"),
         "defaults.weights.granularity"},
        {section("defaults", "\"weights\": {\"granularity\": \"\"}"), "defaults.weights.granularity"},
        {section("defaults", "\"weights\": {\"granularity\": 0}"), "defaults.weights.granularity"},
        {section("defaults", "\"weights\": {\"granularity\": null}"), "defaults.weights.granularity"},
        {section("defaults", "\"weights\": {\"symmetric\": \"true\"}"), "defaults.weights.symmetric"},
        {section("defaults", "\"weights\": {\"symmetric\": 1}"), "defaults.weights.symmetric"},
        {section("defaults", "\"weights\": {\"symmetric\": null}"), "defaults.weights.symmetric"},
        {section("defaults", "\"weights\": {\"signed\": \"yes\"}"), "defaults.weights.signed"},
        {section("defaults", "\"weights\": {\"signed\": 0}"), "defaults.weights.signed"},
        {section("defaults", "\"weights\": {\"signed\": {}}"), "defaults.weights.signed"},
        {section("defaults", "\"weights\": {\"init\": \"random\"}"), "defaults.weights.init"},
        {section("defaults", "\"weights\": {\"init\": \"\"}"), "defaults.weights.init"},
        {section("defaults", "\"weights\": {\"init\": 5}"), "defaults.weights.init"},
        {section("defaults", "\"weights\": {\"init\": null}"), "defaults.weights.init"},
        {section("defaults", "\"weights\": {\"bitz\": 8}"), "defaults.weights.bitz: unknown key"},
        {section("defaults", "\"weights\": {\"dtype\": \"int8\"}"), "defaults.weights.dtype: unknown key"},
        {section("defaults", "\"weights\": {\"bits\": 8, \"bits\": 4}"),
         "defaults.weights.bits: key appears twice"},
        {section("defaults", "\"activations\": []"), "defaults.activations: expected an object"},
        {section("defaults", "\"activations\": null"), "defaults.activations: expected an object"},
        {section("defaults", "\"activations\": 8"), "defaults.activations: expected an object"},
        {section("defaults", "\"activations\": {\"scheme\": \"log\"}"), "defaults.activations.scheme"},
        {section("defaults", "\"activations\": {\"scheme\": \"codebook\"}"), "defaults.activations.scheme"},
        {section("defaults", "\"activations\": {\"scheme\": \"int8\"}"), "defaults.activations.scheme"},
        {section("defaults", "\"activations\": {\"scheme\": 1}"), "defaults.activations.scheme"},
        {section("defaults", "\"activations\": {\"bits\": 4}"), "defaults.activations.bits"},
        {section("defaults", "\"activations\": {\"bits\": 7}"), "defaults.activations.bits"},
        {section("defaults", "\"activations\": {\"bits\": 32}"), "defaults.activations.bits"},
        {section("defaults", "\"activations\": {\"bits\": 0}"), "defaults.activations.bits"},
        {section("defaults", "\"activations\": {\"bits\": \"8\"}"), "defaults.activations.bits"},
        {section("defaults", "\"activations\": {\"granularity\": \"per_channel\"}"),
         "defaults.activations.granularity"},
        {section("defaults", "\"activations\": {\"granularity\": \"x\"}"),
         "defaults.activations.granularity"},
        {section("defaults", "\"activations\": {\"symmetric\": \"false\"}"),
         "defaults.activations.symmetric"},
        {section("defaults", "\"activations\": {\"signed\": null}"), "defaults.activations.signed"},
        {section("defaults", "\"activations\": {\"init\": \"density\"}"), "defaults.activations.init"},
        {section("defaults", "\"activations\": {\"dtype\": \"int8\"}"), "defaults.activations.dtype"},

        // layers
        {"{\"layers\": []}", "layers: expected an object"},
        {"{\"layers\": \"" + kLayer + "\"}", "layers: expected an object"},
        {"{\"layers\": null}", "layers: expected an object"},
        {"{\"layers\": 1}", "layers: expected an object"},
        {"{\"layers\": true}", "layers: expected an object"},
        {"{\"layers\": [{\"" + kLayer + "\": {}}]}", "layers: expected an object"},
        {"{\"layers\": {\"nope\": {}}}", "layers.nope", model},
        {"{\"layers\": {\"\": {}}}", "layers.", model},
        {"{\"layers\": {\"Conv\": {}}}", "layers.Conv", model},
        {"{\"layers\": {\"/features/features.0/features.0.0/conv\": {}}}", "layers./features", model},
        {"{\"layers\": {\"" + kLayer + " \": {}}}", "layers./features", model},
        {"{\"layers\": {\"conv\\u0000hidden\": {}}}", "layers.conv\\x00hidden", model},
        {"{\"layers\": {\"two\\nlines\": {}}}", "layers.two\\x0alines", model},
        {"{\"layers\": {\"" + kLayer + "\": {}, \"" + kLayer + "\": {}}}", "key appears twice"},
        {layerOverride("[]"), "layers." + kLayer + ": expected an object"},
        {layerOverride("null"), "layers." + kLayer + ": expected an object"},
        {layerOverride("\"uniform\""), "layers." + kLayer + ": expected an object"},
        {layerOverride("8"), "layers." + kLayer + ": expected an object"},
        {layerOverride("{\"weight\": {}}"), "layers." + kLayer + ".weight: unknown key"},
        {layerOverride("{\"bits\": 4}"), "layers." + kLayer + ".bits: unknown key"},
        {layerOverride("{\"weights\": {\"bits\": 20}}"), "layers." + kLayer + ".weights.bits"},
        {layerOverride("{\"weights\": {\"scheme\": \"foo\"}}"), "layers." + kLayer + ".weights.scheme"},
        {layerOverride("{\"weights\": {\"init\": \"linear\"}}"), "layers." + kLayer + ".weights.init"},
        {layerOverride("{\"weights\": []}"), "layers." + kLayer + ".weights: expected an object"},
        {layerOverride("{\"weights\": null}"), "layers." + kLayer + ".weights: expected an object"},
        {layerOverride("{\"weights\": {\"granularity\": \"per_row\"}}"),
         "layers." + kLayer + ".weights.granularity"},
        {layerOverride("{\"activations\": {\"bits\": 4}}"), "layers." + kLayer + ".activations.bits"},
        {layerOverride("{\"activations\": {\"scheme\": \"log\"}}"),
         "layers." + kLayer + ".activations.scheme"},
        {layerOverride("{\"activations\": {\"granularity\": \"per_channel\"}}"),
         "layers." + kLayer + ".activations.granularity"},
        {layerOverride("{\"calibration\": {\"method\": \"foo\"}}"),
         "layers." + kLayer + ".calibration.method"},
        {layerOverride("{\"calibration\": {\"percentile\": 40}}"),
         "layers." + kLayer + ".calibration.percentile"},
        {layerOverride("{\"calibration\": {\"max_images\": 5}}"),
         "layers." + kLayer + ".calibration.max_images: unknown key"},
        {layerOverride("{\"calibration\": []}"), "layers." + kLayer + ".calibration: expected an object"},
        {layerOverride("{\"calibration\": \"mse\"}"),
         "layers." + kLayer + ".calibration: expected an object"},
        {"{\"defaults\": {\"weights\": {\"bits\": 16}}, \"layers\": {\"" + kLayer +
             "\": {\"weights\": {\"scheme\": \"codebook\"}}}}",
         "defaults.weights.bits"},

        // float_op_types, float_layers
        {"{\"float_op_types\": \"Gemm\"}", "float_op_types: expected an array"},
        {"{\"float_op_types\": null}", "float_op_types: expected an array"},
        {"{\"float_op_types\": {}}", "float_op_types: expected an array"},
        {"{\"float_op_types\": [1]}", "float_op_types[0]"},
        {"{\"float_op_types\": [\"Gemm\", null]}", "float_op_types[1]"},
        {"{\"float_op_types\": [[\"Gemm\"]]}", "float_op_types[0]"},
        {"{\"float_layers\": \"" + kLayer + "\"}", "float_layers: expected an array"},
        {"{\"float_layers\": {}}", "float_layers: expected an array"},
        {"{\"float_layers\": null}", "float_layers: expected an array"},
        {"{\"float_layers\": [1]}", "float_layers[0]"},
        {"{\"float_layers\": [true]}", "float_layers[0]"},
        {"{\"float_layers\": [\"nope\"]}", "float_layers", model},
        {"{\"float_layers\": [\"\"]}", "float_layers", model},
        {"{\"float_layers\": [\"Gemm\"]}", "float_layers", model},

        // bias_correction, quantize_outputs
        {"{\"bias_correction\": \"true\"}", "bias_correction: expected true or false"},
        {"{\"bias_correction\": 1}", "bias_correction: expected true or false"},
        {"{\"bias_correction\": null}", "bias_correction: expected true or false"},
        {"{\"bias_correction\": []}", "bias_correction: expected true or false"},
        {"{\"bias_correction\": {}}", "bias_correction: expected true or false"},
        {"{\"quantize_outputs\": \"false\"}", "quantize_outputs: expected true or false"},
        {"{\"quantize_outputs\": 0}", "quantize_outputs: expected true or false"},
        {"{\"quantize_outputs\": null}", "quantize_outputs: expected true or false"},
        {"{\"quantize_outputs\": [true]}", "quantize_outputs: expected true or false"},
    };
    // A file far larger than any config.
    configs.push_back({"{\"labels\": \"" + std::string(17u << 20, 'a') + "\"}", "16 MiB"});
    return configs;
}

/// The one error line of `result`: checks the exit status, that stdout is empty, that exactly one line is an
/// error and that it is the last one (progress lines may come before it), and returns it.
std::string errorLine(const ProcessResult& result) {
    CHECK(result.exitCode == 1);
    CHECK(result.out.empty());
    const std::vector<std::string> lines = result.errLines();
    size_t errors = 0;
    for (const std::string& line : lines)
        errors += line.rfind("quantscope-cli: error: ", 0) == 0 ? 1 : 0;
    CHECK(errors == 1);
    return lines.empty() ? std::string() : lines.back();
}

/// Checks one command's failure on the config at `path`; `onlyLine`: the error must be the only stderr line.
bool failsNamingConfig(const ProcessResult& result, const std::string& path, const BadConfig& config,
                       bool onlyLine) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    const std::string line = errorLine(result);
    const std::string prefix = "quantscope-cli: error: " + path + ": ";
    const bool startsWithPath = line.rfind(prefix, 0) == 0;
    CHECK(startsWithPath);
    CHECK(line.find(config.mentioned) != std::string::npos);
    CHECK(line.find(path, prefix.size()) == std::string::npos); // the path is not given twice
    CHECK(line.find("unexpected failure") == std::string::npos);
    if (onlyLine)
        CHECK(result.errLines().size() == 1);
    return result.exitCode == 1 && startsWithPath && line.find(config.mentioned) != std::string::npos;
}

} // namespace

TEST_CASE("every bad config fails in one line starting with the config's path and naming the key",
          "[cli][config][errors]") {
    TempDir dir;
    const std::string calib = kDemoDir + "/calib";
    const std::string output = dir.file("out.onnx");
    const std::vector<BadConfig> configs = badConfigs();
    CHECK(configs.size() >= 150);
    size_t failed = 0;
    for (size_t i = 0; i < configs.size(); ++i) {
        const BadConfig& config = configs[i];
        const std::string path = dir.writeFile("bad_" + std::to_string(i) + ".json", config.text);
        INFO("config " << i << ": " << config.text.substr(0, 200));
        bool ok = failsNamingConfig(runCli({"quantize", kDemoModel, "--calib", calib, "--eval",
                                            kDemoDir + "/eval", "--config", path, "--output", output}),
                                    path, config, config.found == Found::Parsing);
        if (config.found != Found::WithModel)
            ok = failsNamingConfig(runCli({"preprocess", "--images", kDemoDir + "/eval", "--config", path,
                                           "--output-dir", dir.file("preprocessed")}),
                                   path, config, true) &&
                 ok;
        if (config.found == Found::Parsing)
            ok = failsNamingConfig(runCli({"evaluate", kDemoModel, kDemoModel, "--images", kDemoDir + "/eval",
                                           "--config", path}),
                                   path, config, true) &&
                 ok;
        failed += ok ? 0 : 1;
        std::filesystem::remove(path);
    }
    CHECK(failed == 0);
    CHECK_FALSE(std::filesystem::exists(output));
}

TEST_CASE("a config path that is a folder, missing or unreadable fails naming the path",
          "[cli][config][errors]") {
    TempDir dir;
    const BadConfig folder{"", "not a regular file"};
    const BadConfig missing{"", "cannot read"};
    for (const auto& [path, expected] : std::vector<std::pair<std::string, BadConfig>>{
             {dir.path(), folder}, {dir.file("none.json"), missing}}) {
        INFO(path);
        failsNamingConfig(runCli({"quantize", kDemoModel, "--calib", kDemoDir + "/calib", "--config", path,
                                  "--output", dir.file("out.onnx")}),
                          path, expected, true);
        failsNamingConfig(runCli({"preprocess", "--images", kDemoDir + "/calib", "--config", path,
                                  "--output-dir", dir.file("out")}),
                          path, expected, true);
    }
}
