#include "quant/quantconfig.h"

#include "quant/rangeestimatorfactory.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace qs {

namespace {

// ordered_json keeps the file's key order, so per-layer overrides stay in file order and written files read
// in the documented order.
using Json = nlohmann::ordered_json;

/// A preprocessed image side: 16384 x 16384 x 3 floats is already 3 GiB per image.
constexpr int64_t kMaxImageSide = 16384;

const std::vector<std::string> kTopLevelKeys = {
    "input",  "preprocess",     "labels",       "calibration",     "defaults",
    "layers", "float_op_types", "float_layers", "bias_correction", "quantize_outputs"};
const std::vector<std::string> kInputKeys = {"name", "shape"};
const std::vector<std::string> kPreprocessKeys = {
    "color", "resize", "resize_shorter", "interpolation",   "center_crop", "scale",
    "mean",  "std",    "layout",         "max_image_pixels"};
const std::vector<std::string> kCalibrationKeys = {"method", "percentile", "max_images", "batch_size"};
const std::vector<std::string> kDefaultsKeys = {"weights", "activations"};
const std::vector<std::string> kLayerKeys = {"weights", "activations", "calibration"};
const std::vector<std::string> kLayerCalibrationKeys = {"method", "percentile"};
const std::vector<std::string> kDefaultWeightKeys = {"scheme",    "bits",   "granularity",
                                                     "symmetric", "signed", "init"};
const std::vector<std::string> kSchemeKeys = {"scheme", "bits", "granularity", "symmetric", "signed"};

const char* const kActivationRule =
    "activations are uniform 8- or 16-bit because only that maps to standard runtimes";

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

std::string inQuotes(const std::string& text) {
    return "\"" + text + "\"";
}

std::string childKey(const std::string& parent, const std::string& child) {
    return parent.empty() ? child : parent + "." + child;
}

/// The shortest decimal that reads back as the same float, as a double (0.003921569 rather than
/// 0.0039215688593685627), so written files stay readable and still round-trip exactly.
double readableDouble(float value) {
    char buffer[64] = {};
    const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer) - 1, value);
    *result.ptr = '\0';
    return std::strtod(buffer, nullptr);
}

/// Reads typed values out of the JSON document; every failure names the source and the full key path.
class ConfigReader {
public:
    explicit ConfigReader(std::string sourceName) : sourceName_(std::move(sourceName)) {}

    [[noreturn]] void fail(const std::string& key, const std::string& message) const {
        throw Error(sourceName_ + ": " + (key.empty() ? message : key + ": " + message));
    }

    void requireObject(const Json& value, const std::string& key,
                       const std::vector<std::string>& allowedKeys) const {
        if (!value.is_object())
            fail(key, (key.empty() ? "the config must be a JSON object, got " : "expected an object, got ") +
                          describe(value));
        for (const auto& item : value.items())
            if (std::find(allowedKeys.begin(), allowedKeys.end(), item.key()) == allowedKeys.end())
                fail(childKey(key, item.key()), "unknown key (expected one of: " + joined(allowedKeys) + ")");
    }

    std::string string(const Json& value, const std::string& key) const {
        if (!value.is_string())
            fail(key, "expected a string, got " + describe(value));
        return value.get<std::string>();
    }

    bool boolean(const Json& value, const std::string& key) const {
        if (!value.is_boolean())
            fail(key, "expected true or false, got " + describe(value));
        return value.get<bool>();
    }

    double number(const Json& value, const std::string& key) const {
        if (!value.is_number())
            fail(key, "expected a number, got " + describe(value));
        const double result = value.get<double>();
        if (!std::isfinite(result))
            fail(key, "expected a finite number");
        return result;
    }

