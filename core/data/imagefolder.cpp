#include "data/imagefolder.h"

#include "data/imagedecoder.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <unistd.h>

namespace fs = std::filesystem;

namespace qs {

namespace {

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string extensionOf(const std::string& fileName) {
    const size_t dot = fileName.rfind('.');
    return dot == std::string::npos ? std::string() : lowerCase(fileName.substr(dot + 1));
}

bool isHidden(const fs::path& relative) {
    for (const auto& part : relative) {
        const std::string name = part.string();
        if (!name.empty() && name[0] == '.' && name != "." && name != "..")
            return true;
    }
    return false;
}

std::string trimmed(const std::string& text) {
    const auto isSpace = [](unsigned char c) { return std::isspace(c) != 0; };
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && isSpace(static_cast<unsigned char>(text[begin])))
        ++begin;
    while (end > begin && isSpace(static_cast<unsigned char>(text[end - 1])))
        --end;
    return text.substr(begin, end - begin);
}

std::vector<std::string> readLabelsFile(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw Error("Cannot read the labels file " + path);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line))
        lines.push_back(trimmed(line));
    while (!lines.empty() && lines.back().empty())
        lines.pop_back();
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty())
            throw Error("Labels file " + path + ": line " + std::to_string(i + 1) +
                        " is empty (one class name per line, line n is class n)");
        for (size_t j = 0; j < i; ++j)
            if (lines[j] == lines[i])
                throw Error("Labels file " + path + ": class '" + lines[i] + "' is listed twice (lines " +
                            std::to_string(j + 1) + " and " + std::to_string(i + 1) + ")");
    }
    if (lines.empty())
        throw Error("Labels file " + path + " lists no class names");
    return lines;
}

void checkFolder(const std::string& folder) {
    std::error_code error;
    const auto status = fs::status(folder, error);
    if (folder.empty())
        throw Error("No data set folder given");
    if (error || !fs::exists(status))
        throw Error("Data set folder " + folder + " does not exist");
    if (!fs::is_directory(status))
        throw Error("Data set path " + folder + " is not a folder");
}

struct FoundFile {
    std::string path;
    std::string relativePath;
    std::string classFolder; // first-level folder, empty for files in the root
    SampleKind kind = SampleKind::Image;
};

std::vector<FoundFile> listFiles(const std::string& folder, std::vector<std::string>& classFolders,
                                 std::vector<SkippedFile>& unreadable) {
    std::vector<FoundFile> found;
    std::error_code error;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
    if (error)
        throw Error("Cannot list data set folder " + folder + ": " + error.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error)
            throw Error("Cannot list data set folder " + folder + ": " + error.message());
        const fs::path relative = it->path().lexically_relative(folder);
        if (isHidden(relative)) {
            if (it->is_directory(error))
                it.disable_recursion_pending();
            continue;
        }
        const bool topLevel = it.depth() == 0;
        if (it->is_directory(error)) {
            if (::access(it->path().c_str(), R_OK | X_OK) != 0) {
                unreadable.push_back({it->path().string(), "folder cannot be read (" +
                                                               std::string(std::strerror(errno)) +
                                                               "); the images in it are left out"});
                it.disable_recursion_pending();
            }
            if (topLevel)
                classFolders.push_back(relative.generic_string());
            continue;
        }
        const std::string name = it->path().filename().string();
        if (!it->is_regular_file(error) || !isDatasetFileName(name))
            continue;
        if (relative.string().find_first_of("\n\r") != std::string::npos) {
            unreadable.push_back({it->path().string(),
                                  "its name contains a line break, which file lists cannot "
                                  "hold; rename it"});
            continue;
        }
        FoundFile file;
        file.path = it->path().string();
        file.relativePath = relative.generic_string();
        file.classFolder = topLevel ? std::string() : relative.begin()->string();
        file.kind = extensionOf(name) == "npy" ? SampleKind::Npy : SampleKind::Image;
        found.push_back(std::move(file));
    }
    std::sort(found.begin(), found.end(),
              [](const FoundFile& a, const FoundFile& b) { return a.relativePath < b.relativePath; });
    std::sort(classFolders.begin(), classFolders.end());
    return found;
}

