#include "runcommand.h"

#include "argparser.h"
#include "modelcommandargs.h"
#include "progressline.h"
#include "usageerror.h"

#include "util/outputpaths.h"

#include "model/onnxloader.h"
#include "runtime/executor.h"
#include "runtime/npy.h"

#include <filesystem>
#include <iostream>

namespace qs::cli {

namespace {

const char* const kUsage =
    "usage: quantscope-cli run MODEL --input NAME=FILE.npy [--input ...] --output-dir DIR [--threads N]\n"
    "\n"
    "Runs one inference and writes each graph output to DIR/<output name>.npy (characters outside\n"
    "[A-Za-z0-9._-] in the name become '_').\n"
    "\n"
    "options:\n"
    "  --input NAME=FILE.npy  value of graph input NAME (repeat for every input)\n"
    "  --output-dir DIR       folder for the outputs (created if missing)\n"
    "  --threads N            threads to use (default: all hardware threads)\n"
    "  -h, --help             show this help\n";

TensorMap readInputs(const std::vector<std::string>& specs) {
    TensorMap inputs;
    for (const std::string& spec : specs) {
        size_t equals = spec.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size())
            throw UsageError("--input expects NAME=FILE.npy, got '" + spec + "'");
        std::string name = spec.substr(0, equals);
        if (inputs.count(name))
            throw UsageError("input '" + name + "' given twice");
        inputs[name] = readNpy(spec.substr(equals + 1));
    }
    return inputs;
}

} // namespace

std::string sanitizedFileName(const std::string& name) {
    std::string result = name;
    for (char& c : result) {
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
        if (!keep)
            c = '_';
    }
    return result;
}

std::vector<std::string> takeRepeatedOption(std::vector<std::string>& args, const std::string& name) {
    std::vector<std::string> values;
    std::vector<std::string> rest;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--")
            break;
        if (args[i] == name) {
            if (i + 1 >= args.size())
                throw UsageError(name + " needs a value");
            values.push_back(args[++i]);
        } else if (args[i].rfind(name + "=", 0) == 0) {
            values.push_back(args[i].substr(name.size() + 1));
        } else {
            rest.push_back(args[i]);
        }
    }
    args = rest;
    return values;
}

int parsePositiveCount(const std::string& text, const std::string& option) {
    try {
        size_t used = 0;
        int value = std::stoi(text, &used);
        if (used == text.size() && value > 0)
            return value;
    } catch (const std::logic_error&) {
    }
    throw UsageError(option + " expects a positive integer, got '" + text + "'");
}

int runRun(const std::vector<std::string>& args) {
    std::vector<std::string> remaining = args;
    std::vector<std::string> inputSpecs = takeRepeatedOption(remaining, "--input");
    ArgParser parser("run");
    parser.addOption("--output-dir");
    if (!parseModelCommand(parser, remaining, kUsage))
        return 0;
    std::optional<std::string> outputDir = parser.option("--output-dir");
    if (!outputDir)
        throw UsageError("run needs --output-dir DIR");
    ExecutorOptions options = executorOptionsFrom(parser);
    TensorMap inputs = readInputs(inputSpecs);

    const std::string path = parser.positionals().front();
    ProgressLine progress("loading " + std::filesystem::path(path).filename().string());
    LoadResult loaded = loadOnnxModel(path, LoadOptions{}, progress.callback());
    progress.finish();
    checkRunMemory(parser, path, loaded.model, inputs, "run it on smaller inputs or raise --max-memory");
    Executor executor(loaded.model, options);
    loaded.model = Model(); // the executor holds its own copy of the weights

    // Output files are known before the run: one per graph output, never two outputs in one file, never an
    // input.
    std::vector<std::string> names;
    for (const ValueInfo& output : executor.outputs())
        names.push_back(sanitizedFileName(output.name));
    names = uniqueFileNames(names);
    std::vector<LabelledPath> files;
    for (size_t i = 0; i < names.size(); ++i)
        files.push_back({"the file of output '" + executor.outputs()[i].name + "'",
                         (std::filesystem::path(*outputDir) / (names[i] + ".npy")).string()});
    std::vector<LabelledPath> inputFiles = {{"the model", path}};
    for (const std::string& spec : inputSpecs)
        inputFiles.push_back({"the input file", spec.substr(spec.find('=') + 1)});
    try {
        checkOutputsDistinct(files, inputFiles);
    } catch (const Error& error) {
        throw UsageError(error.what());
    }

    TensorMap outputs = executor.run(inputs);
    std::error_code error;
    std::filesystem::create_directories(*outputDir, error);
    if (error)
        throw Error("cannot create output folder '" + *outputDir + "': " + error.message());
    for (size_t i = 0; i < files.size(); ++i) {
        const std::string& name = executor.outputs()[i].name;
        writeNpy(files[i].path, outputs.at(name));
        std::cout << name << " " << outputs.at(name).describe() << " -> " << files[i].path << '\n';
    }
    return 0;
}

} // namespace qs::cli
