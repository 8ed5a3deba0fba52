#include "data/batchloader.h"

#include "data/imagedecoder.h"
#include "runtime/npy.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

namespace qs {

namespace {

constexpr size_t kQueuedBatchLimit = 2;

struct QueuedBatch {
    Batch batch;
    size_t itemsHandled = 0; // items covered up to the end of this batch, skipped ones included
};

RuntimeTensor npyAsFloat(const std::string& path) {
    RuntimeTensor tensor = readNpy(path);
    if (tensor.type() == DataType::Float)
        return tensor;
    const std::vector<double> values = tensor.toDoubles();
    return RuntimeTensor::fromFloats(tensor.dims(), std::vector<float>(values.begin(), values.end()));
}

/// "" when every value of a float sample is finite, else which element is not: a NaN in the data would
/// otherwise surface much later as a range or bias that is not a number.
std::string nonFiniteProblem(const RuntimeTensor& sample) {
    if (sample.type() != DataType::Float)
        return {};
    const float* values = sample.data<float>();
    for (int64_t i = 0; i < sample.elementCount(); ++i)
        if (!std::isfinite(values[i]))
            return "holds a " + std::string(std::isnan(values[i]) ? "NaN" : "infinite") + " value (element " +
                   std::to_string(i) + " of the preprocessed sample); every value must be a finite number";
    return {};
}

} // namespace

struct BatchLoader::Shared {
    std::string root;
    std::vector<DatasetItem> items;
    PreprocessConfig config;
    size_t batchSize = 1;

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<QueuedBatch> queue;
    std::vector<SkippedFile> skipped;
    bool stopping = false;
    bool workerDone = false;
    std::exception_ptr failure;
    std::thread worker;

    void run();
    void produce();
    /// Null tensor (and a skipped entry) when the file cannot be decoded.
    RuntimeTensor loadSample(const DatasetItem& item);
    bool push(Batch&& batch, size_t itemsHandled);
};

RuntimeTensor BatchLoader::Shared::loadSample(const DatasetItem& item) {
    std::string problem;
    if (item.kind == SampleKind::Npy) {
        try {
            RuntimeTensor sample = npyAsFloat(item.path);
            problem = nonFiniteProblem(sample);
            if (problem.empty())
                return sample;
        } catch (const Error& error) {
            problem = error.what();
        }
    } else {
        const cv::Mat image = detail::decodeImageFile(item.path, &problem, config.maxImagePixels);
        if (!image.empty()) {
            RuntimeTensor sample = detail::preprocessMat(image, config, item.path);
            problem = nonFiniteProblem(sample);
            if (problem.empty())
                return sample;
        }
    }
    std::lock_guard<std::mutex> lock(mutex);
    skipped.push_back({item.path, problem});
    return {};
}

bool BatchLoader::Shared::push(Batch&& batch, size_t itemsHandled) {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [this] { return stopping || queue.size() < kQueuedBatchLimit; });
    if (stopping)
        return false;
    queue.push_back({std::move(batch), itemsHandled});
    changed.notify_all();
    return true;
}

void BatchLoader::Shared::produce() {
    Batch pending;
    std::vector<RuntimeTensor> samples;
    std::vector<int64_t> sampleDims;
    std::string firstPath;
    for (size_t i = 0; i < items.size(); ++i) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (stopping)
                return;
        }
        const DatasetItem& item = items[i];
        RuntimeTensor sample = loadSample(item);
        if (sample.isNull())
            continue;
        if (firstPath.empty()) {
            firstPath = item.path;
            sampleDims = sample.dims();
        } else if (sample.dims() != sampleDims) {
            throw Error(item.path + ": preprocessed to " + dimsToString(sample.dims()) + " but " + firstPath +
                        " gave " + dimsToString(sampleDims) +
                        "; set preprocess.resize or preprocess.center_crop so all samples have one size");
        }
        samples.push_back(std::move(sample));
        pending.labels.push_back(item.label);
        pending.paths.push_back(item.path);
        pending.itemIndices.push_back(i);
        if (samples.size() == batchSize || i + 1 == items.size()) {
            pending.tensor = stackBatch(samples);
            samples.clear();
            if (!push(std::move(pending), i + 1))
                return;
            pending = Batch();
        }
    }
    if (!samples.empty()) {
        pending.tensor = stackBatch(samples);
        push(std::move(pending), items.size());
    }
    if (firstPath.empty()) {
        std::lock_guard<std::mutex> lock(mutex);
        const std::string first =
            skipped.empty() ? std::string() : skipped.front().path + ": " + skipped.front().reason;
        throw Error("Data set folder " + root + ": none of its " + std::to_string(items.size()) +
                    " files could be read (first problem: " + first + ")");
    }
}

void BatchLoader::Shared::run() {
    try {
        produce();
    } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        failure = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex);
    workerDone = true;
    changed.notify_all();
}

BatchLoader::BatchLoader(const ImageFolderScan& scan, const PreprocessConfig& config, size_t batchSize,
                         ProgressCallback progress)
    : shared_(std::make_shared<Shared>()), progress_(std::move(progress)) {
    if (batchSize == 0)
        throw Error("Batch size must be at least 1");
    validatePreprocess(config);
    shared_->root = scan.root;
    shared_->items = scan.items;
    shared_->config = config;
    shared_->batchSize = batchSize;
    if (shared_->items.empty()) {
        shared_->workerDone = true;
        return;
    }
    shared_->worker = std::thread([shared = shared_.get()] { shared->run(); });
}

BatchLoader::~BatchLoader() {
    stop();
}

void BatchLoader::stop() {
    {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->stopping = true;
    }
    shared_->changed.notify_all();
    if (shared_->worker.joinable())
        shared_->worker.join();
}

bool BatchLoader::next(Batch& batch) {
    if (finished_)
        return false;
    const double total = static_cast<double>(std::max<size_t>(itemCount(), 1));
    if (progress_ && !progress_(static_cast<double>(itemsHandled_) / total, "Loading images")) {
        finished_ = true;
        stop();
        throw Cancelled();
    }
    std::unique_lock<std::mutex> lock(shared_->mutex);
    shared_->changed.wait(lock, [this] { return !shared_->queue.empty() || shared_->workerDone; });
    if (shared_->queue.empty()) {
        finished_ = true;
        const std::exception_ptr failure = shared_->failure;
        lock.unlock();
        if (failure)
            std::rethrow_exception(failure);
        if (progress_)
            progress_(1.0, "Loading images");
        return false;
    }
    QueuedBatch queued = std::move(shared_->queue.front());
    shared_->queue.pop_front();
    lock.unlock();
    shared_->changed.notify_all();
    batch = std::move(queued.batch);
    delivered_ += batch.size();
    itemsHandled_ = queued.itemsHandled;
    return true;
}

std::vector<SkippedFile> BatchLoader::skipped() const {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    return shared_->skipped;
}

size_t BatchLoader::itemCount() const {
    return shared_->items.size();
}

} // namespace qs
