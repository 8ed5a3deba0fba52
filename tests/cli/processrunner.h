#pragma once
// Runs a program as a child process and captures what it writes and how it ends, for tests that drive the
// command-line tool from the outside.

#include <string>
#include <vector>

namespace qs::test {

struct ProcessResult {
    int exitCode = -1;    ///< exit status, or 128 + signal number when killed by a signal
    std::string out;      ///< everything written to stdout
    std::string err;      ///< everything written to stderr

    /// Lines of `err` (without the trailing newline of the last one).
    std::vector<std::string> errLines() const;
};

/// Runs `argv[0]` with the arguments `argv[1..]` (no shell), stdin from /dev/null. Throws std::runtime_error when
/// the process cannot be started.
ProcessResult runProcess(const std::vector<std::string>& argv);

/// Runs the quantscope-cli binary under test (QS_CLI_PATH) with `args`.
ProcessResult runCli(const std::vector<std::string>& args);

} // namespace qs::test
