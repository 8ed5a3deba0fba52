#include "processrunner.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qs::test {

namespace {

void closePipe(int fds[2]) {
    for (int index = 0; index < 2; ++index) {
        if (fds[index] >= 0)
            ::close(fds[index]);
        fds[index] = -1;
    }
}

[[noreturn]] void execChild(const std::vector<std::string>& argv, int outFd, int errFd, int timeoutSeconds) {
    if (timeoutSeconds > 0)
        ::alarm(static_cast<unsigned>(timeoutSeconds)); // SIGALRM ends a hang
    const int nullFd = ::open("/dev/null", O_RDONLY);
    if (nullFd >= 0)
        ::dup2(nullFd, STDIN_FILENO);
    ::dup2(outFd, STDOUT_FILENO);
    ::dup2(errFd, STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    const std::string message = "cannot execute " + argv[0] + ": " + std::strerror(errno) + "\n";
    (void)!::write(STDERR_FILENO, message.data(), message.size());
    ::_exit(127);
}

/// Reads both pipes until both are closed, so that neither child stream can fill up and block.
void drain(int outFd, int errFd, std::string& out, std::string& err) {
    pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open = 2;
    char buffer[65536];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            throw std::runtime_error(std::string("poll failed: ") + std::strerror(errno));
        }
        for (int index = 0; index < 2; ++index) {
            if (fds[index].fd < 0 || !(fds[index].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t count = ::read(fds[index].fd, buffer, sizeof buffer);
            if (count > 0) {
                sinks[index]->append(buffer, size_t(count));
            } else if (count == 0 || errno != EINTR) {
                fds[index].fd = -1;
                --open;
            }
        }
    }
}

int waitForExit(pid_t pid, uint64_t& peakResidentBytes) {
    int status = 0;
    struct rusage usage {};
    while (::wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR)
            throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    }
    peakResidentBytes = uint64_t(usage.ru_maxrss) * 1024;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

} // namespace

std::vector<std::string> ProcessResult::errLines() const {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < err.size()) {
        const size_t end = err.find('\n', start);
        lines.push_back(err.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return lines;
}

ProcessResult runProcess(const std::vector<std::string>& argv, int timeoutSeconds) {
    if (argv.empty())
        throw std::runtime_error("runProcess: no program given");
    int outPipe[2] = {-1, -1};
    int errPipe[2] = {-1, -1};
    if (::pipe2(outPipe, O_CLOEXEC) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0) {
        closePipe(outPipe);
        throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        closePipe(outPipe);
        closePipe(errPipe);
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    }
    if (pid == 0)
        execChild(argv, outPipe[1], errPipe[1], timeoutSeconds);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    ProcessResult result;
    drain(outPipe[0], errPipe[0], result.out, result.err);
    ::close(outPipe[0]);
    ::close(errPipe[0]);
    result.exitCode = waitForExit(pid, result.peakResidentBytes);
    return result;
}

ProcessResult runCli(const std::vector<std::string>& args, int timeoutSeconds) {
    std::vector<std::string> argv{QS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return runProcess(argv, timeoutSeconds);
}

} // namespace qs::test
