#include "workflow/datainput.h"

#include "runtime/npy.h"
#include "util/error.h"

#include <filesystem>

namespace qs {

namespace {

std::string joinNames(const std::vector<ValueInfo>& infos) {
    std::string text;
    for (const ValueInfo& info : infos)
        text += (text.empty() ? "'" : ", '") + info.name + "'";
    return text.empty() ? "none" : text;
}

bool isInitializer(const Graph& graph, const std::string& name) {
    return graph.initializers.count(name) != 0;
}

void checkSampleShapeOf(const ValueInfo& input, const std::vector<int64_t>& sampleDims,
                        const QuantConfig& config, const std::string& folder) {
    if (!input.hasShape || sampleDims.empty())
        return;
    std::vector<int64_t> dims = sampleDims;
    dims.insert(dims.begin(), 1);
    bool mismatch = dims.size() != input.shape.size();
    for (size_t d = 1; !mismatch && d < dims.size(); ++d)
        mismatch = input.shape[d].isStatic() && input.shape[d].value != dims[d];
    if (!mismatch)
        return;
    std::string expected;
    for (const Dim& dim : input.shape)
        expected += (expected.empty() ? "" : ",") + dim.toString();
    throw Error("images of '" + folder + "' preprocess to " + dimsToString(sampleDims) +
                " per sample but model input '" + input.name + "' is [" + expected +
                "]; adjust preprocess.resize / preprocess.center_crop / "
                "preprocess.color / preprocess.layout (now " +
                toString(config.preprocess.color) + ", " + toString(config.preprocess.layout) + ")");
}

const ValueInfo& resolveImageInputOf(const Model& model, const QuantConfig& config) {
    const Graph& graph = model.graph;
    std::vector<const ValueInfo*> candidates;
    for (const ValueInfo& input : graph.inputs) {
        if (isInitializer(graph, input.name))
            continue;
        if (!config.input.name.empty()) {
            if (input.name == config.input.name)
                return input;
        } else if (input.type == DataType::Float) {
            candidates.push_back(&input);
        }
    }
    if (!config.input.name.empty())
        throw Error("input.name: the model has no input '" + config.input.name +
                    "' (inputs: " + joinNames(graph.inputs) + ")");
    if (candidates.size() != 1)
        throw Error("the model has " + std::to_string(candidates.size()) +
                    " float inputs; name the one the images feed with input.name in the config (inputs: " +
                    joinNames(graph.inputs) + ")");
    return *candidates.front();
}

size_t resolveBatchSizeOf(const ValueInfo& input, const QuantConfig& config,
                          const std::vector<int64_t>& sampleDims,
                          const std::map<std::string, std::vector<int64_t>>& inputShapes) {
    std::vector<int64_t> shape;
    auto given = inputShapes.find(input.name);
    if (given != inputShapes.end())
        shape = given->second;
    else if (!config.input.shape.empty())
        shape = config.input.shape;
    if (!shape.empty()) {
        if (input.hasShape && shape.size() != input.shape.size())
            throw Error("input.shape for '" + input.name + "' has " + std::to_string(shape.size()) +
                        " dims but the model input has " + std::to_string(input.shape.size()));
        for (size_t d = 0; input.hasShape && d < shape.size(); ++d)
            if (input.shape[d].isStatic() && input.shape[d].value != shape[d])
                throw Error("input.shape for '" + input.name + "': dim " + std::to_string(d) + " is " +
                            std::to_string(shape[d]) + " but the model fixes it to " +
                            std::to_string(input.shape[d].value));
    }
    if (!sampleDims.empty() && !shape.empty()) {
        std::vector<int64_t> expected(shape.begin() + 1, shape.end());
        if (expected != sampleDims)
            throw Error("images preprocess to " + dimsToString(sampleDims) +
                        " per sample but input.shape of '" + input.name + "' asks for " +
                        dimsToString(expected) +
                        "; adjust preprocess.resize / preprocess.center_crop / preprocess.layout");
    }
    if (!shape.empty())
        return static_cast<size_t>(shape.front());
    if (input.hasShape && !input.shape.empty() && input.shape.front().isStatic())
        return static_cast<size_t>(input.shape.front().value);
    return config.calibration.batchSize;
}

} // namespace

std::string comparedOutput(const Graph& graph) {
    for (const ValueInfo& output : graph.outputs)
        if (output.type == DataType::Float || output.type == DataType::Undefined)
            return output.name;
    throw Error("model graph '" + graph.name +
                "' has no float output to compare (outputs: " + joinNames(graph.outputs) + ")");
}

void checkEvaluableOutput(const Graph& graph, const std::string& outputName) {
    const ValueInfo* output = nullptr;
    for (const ValueInfo& candidate : graph.outputs)
        if (candidate.name == outputName)
            output = &candidate;
    if (!output || !output->hasShape)
        return;
    const Shape& shape = output->shape;
    bool scores = shape.size() >= 2 && !(shape[1].isStatic() && shape[1].value < 1);
    for (size_t i = 2; i < shape.size() && scores; ++i)
        scores = !shape[i].isStatic() || shape[i].value == 1;
    if (scores)
        return;
    std::string dims;
    for (const Dim& dim : shape)
        dims += (dims.empty() ? "" : ",") + dim.toString();
    throw Error("model output '" + outputName + "' is " + dataTypeName(output->type) + "[" + dims +
                "]; evaluation compares class scores [N, classes] and this output is not one: quantize "
                "and export without evaluation images");
}

void checkSampleShape(const ValueInfo& input, const std::vector<int64_t>& sampleDims,
                      const QuantConfig& config, const std::string& folder) {
    checkAgainstConfig(config, [&] { checkSampleShapeOf(input, sampleDims, config, folder); });
}

void checkLabelsFile(const QuantConfig& config, const std::string& folder) {
    if (config.labelsFile.empty())
        return;
    const std::filesystem::path path = std::filesystem::path(config.labelsFile).is_absolute()
                                           ? std::filesystem::path(config.labelsFile)
                                           : std::filesystem::path(folder) / config.labelsFile;
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error))
        return;
    const bool exists = std::filesystem::exists(path, error);
    throw Error(configErrorMessage(config, "labels: the labels file " + path.string() +
                                               (exists ? " is not a file" : " does not exist") +
                                               " (a relative path is taken from the config file's folder)"));
}

