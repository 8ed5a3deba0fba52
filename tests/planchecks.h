#pragma once
// Field-by-field comparison of two quantization plans (a project round trip, a restored autosave).

#include "quant/quantplan.h"

#include <catch2/catch.hpp>

namespace qs::test {

inline void requireSameScheme(const QuantScheme& a, const QuantScheme& b) {
    CHECK(a.kind == b.kind);
    CHECK(a.bits == b.bits);
    CHECK(a.granularity == b.granularity);
    CHECK(a.rangeMode == b.rangeMode);
    CHECK(a.signedness == b.signedness);
}

inline void requireSamePlan(const QuantPlan& a, const QuantPlan& b) {
    REQUIRE(a.layers.size() == b.layers.size());
    for (size_t i = 0; i < a.layers.size(); ++i) {
        INFO("layer " << a.layers[i].layer.nodeName);
        CHECK(a.layers[i].layer.nodeName == b.layers[i].layer.nodeName);
        CHECK(a.layers[i].layer.weightName == b.layers[i].layer.weightName);
        requireSameScheme(a.layers[i].weights, b.layers[i].weights);
        requireSameScheme(a.layers[i].activations, b.layers[i].activations);
        CHECK(a.layers[i].weightSource == b.layers[i].weightSource);
        CHECK(a.layers[i].activationSource == b.layers[i].activationSource);
        CHECK(a.layers[i].range == b.layers[i].range);
        CHECK(a.layers[i].rangeOverridden == b.layers[i].rangeOverridden);
        CHECK(a.layers[i].inputActivations == b.layers[i].inputActivations);
        CHECK(a.layers[i].outputActivation == b.layers[i].outputActivation);
        CHECK(a.layers[i].quantizeBias == b.layers[i].quantizeBias);
    }
    REQUIRE(a.activations.size() == b.activations.size());
    for (size_t i = 0; i < a.activations.size(); ++i) {
        INFO("activation " << a.activations[i].tensor);
        CHECK(a.activations[i].tensor == b.activations[i].tensor);
        requireSameScheme(a.activations[i].scheme, b.activations[i].scheme);
        CHECK(a.activations[i].layers == b.activations[i].layers);
        CHECK(a.activations[i].range.has_value() == b.activations[i].range.has_value());
        if (a.activations[i].range && b.activations[i].range)
            CHECK(*a.activations[i].range == *b.activations[i].range);
    }
    CHECK(a.calibration.method == b.calibration.method);
    CHECK(a.calibration.percentile == b.calibration.percentile);
    CHECK(a.calibration.maxImages == b.calibration.maxImages);
    CHECK(a.calibration.batchSize == b.calibration.batchSize);
    CHECK(a.codebookInit == b.codebookInit);
    CHECK(a.biasCorrection == b.biasCorrection);
}

} // namespace qs::test
