#include "runtime/kernelregistry.h"

#include "runtime/kernels/kernelfamilies.h"

namespace qs {

void KernelRegistry::add(const std::string& opType, KernelFactory factory, int64_t sinceOpset,
                         int64_t untilOpset) {
    entries_[opType].push_back(Entry{sinceOpset, untilOpset, std::move(factory)});
}

void KernelRegistry::addInDomain(const std::string& domain, const std::string& opType, KernelFactory factory) {
    entries_[domain + "." + opType].push_back(Entry{1, 99, std::move(factory)});
}

const KernelFactory* KernelRegistry::find(const std::string& domain, const std::string& opType,
                                          int64_t opset) const {
    bool defaultDomain = domain.empty() || domain == "ai.onnx";
    auto found = entries_.find(defaultDomain ? opType : domain + "." + opType);
    if (found == entries_.end())
        return nullptr;
    for (const Entry& entry : found->second)
        if (opset >= entry.sinceOpset && opset <= entry.untilOpset)
            return &entry.factory;
    return nullptr;
}

std::vector<std::string> KernelRegistry::opTypes() const {
    std::vector<std::string> names;
    for (const auto& entry : entries_)
        names.push_back(entry.first);
    return names;
}

static KernelRegistry makeBuiltinRegistry() {
    KernelRegistry registry;
    registerElementwiseKernels(registry);
    registerShapeKernels(registry);
    registerConvKernels(registry);
    registerMatMulKernels(registry);
    registerPoolKernels(registry);
    registerNormalizationKernels(registry);
    registerReduceKernels(registry);
    registerQuantizeKernels(registry);
    registerConvTransposeKernels(registry);
    registerResizeKernels(registry);
    registerTopKKernels(registry);
    registerIndexingKernels(registry);
    registerLrnKernels(registry);
    registerEinsumKernels(registry);
    registerControlFlowKernels(registry);
    registerNonMaxSuppressionKernels(registry);
    return registry;
}

const KernelRegistry& builtinKernelRegistry() {
    static const KernelRegistry registry = makeBuiltinRegistry();
    return registry;
}

} // namespace qs
