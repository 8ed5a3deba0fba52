#include "inspectcommand.h"

#include "argparser.h"
#include "inspectreport.h"
#include "inspecttext.h"
#include "progressline.h"

#include <filesystem>
#include <iostream>

namespace qs::cli {

namespace {

const char* const kUsage =
    "usage: quantscope-cli inspect MODEL [--json]\n"
    "\n"
    "Shows what an ONNX model contains: opsets, producer, node and parameter counts, operator histogram,\n"
    "inputs and outputs, and the quantizable layers with their weight ranges.\n"
    "\n"
    "options:\n"
    "  --json      print one JSON object instead of text\n"
    "  -h, --help  show this help\n";

/// Size of the model file; throws Error naming the file when it is missing or not a regular file.
int64_t checkedFileSize(const std::string& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status))
        throw Error("cannot open '" + path + "': no such file");
    if (!std::filesystem::is_regular_file(status))
        throw Error("cannot open '" + path + "': not a regular file");
    const auto sizeBytes = std::filesystem::file_size(path, error);
    if (error)
        throw Error("cannot read '" + path + "': " + error.message());
    return int64_t(sizeBytes);
}

LoadResult loadWithProgress(const std::string& path) {
    ProgressLine progress("loading " + std::filesystem::path(path).filename().string());
    LoadResult result = loadOnnxModel(path, LoadOptions{}, progress.callback());
    progress.finish();
    return result;
}

} // namespace

int runInspect(const std::vector<std::string>& args) {
    ArgParser parser("inspect");
    parser.addFlag("--json");
    parser.addFlag("--help");
    parser.addFlag("-h");
    parser.parse(args);
    if (parser.flag("--help") || parser.flag("-h")) {
        std::cout << kUsage;
        return 0;
    }
    parser.requirePositionals(1, 1, "MODEL argument");
    const std::string path = parser.positionals().front();

    const int64_t fileSizeBytes = checkedFileSize(path);
    const LoadResult result = loadWithProgress(path);
    const nlohmann::ordered_json report = makeInspectReport(result, fileSizeBytes);
    if (parser.flag("--json"))
        std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    else
        printInspectText(report, std::cout);
    std::cout.flush();
    return std::cout.good() ? 0 : 1;
}

} // namespace qs::cli
