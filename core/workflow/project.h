#pragma once
// A project (.qsproj, JSON): which model, its SHA-256, the data settings and folders, and the strategy — what
// the studio saves and reopens, and what `quantscope-cli quantize --project` runs. Paths inside the project
// folder (or one or two levels above it) are stored relative to it, so a project and its data can move
// together; the absolute path is kept as a fallback.
//
// The results that are expensive to recompute (calibration histograms, the last evaluation and sensitivity)
// live in a sidecar next to it (see projectresults.h), so that reopening does not calibrate again.
//
//     Project project = loadProject("resnet.qsproj");   // throws qs::Error naming the file and the key
//     project.config.layers.push_back(...);
//     saveProject(project, "resnet.qsproj");           // atomic

#include "model/graph.h"
#include "quant/quantconfig.h"

#include <string>
#include <vector>

namespace qs {

struct Project {
    std::string modelPath;   ///< absolute (resolved against the project file when loaded)
    std::string modelSha256; ///< of the model file when the project was saved; empty = unknown
    QuantConfig config;
    std::string calibrationFolder; ///< absolute, or empty
    std::string evaluationFolder;  ///< absolute, or empty
};

/// The file format's version, written as "quantscope_project".
constexpr int kProjectFormatVersion = 1;

/// Writes `project` to `path` atomically (model and folders relative to the project when they are near it).
/// Throws qs::Error naming `path`.
void saveProject(const Project& project, const std::string& path);
/// The project as JSON text, with paths made relative to `projectPath`'s folder where possible.
std::string projectToJson(const Project& project, const std::string& projectPath);

/// Reads `path`. Relative paths are resolved against its folder; when a relative model path does not exist
/// but the saved absolute one does, that one is used. Throws qs::Error naming the file and the key (the
/// config's own errors included, e.g. "p.qsproj: config: defaults.weights.bits: ..."). Does not read the
/// model: check it with modelMatchesProject() and missingLayers().
Project loadProject(const std::string& path);
Project parseProject(const std::string& jsonText, const std::string& projectPath);

/// True when the model file's SHA-256 equals the one saved (or none was saved).
bool modelMatchesProject(const Project& project, const std::string& modelSha256);

/// Node names the strategy names (per-layer overrides, kept-float layers) that are not quantizable layers of
/// `graph`, in config order, without duplicates — e.g. after the model was re-exported with other names.
std::vector<std::string> missingLayers(const QuantStrategy& strategy, const Graph& graph);
/// `strategy` without the entries that name the layers in `missing`.
QuantStrategy withoutLayers(const QuantStrategy& strategy, const std::vector<std::string>& missing);

} // namespace qs
