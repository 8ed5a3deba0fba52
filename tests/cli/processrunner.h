#pragma once
// Runs a program as a child process and captures what it writes and how it ends, for tests that drive the
// command-line tool from the outside.

#include <cstdint>
#include <string>
#include <vector>

namespace qs::test {

struct ProcessResult {
    int exitCode = -1;              ///< exit status, or 128 + signal number when killed by a signal
    std::string out;                ///< everything written to stdout
    std::string err;                ///< everything written to stderr
    uint64_t peakResidentBytes = 0; ///< the child's peak resident set size, as the kernel reports it

    /// Lines of `err` (without the trailing newline of the last one).
    std::vector<std::string> errLines() const;
};

/// Runs `argv[0]` with the arguments `argv[1..]` (no shell), stdin from /dev/null. Throws std::runtime_error
/// when the process cannot be started. With `timeoutSeconds` > 0 the child gets SIGALRM after that long (exit
/// code 128 + SIGALRM).
ProcessResult runProcess(const std::vector<std::string>& argv, int timeoutSeconds = 0);

/// Runs the quantscope-cli binary under test (QS_CLI_PATH) with `args`.
ProcessResult runCli(const std::vector<std::string>& args, int timeoutSeconds = 0);

} // namespace qs::test
