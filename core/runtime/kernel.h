#pragma once
// The interface every operator implementation follows. A kernel is created once per node when the executor
// plans a model (parsing and checking attributes there), then run for every inference. Kernels may cache work
// that depends on input shapes (oneDNN primitives) and on weight contents (reordered weights, keyed by
// contentId).

#include "model/graph.h"
#include "runtime/bufferpool.h"
#include "runtime/runtimetensor.h"
#include "util/error.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace qs {

/// Thrown by a kernel factory when a node uses an operator feature the runtime lacks. The executor collects
/// these for every node and reports them all at once before running anything.
class UnsupportedError : public Error {
public:
    explicit UnsupportedError(const std::string& message) : Error(message) {}
};

/// What a running kernel may use besides its inputs.
/// Most iterations one Loop node may run (default 2^20): a crafted trip count of 2^62 with a condition that
/// never turns false is an error naming the node, not a hang. 0 restores the default.
int64_t loopIterationLimit();
void setLoopIterationLimit(int64_t iterations);

struct KernelContext {
    const Node* node = nullptr;
    int threadCount = 1;
    BufferPool* pool = nullptr;

    /// An uninitialised tensor whose buffer may come from the executor's pool.
    RuntimeTensor allocate(DataType type, std::vector<int64_t> dims) const;
};

/// Looks up a constant (initializer) by tensor name; nullptr when the name is not a constant.
using ConstantLookup = std::function<const RuntimeTensor*(const std::string& name)>;

class Kernel {
public:
    virtual ~Kernel() = default;
    /// `inputs` has one entry per node input (nullptr for a missing optional one); `outputs` one per node
    /// output, to be filled by the kernel. Throws qs::Error naming the node for bad shapes or values.
    virtual void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
                     KernelContext& context) = 0;
    /// Throws UnsupportedError when constant inputs (initializers, found through `constants`) hold values the
    /// kernel does not support, or when such an input must be constant and is not. Called once while checking
    /// a model.
    virtual void checkConstants(const Node& node, const ConstantLookup& constants) const {}
    /// Whether run() can take these inputs as they are although some are in a blocked layout (see
    /// RuntimeTensor::layout()). When false the executor converts them to plain row-major first.
    virtual bool acceptsLayouts(const std::vector<const RuntimeTensor*>& inputs) const { return false; }
    /// Offers to apply `activation` (Relu, Clip, ... consuming this kernel's only output) inside this kernel.
    /// Returns true when the kernel will apply it, in which case the executor skips the activation node.
    virtual bool fuseActivation(const Node& activation, const ConstantLookup& constants) { return false; }
};

/// Creates the kernel for `node` at `opset`; throws UnsupportedError for unsupported attribute values.
using KernelFactory = std::function<std::unique_ptr<Kernel>(const Node& node, int64_t opset)>;

/// `tensor` in plain row-major layout (itself when it already is).
RuntimeTensor toPlainLayout(const RuntimeTensor& tensor, BufferPool* pool);

/// Values that the subgraphs of `node` (If/Loop/Scan bodies) read from enclosing graphs, sorted and unique.
/// The executor passes them to the node's kernel after the node's own inputs, in this order.
std::vector<std::string> implicitInputs(const Node& node);

/// Writes the message "<Op> node '<name>': <what>" as a qs::Error.
[[noreturn]] void failNode(const Node& node, const std::string& what);
/// Same as UnsupportedError.
[[noreturn]] void unsupportedNode(const Node& node, const std::string& what);

} // namespace qs
