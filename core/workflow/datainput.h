#pragma once
// How a data folder meets the model: which input the samples feed, which output is compared, how many samples
// go into one inference, and whether a preprocessed sample has the shape the input expects. Every check here
// runs before any long work.

#include "data/imagefolder.h"
#include "data/preprocess.h"
#include "model/graph.h"
#include "quant/quantconfig.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace qs {

/// The model input the images feed: the config's input.name, else the model's only float input. Throws
/// qs::Error listing the inputs when it is ambiguous or unknown. Like every check of a config against the
/// model or the images here, its messages start with the config's source name (QuantConfig::sourceName).
const ValueInfo& resolveImageInput(const Model& model, const QuantConfig& config);

/// The first float graph output: what evaluation compares. Throws qs::Error listing the outputs when none is
/// float.
std::string comparedOutput(const Graph& graph);

/// Checks, from its declared type and shape, that `outputName` can be evaluated as class scores [N, classes]
/// (trailing 1s allowed) before any image is read; dimensions the model leaves open pass. Throws Error naming
/// the output and its shape otherwise.
void checkEvaluableOutput(const Graph& graph, const std::string& outputName);

/// Images per inference: the input's static batch dim when it has one, else the config's batch size. Checks
/// the preprocessed sample shape `sampleDims` against the input's static dims and throws qs::Error naming the
/// input and the preprocess keys when they differ.
size_t resolveBatchSize(const ValueInfo& input, const QuantConfig& config,
                        const std::vector<int64_t>& sampleDims,
                        const std::map<std::string, std::vector<int64_t>>& inputShapes = {});

/// Throws qs::Error naming the config file and `labels` when the config names a labels file that is not
/// there; a relative path is taken relative to `folder`, as the scan takes it. Nothing to check when the
/// config names none.
void checkLabelsFile(const QuantConfig& config, const std::string& folder);

/// The scan options (labels file, max images, image pixel limit) for the calibration or the evaluation
/// folder.
ImageFolderOptions scanOptionsFor(const QuantConfig& config, bool calibration);

/// Checks one preprocessed sample's dims against the input's static dims (all but the batch dim); throws
/// qs::Error naming `folder`, the input and the preprocess keys.
void checkSampleShape(const ValueInfo& input, const std::vector<int64_t>& sampleDims,
                      const QuantConfig& config, const std::string& folder);

/// The per-sample dims of the first of the first 16 items of `scan` that can be read, or {} when none can.
/// Throws PreprocessMismatch when the preprocessing does not fit a readable image (a crop larger than it).
std::vector<int64_t> firstSampleDims(const ImageFolderScan& scan, const PreprocessConfig& preprocess);

/// Channels of a 4-D image input in the config's layout, or -1 when not known.
int64_t inputChannels(const ValueInfo& input, const PreprocessConfig& preprocess);

} // namespace qs
