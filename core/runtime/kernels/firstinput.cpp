#include "runtime/kernels/firstinput.h"

namespace qs {

const RuntimeTensor& firstInput(const Node& node, const std::vector<const RuntimeTensor*>& inputs) {
    if (inputs.empty() || !inputs[0])
        failNode(node, "missing input");
    return *inputs[0];
}

} // namespace qs
