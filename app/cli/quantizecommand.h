#pragma once
// `quantscope-cli quantize MODEL --calib DIR --config CFG.json --output OUT.onnx [--eval DIR]
// [--report OUT.html [--previous OLD.json]] [--input-shape NAME=d0,...] [--threads N] [--sensitivity N]
// [--json]`: calibrates, quantizes, evaluates and exports a quantized ONNX model with its plan JSON beside
// it, and with --report the review report (OUT.html, OUT.pdf and OUT.json; core/report/reviewreport.h).

#include <string>
#include <vector>

namespace qs::cli {

int runQuantize(const std::vector<std::string>& args);

} // namespace qs::cli
