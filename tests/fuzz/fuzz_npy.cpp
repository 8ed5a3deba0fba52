// Fuzz target: bytes as a NumPy .npy file (the CLI's `run --input NAME=FILE.npy` and .npy data folders).
// Parses them, then checks that serializeNpy writes the tensor back so that it parses to the same type, dims
// and bytes. qs::Error is the expected outcome for a malformed file; another exception escapes, and a broken
// round trip aborts.

#include "fuzzsupport.h"

#include "runtime/npy.h"
#include "runtime/runtimetensor.h"
#include "util/error.h"

#include <cstring>
#include <string>

namespace {

void checkNpy(const std::string& bytes) {
    const qs::RuntimeTensor tensor = qs::parseNpy(bytes, "fuzz.npy");
    const std::string written = qs::serializeNpy(tensor);
    qs::RuntimeTensor reread;
    try {
        reread = qs::parseNpy(written, "written.npy");
    } catch (const qs::Error& error) {
        qs::fuzz::fail(std::string("the written .npy does not parse: ") + error.what());
    }
    if (reread.type() != tensor.type() || reread.dims() != tensor.dims())
        qs::fuzz::fail("a round trip turns " + tensor.describe() + " into " + reread.describe());
    if (tensor.sizeBytes() && std::memcmp(reread.raw(), tensor.raw(), tensor.sizeBytes()) != 0)
        qs::fuzz::fail("a round trip changes the data of " + tensor.describe());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const bool limited = [] {
        qs::setTensorByteLimit(uint64_t(64) << 20);
        return true;
    }();
    (void)limited;
    try {
        checkNpy(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const qs::Error&) {
        // Not a .npy file, an unsupported dtype, a bad shape or truncated data.
    }
    return 0;
}
