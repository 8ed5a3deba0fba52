#include "preprocesscommand.h"

#include "argparser.h"
#include "modelcommandargs.h"
#include "progressline.h"
#include "runcommand.h"
#include "usageerror.h"

#include "util/atomicfile.h"

#include "data/batchloader.h"
#include "data/imagefolder.h"
#include "data/preprocess.h"
#include "quant/quantconfig.h"
#include "runtime/npy.h"
#include "util/printablename.h"
#include "workflow/datainput.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace qs::cli {

namespace {

const char* const kUsage =
    "usage: quantscope-cli preprocess --images DIR --config CFG.json --output-dir OUT [--max-images N]\n"
    "\n"
    "Preprocesses an image folder exactly as calibration and evaluation do (the config's `preprocess` and\n"
    "`input` sections) and writes OUT/inputs.npy (float32 [N, ...]), OUT/labels.npy (int64 [N], -1 when\n"
    "unlabelled) and OUT/files.txt (each sample's path relative to DIR, one per line, same order).\n"
    "Unreadable files are left out and listed on stderr.\n"
    "\n"
    "options:\n"
    "  --images DIR       image folder (class sub-folders give labels)\n"
    "  --config CFG.json  quantization config (see docs/config.md)\n"
    "  --output-dir OUT   folder for the outputs (created if missing)\n"
    "  --max-images N     keep at most N images, evenly spaced over the folder (default: all; the\n"
    "                     config's calibration.max_images is not applied)\n"
    "  -h, --help         show this help\n";

constexpr size_t kBatchSize = 64;

/// The channel count the config's input shape states, or -1 when the shape leaves it open.
int64_t configuredChannelCount(const QuantConfig& config) {
    const std::vector<int64_t>& shape = config.input.shape;
    if (shape.size() != 4)
        return -1;
    int64_t channels = config.preprocess.layout == TensorLayout::NCHW ? shape[1] : shape[3];
    return channels > 0 ? channels : -1;
}

/// Creates `folder` and makes sure a file can be written in it, before any image is decoded.
void prepareOutputFolder(const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error)
        throw Error("cannot create output folder '" + folder.string() + "': " + error.message());
    const std::filesystem::path probe = folder / "files.txt";
    std::ofstream out(probe, std::ios::binary | std::ios::app);
    if (!out)
        throw Error("cannot write to output folder '" + folder.string() + "': " + std::strerror(errno));
}

/// Every sample of the data set, stacked, with labels and relative paths in the same order.
struct PreprocessedSet {
    RuntimeTensor inputs;
    std::vector<int64_t> labels;
    std::vector<std::string> relativePaths;
    std::vector<SkippedFile> skipped;
};

RuntimeTensor concatenate(const std::vector<RuntimeTensor>& batches, int64_t sampleCount) {
    std::vector<int64_t> dims = batches.front().dims();
    dims[0] = sampleCount;
    RuntimeTensor all(DataType::Float, dims);
    char* target = static_cast<char*>(all.raw());
    for (const RuntimeTensor& batch : batches) {
        std::memcpy(target, batch.raw(), batch.sizeBytes());
        target += batch.sizeBytes();
    }
    return all;
}

PreprocessedSet preprocessFolder(const ImageFolderScan& scan, const PreprocessConfig& preprocess,
                                 const ProgressCallback& progress) {
    PreprocessedSet set;
    std::vector<RuntimeTensor> batches;
    BatchLoader loader(scan, preprocess, kBatchSize, progress);
    Batch batch;
    while (loader.next(batch)) {
        batches.push_back(batch.tensor.clone());
        for (size_t i = 0; i < batch.size(); ++i) {
            set.labels.push_back(batch.labels[i]);
            set.relativePaths.push_back(scan.items[batch.itemIndices[i]].relativePath);
        }
    }
    set.skipped = scan.skipped;
    for (const SkippedFile& file : loader.skipped())
        set.skipped.push_back(file);
    if (batches.empty())
        throw Error("no image of '" + scan.root + "' could be read");
    set.inputs = concatenate(batches, static_cast<int64_t>(set.labels.size()));
    return set;
}

