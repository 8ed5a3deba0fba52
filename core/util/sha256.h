#pragma once
// SHA-256 (FIPS 180-4) of bytes or of a file, as lower-case hex: identifies the model a project was made for.

#include <cstddef>
#include <cstdint>
#include <string>

namespace qs {

/// Incremental SHA-256.
class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    /// The digest as 64 lower-case hex characters; the object must not be updated afterwards.
    std::string hexDigest();

private:
    void compress(const uint8_t* block);

    uint32_t state_[8];
    uint8_t buffer_[64];
    size_t bufferSize_ = 0;
    uint64_t totalBytes_ = 0;
};

std::string sha256Hex(const std::string& bytes);

/// Hashes the file in 1 MiB reads; throws qs::Error naming `path` when it cannot be read.
std::string sha256OfFile(const std::string& path);

} // namespace qs
