#include "runtime/kernel.h"

#include "runtime/nodeattributes.h"

namespace qs {

RuntimeTensor KernelContext::allocate(DataType type, std::vector<int64_t> dims) const {
    if (!pool)
        return RuntimeTensor(type, std::move(dims));
    size_t bytes = static_cast<size_t>(elementCountOf(dims)) * runtimeElementSize(type);
    return RuntimeTensor(type, std::move(dims), pool->acquire(bytes));
}

void failNode(const Node& node, const std::string& what) { throw Error(nodeLabel(node) + ": " + what); }

void unsupportedNode(const Node& node, const std::string& what) {
    throw UnsupportedError(nodeLabel(node) + ": " + what);
}

} // namespace qs
