// The project's results sidecar: a JSON header and the histogram bins as raw f64, every length checked.

#include "workflow/projectresults.h"

#include "util/atomicfile.h"
#include "util/error.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace qs {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

constexpr char kMagic[8] = {'Q', 'S', 'R', 'E', 'S', 'U', 'L', 'T'};
constexpr uint32_t kResultsFormatVersion = 1;
constexpr size_t kMaxFingerprintFiles = 1000000;
constexpr uint64_t kMaxBinsPerHistogram = 1u << 24;

/// JSON has no inf / NaN: those become strings.
ordered_json number(double value) {
    if (std::isfinite(value))
        return value;
    if (std::isnan(value))
        return "nan";
    return value > 0 ? "inf" : "-inf";
}

double numberFrom(const ordered_json& value) {
    if (value.is_number())
        return value.get<double>();
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (text == "inf")
            return std::numeric_limits<double>::infinity();
        if (text == "-inf")
            return -std::numeric_limits<double>::infinity();
        if (text == "nan")
            return std::numeric_limits<double>::quiet_NaN();
    }
    throw Error("a number was expected");
}

ordered_json optionalNumber(const std::optional<double>& value) {
    return value ? number(*value) : ordered_json(nullptr);
}

std::optional<double> optionalNumberFrom(const ordered_json& object, const char* key) {
    if (!object.contains(key) || object.at(key).is_null())
        return std::nullopt;
    return numberFrom(object.at(key));
}

ordered_json skippedJson(const std::vector<SkippedFile>& skipped) {
    ordered_json list = ordered_json::array();
    for (const SkippedFile& file : skipped)
        list.push_back({{"path", file.path}, {"reason", file.reason}});
    return list;
}

std::vector<SkippedFile> skippedFrom(const ordered_json& list) {
    std::vector<SkippedFile> skipped;
    for (const ordered_json& file : list)
        skipped.push_back({file.at("path").get<std::string>(), file.at("reason").get<std::string>()});
    return skipped;
}

ordered_json evaluationJson(const SavedEvaluation& saved) {
    const EvaluationResult& result = saved.evaluation;
    ordered_json json = ordered_json::object();
    json["image_count"] = result.imageCount;
    json["skipped"] = skippedJson(result.skipped);
    json["labelled"] = result.labelled;
    json["reference_top1"] = optionalNumber(result.referenceTop1);
    json["candidate_top1"] = optionalNumber(result.candidateTop1);
    json["reference_top5"] = optionalNumber(result.referenceTop5);
    json["candidate_top5"] = optionalNumber(result.candidateTop5);
    json["agreement_top1"] = number(result.agreementTop1);
    json["mean_cosine"] = number(result.meanCosine);
    json["mean_kl"] = number(result.meanKl);
    json["seconds"] = number(result.seconds);
    ordered_json layers = ordered_json::array();
    for (const LayerSqnr& layer : result.layers)
        layers.push_back({{"layer", layer.layer},
                          {"tensor", layer.tensor},
                          {"sqnr_db", number(layer.sqnrDb)},
                          {"note", layer.note}});
    json["layers"] = layers;
    ordered_json images = ordered_json::array();
    for (const ImageOutcome& image : result.images)
        images.push_back(
            {{"file", image.file},
             {"label", image.label},
             {"reference_class", image.referenceClass},
             {"candidate_class", image.candidateClass},
             {"reference_confidence", number(image.referenceConfidence)},
             {"candidate_confidence", number(image.candidateConfidence)},
             {"candidate_confidence_of_reference", number(image.candidateConfidenceOfReferenceClass)},
             {"output_sqnr_db", number(image.outputSqnrDb)},
             {"cosine", number(image.cosine)}});
    json["images"] = images;
    json["sizes"] = {{"float_weight_bytes", saved.sizes.floatWeightBytes},
                     {"quantized_weight_bytes", saved.sizes.quantizedWeightBytes},
                     {"float_quantizable_bytes", saved.sizes.floatQuantizableBytes},
                     {"quantized_quantizable_bytes", saved.sizes.quantizedQuantizableBytes}};
    ordered_json bytes = ordered_json::object();
    for (const auto& [layer, count] : saved.layerBytes)
        bytes[layer] = count;
    json["layer_bytes"] = bytes;
    return json;
}

