// Project files: JSON with the model reference, the data folders and the config in its documented format.

#include "workflow/project.h"

#include "model/layers.h"
#include "util/atomicfile.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace qs {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

constexpr size_t kMaxProjectBytes = 64u << 20;
constexpr int kMaxParentSteps = 2; ///< "../../x" is stored relative, "../../../x" absolute

std::string absolutePath(const std::string& path) {
    if (path.empty())
        return path;
    std::error_code error;
    fs::path absolute = fs::absolute(path, error);
    return (error ? fs::path(path) : absolute).lexically_normal().string();
}

/// `path` relative to `folder` when it is inside it or at most kMaxParentSteps above; else "".
std::string nearbyRelativePath(const std::string& path, const fs::path& folder) {
    const fs::path relative = fs::path(absolutePath(path)).lexically_relative(folder);
    if (relative.empty())
        return "";
    int parentSteps = 0;
    for (const fs::path& part : relative) {
        if (part == "..")
            ++parentSteps;
        else
            break;
    }
    return parentSteps <= kMaxParentSteps ? relative.string() : "";
}

ordered_json pathEntry(const std::string& path, const fs::path& projectFolder) {
    ordered_json entry = ordered_json::object();
    const std::string relative = nearbyRelativePath(path, projectFolder);
    entry["path"] = relative.empty() ? absolutePath(path) : relative;
    entry["absolute_path"] = absolutePath(path);
    return entry;
}

std::string readProjectFile(const std::string& path) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status))
        throw Error(path + ": no such project file");
    if (!fs::is_regular_file(status))
        throw Error(path + ": not a regular file; a project is a .qsproj JSON file");
    if (fs::file_size(path, error) > kMaxProjectBytes)
        throw Error(path + ": larger than 64 MiB; not a project file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const ordered_json& member(const ordered_json& object, const char* key, const std::string& where) {
    if (!object.is_object() || !object.contains(key))
        throw Error(where + ": missing \"" + key + "\"");
    return object.at(key);
}

std::string stringMember(const ordered_json& object, const char* key, const std::string& where) {
    const ordered_json& value = member(object, key, where);
    if (!value.is_string())
        throw Error(where + "." + key + ": must be a string");
    return value.get<std::string>();
}

std::string optionalString(const ordered_json& object, const char* key, const std::string& where) {
    if (!object.contains(key) || object.at(key).is_null())
        return "";
    return stringMember(object, key, where);
}

/// A stored path entry resolved: the relative path against the project folder when it exists (or when there
/// is no usable absolute one), else the absolute one.
std::string resolvedPath(const ordered_json& entry, const fs::path& projectFolder, const std::string& where) {
    const std::string stored = stringMember(entry, "path", where);
    const std::string absolute = optionalString(entry, "absolute_path", where);
    if (stored.empty())
        return "";
    const fs::path storedPath(stored);
    if (storedPath.is_absolute())
        return storedPath.lexically_normal().string();
    const std::string relativeResolved = (projectFolder / storedPath).lexically_normal().string();
    std::error_code error;
    if (fs::exists(relativeResolved, error) || absolute.empty() || !fs::exists(absolute, error))
        return relativeResolved;
    return absolute;
}

void checkKeys(const ordered_json& object, const std::set<std::string>& allowed, const std::string& where) {
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!allowed.count(it.key()))
            throw Error(where + ": unknown key \"" + it.key() + "\"");
}

void addUnique(std::vector<std::string>& names, std::set<std::string>& seen, const std::string& name) {
    if (seen.insert(name).second)
        names.push_back(name);
}

} // namespace