std::vector<int64_t> firstSampleDims(const ImageFolderScan& scan, const PreprocessConfig& preprocess) {
    for (size_t i = 0; i < scan.items.size() && i < 16; ++i) {
        const DatasetItem& item = scan.items[i];
        try {
            if (item.kind == SampleKind::Npy) {
                RuntimeTensor tensor = readNpy(item.path);
                return tensor.dims();
            }
            return preprocessImageFile(item.path, preprocess).dims();
        } catch (const Cancelled&) {
            throw;
        } catch (const PreprocessMismatch&) {
            throw; // the file is fine, the preprocessing does not fit it
        } catch (const Error&) {
        }
    }
    return {};
}

const ValueInfo& resolveImageInput(const Model& model, const QuantConfig& config) {
    return checkAgainstConfig(config,
                              [&]() -> const ValueInfo& { return resolveImageInputOf(model, config); });
}

size_t resolveBatchSize(const ValueInfo& input, const QuantConfig& config,
                        const std::vector<int64_t>& sampleDims,
                        const std::map<std::string, std::vector<int64_t>>& inputShapes) {
    return checkAgainstConfig(config,
                              [&] { return resolveBatchSizeOf(input, config, sampleDims, inputShapes); });
}

ImageFolderOptions scanOptionsFor(const QuantConfig& config, bool calibration) {
    ImageFolderOptions options;
    options.maxImagePixels = config.preprocess.maxImagePixels;
    if (calibration) {
        options.maxImages = config.calibration.maxImages;
    } else {
        options.labelsFile = config.labelsFile;
    }
    return options;
}

int64_t inputChannels(const ValueInfo& input, const PreprocessConfig& preprocess) {
    if (!input.hasShape || input.shape.size() != 4)
        return -1;
    const Dim& channelDim = preprocess.layout == TensorLayout::NCHW ? input.shape[1] : input.shape[3];
    return channelDim.isStatic() ? channelDim.value : -1;
}

} // namespace qs
