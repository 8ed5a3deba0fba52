#include "runtime/memoryestimate.h"

#include "runtime/executor.h"
#include "runtime/kernel.h"
#include "runtime/runtimetensor.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <unistd.h>

namespace qs {

namespace {

constexpr int64_t kBlockedChannels = 16;
constexpr uint64_t kGuessCapFactor = 2;
constexpr uint64_t kMaxBytes = std::numeric_limits<uint64_t>::max() / 4;

uint64_t saturatingMul(uint64_t a, uint64_t b) {
    uint64_t product = 0;
    if (__builtin_mul_overflow(a, b, &product) || product > kMaxBytes)
        return kMaxBytes;
    return product;
}

uint64_t saturatingAdd(uint64_t a, uint64_t b) {
    return std::min(kMaxBytes, a + std::min(b, kMaxBytes));
}

uint64_t elementBytes(DataType type) {
    const size_t size = runtimeElementSize(type);
    return size ? size : 4;
}

/// Bytes of a tensor as the runtime allocates it: a blocked layout pads the channel dim of a 4-D or 5-D float
/// tensor.
uint64_t allocatedBytes(DataType type, std::vector<int64_t> dims, bool blocked = false) {
    if (blocked && (type == DataType::Float || type == DataType::Undefined) &&
        (dims.size() == 4 || dims.size() == 5))
        dims[1] = (dims[1] + kBlockedChannels - 1) / kBlockedChannels * kBlockedChannels;
    uint64_t count = 1;
    for (int64_t dim : dims)
        count = saturatingMul(count, uint64_t(std::max<int64_t>(dim, 0)));
    return saturatingMul(count, elementBytes(type));
}

/// The executor's BufferPool policy, on sizes only: an idle buffer of at least the size asked for and at most
/// twice it is reused, else a new one is made; nothing goes back to the heap.
class SimulatedPool {
public:
    uint64_t acquire(uint64_t sizeBytes) {
        auto found = idle_.lower_bound(sizeBytes);
        if (found != idle_.end() && *found <= saturatingAdd(saturatingMul(sizeBytes, 2), 64)) {
            const uint64_t capacity = *found;
            idle_.erase(found);
            return capacity;
        }
        created_ = saturatingAdd(created_, sizeBytes);
        return sizeBytes;
    }
    void release(uint64_t capacityBytes) { idle_.insert(capacityBytes); }
    uint64_t createdBytes() const { return created_; }

private:
    std::multiset<uint64_t> idle_;
    uint64_t created_ = 0;
};

/// Operators whose float outputs oneDNN keeps in a blocked layout.
bool producesBlocked(const Node& node) {
    static const std::set<std::string> ops = {"Conv",        "ConvTranspose",     "MaxPool",
                                              "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
                                              "LpPool",      "BatchNormalization"};
    return node.domain.empty() && ops.count(node.opType) != 0;
}

/// Operators whose output is a view of their first input's buffer.
bool isView(const Node& node) {
    static const std::set<std::string> views = {"Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze"};
    return node.domain.empty() && views.count(node.opType) != 0;
}

bool isShapeQuery(const std::string& opType) {
    return opType == "Shape" || opType == "Size";
}

bool joinsInputs(const std::string& opType) {
    return opType == "Concat" || opType == "Sum" || opType == "Mean" || opType == "Max" || opType == "Min";
}

/// Size of an output whose rank is unknown: a shape query is a handful of int64s, a concatenation takes all
/// its inputs, everything else as much as its largest input (elementwise and data-movement operators).
uint64_t guessedBytes(const Node& node, uint64_t inputSum, uint64_t largestInput) {
    if (isShapeQuery(node.opType))
        return 64;
    if (joinsInputs(node.opType))
        return inputSum;
    return largestInput;
}

struct Estimator {
    std::map<std::string, int64_t> symbols;
    int64_t batch = 1;
    const ProbedTensorBytes* probed = nullptr;

    /// The probed bytes of `name` extrapolated to the batch, or nothing.
    std::optional<uint64_t> probedBytes(const std::string& name) const {
        if (!probed)
            return std::nullopt;
        auto found = probed->find(name);
        if (found == probed->end())
            return std::nullopt;
        const auto [one, two] = found->second;
        if (two <= one)
            return std::max(one, two);
        return saturatingAdd(one, saturatingMul(two - one, uint64_t(std::max<int64_t>(batch - 1, 0))));
    }

