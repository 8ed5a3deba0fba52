#include "fuzzsupport.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace qs::fuzz {

namespace fs = std::filesystem;

namespace {

std::string& scratchPath() {
    static std::string path;
    return path;
}

void removeScratchDirectory() {
    std::error_code error;
    if (!scratchPath().empty())
        fs::remove_all(scratchPath(), error);
}

} // namespace

const std::string& scratchDirectory() {
    std::string& path = scratchPath();
    if (path.empty()) {
        std::error_code error;
        const fs::path folder =
            fs::temp_directory_path(error) / ("quantscope-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(folder, error);
        if (error)
            fail("cannot create the scratch folder " + folder.string() + ": " + error.message());
        path = folder.string();
        std::atexit(removeScratchDirectory);
    }
    return path;
}

std::string writeScratchFile(const std::string& name, const void* data, size_t size) {
    const std::string path = (fs::path(scratchDirectory()) / name).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out)
        fail("cannot write the scratch file " + path);
    return path;
}

void fail(const std::string& what) {
    std::fprintf(stderr, "fuzz target check failed: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

} // namespace qs::fuzz
