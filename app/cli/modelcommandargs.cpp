#include "modelcommandargs.h"

#include "runcommand.h"
#include "usageerror.h"

#include <iostream>
#include <optional>
#include <sstream>

namespace qs::cli {

bool parseModelCommand(ArgParser& parser, const std::vector<std::string>& args, const char* usage,
                       size_t minModels) {
    parser.addOption("--threads");
    parser.addFlag("--help");
    parser.addFlag("-h");
    parser.parse(args);
    if (parser.flag("--help") || parser.flag("-h")) {
        std::cout << usage;
        return false;
    }
    parser.requirePositionals(minModels, 1, "MODEL argument");
    return true;
}

ExecutorOptions executorOptionsFrom(const ArgParser& parser) {
    ExecutorOptions options;
    if (std::optional<std::string> threads = parser.option("--threads"))
        options.threadCount = parsePositiveCount(*threads, "--threads");
    return options;
}

std::map<std::string, std::vector<int64_t>> parseInputShapes(const std::vector<std::string>& specs) {
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const std::string& spec : specs) {
        size_t equals = spec.find('=');
        if (equals == std::string::npos || equals == 0)
            throw UsageError("--input-shape expects NAME=d0,d1,..., got '" + spec + "'");
        std::vector<int64_t> dims;
        std::stringstream stream(spec.substr(equals + 1));
        std::string item;
        while (std::getline(stream, item, ','))
            dims.push_back(parsePositiveCount(item, "--input-shape " + spec.substr(0, equals)));
        shapes[spec.substr(0, equals)] = dims;
    }
    return shapes;
}

} // namespace qs::cli