std::string resolveLabelsFile(const std::string& folder, const std::string& requested) {
    if (!requested.empty()) {
        const fs::path path =
            fs::path(requested).is_absolute() ? fs::path(requested) : fs::path(folder) / requested;
        if (!fs::is_regular_file(path))
            throw Error("Labels file " + path.string() + " does not exist");
        return path.string();
    }
    const fs::path defaultPath = fs::path(folder) / "labels.txt";
    return fs::is_regular_file(defaultPath) ? defaultPath.string() : std::string();
}

std::map<std::string, int> classIndices(const std::string& folder, const std::string& labelsPath,
                                        const std::vector<std::string>& classFolders,
                                        std::vector<std::string>& classNames) {
    std::map<std::string, int> indices;
    classNames = labelsPath.empty() ? classFolders : readLabelsFile(labelsPath);
    for (size_t i = 0; i < classNames.size(); ++i)
        indices[classNames[i]] = static_cast<int>(i);
    for (const auto& name : classFolders)
        if (indices.count(name) == 0)
            throw Error("Data set folder " + folder + ": class folder '" + name + "' is not listed in " +
                        labelsPath);
    return indices;
}

std::vector<size_t> subsampleIndices(size_t count, const ImageFolderOptions& options) {
    std::vector<size_t> picked;
    const size_t keep = options.maxImages;
    if (options.subsample == SubsampleMode::EvenlySpaced) {
        for (size_t i = 0; i < keep; ++i)
            picked.push_back(i * count / keep);
        return picked;
    }
    std::vector<size_t> order(count);
    for (size_t i = 0; i < count; ++i)
        order[i] = i;
    std::mt19937 random(options.seed);
    for (size_t i = count - 1; i > 0; --i)
        std::swap(order[i], order[static_cast<size_t>(random() % (i + 1))]);
    picked.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep));
    std::sort(picked.begin(), picked.end());
    return picked;
}

} // namespace

const std::vector<std::string>& imageFileExtensions() {
    static const std::vector<std::string> extensions = {"jpg",  "jpeg", "png", "bmp", "tif",
                                                        "tiff", "webp", "pgm", "ppm"};
    return extensions;
}

bool isDatasetFileName(const std::string& fileName) {
    const std::string extension = extensionOf(fileName);
    if (extension == "npy")
        return true;
    const auto& images = imageFileExtensions();
    return std::find(images.begin(), images.end(), extension) != images.end();
}

ImageFolderScan scanImageFolder(const std::string& folder, const ImageFolderOptions& options,
                                const ProgressCallback& progress) {
    checkFolder(folder);
    reportProgress(progress, 0.0, "Listing " + folder);
    ImageFolderScan scan;
    scan.root = folder;
    std::vector<std::string> classFolders;
    const std::vector<FoundFile> found = listFiles(folder, classFolders, scan.skipped);
    const std::string labelsPath = resolveLabelsFile(folder, options.labelsFile);
    const auto indices = classIndices(folder, labelsPath, classFolders, scan.classNames);
    if (found.empty())
        throw Error("Data set folder " + folder + " contains no images (looked for jpg, jpeg, png, bmp, " +
                    "tif, tiff, webp, pgm, ppm and npy files)");

    std::vector<DatasetItem> readable;
    for (size_t i = 0; i < found.size(); ++i) {
        if (i % 64 == 0)
            reportProgress(progress, static_cast<double>(i) / found.size(), "Checking images");
        const FoundFile& file = found[i];
        const std::string problem = detail::headerProblem(file.path, file.kind, options.maxImagePixels);
        if (!problem.empty()) {
            scan.skipped.push_back({file.path, problem});
            continue;
        }
        DatasetItem item;
        item.path = file.path;
        item.relativePath = file.relativePath;
        item.kind = file.kind;
        item.label = file.classFolder.empty() ? -1 : indices.at(file.classFolder);
        readable.push_back(std::move(item));
    }
    if (readable.empty())
        throw Error("Data set folder " + folder + ": none of its " + std::to_string(found.size()) +
                    " image files is readable (first problem: " + scan.skipped.front().path + ": " +
                    scan.skipped.front().reason + ")");

    scan.foundCount = readable.size();
    if (options.maxImages == 0 || options.maxImages >= readable.size()) {
        scan.items = std::move(readable);
    } else {
        for (size_t index : subsampleIndices(readable.size(), options))
            scan.items.push_back(readable[index]);
    }
    reportProgress(progress, 1.0, "Checking images");
    return scan;
}

} // namespace qs