    /// Dims of `info` with symbols resolved; open dims are -1. Empty optional when the rank is unknown.
    std::optional<std::vector<int64_t>> resolve(const ValueInfo& info) const {
        if (!info.hasShape)
            return std::nullopt;
        std::vector<int64_t> dims;
        for (const Dim& dim : info.shape) {
            if (dim.isStatic()) {
                dims.push_back(dim.value);
                continue;
            }
            auto found = dim.symbol.empty() ? symbols.end() : symbols.find(dim.symbol);
            dims.push_back(found != symbols.end() ? found->second : -1);
        }
        return dims;
    }

    void bindInputs(const Graph& graph, const std::map<std::string, std::vector<int64_t>>& inputDims) {
        for (const ValueInfo& input : graph.inputs) {
            auto given = inputDims.find(input.name);
            if (given == inputDims.end())
                continue;
            if (!given->second.empty())
                batch = std::max(batch, given->second.front());
            if (!input.hasShape || input.shape.size() != given->second.size())
                continue;
            for (size_t d = 0; d < input.shape.size(); ++d)
                if (!input.shape[d].isStatic() && !input.shape[d].symbol.empty())
                    symbols.emplace(input.shape[d].symbol, given->second[d]);
        }
    }

    InferenceMemoryEstimate estimate(const Graph& graph,
                                     const std::map<std::string, std::vector<int64_t>>& inputDims) const;
};

InferenceMemoryEstimate
Estimator::estimate(const Graph& graph, const std::map<std::string, std::vector<int64_t>>& inputDims) const {
    InferenceMemoryEstimate result;
    for (const auto& [name, tensor] : graph.initializers)
        result.constantBytes = saturatingAdd(
            result.constantBytes,
            saturatingMul(uint64_t(std::max<int64_t>(tensor.elementCount(), 0)), elementBytes(tensor.type)));

    std::map<std::string, uint64_t>& bytes = result.tensorBytes;
    auto sizeOf = [&bytes](const std::string& name) -> uint64_t {
        auto found = bytes.find(name);
        return found == bytes.end() ? 0 : found->second;
    };

    for (const ValueInfo& input : graph.inputs) {
        auto given = inputDims.find(input.name);
        uint64_t size = 0;
        if (given != inputDims.end()) {
            size = allocatedBytes(input.type, given->second);
        } else {
            std::vector<int64_t> dims = resolve(input).value_or(std::vector<int64_t>{});
            for (int64_t& dim : dims)
                dim = dim < 0 ? 1 : dim;
            size = allocatedBytes(input.type, dims);
        }
        bytes[input.name] = size;
        result.inputBytes = saturatingAdd(result.inputBytes, size);
    }

    std::set<std::string> graphOutputs;
    for (const ValueInfo& output : graph.outputs)
        graphOutputs.insert(output.name);

    // Guesses build on guesses (a concatenation of slices of a guessed tensor), so they are capped at a few
    // times the largest tensor whose shape is known.
    uint64_t largestKnown = result.inputBytes;
    for (const Node& node : graph.nodes)
        for (const std::string& name : node.outputs) {
            const ValueInfo* info = name.empty() ? nullptr : graph.valueInfo(name);
            std::optional<std::vector<int64_t>> dims = info ? resolve(*info) : std::nullopt;
            if (dims && std::none_of(dims->begin(), dims->end(), [](int64_t d) { return d < 0; }))
                largestKnown = std::max(largestKnown, allocatedBytes(info->type, *dims, true));
        }
    const uint64_t guessCap = saturatingMul(std::max<uint64_t>(largestKnown, 64), kGuessCapFactor);

    // Last consumer of every value, as the executor releases it.
    std::map<std::string, size_t> lastUse;
    for (size_t n = 0; n < graph.nodes.size(); ++n) {
        for (const std::string& name : graph.nodes[n].inputs)
            if (!name.empty())
                lastUse[name] = n;
        for (const std::string& name : implicitInputs(graph.nodes[n]))
            lastUse[name] = n;
    }

    // Node outputs come from the executor's buffer pool, which keeps every buffer it made until the executor
    // goes away and hands an idle one to a request of up to half its size.
    SimulatedPool pool;
    std::set<std::string> blocked;
    result.activationPeakBytes = result.inputBytes;
    struct Buffer {
        uint64_t capacity = 0;
        int users = 0;
        bool fromPool = true; ///< false for the caller's graph inputs
    };
    std::vector<Buffer> buffers;
    std::map<std::string, size_t> bufferOf;
    for (const ValueInfo& input : graph.inputs) {
        bufferOf[input.name] = buffers.size();
        buffers.push_back(Buffer{sizeOf(input.name), 1, false});
    }
    uint64_t bodies = 0;
    for (size_t n = 0; n < graph.nodes.size(); ++n) {
        const Node& node = graph.nodes[n];
        if ((node.opType == "Conv" || node.opType == "ConvTranspose") && node.domain.empty() &&
            node.inputs.size() > 1) {
            if (const Tensor* weight = graph.initializer(node.inputs[1]))
                result.kernelWeightBytes =
                    saturatingAdd(result.kernelWeightBytes, allocatedBytes(weight->type, weight->dims));
        }
        uint64_t inputSum = 0;
        uint64_t largestInput = 0;
        for (const std::string& name : node.inputs) {
            if (name.empty() || graph.initializers.count(name))
                continue;
            inputSum = saturatingAdd(inputSum, sizeOf(name));
            largestInput = std::max(largestInput, sizeOf(name));
        }
        // Blocked layouts start at convolutions and pooling and pass through the operators that take them
        // (elementwise ones); views and everything else get plain tensors.
        bool blockedOutput = producesBlocked(node);
        if (!isView(node) && !isShapeQuery(node.opType))
            for (const std::string& name : node.inputs)
                blockedOutput = blockedOutput || (!name.empty() && blocked.count(name));
        uint64_t largestOutput = 0;
        for (const std::string& name : node.outputs) {
            if (name.empty())
                continue;
            if (blockedOutput)
                blocked.insert(name);
            const ValueInfo* info = graph.valueInfo(name);
            const DataType type = info ? info->type : DataType::Undefined;
            std::optional<std::vector<int64_t>> dims =
                info ? resolve(*info) : std::optional<std::vector<int64_t>>();
            const bool open =
                !dims || std::any_of(dims->begin(), dims->end(), [](int64_t d) { return d < 0; });
            uint64_t size = 0;
            const std::optional<uint64_t> measured = open ? probedBytes(name) : std::nullopt;
            if (!open) {
                size = allocatedBytes(type, *dims, blockedOutput);
            } else if (measured) {
                size = *measured;
            } else {
                size = std::min(guessedBytes(node, inputSum, largestInput), guessCap);
                if (dims) {
                    for (int64_t& dim : *dims)
                        dim = dim < 0 ? batch : dim;
                    size = std::max(size, std::min(allocatedBytes(type, *dims, blockedOutput), guessCap));
                }
                result.guessedTensors.push_back(name);
            }
            bytes[name] = size;
            largestOutput = std::max(largestOutput, size);
            if (size > result.largestTensorBytes) {
                result.largestTensorBytes = size;
                result.largestTensorNode = node.name;
            }
            if (isView(node) && !node.inputs.empty() && bufferOf.count(node.inputs.front())) {
                // The output shares its input's buffer.
                const size_t shared = bufferOf[node.inputs.front()];
                ++buffers[shared].users;
                bufferOf[name] = shared;
                continue;
            }
            bufferOf[name] = buffers.size();
            buffers.push_back(Buffer{pool.acquire(size), 1});
        }
        // A plain copy of an input for a kernel that does not take blocked layouts, and the plain copy of an
        // output handed to an observer: both come from the pool and go back to it.
        const uint64_t inputCopy = pool.acquire(largestInput);
        const uint64_t outputCopy = pool.acquire(largestOutput);
        pool.release(inputCopy);
        pool.release(outputCopy);
        for (const Attribute& attribute : node.attributes) {
            std::vector<const Graph*> graphs;
            if (attribute.graph)
                graphs.push_back(attribute.graph.get());
            for (const std::shared_ptr<Graph>& body : attribute.graphs)
                if (body)
                    graphs.push_back(body.get());
            for (const Graph* body : graphs) {
                // A body runs on its own executor, kept by the node's kernel with its constants and pool.
                InferenceMemoryEstimate inner = estimate(*body, {});
                bodies = saturatingAdd(bodies, inner.totalBytes());
                result.guessedTensors.insert(result.guessedTensors.end(), inner.guessedTensors.begin(),
                                             inner.guessedTensors.end());
            }
        }
        const uint64_t atStep = saturatingAdd(saturatingAdd(result.inputBytes, pool.createdBytes()), bodies);
        if (atStep > result.activationPeakBytes) {
            result.activationPeakBytes = atStep;
            result.peakNode = node.name;
        }
        auto release = [&](const std::string& name) {
            if (graphOutputs.count(name) || graph.initializers.count(name))
                return;
            auto found = bufferOf.find(name);
            if (found == bufferOf.end())
                return;
            Buffer& buffer = buffers[found->second];
            bufferOf.erase(found);
            if (--buffer.users == 0 && buffer.fromPool)
                pool.release(buffer.capacity);
        };
        std::set<std::string> released;
        for (const std::string& name : node.inputs) {
            auto found = lastUse.find(name);
            if (!name.empty() && found != lastUse.end() && found->second == n && released.insert(name).second)
                release(name);
        }
        for (const std::string& name : implicitInputs(node)) {
            auto found = lastUse.find(name);
            if (found != lastUse.end() && found->second == n && released.insert(name).second)
                release(name);
        }
        for (const std::string& name : node.outputs)
            if (!name.empty() && !lastUse.count(name) && released.insert(name).second)
                release(name);
    }
    for (const ValueInfo& output : graph.outputs)
        result.outputBytes = saturatingAdd(result.outputBytes, sizeOf(output.name));
    return result;
}

} // namespace

InferenceMemoryEstimate estimateInferenceMemory(const Graph& graph,
                                                const std::map<std::string, std::vector<int64_t>>& inputDims,
                                                const ProbedTensorBytes* probed) {
    Estimator estimator;
    estimator.probed = probed;
    estimator.bindInputs(graph, inputDims);
    return estimator.estimate(graph, inputDims);
}

uint64_t graphWeightBytes(const Graph& graph) {
    uint64_t total = 0;
    for (const auto& entry : graph.initializers)
        total = saturatingAdd(total, entry.second.data.size());
    return total;
}

uint64_t machineMemoryBytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    uint64_t value = 0;
    std::string unit;
    while (meminfo >> key >> value >> unit)
        if (key == "MemTotal:" && value > 0)
            return value * 1024;
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return uint64_t(1) << 40;
    return uint64_t(pages) * uint64_t(pageSize);
}

