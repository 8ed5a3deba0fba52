#pragma once
// The one required input of a single-input kernel (unary math, pooling).

#include "runtime/kernel.h"
#include "runtime/runtimetensor.h"

#include <vector>

namespace qs {

/// `inputs[0]`; throws qs::Error naming `node` ("missing input") when it is absent.
const RuntimeTensor& firstInput(const Node& node, const std::vector<const RuntimeTensor*>& inputs);

} // namespace qs
