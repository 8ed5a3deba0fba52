#include "model/collapsewhitespace.h"

#include "util/printablename.h"

namespace qs {

std::string collapseWhitespace(const std::string& text) {
    std::string line;
    bool pendingSpace = false;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            pendingSpace = !line.empty();
            continue;
        }
        if (pendingSpace)
            line += ' ';
        pendingSpace = false;
        line += c;
    }
    return printableName(line);
}

} // namespace qs