    int64_t integer(const Json& value, const std::string& key, int64_t lowest, int64_t highest) const {
        if (!value.is_number_integer())
            fail(key, "expected an integer, got " + describe(value));
        const bool tooLarge = value.is_number_unsigned() &&
                              value.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max());
        const int64_t result = tooLarge ? std::numeric_limits<int64_t>::max() : value.get<int64_t>();
        if (result < lowest || result > highest) {
            const std::string limit =
                highest == std::numeric_limits<int64_t>::max()
                    ? "must be at least " + std::to_string(lowest)
                    : "must be between " + std::to_string(lowest) + " and " + std::to_string(highest);
            fail(key, value.dump() + " is out of range (" + limit + ")");
        }
        return result;
    }

    std::vector<int64_t> integers(const Json& value, const std::string& key, int64_t lowest,
                                  int64_t highest = std::numeric_limits<int64_t>::max()) const {
        if (!value.is_array())
            fail(key, "expected an array of integers, got " + describe(value));
        std::vector<int64_t> result;
        for (size_t i = 0; i < value.size(); ++i)
            result.push_back(integer(value[i], key + "[" + std::to_string(i) + "]", lowest, highest));
        return result;
    }

    /// An array of numbers, or one number standing for a one-element array.
    std::vector<float> floats(const Json& value, const std::string& key) const {
        if (value.is_number())
            return {float(number(value, key))};
        if (!value.is_array())
            fail(key, "expected a number or an array of numbers, got " + describe(value));
        std::vector<float> result;
        for (size_t i = 0; i < value.size(); ++i)
            result.push_back(float(number(value[i], key + "[" + std::to_string(i) + "]")));
        return result;
    }

    std::vector<std::string> strings(const Json& value, const std::string& key) const {
        if (!value.is_array())
            fail(key, "expected an array of strings, got " + describe(value));
        std::vector<std::string> result;
        for (size_t i = 0; i < value.size(); ++i)
            result.push_back(string(value[i], key + "[" + std::to_string(i) + "]"));
        return result;
    }

    /// A [height, width] pair of positive integers.
    /// [height, width] of an image size: each side at most kMaxImageSide pixels.
    std::vector<int> size(const Json& value, const std::string& key) const {
        const std::vector<int64_t> values = integers(value, key, 1, kMaxImageSide);
        if (values.size() != 2)
            fail(key, "expected [height, width], got " + value.dump());
        return {int(values[0]), int(values[1])};
    }

    /// Calls `parse` with text that throws through `fail` when a library parser rejects it.
    template <typename T, typename Parser>
    T parsed(const Json& value, const std::string& key, Parser parse) const {
        const std::string text = string(value, key);
        try {
            return parse(text);
        } catch (const Error& error) {
            fail("", error.what());
        }
    }

private:
    static std::string describe(const Json& value) {
        if (value.is_string())
            return "string " + value.dump();
        if (value.is_number())
            return "number " + value.dump();
        if (value.is_boolean())
            return "boolean " + value.dump();
        return value.type_name();
    }

    std::string sourceName_;
};

/// Parses the text, rejecting keys that appear twice in one object (JSON allows them; a config never means
/// it).
constexpr int kMaxConfigDepth = 32;
constexpr size_t kMaxConfigBytes = 16u << 20;

