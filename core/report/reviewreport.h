#pragma once
// The review report of one quantization run: what a reviewer needs to judge the quantized model without the
// tool (the model and its hash, the strategy, the data, sizes, accuracy, the per-layer error with charts,
// the diagnoses, the images whose class flipped, the changes since a previous run). Callers fill the plain
// structs below (the CLI from its pipeline result, the studio from its document); this file turns them into
// a self-contained HTML page, a PDF with the same contents, and a JSON record that `report-diff` compares.
//
//     ReviewReport report = ...;
//     writeReviewReport(report, "out.html");   // out.html, out.pdf and out.json, each written atomically

#include "report/errorbands.h"
#include "report/reportdiff.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace qs {

struct ReviewModel {
    std::string name;   ///< file name of the float model
    std::string path;   ///< as given by the user
    std::string sha256; ///< of the float model file (lower-case hex)
    std::string producerName;
    std::string producerVersion;
    int64_t opset = 0; ///< default-domain opset
};

/// One per-layer entry of the config.
struct ReviewOverride {
    std::string layer;
    std::string weights;     ///< the scheme description, empty when inherited
    std::string activations; ///< empty when inherited
    std::string rangeMethod; ///< empty when inherited
};

struct ReviewStrategy {
    std::string weights;     ///< default weight scheme, e.g. "uniform int8 per-channel symmetric"
    std::string activations; ///< default activation scheme
    std::string calibration; ///< range method, e.g. "percentile 99.99"
    bool biasCorrection = false;
    std::vector<ReviewOverride> overrides;
    std::vector<std::string> floatLayers;  ///< kept float by name
    std::vector<std::string> floatOpTypes; ///< kept float by op type
    std::string preprocessing;             ///< one line, e.g. "GRAY, resize 28x28, scale 0.00392, mean ..."
};

struct ReviewSkippedFile {
    std::string path;
    std::string reason;
};

struct ReviewDataSet {
    std::string folder;
    size_t imageCount = 0; ///< images used
    std::vector<ReviewSkippedFile> skipped;
};

struct ReviewSizes {
    uint64_t floatFileBytes = 0;
    uint64_t quantFileBytes = 0;
    uint64_t floatWeightBytes = 0;
    uint64_t quantWeightBytes = 0;
};

/// Fractions 0..1.
struct ReviewAccuracy {
    size_t imageCount = 0;
    std::optional<double> floatTop1, quantTop1;
    std::optional<double> floatTop5, quantTop5;
    std::optional<double> agreementTop1;
    std::optional<double> meanCosine;
    std::optional<double> meanKl;
};

/// One row of the per-layer table. NaN: not measured; +inf: identical to float.
struct ReviewLayer {
    std::string name;
    std::string opType;
    std::string scheme;      ///< "uniform", "log", "codebook", "float"
    std::string weights;     ///< the weight scheme's description
    std::string activations; ///< the activation scheme's description
    int weightBits = 0;      ///< 32 for float
    std::string granularity; ///< "per_channel" or "per_tensor"
    std::string rangeMethod; ///< activation range method
    bool keptFloat = false;
    double cumulativeSqnrDb = std::numeric_limits<double>::quiet_NaN();
    double isolatedSqnrDb = std::numeric_limits<double>::quiet_NaN();
    double sensitivity = std::numeric_limits<double>::quiet_NaN(); ///< accuracy with only this layer
    uint64_t weightBytes = 0;                                      ///< stored bytes of its weight
};

/// One strategy tried, for the size-against-accuracy chart.
struct ReviewStrategyPoint {
    std::string label;
    uint64_t sizeBytes = 0;
    double accuracy = 0.0; ///< fraction
};

/// Why a layer's error is high and what may fix it.
struct ReviewDiagnosis {
    std::string layer;
    double sqnrDb = std::numeric_limits<double>::quiet_NaN();
    std::string kind;   ///< e.g. "outliers", "too few bits"
    std::string reason; ///< one sentence
    std::vector<std::string> fixes;
};

/// An evaluation image whose top-1 class differs between float and quantized.
struct ReviewFlip {
    std::string file;
    int label = -1; ///< true class, -1 when unlabelled
    int floatClass = -1;
    double floatConfidence = 0.0;
    int quantClass = -1;
    double quantConfidence = 0.0;
    double outputSqnrDb = std::numeric_limits<double>::quiet_NaN();
    std::string thumbnailJpeg; ///< JPEG bytes (imageThumbnailJpeg), empty for none
};

struct ReviewReport {
    ReviewModel model;
    std::string toolVersion;
    std::string createdUtc; ///< ISO 8601, e.g. "2026-12-02T15:04:05Z" (utcTimestamp())
    std::string outputPath; ///< the quantized model written
    ReviewStrategy strategy;
    ReviewDataSet calibration;
    std::optional<ReviewDataSet> evaluation;
    ReviewSizes sizes;
    std::optional<ReviewAccuracy> accuracy;
    std::vector<ReviewLayer> layers; ///< in graph order
    std::vector<ReviewStrategyPoint> strategies;
    std::vector<ReviewDiagnosis> diagnoses;
    std::vector<ReviewFlip> flips;
    std::vector<std::string> classNames; ///< class index -> name, when the data set has them
    std::vector<std::string> warnings;
    std::optional<ReportDiff> previous; ///< the changes since a previous run
    ErrorBands bands = defaultErrorBands();
};

/// The current time as ISO 8601 UTC, e.g. "2026-12-02T15:04:05Z".
std::string utcTimestamp();

/// A JPEG of at most `maxSidePx` on its longer side of the image file (decoded as the data sets decode
/// images), for ReviewFlip::thumbnailJpeg. Empty when the file cannot be decoded.
std::string imageThumbnailJpeg(const std::string& path, int maxSidePx = 96);

/// The self-contained HTML page: inline CSS, the charts as inline <svg>, thumbnails as data: URIs, no
/// reference to any other file or site. Every text from the report is escaped.
std::string reviewReportHtml(const ReviewReport& report);

/// The same contents as an A4 PDF (long tables continue on further pages with their header repeated).
std::string reviewReportPdf(const ReviewReport& report);

/// The run record `report-diff` reads: the summary and, per layer, the strategy and the errors. Layer names
/// are written as printableName() gives them, so that the record is valid UTF-8 and names compare equal
/// between runs.
nlohmann::ordered_json reviewReportJson(const ReviewReport& report);

/// The record of this report as diffRuns takes it (the same as parsing reviewReportJson, printable names).
RunRecord runRecordOf(const ReviewReport& report, const std::string& source);

/// `htmlPath` with its extension replaced by `extension` (".pdf", ".json"); ".pdf" is appended when the
/// path has no extension.
std::string reportCompanionPath(const std::string& htmlPath, const std::string& extension);

/// Writes the HTML page to `htmlPath` and the PDF and JSON beside it (reportCompanionPath), each atomically.
/// Throws qs::Error naming the file that cannot be written.
void writeReviewReport(const ReviewReport& report, const std::string& htmlPath);

} // namespace qs
