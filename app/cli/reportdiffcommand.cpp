#include "reportdiffcommand.h"

#include "argparser.h"
#include "usageerror.h"

#include "report/reportdiff.h"

#include <iostream>

namespace qs::cli {

namespace {

const char* const kUsage =
    "usage: quantscope-cli report-diff BEFORE.json AFTER.json [--json]\n"
    "\n"
    "Compares two quantization runs of a model. BEFORE and AFTER are the OUT.json files that\n"
    "`quantize --report OUT.html` writes beside the report (the `quantize --json` summary works too, "
    "without\n"
    "range methods and isolated SQNR). Prints the change of quantized accuracy, agreement and size, then "
    "every\n"
    "layer whose strategy (scheme, bits, granularity, range method, kept float) or error (cumulative SQNR,\n"
    "isolated SQNR, sensitivity) changed, the largest error change first.\n"
    "\n"
    "options:\n"
    "  --json       print the differences as JSON\n"
    "  -h, --help   show this help\n";

} // namespace

int runReportDiff(const std::vector<std::string>& args) {
    ArgParser parser("report-diff");
    parser.addFlag("--json");
    parser.addFlag("--help");
    parser.addFlag("-h");
    parser.parse(args);
    if (parser.flag("--help") || parser.flag("-h")) {
        std::cout << kUsage;
        return 0;
    }
    if (parser.positionals().size() != 2)
        throw UsageError("report-diff needs two run files, BEFORE.json AFTER.json (see quantscope-cli "
                         "report-diff --help)");
    const RunRecord before = loadRunRecord(parser.positionals()[0]);
    const RunRecord after = loadRunRecord(parser.positionals()[1]);
    const ReportDiff diff = diffRuns(before, after);
    if (parser.flag("--json"))
        std::cout << reportDiffJson(diff).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << '\n';
    else
        std::cout << reportDiffText(diff);
    return 0;
}

} // namespace qs::cli
