#include "runtime/kernels/dnnlsupport.h"

#include "util/error.h"

namespace qs {

dnnl::engine& cpuEngine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

dnnl::memory::data_type dnnlType(DataType type) {
    switch (type) {
    case DataType::Float: return dnnl::memory::data_type::f32;
    case DataType::Int8: return dnnl::memory::data_type::s8;
    case DataType::UInt8: return dnnl::memory::data_type::u8;
    case DataType::Int32: return dnnl::memory::data_type::s32;
    default: throw Error("no oneDNN element type for " + std::to_string(static_cast<int>(type)));
    }
}

dnnl::memory::desc plainDescOf(const RuntimeTensor& tensor) { return plainDesc(tensor.dims(), dnnlType(tensor.type())); }

dnnl::memory::desc plainDesc(const std::vector<int64_t>& dims, dnnl::memory::data_type type) {
    dnnl::memory::dims strides(dims.size(), 1);
    for (size_t d = dims.size(); d-- > 1;)
        strides[d - 1] = strides[d] * dims[d];
    return dnnl::memory::desc(dnnl::memory::dims(dims.begin(), dims.end()), type, strides);
}

void executePrimitive(const dnnl::primitive& primitive, const std::unordered_map<int, dnnl::memory>& arguments) {
    dnnl::stream stream(cpuEngine());
    primitive.execute(stream, arguments);
    stream.wait();
}

dnnl::memory::desc storedDesc(const RuntimeTensor& tensor) {
    return tensor.layout() ? tensor.layout()->desc : plainDescOf(tensor);
}

RuntimeTensor allocateFor(const dnnl::memory::desc& desc, DataType type, const std::vector<int64_t>& dims,
                          const KernelContext& context) {
    if (desc == plainDesc(dims, dnnlType(type)))
        return context.allocate(type, dims);
    std::shared_ptr<AlignedBuffer> buffer = context.pool ? context.pool->acquire(desc.get_size())
                                                         : std::make_shared<AlignedBuffer>(desc.get_size());
    RuntimeTensor tensor(type, dims, std::move(buffer));
    tensor.setLayout(std::make_shared<BlockedLayout>(BlockedLayout{desc}));
    return tensor;
}

bool isDenseLayout(const RuntimeTensor& tensor) {
    return !tensor.layout() || tensor.layout()->desc.get_size() == tensor.sizeBytes();
}

RuntimeTensor toPlainLayout(const RuntimeTensor& tensor, BufferPool* pool) {
    if (!tensor.layout())
        return tensor;
    KernelContext context;
    context.pool = pool;
    RuntimeTensor plain = context.allocate(tensor.type(), tensor.dims());
    dnnl::memory source(tensor.layout()->desc, cpuEngine(), const_cast<void*>(tensor.raw()));
    dnnl::memory target(plainDescOf(plain), cpuEngine(), plain.raw());
    executePrimitive(dnnl::reorder(source, target), {{DNNL_ARG_FROM, source}, {DNNL_ARG_TO, target}});
    plain.setContentId(tensor.contentId());
    return plain;
}

dnnl::memory toLayout(const RuntimeTensor& plain, const dnnl::memory::desc& desc) {
    dnnl::memory::desc plainMd = storedDesc(plain);
    auto* data = const_cast<void*>(plain.raw());
    dnnl::memory source(plainMd, cpuEngine(), data);
    if (plainMd == desc)
        return source;
    dnnl::memory target(desc, cpuEngine());
    dnnl::reorder reorder(source, target);
    executePrimitive(reorder, {{DNNL_ARG_FROM, source}, {DNNL_ARG_TO, target}});
    return target;
}

void rethrowDnnl(const dnnl::error& error, const std::string& nodeLabel) {
    throw Error(nodeLabel + ": oneDNN failed: " + error.what());
}

} // namespace qs

namespace qs {
dnnl::memory copyToLayout(const RuntimeTensor& plain, const dnnl::memory::desc& desc) {
    dnnl::memory source(storedDesc(plain), cpuEngine(), const_cast<void*>(plain.raw()));
    dnnl::memory target(desc, cpuEngine());
    executePrimitive(dnnl::reorder(source, target), {{DNNL_ARG_FROM, source}, {DNNL_ARG_TO, target}});
    return target;
}
} // namespace qs
