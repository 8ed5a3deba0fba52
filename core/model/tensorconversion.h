#pragma once
// Converts ONNX TensorProto / SparseTensorProto into dense little-endian qs::Tensor, whichever field the data is
// stored in (raw_data, typed fields or external data). Protobuf types are only forward-declared here.

#include "model/graph.h"

#include <string>

namespace onnx {
class TensorProto;
class SparseTensorProto;
} // namespace onnx

namespace qs {

/// Dense tensor from `proto`. External data is read relative to `baseDirectory` (refused when empty).
/// Throws Error naming the tensor when the stored size does not match its dims or data is missing.
Tensor tensorFromProto(const onnx::TensorProto& proto, const std::string& baseDirectory);

/// Dense tensor (zeros where no value is stored) from a sparse tensor.
Tensor tensorFromSparseProto(const onnx::SparseTensorProto& proto, const std::string& baseDirectory);

} // namespace qs
