#pragma once
// How much memory one inference takes, estimated from the graph before anything runs, so that a batch size
// that cannot fit is refused before any long work starts.
//
// Counted (every figure is bytes):
//  - constants: every initializer as the executor holds it (one runtime copy of each);
//  - kernel weights: one reordered copy of the weights of Conv and ConvTranspose nodes, for one execution
//    plan (oneDNN keeps them in its own blocked layout, and each plan keeps its own kernels; MatMul and Gemm
//    use the weights in place);
//  - activations: the graph inputs plus every buffer the executor's pool makes during one inference. Nodes
//    run in graph order; each output takes a buffer from the pool and gives it back after its last consumer
//    (graph outputs keep theirs). The pool's policy is followed: an idle buffer serves a request of at least
//    half its size, else a new one is made, and nothing goes back to the heap while the executor lives, so
//    what the pool made is what it holds. At every node a plain copy of its largest input (for a kernel that
//    does not take blocked layouts) and of its largest output (for an observer) also pass through the pool.
//    Views (Identity, Reshape, Flatten, Squeeze, Unsqueeze) share their input's buffer; activations the
//    executor fuses into their producer are counted as tensors of their own, so the figure errs high.
//    Subgraphs (If, Loop, Scan bodies) add their own estimate, as they run on executors of their own.
//
// Shapes come from shape inference (Graph::valueInfos) with symbolic dims resolved from the actual input
// shapes. 4-D and 5-D float tensors in a blocked layout (outputs of convolutions, pooling and batch
// normalization, and of the elementwise operators that follow them) have their channel dim rounded up to 16,
// as oneDNN pads it. A tensor whose shape stays open is sized from probe runs when they are given
// (probeTensorBytes), else guessed: a shape query as a few int64s, a concatenation as the sum of its inputs,
// any other output as its largest input (or its known dims with the open ones set to the batch, when larger),
// never more than twice the largest tensor whose shape is known. Guessed tensors are listed in
// `guessedTensors`.
//
// Not counted: oneDNN scratchpads and primitive caches, the allocator's own overhead, and the process itself
// (code and libraries, some tens of MiB).

#include "model/graph.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace qs {

struct InferenceMemoryEstimate {
    uint64_t constantBytes = 0;              ///< initializers as runtime constants
    uint64_t kernelWeightBytes = 0;          ///< reordered weights of one execution plan
    uint64_t activationPeakBytes = 0;        ///< peak of simultaneously live tensors (graph inputs included)
    uint64_t inputBytes = 0;                 ///< the graph inputs (part of activationPeakBytes)
    uint64_t outputBytes = 0;                ///< the graph outputs (part of activationPeakBytes)
    std::string peakNode;                    ///< node at which the activation peak is reached
    uint64_t largestTensorBytes = 0;         ///< the largest single tensor (compare with tensorByteLimit())
    std::string largestTensorNode;           ///< the node producing it
    std::vector<std::string> guessedTensors; ///< tensors whose shape could not be resolved
    std::map<std::string, uint64_t> tensorBytes; ///< every non-constant tensor as sized here

    uint64_t totalBytes() const { return constantBytes + kernelWeightBytes + activationPeakBytes; }
};

/// Bytes of every tensor of one inference as measured on probe runs at batch 1 and batch 2, by tensor name.
using ProbedTensorBytes = std::map<std::string, std::pair<uint64_t, uint64_t>>;

/// Estimates one inference of `graph` with graph inputs of the dims in `inputDims` (by input name; inputs not
/// named there use their declared static dims, open dims counted as 1). With `probed`, a tensor whose shape
/// stays open is sized from its probed bytes, extrapolated linearly in the batch, instead of being guessed.
InferenceMemoryEstimate estimateInferenceMemory(const Graph& graph,
                                                const std::map<std::string, std::vector<int64_t>>& inputDims,
                                                const ProbedTensorBytes* probed = nullptr);

/// Runs `model` twice on generated inputs of `inputDims` with the first dim set to 1 and to 2 and records
/// every tensor's bytes. Costs an executor (a copy of the weights, for the time of the call) and two small
/// inferences; meant for refining an estimate that lists guessed tensors. Empty when the model does not run
/// on generated inputs.
ProbedTensorBytes probeTensorBytes(const Model& model,
                                   const std::map<std::string, std::vector<int64_t>>& inputDims);

/// Bytes of the weights held by a loaded graph IR (the initializers' data).
uint64_t graphWeightBytes(const Graph& graph);

/// Physical memory of the machine (MemTotal of /proc/meminfo, else sysconf).
uint64_t machineMemoryBytes();
/// The default memory limit: 80 % of physical memory.
uint64_t defaultMemoryLimitBytes();

/// "512 B", "12.5 KiB", "4.5 MiB", "120 MiB", "3.2 GiB".
std::string formatByteSize(uint64_t bytes);

} // namespace qs
