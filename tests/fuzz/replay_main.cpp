// Runs a fuzz target's LLVMFuzzerTestOneInput on every file under the folders (or files) given on the
// command line, in name order, without libFuzzer. Exit code 0 when every input ran; 1 when an input threw
// an exception the target does not expect (the target lets only those escape) or nothing was found to run;
// a crash or an abort of the target ends the process as usual.
//
//     replay_model tests/fuzz/regressions/model tests/fuzz/regressions/seeds/model

#include "fuzzsupport.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <typeinfo>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputFiles(const std::vector<std::string>& arguments, bool& ok) {
    std::vector<fs::path> files;
    for (const std::string& argument : arguments) {
        std::error_code error;
        if (fs::is_regular_file(argument, error)) {
            files.emplace_back(argument);
            continue;
        }
        if (!fs::is_directory(argument, error)) {
            std::fprintf(stderr, "replay: %s is neither a file nor a folder\n", argument.c_str());
            ok = false;
            continue;
        }
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(argument, error))
            if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
                files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FOLDER_OR_FILE...\n", argv[0]);
        return 2;
    }
    bool ok = true;
    const std::vector<fs::path> files = inputFiles(std::vector<std::string>(argv + 1, argv + argc), ok);
    size_t failures = 0;
    for (const fs::path& file : files) {
        const std::string bytes = readBytes(file);
        try {
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        } catch (const std::exception& error) {
            std::fprintf(stderr, "replay: %s: unexpected exception %s: %s\n", file.string().c_str(),
                         typeid(error).name(), error.what());
            ++failures;
        } catch (...) {
            std::fprintf(stderr, "replay: %s: unexpected exception of a non-standard type\n",
                         file.string().c_str());
            ++failures;
        }
    }
    std::printf("replay: %zu inputs, %zu failed\n", files.size(), failures);
    if (files.empty()) {
        std::fprintf(stderr, "replay: no input files found\n");
        return 1;
    }
    return ok && failures == 0 ? 0 : 1;
}