uint64_t defaultMemoryLimitBytes() {
    return machineMemoryBytes() / 10 * 8;
}

std::string formatByteSize(uint64_t bytes) {
    char text[32];
    if (bytes < 1024)
        std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    else if (bytes < (uint64_t(1) << 20))
        std::snprintf(text, sizeof text, "%.1f KiB", double(bytes) / 1024.0);
    else if (bytes < (uint64_t(10) << 20))
        std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / double(1 << 20));
    else if (bytes < (uint64_t(1) << 30))
        std::snprintf(text, sizeof text, "%.0f MiB", double(bytes) / double(1 << 20));
    else
        std::snprintf(text, sizeof text, "%.1f GiB", double(bytes) / double(1 << 30));
    return text;
}

namespace {

/// Inputs for a probe run: `inputDims` (or the declared dims, open ones 1) with the first dim set to `batch`;
/// float inputs get values in [0, 1), the others zeros.
TensorMap probeInputs(const Graph& graph, const std::map<std::string, std::vector<int64_t>>& inputDims,
                      int64_t batch) {
    TensorMap inputs;
    uint32_t state = 12345;
    for (const ValueInfo& input : graph.inputs) {
        auto given = inputDims.find(input.name);
        std::vector<int64_t> dims;
        if (given != inputDims.end()) {
            dims = given->second;
        } else {
            for (const Dim& dim : input.shape)
                dims.push_back(dim.isStatic() ? dim.value : 1);
        }
        if (!dims.empty() && (!input.hasShape || input.shape.empty() || !input.shape.front().isStatic()))
            dims.front() = batch;
        const DataType type = input.type == DataType::Undefined ? DataType::Float : input.type;
        RuntimeTensor tensor(type, dims);
        std::memset(tensor.raw(), 0, tensor.sizeBytes());
        if (type == DataType::Float)
            for (int64_t i = 0; i < tensor.elementCount(); ++i) {
                state = state * 1664525u + 1013904223u;
                tensor.data<float>()[i] = float(state >> 8) / float(1u << 24);
            }
        inputs[input.name] = std::move(tensor);
    }
    return inputs;
}

} // namespace

ProbedTensorBytes probeTensorBytes(const Model& model,
                                   const std::map<std::string, std::vector<int64_t>>& inputDims) {
    ProbedTensorBytes probed;
    try {
        ExecutorOptions options;
        options.fuseActivations = false;
        Executor executor(model, options);
        for (int64_t batch : {1, 2}) {
            RunOptions run;
            run.observer = [&probed, batch](const std::string& name, const RuntimeTensor& tensor) {
                const uint64_t bytes = allocatedBytes(tensor.type(), tensor.dims());
                auto& entry = probed[name];
                (batch == 1 ? entry.first : entry.second) = bytes;
            };
            executor.run(probeInputs(model.graph, inputDims, batch), run);
        }
    } catch (const Cancelled&) {
        throw;
    } catch (const Error&) {
        return {}; // the model does not run on probe inputs: the estimate keeps its guesses
    }
    return probed;
}

} // namespace qs
