#include "util/printablename.h"

#include <cstddef>
#include <cstdint>

namespace qs {

namespace {

/// Length of the valid UTF-8 sequence starting at `at` (2 to 4), or 0 when the bytes there are not one
/// (overlong forms, surrogates and code points above U+10FFFF are not valid).
size_t utf8SequenceLength(const std::string& text, size_t at) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    size_t length = 0;
    uint32_t lowest = 0;
    uint32_t codePoint = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        lowest = 0x80;
        codePoint = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        lowest = 0x800;
        codePoint = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        lowest = 0x10000;
        codePoint = lead & 0x07;
    } else {
        return 0;
    }
    if (at + length > text.size())
        return 0;
    for (size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80)
            return 0;
        codePoint = codePoint << 6 | (byte(at + i) & 0x3F);
    }
    if (codePoint < lowest || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return 0;
    if (codePoint >= 0x80 && codePoint <= 0x9F) // C1 controls (U+009B starts terminal escape sequences)
        return 0;
    return length;
}

void appendEscaped(std::string& out, unsigned char byte) {
    const char* const digits = "0123456789abcdef";
    out += "\\x";
    out += digits[byte >> 4];
    out += digits[byte & 0x0F];
}

} // namespace

std::string printableName(const std::string& text) {
    size_t at = 0;
    while (at < text.size()) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte >= 0x20 && byte < 0x7F)
            ++at;
        else if (const size_t length = byte >= 0x80 ? utf8SequenceLength(text, at) : 0; length > 0)
            at += length;
        else
            break;
    }
    if (at == text.size())
        return text;
    std::string out = text.substr(0, at);
    out.reserve(text.size() + 16);
    while (at < text.size()) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte >= 0x20 && byte < 0x7F) {
            out += char(byte);
            ++at;
            continue;
        }
        const size_t length = byte >= 0x80 ? utf8SequenceLength(text, at) : 0;
        if (length > 0) {
            out.append(text, at, length);
            at += length;
        } else {
            appendEscaped(out, byte);
            ++at;
        }
    }
    return out;
}

} // namespace qs
