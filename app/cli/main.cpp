// quantscope-cli: dispatches `quantscope-cli <command> [args]` to the commands listed below.

#include "benchcommand.h"
#include "command.h"
#include "evaluatecommand.h"
#include "inspectcommand.h"
#include "preprocesscommand.h"
#include "quantizecommand.h"
#include "reportdiffcommand.h"
#include "runcommand.h"
#include "usageerror.h"

#include "util/atomicfile.h"
#include "util/error.h"
#include "util/printablename.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#ifndef QS_VERSION
#define QS_VERSION "unknown"
#endif

namespace {

using qs::cli::Command;

/// Every command of the tool. To add one, write its run function in its own file and add a line here.
const Command kCommands[] = {
    {"inspect", "show a model's opsets, operators, inputs, outputs and quantizable layers",
     qs::cli::runInspect},
    {"run", "run one inference on .npy inputs and write the outputs as .npy files", qs::cli::runRun},
    {"bench", "time inference and print median and minimum latency", qs::cli::runBench},
    {"quantize", "calibrate, quantize, evaluate and export a quantized ONNX model", qs::cli::runQuantize},
    {"evaluate", "compare two models (float and quantized) on an image folder", qs::cli::runEvaluate},
    {"preprocess", "write an image folder's preprocessed tensors and labels as .npy files",
     qs::cli::runPreprocess},
    {"report-diff", "compare two quantization runs (the JSON beside quantize --report)",
     qs::cli::runReportDiff},
};

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

void printHelp(std::ostream& out) {
    out << "usage: quantscope-cli <command> [args]\n"
           "       quantscope-cli <command> --help\n"
           "\n"
           "Post-training quantization of ONNX models from the command line.\n"
           "\n"
           "commands:\n";
    size_t width = 0;
    for (const Command& command : kCommands)
        width = std::max(width, std::strlen(command.name));
    for (const Command& command : kCommands)
        out << "  " << command.name << std::string(width + 2 - std::strlen(command.name), ' ')
            << command.summary << '\n';
    out << "\noptions:\n  -h, --help  show this help\n  --version   show the version\n";
}

const Command* findCommand(const std::string& name) {
    for (const Command& command : kCommands) {
        if (name == command.name)
            return &command;
    }
    return nullptr;
}

int dispatch(const std::vector<std::string>& args) {
    if (args.empty())
        throw qs::cli::UsageError("missing command (see quantscope-cli --help)");
    const std::string& first = args.front();
    if (first == "--help" || first == "-h" || first == "help") {
        printHelp(std::cout);
        return 0;
    }
    if (first == "--version") {
        std::cout << "quantscope-cli " << QS_VERSION << '\n';
        return 0;
    }
    const Command* command = findCommand(first);
    if (!command) {
        const char* what = first.size() > 1 && first[0] == '-' ? "option" : "command";
        throw qs::cli::UsageError(std::string("unknown ") + what + " '" + first +
                                  "' (see quantscope-cli --help)");
    }
    return command->run(std::vector<std::string>(args.begin() + 1, args.end()));
}

} // namespace

int main(int argc, char** argv) {
    qs::removeTemporaryFilesOnSignals(); // an interrupted write leaves nothing behind
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return dispatch(args);
    } catch (const qs::Cancelled&) {
        std::cerr << "quantscope-cli: cancelled\n";
        return kExitFailure;
    } catch (const qs::cli::UsageError& error) {
        std::cerr << "quantscope-cli: " << qs::printableName(error.what()) << '\n';
        return kExitUsage;
    } catch (const qs::Error& error) {
        // qs::Error keeps its message printable (no NUL byte cuts it short, no line break splits it).
        std::cerr << "quantscope-cli: error: " << error.what() << '\n';
        return kExitFailure;
    } catch (const std::exception& error) {
        std::cerr << "quantscope-cli: error: unexpected failure: " << qs::printableName(error.what()) << '\n';
        return kExitFailure;
    }
}
