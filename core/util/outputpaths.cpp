#include "util/outputpaths.h"

#include "util/error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace qs {

namespace fs = std::filesystem;

namespace {

std::string normalized(const std::string& path) {
    std::error_code error;
    fs::path resolved = fs::weakly_canonical(fs::absolute(path, error), error);
    if (error)
        resolved = fs::absolute(path, error).lexically_normal();
    return resolved.string();
}

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

} // namespace

bool sameFile(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty())
        return false;
    std::error_code error;
    if (fs::exists(a, error) && fs::exists(b, error)) {
        const bool same = fs::equivalent(a, b, error);
        if (!error)
            return same;
    }
    return normalized(a) == normalized(b);
}

void checkOutputsDistinct(const std::vector<LabelledPath>& outputs, const std::vector<LabelledPath>& inputs) {
    for (size_t i = 0; i < outputs.size(); ++i) {
        const LabelledPath& output = outputs[i];
        if (output.path.empty())
            continue;
        for (const LabelledPath& input : inputs)
            if (sameFile(output.path, input.path))
                throw Error(output.label + " '" + output.path + "' is " + input.label + " '" + input.path +
                            "'; choose another file");
        for (size_t j = 0; j < i; ++j)
            if (sameFile(output.path, outputs[j].path))
                throw Error(output.label + " '" + output.path + "' is also " + outputs[j].label + " '" +
                            outputs[j].path + "'; give each output its own file");
    }
}

std::vector<std::string> uniqueFileNames(const std::vector<std::string>& names) {
    std::set<std::string> taken;
    for (const std::string& name : names)
        taken.insert(lowerCase(name));
    std::set<std::string> used;
    std::vector<std::string> unique;
    for (const std::string& name : names) {
        std::string candidate = name;
        // Never a name already used, nor one that another output has of its own.
        for (int suffix = 2;
             used.count(lowerCase(candidate)) || (candidate != name && taken.count(lowerCase(candidate)));
             ++suffix)
            candidate = name + "_" + std::to_string(suffix);
        used.insert(lowerCase(candidate));
        unique.push_back(candidate);
    }
    return unique;
}

} // namespace qs
