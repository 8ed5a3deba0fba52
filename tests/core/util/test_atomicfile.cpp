// Atomic writes and interruption: a process stopped by SIGTERM or SIGINT in the middle of a write leaves no
// temporary file and no partial file at the final path.

#include "util/atomicfile.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

bool hasTemporary(const fs::path& folder) {
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().find(".tmp-") != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("A write interrupted by a signal leaves no temporary file behind", "[util][atomicfile]") {
    for (int signalNumber : {SIGTERM, SIGINT}) {
        qs::test::TempDir dir;
        const fs::path folder = dir.file("out");
        fs::create_directories(folder);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::signal(signalNumber, SIG_DFL);
            qs::removeTemporaryFilesOnSignals();
            const std::string bytes(size_t(256) << 20, 'x');
            for (;;)
                qs::writeFileAtomically((folder / "big.bin").string(), bytes);
        }
        // Signal the child while a temporary file exists, i.e. in the middle of a write.
        bool seen = false;
        for (int i = 0; i < 20000 && !seen; ++i) {
            seen = hasTemporary(folder);
            if (!seen)
                std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        ::kill(pid, signalNumber);
        int status = 0;
        ::waitpid(pid, &status, 0);
        INFO("signal " << signalNumber);
        CHECK(seen);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == signalNumber);
        CHECK_FALSE(hasTemporary(folder));
        if (fs::exists(folder / "big.bin"))
            CHECK(fs::file_size(folder / "big.bin") == (size_t(256) << 20));
    }
}
