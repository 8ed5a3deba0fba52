#pragma once
// A folder of images (or .npy tensors) used as a calibration or evaluation data set: a recursive,
// deterministic scan with class labels taken from the first-level sub-folders.
//
//     root/labels.txt          optional: one class name per line, line n (from 0) is class index n
//     root/calib_0000.png      directly in the root: unlabelled
//     root/0_cat/img1.jpg      in a first-level sub-folder: labelled with that folder's class
//     root/0_cat/more/img2.png deeper files belong to their first-level folder's class

#include "data/imagelimits.h"
#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qs {

/// How a file of the data set is turned into a tensor.
enum class SampleKind { Image, Npy };

/// One usable file of the data set.
struct DatasetItem {
    std::string path;         ///< full path
    std::string relativePath; ///< relative to the data set folder, '/' separated; the sort key
    int label = -1;           ///< class index, -1 when unlabelled
    SampleKind kind = SampleKind::Image;
};

/// A file that was left out, and why.
struct SkippedFile {
    std::string path;
    std::string reason;
};

/// How `max_images` picks its subset (the kept items stay in scan order either way).
enum class SubsampleMode { EvenlySpaced, Seeded };

struct ImageFolderOptions {
    /// Class-name file; relative paths are taken relative to the folder. Empty: `labels.txt` in the folder if
    /// present, else the sorted sub-folder names are the classes.
    std::string labelsFile;
    /// At most this many items (0 = all), chosen by `subsample`.
    size_t maxImages = 0;
    /// Image files whose header declares more pixels are skipped (preprocess.max_image_pixels).
    uint64_t maxImagePixels = kDefaultMaxImagePixels;
    SubsampleMode subsample = SubsampleMode::EvenlySpaced;
    uint32_t seed = 0;
};

/// Result of scanning a folder: the usable items in order, the class names and the files left out.
struct ImageFolderScan {
    std::string root;
    std::vector<DatasetItem> items;
    /// Class index -> name; empty when nothing is labelled and no labels file was given.
    std::vector<std::string> classNames;
    /// Files with a known extension whose header is not a readable image or .npy (empty, corrupt,
    /// mislabelled).
    std::vector<SkippedFile> skipped;
    /// Items found before the `maxImages` limit was applied.
    size_t foundCount = 0;

    bool isLabelled() const { return !classNames.empty(); }
};

/// Lower-case extensions (without dot) recognised as images.
const std::vector<std::string>& imageFileExtensions();

/// True for names ending in one of imageFileExtensions() or `.npy`, compared case-insensitively.
bool isDatasetFileName(const std::string& fileName);

/// Scans `folder`. Hidden files and folders (names starting with '.') are ignored, as are files of other
/// types. Every listed file's header is checked cheaply; unreadable ones go to `skipped`. Throws qs::Error
/// naming the folder when it is missing, not a folder, holds no image, or holds only unreadable ones; naming
/// the folder and the labels file when a class folder is not listed there.
ImageFolderScan scanImageFolder(const std::string& folder, const ImageFolderOptions& options = {},
                                const ProgressCallback& progress = {});

} // namespace qs
