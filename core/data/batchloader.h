#pragma once
// Walks a scanned data set in batches of preprocessed tensors. Decoding runs on one worker thread that stays at
// most two batches ahead, so it overlaps with inference on the caller's thread.
//
//     BatchLoader loader(scan, config, 32, progress);
//     Batch batch;
//     while (loader.next(batch)) run(batch.tensor);

#include "data/imagefolder.h"
#include "data/preprocess.h"
#include "util/error.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace qs {

/// Up to `batchSize` samples stacked into one tensor [N, ...], with each sample's label, path and item index.
struct Batch {
    RuntimeTensor tensor;
    std::vector<int> labels;
    std::vector<std::string> paths;
    std::vector<size_t> itemIndices; ///< positions in ImageFolderScan::items
    size_t size() const { return labels.size(); }
};

class BatchLoader {
public:
    /// Starts decoding at once. `progress` is called at the start of each next() on the caller's thread with the
    /// fraction of items handled so far (and with 1 when all are done); returning false makes that next() throw
    /// qs::Cancelled and stops the worker.
    BatchLoader(const ImageFolderScan& scan, const PreprocessConfig& config, size_t batchSize,
                ProgressCallback progress = {});
    /// Stops the worker and waits for it.
    ~BatchLoader();
    BatchLoader(const BatchLoader&) = delete;
    BatchLoader& operator=(const BatchLoader&) = delete;

    /// Fills `batch` with the next batch (the last one may be smaller); false when all items are done.
    /// Files that cannot be decoded are skipped and recorded. Throws qs::Error naming the file when a sample's
    /// shape differs from the first one, naming the folder when no file at all could be read, and qs::Cancelled.
    bool next(Batch& batch);

    /// Files skipped while decoding so far (not counting the scan's own skipped list).
    std::vector<SkippedFile> skipped() const;
    /// Samples delivered so far.
    size_t deliveredCount() const { return delivered_; }
    size_t itemCount() const;

private:
    struct Shared;
    void stop();

    std::shared_ptr<Shared> shared_;
    ProgressCallback progress_;
    size_t delivered_ = 0;
    size_t itemsHandled_ = 0;
    bool finished_ = false;
};

} // namespace qs
