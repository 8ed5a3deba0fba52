#include "quant/weightquantizer.h"

#include "util/error.h"

#include <cmath>

namespace qs {

double meanSquaredDifference(const float* a, const float* b, size_t count) {
    if (count == 0)
        return 0.0;
    double sum = 0.0;
    for (size_t i = 0; i < count; ++i) {
        const double difference = static_cast<double>(a[i]) - static_cast<double>(b[i]);
        sum += difference * difference;
    }
    return sum / static_cast<double>(count);
}

void checkWeightValues(const WeightView& weight, size_t elementCount) {
    if (elementCount > 0 && weight.data == nullptr)
        throw Error("tensor '" + weight.name + "': no weight data to quantize");
    for (size_t i = 0; i < elementCount; ++i)
        if (!std::isfinite(weight.data[i]))
            throw Error("tensor '" + weight.name + "': element " + std::to_string(i) +
                        " is not finite (NaN or inf); cannot quantize");
}

} // namespace qs
