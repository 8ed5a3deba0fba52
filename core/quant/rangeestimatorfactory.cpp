#include "quant/rangeestimatorfactory.h"

#include "quant/entropyestimator.h"
#include "quant/minmaxestimator.h"
#include "quant/mseestimator.h"
#include "quant/percentileestimator.h"
#include "util/error.h"

namespace qs {

std::unique_ptr<RangeEstimator> makeRangeEstimator(const std::string& method, const RangeOptions& options,
                                                   double percentile) {
    if (method == "minmax")
        return std::make_unique<MinMaxEstimator>(options.mode);
    if (method == "percentile")
        return std::make_unique<PercentileEstimator>(percentile, options.mode);
    if (method == "entropy")
        return std::make_unique<EntropyEstimator>(options);
    if (method == "mse")
        return std::make_unique<MseEstimator>(options);
    throw Error("unknown calibration method '" + method + "' (expected minmax, percentile, entropy or mse)");
}

std::vector<std::string> rangeEstimatorNames() {
    return {"minmax", "percentile", "entropy", "mse"};
}

} // namespace qs
