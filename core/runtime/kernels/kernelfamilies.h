#pragma once
// Registration entry points of the kernel families, one per file in this folder.

namespace qs {

class KernelRegistry;

void registerElementwiseKernels(KernelRegistry& registry);     ///< elementwise.cpp: unary/binary math, Where
void registerShapeKernels(KernelRegistry& registry);           ///< shapeops.cpp: Reshape, Concat, Gather, ...
void registerConvKernels(KernelRegistry& registry);            ///< conv.cpp: Conv on oneDNN
void registerMatMulKernels(KernelRegistry& registry);          ///< matmul.cpp: MatMul, Gemm
void registerPoolKernels(KernelRegistry& registry);            ///< pool.cpp: Max/AveragePool, global pools
void registerNormalizationKernels(KernelRegistry& registry);   ///< normalization.cpp: Softmax, BatchNorm, ...
void registerReduceKernels(KernelRegistry& registry);          ///< reduce.cpp: Reduce*, ArgMax/ArgMin
void registerQuantizeKernels(KernelRegistry& registry);        ///< quantize.cpp: Quantize/DequantizeLinear (+ contrib)
void registerConvTransposeKernels(KernelRegistry& registry);   ///< convtranspose.cpp: ConvTranspose on oneDNN
void registerResizeKernels(KernelRegistry& registry);          ///< resize.cpp: Resize, Upsample
void registerTopKKernels(KernelRegistry& registry);            ///< topk.cpp: TopK
void registerIndexingKernels(KernelRegistry& registry);        ///< indexing.cpp: GatherND, ScatterElements, ...
void registerLrnKernels(KernelRegistry& registry);             ///< lrn.cpp: LRN
void registerEinsumKernels(KernelRegistry& registry);          ///< einsum.cpp: Einsum
void registerControlFlowKernels(KernelRegistry& registry);     ///< controlflow.cpp: If, Loop, Scan
void registerNonMaxSuppressionKernels(KernelRegistry& registry);  ///< nonmaxsuppression.cpp: NonMaxSuppression

} // namespace qs
