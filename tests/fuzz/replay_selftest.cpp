// A stand-in fuzz target that checks replay_main itself: an input containing the word UNEXPECTED throws
// std::logic_error (which the replay must report as a failure), one containing EXPECTED throws qs::Error
// (which a real target would have caught; here it also escapes, so it fails too), anything else passes.

#include "fuzzsupport.h"

#include "util/error.h"

#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (text.find("UNEXPECTED") != std::string::npos)
        throw std::logic_error("an exception type the target does not expect");
    if (text.find("EXPECTED") != std::string::npos)
        throw qs::Error("an error the target forgot to catch");
    return 0;
}