SavedEvaluation evaluationFrom(const ordered_json& json) {
    SavedEvaluation saved;
    EvaluationResult& result = saved.evaluation;
    result.imageCount = json.at("image_count").get<size_t>();
    result.skipped = skippedFrom(json.at("skipped"));
    result.labelled = json.at("labelled").get<bool>();
    result.referenceTop1 = optionalNumberFrom(json, "reference_top1");
    result.candidateTop1 = optionalNumberFrom(json, "candidate_top1");
    result.referenceTop5 = optionalNumberFrom(json, "reference_top5");
    result.candidateTop5 = optionalNumberFrom(json, "candidate_top5");
    result.agreementTop1 = numberFrom(json.at("agreement_top1"));
    result.meanCosine = numberFrom(json.at("mean_cosine"));
    result.meanKl = numberFrom(json.at("mean_kl"));
    result.seconds = numberFrom(json.at("seconds"));
    for (const ordered_json& layer : json.at("layers"))
        result.layers.push_back({layer.at("layer").get<std::string>(), layer.at("tensor").get<std::string>(),
                                 numberFrom(layer.at("sqnr_db")), layer.at("note").get<std::string>()});
    if (json.contains("images")) // results saved before per-image outcomes existed have none
        for (const ordered_json& entry : json.at("images")) {
            ImageOutcome image;
            image.file = entry.at("file").get<std::string>();
            image.label = entry.at("label").get<int>();
            image.referenceClass = entry.at("reference_class").get<int64_t>();
            image.candidateClass = entry.at("candidate_class").get<int64_t>();
            image.referenceConfidence = numberFrom(entry.at("reference_confidence"));
            image.candidateConfidence = numberFrom(entry.at("candidate_confidence"));
            image.candidateConfidenceOfReferenceClass =
                numberFrom(entry.at("candidate_confidence_of_reference"));
            image.outputSqnrDb = numberFrom(entry.at("output_sqnr_db"));
            image.cosine = numberFrom(entry.at("cosine"));
            result.images.push_back(image);
        }
    const ordered_json& sizes = json.at("sizes");
    saved.sizes.floatWeightBytes = sizes.at("float_weight_bytes").get<uint64_t>();
    saved.sizes.quantizedWeightBytes = sizes.at("quantized_weight_bytes").get<uint64_t>();
    saved.sizes.floatQuantizableBytes = sizes.at("float_quantizable_bytes").get<uint64_t>();
    saved.sizes.quantizedQuantizableBytes = sizes.at("quantized_quantizable_bytes").get<uint64_t>();
    for (auto it = json.at("layer_bytes").begin(); it != json.at("layer_bytes").end(); ++it)
        saved.layerBytes[it.key()] = it.value().get<int64_t>();
    return saved;
}

void appendBytes(std::string& out, const void* data, size_t size) {
    out.append(static_cast<const char*>(data), size);
}

template <typename T> void appendValue(std::string& out, T value) {
    appendBytes(out, &value, sizeof(value));
}

/// Reads from a byte buffer with bounds checks.
class Reader {
public:
    Reader(const std::string& bytes, const std::string& path) : bytes_(bytes), path_(path) {}
    const char* take(uint64_t size) {
        if (size > bytes_.size() - offset_)
            throw Error(path_ + ": results file is truncated; it will be recomputed");
        const char* start = bytes_.data() + offset_;
        offset_ += size;
        return start;
    }
    template <typename T> T value() {
        T result;
        std::memcpy(&result, take(sizeof(T)), sizeof(T));
        return result;
    }
    bool atEnd() const { return offset_ == bytes_.size(); }

private:
    const std::string& bytes_;
    const std::string& path_;
    size_t offset_ = 0;
};

