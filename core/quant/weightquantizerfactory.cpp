#include "quant/weightquantizerfactory.h"

#include "quant/logquantizer.h"
#include "quant/uniformquantizer.h"
#include "util/error.h"

namespace qs {

std::unique_ptr<WeightQuantizer> makeWeightQuantizer(const QuantScheme& scheme, const std::string& layerName,
                                                     const CodebookOptions& codebook) {
    scheme.validate(TensorRole::Weight, layerName);
    switch (scheme.kind) {
    case SchemeKind::Uniform:
        return std::make_unique<UniformQuantizer>(
            UniformOptions{scheme.bits, scheme.signedness, scheme.rangeMode, scheme.granularity});
    case SchemeKind::Log:
        return std::make_unique<LogQuantizer>(LogOptions{scheme.bits, scheme.granularity});
    case SchemeKind::Codebook: {
        CodebookOptions options = codebook;
        options.bits = scheme.bits;
        options.granularity = scheme.granularity;
        return std::make_unique<CodebookQuantizer>(options);
    }
    case SchemeKind::Float:
        break;
    }
    throw Error("layer '" + layerName + "': weights kept in float need no quantizer");
}

} // namespace qs
