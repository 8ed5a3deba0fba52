// writeFileAtomically: readers of `path` see the old file or the complete new one,
// never a partial write, and a failure leaves no temporary file behind.

#include "util/atomicfile.h"

#include "util/error.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qs {

namespace fs = std::filesystem;

namespace {

/// Temporary files being written, for the signal handler: a fixed table so that it needs no allocation or
/// lock. A slot is 0 (free), 1 (being filled) or 2 (holds a path the handler may remove).
constexpr int kTemporarySlots = 32;
constexpr size_t kTemporaryPathBytes = 4096;
std::atomic<int> temporaryState[kTemporarySlots];
char temporaryPaths[kTemporarySlots][kTemporaryPathBytes];

int registerTemporary(const std::string& path) {
    if (path.size() >= kTemporaryPathBytes)
        return -1;
    for (int slot = 0; slot < kTemporarySlots; ++slot) {
        int expected = 0;
        if (temporaryState[slot].compare_exchange_strong(expected, 1)) {
            std::memcpy(temporaryPaths[slot], path.c_str(), path.size() + 1);
            temporaryState[slot].store(2);
            return slot;
        }
    }
    return -1;
}

void unregisterTemporary(int slot) {
    if (slot >= 0)
        temporaryState[slot].store(0);
}

extern "C" void removeTemporariesAndExit(int signalNumber) {
    for (int slot = 0; slot < kTemporarySlots; ++slot)
        if (temporaryState[slot].load() == 2)
            ::unlink(temporaryPaths[slot]);
    ::signal(signalNumber, SIG_DFL);
    ::raise(signalNumber);
}

/// Blocks the signals that remove temporary files for as long as it lives (on this thread).
struct SignalsBlocked {
    sigset_t previous;
    SignalsBlocked() {
        sigset_t blocked;
        sigemptyset(&blocked);
        sigaddset(&blocked, SIGINT);
        sigaddset(&blocked, SIGTERM);
        sigaddset(&blocked, SIGHUP);
        ::pthread_sigmask(SIG_BLOCK, &blocked, &previous);
    }
    ~SignalsBlocked() { ::pthread_sigmask(SIG_SETMASK, &previous, nullptr); }
};

/// Removes the temporary file unless released.
struct TemporaryFile {
    std::string path;
    int fd = -1;
    int slot = -1;
    bool keep = false;
    ~TemporaryFile() {
        if (fd >= 0)
            ::close(fd);
        if (!keep && !path.empty())
            ::unlink(path.c_str());
        unregisterTemporary(slot);
    }
};

std::string systemError(const std::string& what) {
    return what + ": " + std::strerror(errno);
}

void writeAll(int fd, const std::string& bytes) {
    size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t result = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (result < 0 && errno == EINTR)
            continue;
        if (result <= 0)
            throw Error(systemError("cannot write"));
        written += size_t(result);
    }
}

void syncDirectory(const fs::path& directory) {
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    try {
        if (path.empty())
            throw Error("no file name given");
        const fs::path target(path);
        const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
        std::error_code error;
        if (!fs::is_directory(directory, error))
            throw Error("the folder '" + directory.string() + "' does not exist");
        if (fs::is_directory(target, error))
            throw Error("is a folder");
        TemporaryFile temporary;
        std::string pattern = (directory / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
        {
            // No signal between creating the temporary file and registering it for removal.
            const SignalsBlocked blocked;
            temporary.fd = ::mkstemp(pattern.data());
            if (temporary.fd >= 0) {
                temporary.path = pattern;
                temporary.slot = registerTemporary(pattern);
            }
        }
        if (temporary.fd < 0)
            throw Error(systemError("cannot create a file in '" + directory.string() + "'"));
        ::fchmod(temporary.fd, 0644);
        writeAll(temporary.fd, bytes);
        if (::fsync(temporary.fd) != 0)
            throw Error(systemError("cannot flush"));
        const int fd = temporary.fd;
        temporary.fd = -1;
        if (::close(fd) != 0)
            throw Error(systemError("cannot close"));
        if (::rename(temporary.path.c_str(), path.c_str()) != 0)
            throw Error(systemError("cannot replace the file"));
        temporary.keep = true;
        syncDirectory(directory);
    } catch (const Error& error) {
        throw Error(path + ": " + error.what());
    }
}

void removeTemporaryFilesOnSignals() {
    for (int signalNumber : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction current {};
        if (::sigaction(signalNumber, nullptr, &current) == 0 && current.sa_handler == SIG_IGN)
            continue;
        struct sigaction action {};
        action.sa_handler = removeTemporariesAndExit;
        sigemptyset(&action.sa_mask);
        ::sigaction(signalNumber, &action, nullptr);
    }
}

} // namespace qs
