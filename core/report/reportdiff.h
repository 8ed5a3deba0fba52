#pragma once
// What changed between two quantization runs of a model: per-layer strategy (scheme, bits, granularity, range
// method, kept float) and error (cumulative SQNR, isolated SQNR, sensitivity), plus the accuracy and size of
// the whole model. Runs are read from the JSON written beside a review report (reviewReportJson) or from
// the `quantize --json` summary (which has no range method, isolated SQNR or kept-float flags).
//
//     ReportDiff diff = diffRuns(loadRunRecord("old.json"), loadRunRecord("new.json"));
//     std::cout << reportDiffText(diff);

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace qs {

/// One layer of a run as the diff sees it. NaN: not measured.
struct RunLayerRecord {
    std::string name;
    std::string opType;
    std::string scheme;      ///< "uniform", "log", "codebook", "float"
    int bits = 0;            ///< weight bits (32 for float)
    std::string granularity; ///< "per_channel", "per_tensor" or empty
    std::string rangeMethod; ///< activation range method, empty when unknown
    bool keptFloat = false;
    double cumulativeSqnrDb = std::numeric_limits<double>::quiet_NaN();
    double isolatedSqnrDb = std::numeric_limits<double>::quiet_NaN();
    double sensitivity = std::numeric_limits<double>::quiet_NaN();
};

/// One run's summary and layers.
struct RunRecord {
    std::string source; ///< the file it was read from (for messages)
    std::string model;
    std::optional<double> floatTop1, quantTop1, agreementTop1;
    uint64_t floatSizeBytes = 0;
    uint64_t quantSizeBytes = 0;
    std::vector<RunLayerRecord> layers;
};

/// The record in `json` (a review-report JSON or a `quantize --json` summary). Throws qs::Error starting
/// with `source` and naming the key when it is neither.
RunRecord runRecordFromJson(const nlohmann::ordered_json& json, const std::string& source);
/// Reads and parses `path`; throws qs::Error naming the file when it cannot be read, is not JSON or is not a
/// run record.
RunRecord loadRunRecord(const std::string& path);

/// One layer that differs between the runs.
struct LayerDiff {
    std::string name;
    bool onlyInBefore = false;
    bool onlyInAfter = false;
    std::vector<std::string> strategyChanges; ///< e.g. "bits 8 -> 4", "range mse -> percentile"
    RunLayerRecord before, after;
    /// after - before (NaN when either side is unmeasured).
    double cumulativeDeltaDb = std::numeric_limits<double>::quiet_NaN();
    double isolatedDeltaDb = std::numeric_limits<double>::quiet_NaN();
    double sensitivityDelta = std::numeric_limits<double>::quiet_NaN();
    /// The largest absolute change of the two SQNRs (dB), for sorting; 0 when none is known.
    double errorChange() const;
};

struct ReportDiff {
    std::string before; ///< the source names of the two runs
    std::string after;
    std::optional<double> quantTop1Delta;     ///< fraction, after - before
    std::optional<double> agreementTop1Delta; ///< fraction
    int64_t quantSizeDeltaBytes = 0;
    uint64_t beforeQuantSizeBytes = 0;
    uint64_t afterQuantSizeBytes = 0;
    std::optional<double> beforeQuantTop1, afterQuantTop1;
    /// Layers whose strategy changed or whose error moved (by more than 0.05 dB or 0.001 sensitivity),
    /// largest error change first.
    std::vector<LayerDiff> layers;
    size_t unchangedLayerCount = 0;
};

ReportDiff diffRuns(const RunRecord& before, const RunRecord& after);

/// Lines for the terminal: the summary deltas, then one line per changed layer.
std::string reportDiffText(const ReportDiff& diff);
/// The same as JSON (stable keys for scripts).
nlohmann::ordered_json reportDiffJson(const ReportDiff& diff);

} // namespace qs