std::string projectToJson(const Project& project, const std::string& projectPath) {
    const fs::path folder = fs::path(absolutePath(projectPath)).parent_path();
    ordered_json json = ordered_json::object();
    json["quantscope_project"] = kProjectFormatVersion;
    ordered_json model = pathEntry(project.modelPath, folder);
    model["sha256"] = project.modelSha256;
    json["model"] = model;
    ordered_json data = ordered_json::object();
    data["calibration"] = project.calibrationFolder.empty() ? ordered_json(nullptr)
                                                            : pathEntry(project.calibrationFolder, folder);
    data["evaluation"] = project.evaluationFolder.empty() ? ordered_json(nullptr)
                                                          : pathEntry(project.evaluationFolder, folder);
    json["data"] = data;
    json["config"] = ordered_json::parse(quantConfigToJson(project.config));
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void saveProject(const Project& project, const std::string& path) {
    if (project.modelPath.empty())
        throw Error(path + ": a project needs a model; open one first");
    writeFileAtomically(path, projectToJson(project, path));
}

Project parseProject(const std::string& jsonText, const std::string& projectPath) {
    ordered_json json;
    try {
        json = ordered_json::parse(jsonText);
    } catch (const nlohmann::json::parse_error& error) {
        throw Error(projectPath + ": not valid JSON (byte " + std::to_string(error.byte) +
                    "); a project is a .qsproj JSON file");
    }
    if (!json.is_object() || !json.contains("quantscope_project"))
        throw Error(projectPath + ": not a Quantscope project (no \"quantscope_project\" key)");
    const ordered_json& version = json.at("quantscope_project");
    if (!version.is_number_integer() || version.get<int64_t>() < 1)
        throw Error(projectPath + ": quantscope_project: must be a positive integer version");
    if (version.get<int64_t>() > kProjectFormatVersion)
        throw Error(projectPath + ": written by a newer Quantscope (project format " +
                    std::to_string(version.get<int64_t>()) + "); update Quantscope to open it");
    checkKeys(json, {"quantscope_project", "model", "data", "config"}, projectPath);

    const fs::path folder = fs::path(absolutePath(projectPath)).parent_path();
    Project project;
    const ordered_json& model = member(json, "model", projectPath);
    checkKeys(model, {"path", "absolute_path", "sha256"}, projectPath + ": model");
    project.modelPath = resolvedPath(model, folder, projectPath + ": model");
    if (project.modelPath.empty())
        throw Error(projectPath + ": model.path: is empty");
    project.modelSha256 = optionalString(model, "sha256", projectPath + ": model");

    if (json.contains("data")) {
        const ordered_json& data = json.at("data");
        if (!data.is_object())
            throw Error(projectPath + ": data: must be an object");
        checkKeys(data, {"calibration", "evaluation"}, projectPath + ": data");
        for (const char* key : {"calibration", "evaluation"}) {
            if (!data.contains(key) || data.at(key).is_null())
                continue;
            const std::string where = projectPath + ": data." + key;
            checkKeys(data.at(key), {"path", "absolute_path"}, where);
            (std::string(key) == "calibration" ? project.calibrationFolder : project.evaluationFolder) =
                resolvedPath(data.at(key), folder, where);
        }
    }
    const ordered_json& config = member(json, "config", projectPath);
    if (!config.is_object())
        throw Error(projectPath + ": config: must be an object in the config file format");
    project.config = parseQuantConfig(config.dump(), projectPath + ": config");
    return project;
}

Project loadProject(const std::string& path) {
    return parseProject(readProjectFile(path), path);
}

bool modelMatchesProject(const Project& project, const std::string& modelSha256) {
    return project.modelSha256.empty() || project.modelSha256 == modelSha256;
}

std::vector<std::string> missingLayers(const QuantStrategy& strategy, const Graph& graph) {
    std::set<std::string> layers;
    for (const QuantizableLayer& layer : findQuantizableLayers(graph))
        layers.insert(layer.nodeName);
    std::vector<std::string> missing;
    std::set<std::string> seen;
    for (const LayerOverride& override : strategy.layers)
        if (!layers.count(override.nodeName))
            addUnique(missing, seen, override.nodeName);
    for (const std::string& name : strategy.floatLayers)
        if (!layers.count(name))
            addUnique(missing, seen, name);
    return missing;
}

QuantStrategy withoutLayers(const QuantStrategy& strategy, const std::vector<std::string>& missing) {
    const std::set<std::string> drop(missing.begin(), missing.end());
    QuantStrategy kept = strategy;
    kept.layers.erase(
        std::remove_if(kept.layers.begin(), kept.layers.end(),
                       [&](const LayerOverride& layer) { return drop.count(layer.nodeName) > 0; }),
        kept.layers.end());
    kept.floatLayers.erase(std::remove_if(kept.floatLayers.begin(), kept.floatLayers.end(),
                                          [&](const std::string& name) { return drop.count(name) > 0; }),
                           kept.floatLayers.end());
    return kept;
}

} // namespace qs
