#pragma once
// One sub-command of quantscope-cli. Commands are listed in the table in main.cpp; adding a command means
// writing its run function in its own file and adding one line to that table.

#include <string>
#include <vector>

namespace qs::cli {

/// Runs a command with the arguments that follow its name. Returns the exit status. Throws UsageError for bad
/// arguments and qs::Error when the work fails; the dispatcher turns both into one line on stderr.
using CommandFunction = int (*)(const std::vector<std::string>& args);

struct Command {
    const char* name = "";
    const char* summary = ""; ///< one line for the overview printed by --help
    CommandFunction run = nullptr;
};

} // namespace qs::cli
