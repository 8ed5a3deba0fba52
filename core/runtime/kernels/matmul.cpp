// MatMul (numpy semantics: 1-D promotion, batched, broadcast batch dims) and Gemm (transposes, alpha, beta,
// broadcast C), both on oneDNN's sgemm, which threads with OpenMP.

#include "runtime/kernelregistry.h"
#include "runtime/kernels/broadcast.h"
#include "runtime/kernels/dnnlsupport.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <cstring>

namespace qs {

namespace {

void sgemm(const Node& node, bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
           const float* b, float beta, float* c) {
    int64_t lda = transA ? m : k;
    int64_t ldb = transB ? k : n;
    dnnl::status status = dnnl::sgemm(transA ? 'T' : 'N', transB ? 'T' : 'N', m, n, k, alpha, a, lda, b, ldb, beta, c, n);
    if (status != dnnl::status::success)
        failNode(node, "sgemm failed with status " + std::to_string(static_cast<int>(status)));
}

class MatMulKernel : public Kernel {
public:
    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        if (inputs.size() != 2 || !inputs[0] || !inputs[1])
            failNode(node, "expects two inputs");
        const RuntimeTensor& a = *inputs[0];
        const RuntimeTensor& b = *inputs[1];
        if (a.type() != DataType::Float || b.type() != DataType::Float)
            failNode(node, "supports float32 only, got " + a.describe() + " and " + b.describe());
        if (a.rank() == 0 || b.rank() == 0)
            failNode(node, "inputs must have rank >= 1");
        std::vector<int64_t> aDims = a.rank() == 1 ? std::vector<int64_t>{1, a.dims()[0]} : a.dims();
        std::vector<int64_t> bDims = b.rank() == 1 ? std::vector<int64_t>{b.dims()[0], 1} : b.dims();
        int64_t m = aDims[aDims.size() - 2];
        int64_t k = aDims.back();
        int64_t n = bDims.back();
        if (bDims[bDims.size() - 2] != k)
            failNode(node, "inner dims differ: " + a.describe() + " x " + b.describe());
        std::vector<int64_t> aBatch(aDims.begin(), aDims.end() - 2);
        std::vector<int64_t> bBatch(bDims.begin(), bDims.end() - 2);
        std::vector<int64_t> batch = broadcastDims({aBatch, bBatch}, nodeLabel(node));
        std::vector<int64_t> outDims = batch;
        if (a.rank() > 1)
            outDims.push_back(m);
        if (b.rank() > 1)
            outDims.push_back(n);
        outputs[0] = context.allocate(DataType::Float, outDims);
        float* out = outputs[0].data<float>();
        if (outputs[0].elementCount() == 0)
            return;
        if (k == 0) {
            std::memset(out, 0, outputs[0].sizeBytes());
            return;
        }
        if (bBatch.empty() || elementCountOf(bBatch) == 1) {
            int64_t rows = elementCountOf(aBatch) * m;
            if (elementCountOf(batch) == elementCountOf(aBatch)) {
                sgemm(node, false, false, rows, n, k, 1.0f, a.data<float>(), b.data<float>(), 0.0f, out);
                return;
            }
        }
        const std::vector<int64_t> strides[2] = {broadcastStrides(aBatch, batch), broadcastStrides(bBatch, batch)};
        std::vector<int64_t> batchRows = batch;
        batchRows.push_back(1);
        const std::vector<int64_t> rowStrides[2] = {
            [&] { auto s = strides[0]; s.push_back(0); return s; }(),
            [&] { auto s = strides[1]; s.push_back(0); return s; }()};
        forEachBroadcastRow<2>(batchRows, rowStrides, [&](int64_t o, const int64_t* offsets, int64_t, const int64_t*) {
            sgemm(node, false, false, m, n, k, 1.0f, a.data<float>() + offsets[0] * m * k,
                  b.data<float>() + offsets[1] * k * n, 0.0f, out + o * m * n);
        });
    }
};

class GemmKernel : public Kernel {
public:
    explicit GemmKernel(const Node& node)
        : alpha_(attrFloat(node, "alpha", 1.0f)), beta_(attrFloat(node, "beta", 1.0f)),
          transA_(attrInt(node, "transA", 0) != 0), transB_(attrInt(node, "transB", 0) != 0) {}

    void run(const std::vector<const RuntimeTensor*>& inputs, std::vector<RuntimeTensor>& outputs,
             KernelContext& context) override {
        const Node& node = *context.node;
        if (inputs.size() < 2 || !inputs[0] || !inputs[1])
            failNode(node, "expects inputs A and B");
        const RuntimeTensor& a = *inputs[0];
        const RuntimeTensor& b = *inputs[1];
        const RuntimeTensor* c = inputs.size() > 2 ? inputs[2] : nullptr;
        if (a.type() != DataType::Float || b.type() != DataType::Float || (c && c->type() != DataType::Float))
            failNode(node, "supports float32 only");
        if (a.rank() != 2 || b.rank() != 2)
            failNode(node, "A and B must be matrices, got " + a.describe() + " and " + b.describe());
        int64_t m = transA_ ? a.dims()[1] : a.dims()[0];
        int64_t k = transA_ ? a.dims()[0] : a.dims()[1];
        int64_t kB = transB_ ? b.dims()[1] : b.dims()[0];
        int64_t n = transB_ ? b.dims()[0] : b.dims()[1];
        if (k != kB)
            failNode(node, "inner dims differ: " + a.describe() + " x " + b.describe());
        outputs[0] = context.allocate(DataType::Float, {m, n});
        float* out = outputs[0].data<float>();
        float beta = 0.0f;
        if (c && beta_ != 0.0f) {
            fillBias(node, *c, outputs[0]);
            beta = beta_;
        }
        if (outputs[0].elementCount() == 0)
            return;
        if (k == 0) {
            for (int64_t i = 0; i < m * n; ++i)
                out[i] *= beta;
            if (beta == 0.0f)
                std::memset(out, 0, outputs[0].sizeBytes());
            return;
        }
        sgemm(node, transA_, transB_, m, n, k, alpha_, a.data<float>(), b.data<float>(), beta, out);
    }

private:
    static void fillBias(const Node& node, const RuntimeTensor& c, RuntimeTensor& y) {
        std::vector<int64_t> dims = broadcastDims({c.dims(), y.dims()}, nodeLabel(node));
        if (dims != y.dims())
            failNode(node, "C " + c.describe() + " does not broadcast to " + y.describe());
        const std::vector<int64_t> strides[1] = {broadcastStrides(c.dims(), y.dims())};
        const float* source = c.data<float>();
        float* target = y.data<float>();
        forEachBroadcastRow<1>(y.dims(), strides, [&](int64_t o, const int64_t* offsets, int64_t n, const int64_t* inner) {
            for (int64_t i = 0; i < n; ++i)
                target[o + i] = source[offsets[0] + i * inner[0]];
        });
    }

    float alpha_;
    float beta_;
    bool transA_;
    bool transB_;
};

} // namespace

void registerMatMulKernels(KernelRegistry& registry) {
    registry.add("MatMul", [](const Node&, int64_t) { return std::make_unique<MatMulKernel>(); });
    registry.add("Gemm", [](const Node& node, int64_t) { return std::make_unique<GemmKernel>(node); });
}

} // namespace qs
