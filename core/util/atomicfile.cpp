// writeFileAtomically: readers of `path` see the old file or the complete new one,
// never a partial write, and a failure leaves no temporary file behind.

#include "util/atomicfile.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace qs {

namespace fs = std::filesystem;

namespace {

/// Removes the temporary file unless released.
struct TemporaryFile {
    std::string path;
    int fd = -1;
    bool keep = false;
    ~TemporaryFile() {
        if (fd >= 0)
            ::close(fd);
        if (!keep && !path.empty())
            ::unlink(path.c_str());
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
        temporary.fd = ::mkstemp(pattern.data());
        if (temporary.fd < 0)
            throw Error(systemError("cannot create a file in '" + directory.string() + "'"));
        temporary.path = pattern;
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

} // namespace qs
