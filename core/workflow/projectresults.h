#pragma once
// The results a project keeps beside it (P.qsproj -> P.qsresults) because they are expensive to recompute:
// the calibration histograms, the last evaluation (with sizes) and the last sensitivity. Each result carries
// the key of what it was computed from (model hash, data settings, folder contents, strategy), so a reopened
// project uses it only while it is still true.
//
// Binary, little-endian: "QSRESULT", a format version (u32), the length of a JSON header (u64), the header
// (everything but the histogram bins), then each histogram's bins as f64 in header order. Every length is
// checked against the file before it is used; a damaged file is reported, never trusted.

#include "eval/evaluation.h"
#include "quant/calibration.h"
#include "quant/quantconfig.h"
#include "workflow/modelsizes.h"
#include "workflow/sensitivity.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qs {

struct SavedEvaluation {
    EvaluationResult evaluation;
    ModelSizes sizes;
    std::map<std::string, int64_t> layerBytes; ///< exported bytes per layer node
};

struct ProjectResults {
    std::string calibrationKey; ///< calibrationKey() of the calibration below
    std::shared_ptr<const CalibrationResult> calibration;
    std::string evaluationKey; ///< resultKey() of the evaluation below
    std::optional<SavedEvaluation> evaluation;
    std::string sensitivityKey; ///< resultKey() of the sensitivity below
    std::vector<LayerSensitivity> sensitivity;
};

/// The sidecar of a project file: "dir/name.qsproj" -> "dir/name.qsresults".
std::string projectResultsPath(const std::string& projectPath);

/// A fingerprint of a data folder's contents: relative names, sizes and modification times of its files
/// (recursively). Empty folder path -> "".
std::string folderFingerprint(const std::string& folder);

/// What a calibration depends on: the model, the data settings, the calibration image limit, the folder and
/// its contents.
std::string calibrationKey(const std::string& modelSha256, const QuantConfig& config,
                           const std::string& folder);
/// What an evaluation or sensitivity depends on: the calibration key, the whole config and the folder.
std::string resultKey(const std::string& calibrationKey, const QuantConfig& config,
                      const std::string& folder);

/// Writes the results atomically. Throws qs::Error naming `path`.
void saveProjectResults(const ProjectResults& results, const std::string& path);
/// Reads `path`; throws qs::Error naming it when it is damaged or of a newer format.
ProjectResults loadProjectResults(const std::string& path);

} // namespace qs
