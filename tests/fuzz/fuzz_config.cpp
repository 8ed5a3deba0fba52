// Fuzz target: bytes as a --config JSON file. Parses them the way the CLI does, then checks that the parsed
// config survives quantConfigToJson -> parseQuantConfig unchanged and resolves it against the demo model's
// graph (per-layer overrides and float layers name its nodes). qs::Error is the expected outcome for a bad
// config; another exception escapes, and a broken round trip aborts.

#include "fuzzsupport.h"

#include "model/onnxloader.h"
#include "quant/quantconfig.h"
#include "quant/quantplan.h"

#include <string>

namespace {

const qs::Graph& demoGraph() {
    static const qs::Model model = qs::loadOnnxModel(QS_FUZZ_RESOURCES_DIR "/demo/model.onnx").model;
    return model.graph;
}

void checkConfig(const std::string& text) {
    const qs::QuantConfig config = qs::parseQuantConfig(text, "fuzz.json");
    const std::string written = qs::quantConfigToJson(config);
    qs::QuantConfig reread;
    try {
        reread = qs::parseQuantConfig(written, "written.json");
    } catch (const qs::Error& error) {
        qs::fuzz::fail(std::string("the written config does not parse: ") + error.what() + "\n" + written);
    }
    const std::string rewritten = qs::quantConfigToJson(reread);
    if (rewritten != written)
        qs::fuzz::fail("the config changes in a round trip:\n" + written + "\nbecame\n" + rewritten);
    qs::buildQuantPlan(demoGraph(), config);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    demoGraph();
    try {
        checkConfig(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const qs::Error&) {
        // Malformed JSON, an unknown key, a value out of range or a layer the model lacks.
    }
    return 0;
}
