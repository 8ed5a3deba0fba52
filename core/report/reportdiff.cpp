#include "report/reportdiff.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace qs {

namespace {

using Json = nlohmann::ordered_json;

constexpr double kSqnrToleranceDb = 0.05;
constexpr double kSensitivityTolerance = 0.001;

std::string format(const char* pattern, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

double numberOrNan(const Json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_number() ? found->get<double>()
                                                       : std::numeric_limits<double>::quiet_NaN();
}

std::optional<double> optionalNumber(const Json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_number() ? std::optional<double>(found->get<double>())
                                                       : std::nullopt;
}

std::string stringOr(const Json& object, const char* key, const std::string& fallback = "") {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

uint64_t bytesOf(const Json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_number_unsigned() ? found->get<uint64_t>() : 0;
}

double delta(double before, double after) {
    return std::isfinite(before) && std::isfinite(after) ? after - before
                                                         : std::numeric_limits<double>::quiet_NaN();
}

std::string schemeText(const RunLayerRecord& layer) {
    if (layer.keptFloat || layer.scheme == "float")
        return "float";
    return layer.scheme + " " + std::to_string(layer.bits) + "-bit";
}

std::string dbText(double value) {
    if (std::isnan(value))
        return "-";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    return format("%.1f", value);
}

std::string deltaText(double value, const char* pattern) {
    return std::isnan(value) ? "-" : format(pattern, value);
}

Json finiteOrNull(double value) {
    return std::isfinite(value) ? Json(value) : Json(nullptr);
}

Json optionalJson(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

std::vector<std::string> strategyChanges(const RunLayerRecord& a, const RunLayerRecord& b) {
    std::vector<std::string> changes;
    if (a.keptFloat != b.keptFloat)
        changes.push_back(b.keptFloat ? "now kept float" : "no longer kept float");
    if (a.scheme != b.scheme)
        changes.push_back("scheme " + a.scheme + " -> " + b.scheme);
    if (a.bits != b.bits)
        changes.push_back("bits " + std::to_string(a.bits) + " -> " + std::to_string(b.bits));
    if (a.granularity != b.granularity && !a.granularity.empty() && !b.granularity.empty())
        changes.push_back("granularity " + a.granularity + " -> " + b.granularity);
    if (a.rangeMethod != b.rangeMethod && !a.rangeMethod.empty() && !b.rangeMethod.empty())
        changes.push_back("range " + a.rangeMethod + " -> " + b.rangeMethod);
    return changes;
}

bool moved(double before, double after, double tolerance) {
    if (std::isnan(before) != std::isnan(after))
        return true;
    if (std::isnan(before))
        return false;
    if (std::isinf(before) || std::isinf(after))
        return before != after;
    return std::abs(after - before) > tolerance;
}

} // namespace

double LayerDiff::errorChange() const {
    double change = 0.0;
    for (double value : {cumulativeDeltaDb, isolatedDeltaDb})
        if (!std::isnan(value))
            change = std::max(change, std::abs(value));
    return change;
}

RunRecord runRecordFromJson(const Json& json, const std::string& source) {
    if (!json.is_object())
        throw Error(source + ": not a run record (expected a JSON object written by quantize --report or "
                             "quantize --json)");
    const auto layers = json.find("layers");
    if (layers == json.end() || !layers->is_array())
        throw Error(source + ": layers: missing or not an array (expected the JSON written beside a "
                             "quantize --report, or the quantize --json summary)");
    RunRecord record;
    record.source = source;
    const auto model = json.find("model");
    if (model != json.end())
        record.model = model->is_object()   ? stringOr(*model, "name")
                       : model->is_string() ? model->get<std::string>()
                                            : "";
    const auto accuracy = json.find("accuracy");
    if (accuracy != json.end() && accuracy->is_object()) {
        record.floatTop1 = optionalNumber(*accuracy, "float");
        record.quantTop1 = optionalNumber(*accuracy, "quant");
    }
    record.agreementTop1 = optionalNumber(json, "agreement_top1");
    record.floatSizeBytes = bytesOf(json, "float_size_bytes");
    record.quantSizeBytes = bytesOf(json, "quant_size_bytes");
    for (size_t i = 0; i < layers->size(); ++i) {
        const Json& entry = (*layers)[i];
        const std::string key = "layers[" + std::to_string(i) + "]";
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
            throw Error(source + ": " + key + ".name: missing or not a string");
        RunLayerRecord layer;
        layer.name = entry["name"].get<std::string>();
        layer.opType = stringOr(entry, "op_type");
        layer.scheme = stringOr(entry, "scheme");
        const auto bits = entry.find("bits");
        layer.bits = bits != entry.end() && bits->is_number_integer() ? bits->get<int>() : 0;
        layer.granularity = stringOr(entry, "granularity");
        layer.rangeMethod = stringOr(entry, "range_method");
        const auto keptFloat = entry.find("kept_float");
        layer.keptFloat = keptFloat != entry.end() && keptFloat->is_boolean() ? keptFloat->get<bool>()
                                                                              : layer.scheme == "float";
        layer.cumulativeSqnrDb = numberOrNan(entry, "sqnr_db");
        layer.isolatedSqnrDb = numberOrNan(entry, "isolated_sqnr_db");
        layer.sensitivity = numberOrNan(entry, "sensitivity");
        record.layers.push_back(layer);
    }
    return record;
}

RunRecord loadRunRecord(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw Error("cannot read '" + path + "': the file does not exist or is not readable");
    const std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (stream.bad())
        throw Error("cannot read '" + path + "'");
    Json json;
    try {
        json = Json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        throw Error(path + ": not valid JSON (" + error.what() +
                    "); give the .json written beside a quantize --report");
    }
    return runRecordFromJson(json, path);
}

ReportDiff diffRuns(const RunRecord& before, const RunRecord& after) {
    ReportDiff diff;
    diff.before = before.source;
    diff.after = after.source;
    diff.beforeQuantTop1 = before.quantTop1;
    diff.afterQuantTop1 = after.quantTop1;
    if (before.quantTop1 && after.quantTop1)
        diff.quantTop1Delta = *after.quantTop1 - *before.quantTop1;
    if (before.agreementTop1 && after.agreementTop1)
        diff.agreementTop1Delta = *after.agreementTop1 - *before.agreementTop1;
    diff.beforeQuantSizeBytes = before.quantSizeBytes;
    diff.afterQuantSizeBytes = after.quantSizeBytes;
    diff.quantSizeDeltaBytes = int64_t(after.quantSizeBytes) - int64_t(before.quantSizeBytes);

    std::map<std::string, const RunLayerRecord*> afterByName;
    for (const RunLayerRecord& layer : after.layers)
        afterByName[layer.name] = &layer;
    std::map<std::string, bool> seen;
    for (const RunLayerRecord& layer : before.layers) {
        seen[layer.name] = true;
        LayerDiff entry;
        entry.name = layer.name;
        entry.before = layer;
        const auto found = afterByName.find(layer.name);
        if (found == afterByName.end()) {
            entry.onlyInBefore = true;
            diff.layers.push_back(entry);
            continue;
        }
        entry.after = *found->second;
        entry.strategyChanges = strategyChanges(layer, entry.after);
        entry.cumulativeDeltaDb = delta(layer.cumulativeSqnrDb, entry.after.cumulativeSqnrDb);
        entry.isolatedDeltaDb = delta(layer.isolatedSqnrDb, entry.after.isolatedSqnrDb);
        entry.sensitivityDelta = delta(layer.sensitivity, entry.after.sensitivity);
        const bool changed = !entry.strategyChanges.empty() ||
                             moved(layer.cumulativeSqnrDb, entry.after.cumulativeSqnrDb, kSqnrToleranceDb) ||
                             moved(layer.isolatedSqnrDb, entry.after.isolatedSqnrDb, kSqnrToleranceDb) ||
                             moved(layer.sensitivity, entry.after.sensitivity, kSensitivityTolerance);
        if (changed)
            diff.layers.push_back(entry);
        else
            ++diff.unchangedLayerCount;
    }
    for (const RunLayerRecord& layer : after.layers) {
        if (seen.count(layer.name))
            continue;
        LayerDiff entry;
        entry.name = layer.name;
        entry.after = layer;
        entry.onlyInAfter = true;
        diff.layers.push_back(entry);
    }
    std::stable_sort(diff.layers.begin(), diff.layers.end(), [](const LayerDiff& a, const LayerDiff& b) {
        if (a.errorChange() != b.errorChange())
            return a.errorChange() > b.errorChange();
        return a.strategyChanges.size() > b.strategyChanges.size();
    });
    return diff;
}

std::string reportDiffText(const ReportDiff& diff) {
    std::ostringstream out;
    out << "before: " << diff.before << "\nafter:  " << diff.after << "\n";
    if (diff.quantTop1Delta)
        out << "quantized top-1: " << format("%.2f %%", *diff.beforeQuantTop1 * 100.0) << " -> "
            << format("%.2f %%", *diff.afterQuantTop1 * 100.0) << " ("
            << format("%+.2f pt", *diff.quantTop1Delta * 100.0) << ")\n";
    if (diff.agreementTop1Delta)
        out << "top-1 agreement: " << format("%+.2f pt", *diff.agreementTop1Delta * 100.0) << "\n";
    out << "quantized size: " << diff.beforeQuantSizeBytes << " -> " << diff.afterQuantSizeBytes << " bytes ("
        << (diff.quantSizeDeltaBytes >= 0 ? "+" : "") << diff.quantSizeDeltaBytes << ")\n";
    out << diff.layers.size() << " layers changed, " << diff.unchangedLayerCount << " unchanged\n";
    for (const LayerDiff& layer : diff.layers) {
        out << "  " << layer.name << ": ";
        if (layer.onlyInBefore) {
            out << "only in before\n";
            continue;
        }
        if (layer.onlyInAfter) {
            out << "only in after\n";
            continue;
        }
        std::string strategy;
        for (const std::string& change : layer.strategyChanges)
            strategy += (strategy.empty() ? "" : ", ") + change;
        out << (strategy.empty() ? schemeText(layer.after) + " (strategy unchanged)" : strategy)
            << "; cumulative SQNR " << dbText(layer.before.cumulativeSqnrDb) << " -> "
            << dbText(layer.after.cumulativeSqnrDb) << " dB (" << deltaText(layer.cumulativeDeltaDb, "%+.1f")
            << "), isolated " << deltaText(layer.isolatedDeltaDb, "%+.1f") << " dB, sensitivity "
            << deltaText(layer.sensitivityDelta * 100.0, "%+.2f pt") << "\n";
    }
    return out.str();
}

Json reportDiffJson(const ReportDiff& diff) {
    Json json;
    json["before"] = diff.before;
    json["after"] = diff.after;
    json["quant_top1"] = {{"before", optionalJson(diff.beforeQuantTop1)},
                          {"after", optionalJson(diff.afterQuantTop1)},
                          {"delta", optionalJson(diff.quantTop1Delta)}};
    json["agreement_top1_delta"] = optionalJson(diff.agreementTop1Delta);
    json["quant_size_bytes"] = {{"before", diff.beforeQuantSizeBytes},
                                {"after", diff.afterQuantSizeBytes},
                                {"delta", diff.quantSizeDeltaBytes}};
    json["unchanged_layers"] = diff.unchangedLayerCount;
    Json layers = Json::array();
    for (const LayerDiff& layer : diff.layers) {
        Json entry;
        entry["name"] = layer.name;
        entry["status"] = layer.onlyInBefore ? "only_before" : layer.onlyInAfter ? "only_after" : "changed";
        entry["strategy_changes"] = layer.strategyChanges;
        entry["before"] = {{"scheme", layer.before.scheme},
                           {"bits", layer.before.bits},
                           {"sqnr_db", finiteOrNull(layer.before.cumulativeSqnrDb)},
                           {"isolated_sqnr_db", finiteOrNull(layer.before.isolatedSqnrDb)},
                           {"sensitivity", finiteOrNull(layer.before.sensitivity)}};
        entry["after"] = {{"scheme", layer.after.scheme},
                          {"bits", layer.after.bits},
                          {"sqnr_db", finiteOrNull(layer.after.cumulativeSqnrDb)},
                          {"isolated_sqnr_db", finiteOrNull(layer.after.isolatedSqnrDb)},
                          {"sensitivity", finiteOrNull(layer.after.sensitivity)}};
        entry["sqnr_delta_db"] = finiteOrNull(layer.cumulativeDeltaDb);
        entry["isolated_sqnr_delta_db"] = finiteOrNull(layer.isolatedDeltaDb);
        entry["sensitivity_delta"] = finiteOrNull(layer.sensitivityDelta);
        layers.push_back(entry);
    }
    json["layers"] = layers;
    return json;
}

} // namespace qs
