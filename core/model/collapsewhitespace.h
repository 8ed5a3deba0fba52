#pragma once
// Library error texts (libonnx's checker and shape inference) turned into one-line messages.

#include <string>

namespace qs {

/// `text` on one line: runs of spaces, tabs and line breaks become one space; leading and trailing ones are
/// dropped, and other control bytes and bytes that are not UTF-8 (names quoted from the file) become \xNN
/// (printableName).
std::string collapseWhitespace(const std::string& text);

} // namespace qs