Json parseDocument(const std::string& jsonText, const ConfigReader& reader) {
    if (jsonText.size() > kMaxConfigBytes)
        reader.fail("", "larger than 16 MiB; not a quantization config");
    // The JSON parser takes a NUL byte for the end of the text and would ignore whatever follows it.
    if (const size_t nul = jsonText.find('\0'); nul != std::string::npos) {
        const size_t lineStart = jsonText.rfind('\n', nul);
        const size_t line = size_t(std::count(jsonText.begin(), jsonText.begin() + long(nul), '\n')) + 1;
        const size_t column = nul - (lineStart == std::string::npos ? 0 : lineStart + 1) + 1;
        reader.fail("", "invalid JSON at line " + std::to_string(line) + ", column " +
                            std::to_string(column) + ": a NUL byte; a config is UTF-8 text");
    }
    std::vector<std::pair<std::set<std::string>, std::string>> openObjects; // keys seen, current key
    auto onEvent = [&](int depth, Json::parse_event_t event, Json& parsed) {
        if (depth > kMaxConfigDepth)
            reader.fail("", "nested deeper than " + std::to_string(kMaxConfigDepth) +
                                " levels; a config is a few levels deep (docs/config.md)");
        if (event == Json::parse_event_t::object_start) {
            openObjects.emplace_back();
        } else if (event == Json::parse_event_t::object_end && !openObjects.empty()) {
            openObjects.pop_back();
        } else if (event == Json::parse_event_t::key && !openObjects.empty()) {
            const std::string key = parsed.get<std::string>();
            std::string path;
            for (size_t i = 0; i + 1 < openObjects.size(); ++i)
                path = childKey(path, openObjects[i].second);
            path = childKey(path, key);
            if (!openObjects.back().first.insert(key).second)
                reader.fail(path, "key appears twice");
            openObjects.back().second = key;
        }
        return true;
    };
    try {
        return Json::parse(jsonText, onEvent);
    } catch (const nlohmann::json::parse_error& error) {
        std::string message = error.what();
        const size_t detail = message.find("parse error");
        const size_t colon = message.find(": ", detail == std::string::npos ? 0 : detail);
        if (colon != std::string::npos)
            message = message.substr(colon + 2);
        size_t line = 1;
        size_t column = 1;
        const size_t end = std::min(error.byte > 0 ? error.byte - 1 : 0, jsonText.size());
        for (size_t i = 0; i < end; ++i) {
            if (jsonText[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        reader.fail("", "invalid JSON at line " + std::to_string(line) + ", column " +
                            std::to_string(column) + ": " + message);
    } catch (const nlohmann::json::out_of_range& error) {
        // e.g. 1e400: a number a double cannot hold.
        std::string message = error.what();
        const size_t colon = message.find("] ");
        reader.fail("", "a number is out of range (" +
                            (colon == std::string::npos ? message : message.substr(colon + 2)) + ")");
    }
}

void readInput(const Json& value, const ConfigReader& reader, InputSpec& input) {
    reader.requireObject(value, "input", kInputKeys);
    if (value.contains("name"))
        input.name = reader.string(value["name"], "input.name");
    if (value.contains("shape")) {
        // A dimension fits 32 bits, and the whole input stays below 2^31 elements (8 GiB of floats).
        input.shape = reader.integers(value["shape"], "input.shape", 1, std::numeric_limits<int32_t>::max());
        int64_t elements = 1;
        for (int64_t dim : input.shape)
            if (__builtin_mul_overflow(elements, dim, &elements) ||
                elements > std::numeric_limits<int32_t>::max())
                reader.fail("input.shape", "has more than 2^31 elements; that is not one batch of inputs");
    }
}

void readPreprocess(const Json& value, const ConfigReader& reader, PreprocessConfig& preprocess) {
    reader.requireObject(value, "preprocess", kPreprocessKeys);
    if (value.contains("color"))
        preprocess.color =
            reader.parsed<ColorOrder>(value["color"], "preprocess.color",
                                      [](const std::string& text) { return parseColorOrder(text); });
    if (value.contains("resize"))
        preprocess.resize = reader.size(value["resize"], "preprocess.resize");
    if (value.contains("resize_shorter"))
        preprocess.resizeShorter =
            int(reader.integer(value["resize_shorter"], "preprocess.resize_shorter", 1, kMaxImageSide));
    if (value.contains("interpolation"))
        preprocess.interpolation =
            reader.parsed<Interpolation>(value["interpolation"], "preprocess.interpolation",
                                         [](const std::string& text) { return parseInterpolation(text); });
    if (value.contains("center_crop"))
        preprocess.centerCrop = reader.size(value["center_crop"], "preprocess.center_crop");
    if (value.contains("scale"))
        preprocess.scale = float(reader.number(value["scale"], "preprocess.scale"));
    if (value.contains("mean"))
        preprocess.mean = reader.floats(value["mean"], "preprocess.mean");
    if (value.contains("std"))
        preprocess.std = reader.floats(value["std"], "preprocess.std");
    if (value.contains("layout"))
        preprocess.layout =
            reader.parsed<TensorLayout>(value["layout"], "preprocess.layout",
                                        [](const std::string& text) { return parseTensorLayout(text); });
    if (value.contains("max_image_pixels"))
        preprocess.maxImagePixels = uint64_t(reader.integer(
            value["max_image_pixels"], "preprocess.max_image_pixels", 1, int64_t(kMaxImagePixelsCeiling)));
    try {
        validatePreprocess(preprocess);
    } catch (const Error& error) {
        reader.fail("", error.what());
    }
}

void readCalibration(const Json& value, const ConfigReader& reader, CalibrationSettings& calibration) {
    reader.requireObject(value, "calibration", kCalibrationKeys);
    if (value.contains("method")) {
        calibration.method = reader.string(value["method"], "calibration.method");
        const std::vector<std::string> methods = rangeEstimatorNames();
        if (std::find(methods.begin(), methods.end(), calibration.method) == methods.end())
            reader.fail("calibration.method",
                        inQuotes(calibration.method) +
                            " is not a calibration method (expected one of: " + joined(methods) + ")");
    }
    if (value.contains("percentile")) {
        calibration.percentile = reader.number(value["percentile"], "calibration.percentile");
        if (calibration.percentile <= 50.0 || calibration.percentile > 100.0)
            reader.fail("calibration.percentile",
                        value["percentile"].dump() + " is out of range (must be above 50 and at most 100)");
    }
    if (value.contains("max_images"))
        calibration.maxImages = size_t(reader.integer(value["max_images"], "calibration.max_images", 0,
                                                      std::numeric_limits<int64_t>::max()));
    if (value.contains("batch_size"))
        calibration.batchSize =
            size_t(reader.integer(value["batch_size"], "calibration.batch_size", 1, 1 << 16));
}

CodebookInit parseCodebookInit(const std::string& text, const std::string& key, const ConfigReader& reader) {
    if (text == "density")
        return CodebookInit::Density;
    if (text == "kmeans++")
        return CodebookInit::KMeansPlusPlus;
    if (text == "linear")
        return CodebookInit::Linear;
    reader.fail(key, inQuotes(text) +
                         " is not a codebook initialization (expected one of: density, kmeans++, linear)");
}

SchemeKind readSchemeKind(const Json& value, const std::string& key, TensorRole role,
                          const ConfigReader& reader) {
    const std::string text = reader.string(value, key);
    SchemeKind kind = SchemeKind::Uniform;
    try {
        kind = parseSchemeKind(text);
    } catch (const Error&) {
        reader.fail(
            key, inQuotes(text) + " is not a quantization scheme (expected one of: " +
                     (role == TensorRole::Weight ? "uniform, log, codebook, float" : "uniform, float") + ")");
    }
    if (role == TensorRole::Activation && kind != SchemeKind::Uniform && kind != SchemeKind::Float)
        reader.fail(key, inQuotes(text) + " is not allowed for activations; " + kActivationRule);
    return kind;
}

Granularity readGranularity(const Json& value, const std::string& key, TensorRole role,
                            const ConfigReader& reader) {
    const std::string text = reader.string(value, key);
    if (text == "per_tensor")
        return Granularity::PerTensor;
    if (text != "per_channel")
        reader.fail(key, inQuotes(text) + " is not a granularity (expected one of: per_tensor, per_channel)");
    if (role == TensorRole::Activation)
        reader.fail(key,
                    "\"per_channel\" is not allowed for activations; an activation tensor gets one scale "
                    "(QuantizeLinear on a run-time tensor), per-channel applies to weights only");
    return Granularity::PerChannel;
}

/// Checks the bit width of a resolved scheme; `bitsKey` names where the width came from.
void checkBits(const QuantScheme& scheme, TensorRole role, const std::string& bitsKey,
               const ConfigReader& reader) {
    if (scheme.kind == SchemeKind::Float)
        return;
    if (role == TensorRole::Activation) {
        if (scheme.bits != 8 && scheme.bits != 16)
            reader.fail(bitsKey,
                        std::to_string(scheme.bits) + " is not allowed for activations; " + kActivationRule);
        return;
    }
    const int lowest = minimumWeightBits(scheme.kind);
    const int highest = maximumWeightBits(scheme.kind);
    if (scheme.bits < lowest || scheme.bits > highest)
        reader.fail(bitsKey, std::to_string(scheme.bits) + " is outside " + std::to_string(lowest) + "-" +
                                 std::to_string(highest) + " for the " + schemeKindName(scheme.kind) +
                                 " scheme");
}

/// Reads a (possibly partial) scheme object at `key`; fields it leaves out come from `inherited`. Only the
/// default weight scheme may carry "init" (`init` non-null).
QuantScheme readScheme(const Json& value, const std::string& key, TensorRole role,
                       const QuantScheme& inherited, const std::string& inheritedKey, CodebookInit* init,
                       const ConfigReader& reader) {
    const bool isDefaultWeights = init != nullptr;
    if (value.is_object() && value.contains("init") && !isDefaultWeights)
        reader.fail(childKey(key, "init"),
                    role == TensorRole::Weight
                        ? "the codebook initialization applies to every layer; set it in "
                          "defaults.weights.init"
                        : "unknown key (expected one of: " + joined(kSchemeKeys) + ")");
    reader.requireObject(value, key, isDefaultWeights ? kDefaultWeightKeys : kSchemeKeys);

    QuantScheme scheme = inherited;
    if (value.contains("scheme"))
        scheme.kind = readSchemeKind(value["scheme"], childKey(key, "scheme"), role, reader);
    if (value.contains("bits"))
        scheme.bits = int(reader.integer(value["bits"], childKey(key, "bits"), 1, 64));
    if (value.contains("granularity"))
        scheme.granularity =
            readGranularity(value["granularity"], childKey(key, "granularity"), role, reader);
    if (value.contains("symmetric"))
        scheme.rangeMode = reader.boolean(value["symmetric"], childKey(key, "symmetric"))
                               ? RangeMode::Symmetric
                               : RangeMode::Asymmetric;
    if (value.contains("signed"))
        scheme.signedness = reader.boolean(value["signed"], childKey(key, "signed")) ? Signedness::Signed
                                                                                     : Signedness::Unsigned;
    else if (role == TensorRole::Activation && value.contains("symmetric"))
        scheme.signedness =
            scheme.rangeMode == RangeMode::Symmetric ? Signedness::Signed : Signedness::Unsigned;
    if (isDefaultWeights && value.contains("init"))
        *init = parseCodebookInit(reader.string(value["init"], childKey(key, "init")), childKey(key, "init"),
                                  reader);

    const std::string bitsKey =
        value.contains("bits") ? childKey(key, "bits") : key + " (bits from " + inheritedKey + ".bits)";
    checkBits(scheme, role, bitsKey, reader);
    try {
        scheme.validate(role, key);
    } catch (const Error& error) {
        reader.fail("", error.what());
    }
    return scheme;
}

void readDefaults(const Json& value, const ConfigReader& reader, QuantConfig& config) {
    reader.requireObject(value, "defaults", kDefaultsKeys);
    if (value.contains("weights"))
        config.weights = readScheme(value["weights"], "defaults.weights", TensorRole::Weight, config.weights,
                                    "defaults.weights", &config.codebookInit, reader);
    if (value.contains("activations"))
        config.activations = readScheme(value["activations"], "defaults.activations", TensorRole::Activation,
                                        config.activations, "defaults.activations", nullptr, reader);
}

/// layers.<name>.calibration: {"method", "percentile"}, each defaulting to the top-level calibration section.
RangeMethod readLayerRange(const Json& value, const std::string& key, const CalibrationSettings& defaults,
                           const ConfigReader& reader) {
    reader.requireObject(value, key, kLayerCalibrationKeys);
    RangeMethod range{defaults.method, defaults.percentile};
    if (value.contains("method")) {
        range.method = reader.string(value["method"], key + ".method");
        const std::vector<std::string> names = rangeEstimatorNames();
        if (std::find(names.begin(), names.end(), range.method) == names.end())
            reader.fail(key + ".method", inQuotes(range.method) +
                                             " is not a range method (minmax, percentile, "
                                             "entropy, mse)");
    }
    if (value.contains("percentile")) {
        range.percentile = reader.number(value["percentile"], key + ".percentile");
        if (range.percentile <= 50.0 || range.percentile > 100.0)
            reader.fail(key + ".percentile",
                        value["percentile"].dump() + " is out of range (must be above 50 and at most 100)");
    }
    return range;
}

void readLayers(const Json& value, const ConfigReader& reader, QuantConfig& config) {
    if (!value.is_object())
        reader.fail("layers", "expected an object mapping node names to overrides");
    for (const auto& item : value.items()) {
        const std::string key = "layers." + item.key();
        reader.requireObject(item.value(), key, kLayerKeys);
        LayerOverride layer;
        layer.nodeName = item.key();
        if (item.value().contains("weights"))
            layer.weights = readScheme(item.value()["weights"], key + ".weights", TensorRole::Weight,
                                       config.weights, "defaults.weights", nullptr, reader);
        if (item.value().contains("activations"))
            layer.activations =
                readScheme(item.value()["activations"], key + ".activations", TensorRole::Activation,
                           config.activations, "defaults.activations", nullptr, reader);
        if (item.value().contains("calibration"))
            layer.range =
                readLayerRange(item.value()["calibration"], key + ".calibration", config.calibration, reader);
        config.layers.push_back(std::move(layer));
    }
}

/// Indented JSON with objects one key per line and arrays of plain values on one line ("mean": [0.485,
/// 0.456]).
void writeJson(const Json& value, int indent, std::string& out) {
    const bool plainArray =
        value.is_array() &&
        std::none_of(value.begin(), value.end(), [](const Json& item) { return item.is_structured(); });
    if (!value.is_structured() || value.empty() || plainArray) {
        if (plainArray && !value.empty()) {
            out += "[";
            for (size_t i = 0; i < value.size(); ++i)
                out += (i ? ", " : "") + value[i].dump();
            out += "]";
        } else {
            out += value.dump();
        }
        return;
    }
    const std::string padding(size_t(indent + 2), ' ');
    const bool isObject = value.is_object();
    out += isObject ? "{\n" : "[\n";
    size_t index = 0;
    for (const auto& item : value.items()) {
        out += padding;
        if (isObject)
            out += Json(item.key()).dump() + ": ";
        writeJson(item.value(), indent + 2, out);
        out += ++index < value.size() ? ",\n" : "\n";
    }
    out += std::string(size_t(indent), ' ') + (isObject ? "}" : "]");
}

Json schemeToJson(const QuantScheme& scheme) {
    Json json = Json::object();
    json["scheme"] = schemeKindName(scheme.kind);
    json["bits"] = scheme.bits;
    json["granularity"] = scheme.granularity == Granularity::PerChannel ? "per_channel" : "per_tensor";
    json["symmetric"] = scheme.rangeMode == RangeMode::Symmetric;
    json["signed"] = scheme.signedness == Signedness::Signed;
    return json;
}

Json floatsToJson(const std::vector<float>& values) {
    Json json = Json::array();
    for (float value : values)
        json.push_back(readableDouble(value));
    return json;
}

Json preprocessToJson(const PreprocessConfig& preprocess) {
    Json json = Json::object();
    json["color"] = toString(preprocess.color);
    if (!preprocess.resize.empty())
        json["resize"] = preprocess.resize;
    if (preprocess.resizeShorter > 0)
        json["resize_shorter"] = preprocess.resizeShorter;
    json["interpolation"] = toString(preprocess.interpolation);
    if (!preprocess.centerCrop.empty())
        json["center_crop"] = preprocess.centerCrop;
    json["scale"] = readableDouble(preprocess.scale);
    if (!preprocess.mean.empty())
        json["mean"] = floatsToJson(preprocess.mean);
    if (!preprocess.std.empty())
        json["std"] = floatsToJson(preprocess.std);
    json["layout"] = toString(preprocess.layout);
    if (preprocess.maxImagePixels != kDefaultMaxImagePixels)
        json["max_image_pixels"] = preprocess.maxImagePixels;
    return json;
}

} // namespace

std::string configErrorMessage(const QuantConfig& config, const std::string& message) {
    const std::string prefix = printableName(config.sourceName) + ": ";
    if (config.sourceName.empty() || message.compare(0, prefix.size(), prefix) == 0)
        return message;
    return prefix + message;
}

QuantConfig parseQuantConfig(const std::string& jsonText, const std::string& sourceName) {
    const ConfigReader reader(sourceName);
    const Json document = parseDocument(jsonText, reader);
    reader.requireObject(document, "", kTopLevelKeys);

    QuantConfig config;
    config.sourceName = sourceName;
    if (document.contains("input"))
        readInput(document["input"], reader, config.input);
    if (document.contains("preprocess"))
        readPreprocess(document["preprocess"], reader, config.preprocess);
    if (document.contains("labels"))
        config.labelsFile = reader.string(document["labels"], "labels");
    if (document.contains("calibration"))
        readCalibration(document["calibration"], reader, config.calibration);
    if (document.contains("defaults"))
        readDefaults(document["defaults"], reader, config);
    if (document.contains("layers"))
        readLayers(document["layers"], reader, config);
    if (document.contains("float_op_types"))
        config.floatOpTypes = reader.strings(document["float_op_types"], "float_op_types");
    if (document.contains("float_layers"))
        config.floatLayers = reader.strings(document["float_layers"], "float_layers");
    if (document.contains("bias_correction"))
        config.biasCorrection = reader.boolean(document["bias_correction"], "bias_correction");
    if (document.contains("quantize_outputs"))
        config.quantizeOutputs = reader.boolean(document["quantize_outputs"], "quantize_outputs");
    return config;
}

QuantConfig loadQuantConfig(const std::string& path) {
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(path, error);
    if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw Error(path + ": not a regular file; a quantization config is a .json file");
    if (!error && std::filesystem::is_regular_file(status) &&
        std::filesystem::file_size(path, error) > kMaxConfigBytes)
        throw Error(path + ": larger than 16 MiB; not a quantization config");
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw Error(path + ": cannot read the quantization config (missing or unreadable file)");
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad())
        throw Error(path + ": cannot read the quantization config (read error)");
    QuantConfig config = parseQuantConfig(text.str(), path);
    if (!config.labelsFile.empty() && std::filesystem::path(config.labelsFile).is_relative()) {
        // Absolute, so that a config given by a relative path ("cfg.json") does not leave a relative labels
        // path that the scan would take relative to the image folder.
        std::error_code absoluteError;
        std::filesystem::path folder = std::filesystem::absolute(path, absoluteError).parent_path();
        if (absoluteError)
            folder = std::filesystem::path(path).parent_path();
        config.labelsFile = (folder / config.labelsFile).lexically_normal().string();
    }
    return config;
}

std::string quantConfigToJson(const QuantConfig& config) {
    Json json = Json::object();
    Json input = Json::object();
    if (!config.input.name.empty())
        input["name"] = config.input.name;
    if (!config.input.shape.empty())
        input["shape"] = config.input.shape;
    json["input"] = input;
    json["preprocess"] = preprocessToJson(config.preprocess);
    if (!config.labelsFile.empty())
        json["labels"] = config.labelsFile;
    json["calibration"] = {{"method", config.calibration.method},
                           {"percentile", config.calibration.percentile},
                           {"max_images", config.calibration.maxImages},
                           {"batch_size", config.calibration.batchSize}};
    Json weights = schemeToJson(config.weights);
    weights["init"] = codebookInitName(config.codebookInit);
    json["defaults"] = {{"weights", weights}, {"activations", schemeToJson(config.activations)}};
    Json layers = Json::object();
    for (const LayerOverride& layer : config.layers) {
        Json entry = Json::object();
        if (layer.weights)
            entry["weights"] = schemeToJson(*layer.weights);
        if (layer.activations)
            entry["activations"] = schemeToJson(*layer.activations);
        if (layer.range) {
            entry["calibration"] = {{"method", layer.range->method}};
            if (layer.range->method == "percentile")
                entry["calibration"]["percentile"] = layer.range->percentile;
        }
        layers[layer.nodeName] = entry;
    }
    json["layers"] = layers;
    json["float_op_types"] = config.floatOpTypes;
    json["float_layers"] = config.floatLayers;
    json["bias_correction"] = config.biasCorrection;
    json["quantize_outputs"] = config.quantizeOutputs;
    std::string text;
    writeJson(json, 0, text);
    return text + "\n";
}

} // namespace qs
