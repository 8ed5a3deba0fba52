#pragma once
// What each operator's kernel requires of the inputs it is actually given: how many, of which rank, which
// dims must agree, which must broadcast, which must hold integers. The executor checks the contract of a node
// before every call of its kernel, so a kernel never sees shapes it was not written for (a crafted model
// whose shapes slip past shape inference, an input fed at run time that contradicts the graph). A violation
// is an error naming the node, the input and both what was given and what was expected.
//
// Contracts are declared once per operator in shapecontract.cpp, from the operator specifications; every
// operator the kernel registry knows must have one (a test checks it).

#include "model/graph.h"
#include "runtime/runtimetensor.h"

#include <functional>
#include <string>
#include <vector>

namespace qs {

/// The dims of a node's inputs at one call: one entry per input position, nullptr for a missing optional one.
using InputShapes = std::vector<const std::vector<int64_t>*>;

class ShapeContract {
public:
    static constexpr int kAnyRank = 1 << 20;
    static constexpr int kVariadic = 1 << 20;

    /// Between `minInputs` and `maxInputs` input positions (kVariadic: no upper bound). Inputs below
    /// `minInputs` must be present; later ones may be missing (optional).
    ShapeContract& inputs(int minInputs, int maxInputs);
    /// Input `index` may be missing although it is below `minInputs` (Loop's trip count and condition).
    ShapeContract& optional(int index);
    /// Input `index` (when present) has a rank in [minRank, maxRank].
    ShapeContract& rank(int index, int minRank, int maxRank = kAnyRank);
    /// Every present input from `firstIndex` on has a rank in [minRank, maxRank].
    ShapeContract& rankFrom(int firstIndex, int minRank, int maxRank = kAnyRank);
    /// Input `index` (when present) holds exactly one element (a scalar, possibly as a 1-element vector).
    ShapeContract& single(int index);
    /// Input `index` (when present) is a 1-D list (shape, axes, pads ...): rank 1, or rank 0 when
    /// `allowScalar`.
    ShapeContract& list(int index, bool allowScalar = false);
    /// Input `index` (when present) holds integers (any signed or unsigned integer type).
    ShapeContract& integers(int index);
    /// Inputs from `firstIndex` on broadcast together (numpy rules).
    ShapeContract& broadcast(int firstIndex = 0);
    /// Input `from` broadcasts to input `to` without changing its shape (PRelu's slope to its input).
    ShapeContract& broadcastsTo(int from, int to);
    /// Every present input from `firstIndex` on has the rank of input `firstIndex`.
    ShapeContract& sameRank(int firstIndex = 0);
    /// Inputs `a` and `b` (when both present) have the same dims.
    ShapeContract& sameDims(int a, int b);
    /// dim `dimA` of input `a` equals dim `dimB` of input `b` (negative dims count from the end); checked
    /// only when both inputs are present and both dims exist. dimB == kElementCount compares with b's element
    /// count.
    ShapeContract& dimEquals(int a, int dimA, int b, int dimB);
    static constexpr int kElementCount = 1 << 21;
    /// Any further rule: returns "" when the shapes are acceptable, else what is wrong (without the node).
    using Rule =
        std::function<std::string(const Node& node, const std::vector<const RuntimeTensor*>& inputs)>;
    ShapeContract& rule(Rule check);

    /// "" when `inputs` (one per input position of `node`, nullptr when missing) satisfy the contract, else a
    /// message "input 1 'w' has shape [3,4]: ... " without the node's label.
    std::string violation(const Node& node, const std::vector<const RuntimeTensor*>& inputs) const;

    int minInputs() const { return minInputs_; }
    int maxInputs() const { return maxInputs_; }

private:
    int minInputs_ = 0;
    int maxInputs_ = kVariadic;
    std::vector<int> optional_;
    std::vector<Rule> rules_;
};

/// The contract of `opType` in `domain` ("" / "ai.onnx" for the default domain), or nullptr when none is
/// declared.
const ShapeContract* shapeContract(const std::string& domain, const std::string& opType);

/// Checks `inputs` of `node` against its contract; throws qs::Error "<Op> node '<name>': input ..." on a
/// violation. A node without a contract passes.
void checkShapeContract(const ShapeContract* contract, const Node& node,
                        const std::vector<const RuntimeTensor*>& inputs);

} // namespace qs
