// The folders of core depend on each other only along the allowed edges (a layered graph without cycles),
// core includes no Qt header, and ONNX protobuf headers stay inside .cpp files: checked on the source tree
// itself.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

/// Which core folders each folder may include from (besides itself).
const std::map<std::string, std::set<std::string>>& allowedEdges() {
    static const std::map<std::string, std::set<std::string>> edges{
        {"util", {}},
        {"model", {"util"}},
        {"runtime", {"util", "model"}},
        {"data", {"util", "model", "runtime"}},
        {"quant", {"util", "model", "runtime", "data"}},
        {"eval", {"util", "model", "runtime", "data", "quant"}},
        {"export", {"util", "model", "runtime", "quant"}},
        {"workflow", {"util", "model", "runtime", "data", "quant", "eval", "export"}},
        {"report", {"util", "model", "runtime", "data", "quant", "eval", "export", "workflow"}},
    };
    return edges;
}

struct Include {
    std::string file;
    std::string target;
};

std::vector<Include> includesOf(const fs::path& file) {
    static const std::regex pattern(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    std::vector<Include> includes;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        std::smatch match;
        if (std::regex_search(line, match, pattern))
            includes.push_back({file.string(), match[1].str()});
    }
    return includes;
}

bool isSource(const fs::path& path) {
    return path.extension() == ".h" || path.extension() == ".cpp";
}

} // namespace

TEST_CASE("Core folders include each other only along the allowed edges", "[core][architecture]") {
    const fs::path core = fs::path(QS_SOURCE_DIR) / "core";
    size_t files = 0;
    for (const fs::directory_entry& folder : fs::directory_iterator(core)) {
        if (!folder.is_directory())
            continue;
        const std::string name = folder.path().filename().string();
        INFO("folder core/" << name);
        auto allowed = allowedEdges().find(name);
        REQUIRE(allowed != allowedEdges().end()); // a new folder needs its place in the table above
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder.path())) {
            if (!entry.is_regular_file() || !isSource(entry.path()))
                continue;
            ++files;
            for (const Include& include : includesOf(entry.path())) {
                INFO(include.file << " includes " << include.target);
                CHECK(include.target.rfind("Q", 0) != 0); // no Qt
                CHECK(include.target.rfind("qt", 0) != 0);
                const size_t slash = include.target.find('/');
                if (slash == std::string::npos)
                    continue;
                const std::string target = include.target.substr(0, slash);
                if (target == "onnx")
                    CHECK(entry.path().extension() == ".cpp"); // protobuf types never in a header
                if (!allowedEdges().count(target) || target == name)
                    continue;
                CHECK(allowed->second.count(target) == 1);
            }
        }
    }
    CHECK(files > 100);
}
