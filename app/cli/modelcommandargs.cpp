#include "modelcommandargs.h"

#include "runcommand.h"

#include <iostream>
#include <optional>

namespace qs::cli {

bool parseModelCommand(ArgParser& parser, const std::vector<std::string>& args, const char* usage) {
    parser.addOption("--threads");
    parser.addFlag("--help");
    parser.addFlag("-h");
    parser.parse(args);
    if (parser.flag("--help") || parser.flag("-h")) {
        std::cout << usage;
        return false;
    }
    parser.requirePositionals(1, 1, "MODEL argument");
    return true;
}

ExecutorOptions executorOptionsFrom(const ArgParser& parser) {
    ExecutorOptions options;
    if (std::optional<std::string> threads = parser.option("--threads"))
        options.threadCount = parsePositiveCount(*threads, "--threads");
    return options;
}

} // namespace qs::cli