void writeFileList(const std::filesystem::path& file, const std::vector<std::string>& relativePaths) {
    std::string text;
    for (const std::string& path : relativePaths)
        text += path + '\n';
    writeFileAtomically(file.string(), text);
}

} // namespace

int runPreprocess(const std::vector<std::string>& args) {
    ArgParser parser("preprocess");
    parser.addOption("--images");
    parser.addOption("--config");
    parser.addOption("--output-dir");
    parser.addOption("--max-images");
    parser.addOption("--max-image-pixels");
    parser.addFlag("--help");
    parser.addFlag("-h");
    parser.parse(args);
    if (parser.flag("--help") || parser.flag("-h")) {
        std::cout << kUsage << kMaxImagePixelsHelp;
        return 0;
    }
    parser.requirePositionals(0, 0, "positional argument");
    const std::optional<std::string> images = parser.option("--images");
    const std::optional<std::string> configPath = parser.option("--config");
    const std::optional<std::string> outputDir = parser.option("--output-dir");
    if (!images)
        throw UsageError("preprocess needs --images DIR");
    if (!configPath)
        throw UsageError("preprocess needs --config CFG.json");
    if (!outputDir)
        throw UsageError("preprocess needs --output-dir OUT");
    ImageFolderOptions folderOptions;
    if (std::optional<std::string> maxImages = parser.option("--max-images"))
        folderOptions.maxImages = static_cast<size_t>(parsePositiveCount(*maxImages, "--max-images"));

    QuantConfig config = loadQuantConfig(*configPath);
    applyImagePixelLimit(parser, config);
    checkAgainstConfig(config, [&] {
        const int64_t channels = configuredChannelCount(config);
        if (channels > 0 && channels != config.preprocess.channelCount())
            throw Error("input.shape " + dimsToString(config.input.shape) + " has " +
                        std::to_string(channels) + " channels in the " + toString(config.preprocess.layout) +
                        " layout but preprocess.color " + toString(config.preprocess.color) + " gives " +
                        std::to_string(config.preprocess.channelCount()) +
                        (config.preprocess.channelCount() == 1 ? " channel" : " channels"));
        validatePreprocess(config.preprocess, channels);
    });
    checkLabelsFile(config, *images);
    folderOptions.labelsFile = config.labelsFile;
    folderOptions.maxImagePixels = config.preprocess.maxImagePixels;
    const std::filesystem::path output(*outputDir);
    prepareOutputFolder(output);

    ProgressLine progress("preprocessing " + std::filesystem::path(*images).filename().string());
    const ImageFolderScan scan = scanImageFolder(*images, folderOptions, progress.callback());
    PreprocessedSet set;
    try {
        set = preprocessFolder(scan, config.preprocess, progress.callback());
    } catch (const PreprocessMismatch& mismatch) {
        throw Error(configErrorMessage(config, mismatch.what()));
    }
    progress.finish();

    const auto sampleCount = static_cast<int64_t>(set.labels.size());
    writeNpy((output / "inputs.npy").string(), set.inputs);
    writeNpy((output / "labels.npy").string(), RuntimeTensor::fromInt64s({sampleCount}, set.labels));
    writeFileList(output / "files.txt", set.relativePaths);

    for (const SkippedFile& file : set.skipped)
        std::cerr << "skipped " << printableName(file.path) << ": " << printableName(file.reason) << '\n';
    std::cout << "inputs " << set.inputs.describe() << " -> " << (output / "inputs.npy").string() << '\n'
              << "labels int64[" << sampleCount << "] -> " << (output / "labels.npy").string() << '\n'
              << "files " << sampleCount << " paths -> " << (output / "files.txt").string() << '\n';
    if (!set.skipped.empty())
        std::cout << "skipped " << set.skipped.size() << " unreadable file(s)\n";
    return 0;
}

} // namespace qs::cli
