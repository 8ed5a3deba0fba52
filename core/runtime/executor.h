#pragma once
// Runs a model of the graph IR on the CPU: float32 inference with int64/int32/bool tensors for shape
// arithmetic and 8/16-bit integer tensors for quantized models, heavy operators on oneDNN, everything else in
// plain loops. Subgraphs (If, Loop, Scan bodies) run on nested executors. Construction checks every node and
// reports all unsupported operators at once; each distinct set of input shapes is planned once and its
// kernels (with their cached primitives and reordered weights) reused. Buffers are recycled after each
// tensor's last consumer.
//
// Hooks: an observer sees every tensor as it is produced (graph inputs, then every node output in order), a
// transform may replace it right after (fake quantization), and weights may be substituted for one run
// without rebuilding the executor.

#include "model/graph.h"
#include "runtime/runtimetensor.h"
#include "util/error.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace qs {

using TensorMap = std::map<std::string, RuntimeTensor>;

/// Called with every tensor as produced. The tensor is valid only during the call (clone() to keep it).
using TensorObserver = std::function<void(const std::string& name, const RuntimeTensor& tensor)>;
/// May return a replacement (same type and dims) for a tensor right after it is produced, before its
/// consumers.
using TensorTransform =
    std::function<std::optional<RuntimeTensor>(const std::string& name, const RuntimeTensor& tensor)>;

struct ExecutorOptions {
    int threadCount = 0; ///< threads for every kernel; 0 = the machine's hardware threads
    bool fuseActivations =
        true; ///< apply Relu/Clip inside the preceding Conv when no hook watches the tensor
    /// Graph inputs that carry values of an enclosing graph (when running a subgraph body): their element
    /// type is known only when they arrive.
    std::set<std::string> enclosingScopeInputs;
};

struct RunOptions {
    TensorObserver observer;
    TensorTransform transform;
    const TensorMap* weightOverrides = nullptr; ///< initializer name -> tensor of the same type and dims
    /// When set, the observer and the transform see only these tensors, and everything else runs on the fast
    /// path (activations fused into their producers, blocked layouts kept). Null: every tensor is hooked.
    std::shared_ptr<const std::set<std::string>> hookedTensors;
};

/// One node the runtime cannot execute, with the reason.
struct UnsupportedNode {
    std::string opType;
    std::string domain;
    std::string nodeName;
    int64_t opset = 0;
    std::string reason;
};

class Executor {
public:
    /// Plans `model` (copied; the executor does not keep a reference). Throws qs::Error listing every
    /// unsupported node (op type, node name, opset) when there is any.
    explicit Executor(const Model& model, const ExecutorOptions& options = {});
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    /// The nodes of `model` that the runtime cannot execute (empty when it can run the whole model).
    /// `enclosingScopeInputs` as in ExecutorOptions.
    static std::vector<UnsupportedNode>
    findUnsupported(const Model& model, const std::set<std::string>& enclosingScopeInputs = {});
    /// Opset of the default ONNX domain, with a recent default when the model declares none.
    static int64_t defaultDomainOpset(const ModelInfo& info);

    /// Runs one inference. `inputs` must name every graph input; returns every graph output by name.
    /// Not reentrant: one run at a time per executor.
    TensorMap run(const TensorMap& inputs, const RunOptions& options = {});

    /// A flag checked before every node of every run (nested bodies included when they run on this executor's
    /// thread): once it is true, run() throws qs::Cancelled, so a long inference stops within one node. Null
    /// clears it. The flag must outlive the runs that see it.
    void setCancelFlag(std::shared_ptr<const std::atomic_bool> flag);

    int threadCount() const;
    const std::vector<ValueInfo>& inputs() const;
    const std::vector<ValueInfo>& outputs() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace qs