std::string readWholeFile(const std::string& path) {
    std::error_code error;
    if (!fs::is_regular_file(path, error))
        throw Error(path + ": no such results file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot be read");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// The config's JSON object, to take parts of it for keys.
ordered_json configJson(const QuantConfig& config) {
    return ordered_json::parse(quantConfigToJson(config));
}

ordered_json valueOr(const ordered_json& object, const char* key) {
    return object.contains(key) ? object.at(key) : ordered_json(nullptr);
}

/// The folder as the key holds it: absolute and normalized, so "calib" and "/work/calib" are one folder.
std::string canonicalFolder(const std::string& folder) {
    if (folder.empty())
        return folder;
    std::error_code error;
    const fs::path absolute = fs::absolute(folder, error);
    std::string normal = (error ? fs::path(folder) : absolute).lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/')
        normal.pop_back();
    return normal;
}

} // namespace

std::string projectResultsPath(const std::string& projectPath) {
    fs::path path(projectPath);
    path.replace_extension(".qsresults");
    return path.string();
}

std::string folderFingerprint(const std::string& folder) {
    if (folder.empty())
        return "";
    std::vector<std::string> entries;
    std::error_code error;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
    if (error)
        return "unreadable";
    for (const fs::recursive_directory_iterator end; it != end && entries.size() < kMaxFingerprintFiles;
         it.increment(error)) {
        if (error)
            break;
        std::error_code entryError;
        if (!it->is_regular_file(entryError))
            continue;
        const auto size = it->file_size(entryError);
        const auto time = it->last_write_time(entryError).time_since_epoch().count();
        entries.push_back(it->path().lexically_relative(folder).string() + '\t' + std::to_string(size) +
                          '\t' + std::to_string(time));
    }
    std::sort(entries.begin(), entries.end());
    Sha256 hash;
    for (const std::string& entry : entries) {
        hash.update(entry.data(), entry.size());
        hash.update("\n", 1);
    }
    return std::to_string(entries.size()) + ":" + hash.hexDigest();
}

