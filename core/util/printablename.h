#pragma once
// Names from files (ONNX node, tensor and graph names, config keys, paths) as they can be shown in a one-line
// message: a protobuf string may hold NUL bytes, line breaks, terminal escape sequences or bytes that are not
// UTF-8, and each of those would cut a message short, break it over lines or garble the terminal.

#include <string>

namespace qs {

/// `text` with every byte that cannot be shown as it is written as \xNN (two lower-case hex digits): control
/// bytes (below 0x20 and 0x7F, NUL included), the C1 controls U+0080 to U+009F, and every byte that is not
/// part of a valid UTF-8 sequence. Printable ASCII and valid UTF-8 stay as they are, so applying it twice
/// changes nothing and a name that was already printable is returned unchanged.
std::string printableName(const std::string& text);

} // namespace qs
