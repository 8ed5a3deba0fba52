#pragma once
// Which operator types the runtime implements, keyed by domain, op type and opset. Each kernel family
// (kernels/*.cpp) registers its factories; the executor asks the registry when planning a model.

#include "runtime/kernel.h"

#include <map>
#include <string>
#include <vector>

namespace qs {

class KernelRegistry {
public:
    /// Registers `factory` for `opType` of the default ONNX domain for opsets [sinceOpset, untilOpset].
    void add(const std::string& opType, KernelFactory factory, int64_t sinceOpset = 1, int64_t untilOpset = 99);
    /// Registers `factory` for `opType` of another operator domain ("com.microsoft"), whatever the opset.
    void addInDomain(const std::string& domain, const std::string& opType, KernelFactory factory);
    /// The factory for the node's op type at `opset`, or nullptr.
    const KernelFactory* find(const std::string& domain, const std::string& opType, int64_t opset) const;
    /// Every registered op type, sorted; those of other domains prefixed with the domain ("com.microsoft.").
    std::vector<std::string> opTypes() const;

private:
    struct Entry {
        int64_t sinceOpset = 1;
        int64_t untilOpset = 99;
        KernelFactory factory;
    };
    std::map<std::string, std::vector<Entry>> entries_;  ///< by op type, prefixed with the domain unless default
};

/// The registry holding every kernel family built into the runtime (built on first use, then immutable).
const KernelRegistry& builtinKernelRegistry();

} // namespace qs
