#include "runtime/kernel.h"

#include "model/toposort.h"
#include "runtime/nodeattributes.h"

#include <atomic>
#include <set>

namespace qs {

RuntimeTensor KernelContext::allocate(DataType type, std::vector<int64_t> dims) const {
    if (!pool)
        return RuntimeTensor(type, std::move(dims));
    size_t bytes = static_cast<size_t>(elementCountOf(dims)) * runtimeElementSize(type);
    return RuntimeTensor(type, std::move(dims), pool->acquire(bytes));
}

std::vector<std::string> implicitInputs(const Node& node) {
    std::set<std::string> names;
    for (const Attribute& attribute : node.attributes) {
        if (attribute.graph)
            for (const std::string& name : outerScopeReferences(*attribute.graph))
                names.insert(name);
        for (const auto& graph : attribute.graphs)
            if (graph)
                for (const std::string& name : outerScopeReferences(*graph))
                    names.insert(name);
    }
    names.erase(std::string());
    return {names.begin(), names.end()};
}

void failNode(const Node& node, const std::string& what) {
    throw Error(nodeLabel(node) + ": " + what);
}

void unsupportedNode(const Node& node, const std::string& what) {
    throw UnsupportedError(nodeLabel(node) + ": " + what);
}

namespace {
std::atomic<int64_t> loopLimit{0};
constexpr int64_t kDefaultLoopIterationLimit = int64_t(1) << 20;
} // namespace

int64_t loopIterationLimit() {
    const int64_t limit = loopLimit.load(std::memory_order_relaxed);
    return limit > 0 ? limit : kDefaultLoopIterationLimit;
}

void setLoopIterationLimit(int64_t iterations) {
    loopLimit.store(iterations);
}

} // namespace qs
