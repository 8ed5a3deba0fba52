#pragma once
// Shared oneDNN plumbing for the kernels that run on it: the CPU engine, plain-layout memory descriptors and
// reorders between a runtime tensor and a primitive's preferred layout.

#include "runtime/kernel.h"
#include "runtime/runtimetensor.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <vector>

namespace qs {

/// The oneDNN layout of a tensor stored blocked (see RuntimeTensor::layout()).
struct BlockedLayout {
    dnnl::memory::desc desc;
};

/// The descriptor of `tensor` as stored: its blocked layout, or plain row-major.
dnnl::memory::desc storedDesc(const RuntimeTensor& tensor);
/// A tensor for the result of a primitive whose destination is `desc`: plain when `desc` is row-major, blocked
/// (with a buffer of desc's size) otherwise.
RuntimeTensor allocateFor(const dnnl::memory::desc& desc, DataType type, const std::vector<int64_t>& dims,
                          const KernelContext& context);
/// True when `layout` stores exactly the tensor's elements (no padding), so elementwise loops may run on it.
bool isDenseLayout(const RuntimeTensor& tensor);

/// The process-wide CPU engine (stateless, created on first use).
dnnl::engine& cpuEngine();

/// Dense row-major descriptor of `dims` (float32 unless told otherwise).
dnnl::memory::desc plainDesc(const std::vector<int64_t>& dims,
                             dnnl::memory::data_type type = dnnl::memory::data_type::f32);
/// oneDNN's element type for a runtime tensor type (f32, s8, u8, s32); throws qs::Error otherwise.
dnnl::memory::data_type dnnlType(DataType type);

/// Runs `primitive` with `arguments` on a fresh stream and waits.
void executePrimitive(const dnnl::primitive& primitive, const std::unordered_map<int, dnnl::memory>& arguments);

/// A memory of `desc` holding `plain` (wrapping it directly when the layouts agree, reordering otherwise).
dnnl::memory toLayout(const RuntimeTensor& plain, const dnnl::memory::desc& desc);
/// Plain-layout descriptor of a runtime tensor, with its element type.
dnnl::memory::desc plainDescOf(const RuntimeTensor& tensor);

/// Turns a oneDNN exception into a qs::Error naming the node.
[[noreturn]] void rethrowDnnl(const dnnl::error& error, const std::string& nodeLabel);

} // namespace qs

namespace qs {
/// A new memory of `desc` holding a copy of `plain` (for cached weights that must outlive the tensor).
dnnl::memory copyToLayout(const RuntimeTensor& plain, const dnnl::memory::desc& desc);
} // namespace qs