std::string calibrationKey(const std::string& modelSha256, const QuantConfig& config,
                           const std::string& folder) {
    const ordered_json json = configJson(config);
    ordered_json calibration = valueOr(json, "calibration");
    ordered_json key = ordered_json::object();
    key["model"] = modelSha256;
    key["input"] = valueOr(json, "input");
    key["preprocess"] = valueOr(json, "preprocess");
    key["max_images"] = calibration.is_object() ? valueOr(calibration, "max_images") : ordered_json(nullptr);
    key["folder"] = canonicalFolder(folder);
    key["contents"] = folderFingerprint(folder);
    return key.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string resultKey(const std::string& calibrationKey, const QuantConfig& config,
                      const std::string& folder) {
    ordered_json key = ordered_json::object();
    key["calibration"] = calibrationKey;
    key["config"] = configJson(config);
    key["folder"] = canonicalFolder(folder);
    key["contents"] = folderFingerprint(folder);
    return key.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void saveProjectResults(const ProjectResults& results, const std::string& path) {
    ordered_json header = ordered_json::object();
    std::vector<const TensorHistogram*> histograms;
    if (results.calibration) {
        const CalibrationResult& calibration = *results.calibration;
        ordered_json entry = ordered_json::object();
        entry["key"] = results.calibrationKey;
        entry["image_count"] = calibration.imageCount;
        entry["seconds"] = number(calibration.seconds);
        entry["skipped"] = skippedJson(calibration.skipped);
        ordered_json tensors = ordered_json::array();
        for (const auto& [tensor, histogram] : calibration.histograms) {
            const TensorHistogram::State state = histogram.state();
            tensors.push_back({{"tensor", tensor},
                               {"bins", state.counts.size()},
                               {"lower_edge", state.lowerEdge},
                               {"bin_width", state.binWidth},
                               {"total", state.totalCount},
                               {"non_finite", state.nonFiniteCount},
                               {"min", state.minValue},
                               {"max", state.maxValue}});
            histograms.push_back(&histogram);
        }
        entry["histograms"] = tensors;
        header["calibration"] = entry;
    }
    if (results.evaluation) {
        ordered_json entry = evaluationJson(*results.evaluation);
        entry["key"] = results.evaluationKey;
        header["evaluation"] = entry;
    }
    if (!results.sensitivity.empty()) {
        ordered_json entry = ordered_json::object();
        entry["key"] = results.sensitivityKey;
        ordered_json layers = ordered_json::array();
        for (const LayerSensitivity& layer : results.sensitivity)
            layers.push_back({{"layer", layer.layer},
                              {"metric", number(layer.metric)},
                              {"output_sqnr_db", number(layer.outputSqnrDb)}});
        entry["layers"] = layers;
        header["sensitivity"] = entry;
    }
    const std::string headerText = header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string bytes;
    appendBytes(bytes, kMagic, sizeof(kMagic));
    appendValue<uint32_t>(bytes, kResultsFormatVersion);
    appendValue<uint64_t>(bytes, headerText.size());
    bytes += headerText;
    for (const TensorHistogram* histogram : histograms)
        appendBytes(bytes, histogram->counts().data(), histogram->counts().size() * sizeof(double));
    writeFileAtomically(path, bytes);
}

ProjectResults loadProjectResults(const std::string& path) {
    const std::string bytes = readWholeFile(path);
    Reader reader(bytes, path);
    if (bytes.size() < sizeof(kMagic) ||
        std::memcmp(reader.take(sizeof(kMagic)), kMagic, sizeof(kMagic)) != 0)
        throw Error(path + ": not a Quantscope results file");
    const uint32_t version = reader.value<uint32_t>();
    if (version != kResultsFormatVersion)
        throw Error(path + ": results format " + std::to_string(version) +
                    " is not readable by this version");
    const uint64_t headerSize = reader.value<uint64_t>();
    const char* headerStart = reader.take(headerSize);
    ProjectResults results;
    try {
        const ordered_json header = ordered_json::parse(headerStart, headerStart + headerSize);
        if (header.contains("calibration")) {
            const ordered_json& entry = header.at("calibration");
            auto calibration = std::make_shared<CalibrationResult>();
            calibration->imageCount = entry.at("image_count").get<size_t>();
            calibration->seconds = numberFrom(entry.at("seconds"));
            calibration->skipped = skippedFrom(entry.at("skipped"));
            for (const ordered_json& tensor : entry.at("histograms")) {
                TensorHistogram::State state;
                const uint64_t bins = tensor.at("bins").get<uint64_t>();
                if (bins > kMaxBinsPerHistogram)
                    throw Error("a histogram has too many bins");
                state.counts.resize(bins);
                std::memcpy(state.counts.data(), reader.take(bins * sizeof(double)), bins * sizeof(double));
                state.lowerEdge = tensor.at("lower_edge").get<double>();
                state.binWidth = tensor.at("bin_width").get<double>();
                state.totalCount = tensor.at("total").get<uint64_t>();
                state.nonFiniteCount = tensor.at("non_finite").get<uint64_t>();
                state.minValue = tensor.at("min").get<float>();
                state.maxValue = tensor.at("max").get<float>();
                const std::string name = tensor.at("tensor").get<std::string>();
                calibration->histograms.emplace(name, TensorHistogram::fromState(std::move(state)));
            }
            results.calibrationKey = entry.at("key").get<std::string>();
            results.calibration = std::move(calibration);
        }
        if (header.contains("evaluation")) {
            results.evaluation = evaluationFrom(header.at("evaluation"));
            results.evaluationKey = header.at("evaluation").at("key").get<std::string>();
        }
        if (header.contains("sensitivity")) {
            const ordered_json& entry = header.at("sensitivity");
            for (const ordered_json& layer : entry.at("layers")) {
                LayerSensitivity sensitivity;
                sensitivity.layer = layer.at("layer").get<std::string>();
                sensitivity.metric = numberFrom(layer.at("metric"));
                if (layer.contains("output_sqnr_db"))
                    sensitivity.outputSqnrDb = numberFrom(layer.at("output_sqnr_db"));
                results.sensitivity.push_back(sensitivity);
            }
            results.sensitivityKey = entry.at("key").get<std::string>();
        }
    } catch (const Error& error) {
        throw Error(path + ": damaged results file (" + error.what() + "); they will be recomputed");
    } catch (const nlohmann::json::exception&) {
        throw Error(path + ": damaged results file; they will be recomputed");
    }
    if (!reader.atEnd())
        throw Error(path + ": results file has trailing bytes; it will be recomputed");
    return results;
}

} // namespace qs
