#include "model/externaldata.h"

#include "util/error.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace qs {

namespace fs = std::filesystem;

namespace {

std::string tensorPrefix(const std::string& tensorName) { return "tensor '" + tensorName + "': "; }

bool isInside(const fs::path& candidate, const fs::path& folder) {
    auto folderPart = folder.begin();
    auto candidatePart = candidate.begin();
    for (; folderPart != folder.end(); ++folderPart, ++candidatePart) {
        if (folderPart->empty())
            continue;  // trailing separator
        if (candidatePart == candidate.end() || *candidatePart != *folderPart)
            return false;
    }
    return true;
}

void checkLocationSyntax(const std::string& location, const std::string& tensorName) {
    const fs::path path(location);
    if (location.empty())
        throw Error(tensorPrefix(tensorName) + "external data has an empty location");
    if (path.is_absolute() || path.has_root_name() || path.has_root_directory())
        throw Error(tensorPrefix(tensorName) + "external data location '" + location +
                    "' is an absolute path; only files inside the model's folder are allowed");
    for (const fs::path& part : path)
        if (part == "..")
            throw Error(tensorPrefix(tensorName) + "external data location '" + location +
                        "' contains '..'; only files inside the model's folder are allowed");
}

} // namespace

std::string resolveExternalDataPath(const std::string& baseDirectory, const std::string& location,
                                    const std::string& tensorName) {
    checkLocationSyntax(location, tensorName);
    std::error_code error;
    const fs::path folder = fs::weakly_canonical(fs::absolute(baseDirectory.empty() ? "." : baseDirectory), error);
    const fs::path joined = folder / fs::path(location);
    if (!fs::exists(joined, error))
        throw Error(tensorPrefix(tensorName) + "external data file '" + location + "' not found in " +
                    folder.string());
    const fs::path real = fs::canonical(joined, error);
    if (error)
        throw Error(tensorPrefix(tensorName) + "cannot resolve external data file '" + location +
                    "': " + error.message());
    if (!isInside(real, folder))
        throw Error(tensorPrefix(tensorName) + "external data file '" + location + "' resolves to " + real.string() +
                    ", outside the model's folder; refusing to read it");
    if (!fs::is_regular_file(real, error))
        throw Error(tensorPrefix(tensorName) + "external data location '" + location + "' is not a regular file");
    return real.string();
}

std::vector<uint8_t> readExternalData(const ExternalDataReference& reference, const std::string& baseDirectory,
                                      const std::string& tensorName, int64_t expectedBytes) {
    if (baseDirectory.empty())
        throw Error(tensorPrefix(tensorName) + "uses external data file '" + reference.location +
                    "', which cannot be read for a model loaded from memory");
    const std::string path = resolveExternalDataPath(baseDirectory, reference.location, tensorName);
    std::error_code error;
    const auto fileBytes = static_cast<int64_t>(fs::file_size(path, error));
    if (error)
        throw Error(tensorPrefix(tensorName) + "cannot read external data file '" + reference.location + "'");
    if (reference.offset < 0 || reference.offset > fileBytes)
        throw Error(tensorPrefix(tensorName) + "external data offset " + std::to_string(reference.offset) +
                    " is beyond the end of '" + reference.location + "' (" + std::to_string(fileBytes) + " bytes)");
    int64_t length = reference.length >= 0 ? reference.length
                     : expectedBytes >= 0  ? expectedBytes
                                           : fileBytes - reference.offset;
    if (length > fileBytes - reference.offset)
        throw Error(tensorPrefix(tensorName) + "external data range [" + std::to_string(reference.offset) + ", " +
                    std::to_string(reference.offset + length) + ") is beyond the end of '" + reference.location +
                    "' (" + std::to_string(fileBytes) + " bytes)");
    std::vector<uint8_t> bytes(static_cast<size_t>(length));
    std::ifstream stream(path, std::ios::binary);
    stream.seekg(reference.offset);
    if (length > 0)
        stream.read(reinterpret_cast<char*>(bytes.data()), length);
    if (!stream)
        throw Error(tensorPrefix(tensorName) + "reading external data file '" + reference.location + "' failed");
    return bytes;
}

} // namespace qs
