#pragma once
// The settings of one quantization run, as read from a JSON config file (every key is documented in
// docs/config.md): the model input and its preprocessing, how to calibrate, the default weight and activation
// schemes, per-layer overrides and what to keep float.
//
//     QuantConfig config = loadQuantConfig("resnet-w8a8.json");   // throws qs::Error naming the key
//     QuantPlan plan = buildQuantPlan(model.graph, config);

#include "data/preprocess.h"
#include "quant/kmeans1d.h"
#include "quant/quantscheme.h"
#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qs {

/// Which graph input the images feed, and the shape to use where the model leaves dims open.
struct InputSpec {
    std::string name; ///< empty: the model's only float input
    std::vector<int64_t>
        shape; ///< full shape incl. batch, or empty to take the model's (dynamic dims from data)
};

struct CalibrationSettings {
    std::string method = "mse"; ///< "minmax" | "percentile" | "entropy" | "mse"
    double percentile = 99.99;  ///< used by "percentile": kept fraction of |x|, in percent (50 < p <= 100)
    size_t maxImages = 0;       ///< 0 = every image of the folder
    size_t batchSize = 16;      ///< images per inference when the model's batch dimension is open
};

/// How an activation's range is picked from its calibration histogram.
struct RangeMethod {
    std::string method = "mse"; ///< "minmax" | "percentile" | "entropy" | "mse"
    double percentile = 99.99;  ///< used by "percentile"
    bool operator==(const RangeMethod& other) const {
        return method == other.method && (method != "percentile" || percentile == other.percentile);
    }
    bool operator!=(const RangeMethod& other) const { return !(*this == other); }
};

/// A per-layer choice; unset fields inherit the defaults.
struct LayerOverride {
    std::string nodeName;
    std::optional<QuantScheme> weights;
    std::optional<QuantScheme> activations;
    std::optional<RangeMethod>
        range; ///< the range method of this layer's activations (layers.<name>.calibration)
};

/// What the data is and how an image becomes the input tensor: the model input, the preprocessing and the
/// labels of the evaluation folder. (The folders themselves are given per run: CLI arguments, the studio's
/// Data dock.)
struct DataSettings {
    InputSpec input;
    PreprocessConfig preprocess;
    /// Class names of the evaluation folder; empty = labels.txt in it, else folder names.
    std::string labelsFile;
};

/// How the model is quantized: calibration, default schemes, per-layer overrides, what stays float.
struct QuantStrategy {
    CalibrationSettings calibration;

    /// Defaults: int8 per-channel symmetric weights, uint8 per-tensor asymmetric activations.
    QuantScheme weights{SchemeKind::Uniform, 8, Granularity::PerChannel, RangeMode::Symmetric,
                        Signedness::Signed};
    QuantScheme activations{SchemeKind::Uniform, 8, Granularity::PerTensor, RangeMode::Asymmetric,
                            Signedness::Unsigned};
    CodebookInit codebookInit = CodebookInit::Density;

    std::vector<LayerOverride> layers;     ///< by node name, in file order
    std::vector<std::string> floatOpTypes; ///< op types whose layers stay float (weights and activations)
    std::vector<std::string> floatLayers;  ///< node names that stay float
    bool biasCorrection = true;  ///< empirical per-channel bias correction after weight quantization
    bool quantizeOutputs = true; ///< also quantize each quantized layer's output (after Relu/Clip)
};

/// One config file: the data settings and the strategy (the JSON format keeps both in one file).
struct QuantConfig : DataSettings, QuantStrategy {
    /// Where the config was read from (the file path; empty for a config built in code). It starts the
    /// messages of problems found only when the config meets a model or images (configErrorMessage). Not
    /// part of the JSON format.
    std::string sourceName;

    const DataSettings& data() const { return *this; }
    DataSettings& data() { return *this; }
    const QuantStrategy& strategy() const { return *this; }
    QuantStrategy& strategy() { return *this; }
};

/// `message` (which names the key, e.g. "layers.conv9: the model has no node named 'conv9'") with the
/// config's source name in front, unless the source name is empty or the message already starts with it.
std::string configErrorMessage(const QuantConfig& config, const std::string& message);

/// Runs `check`, a check of `config` against a model or images, and rethrows a qs::Error it throws with
/// the config's source name in front (configErrorMessage); Cancelled passes unchanged.
template <typename Check>
auto checkAgainstConfig(const QuantConfig& config, Check&& check) -> decltype(check()) {
    try {
        return check();
    } catch (const Cancelled&) {
        throw;
    } catch (const Error& error) {
        throw Error(configErrorMessage(config, error.what()));
    }
}

/// Parses a config from JSON text. `sourceName` (usually the file path) starts every error message, which
/// also names the key, e.g. "cfg.json: defaults.weights.bits: 20 is outside 2-16 for the uniform scheme".
/// Unknown keys are errors. Schemes are validated for their role (activations: uniform 8 or 16 bit only).
QuantConfig parseQuantConfig(const std::string& jsonText, const std::string& sourceName);

/// Reads and parses the file; throws qs::Error naming the file when it cannot be read or parsed.
QuantConfig loadQuantConfig(const std::string& path);

/// The config as JSON text in the documented format (parseQuantConfig(quantConfigToJson(c)) == c).
std::string quantConfigToJson(const QuantConfig& config);

} // namespace qs
