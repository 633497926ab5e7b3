#pragma once
// UTF-8 one code point at a time (internal), for the few places that compare names by
// character: the input is checked as UTF-8 when it is decoded, so these only need to stay
// safe on bytes that are not.

#include <cstddef>
#include <string>
#include <string_view>

namespace eduqb::detail {

struct CodePoint {
    /// A byte that does not start a valid sequence is U+DC80–U+DCFF (Python's
    /// "surrogateescape"): no character, and different for each byte.
    char32_t value;
    /// Bytes it takes in the text.
    std::size_t size;
};

/// The code point of `text` starting at byte `i` (i < text.size()).
inline CodePoint decode_utf8(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return {lead, 1};
    const CodePoint stray{0xDC00u | lead, 1};
    const std::size_t size = lead >= 0xF8   ? 1
                             : lead >= 0xF0 ? 4
                             : lead >= 0xE0 ? 3
                             : lead >= 0xC2 ? 2
                                            : 1;
    if (size == 1 || i + size > text.size()) return stray;
    char32_t value = lead & (0x7F >> size);
    for (std::size_t k = 1; k < size; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return stray;
        value = value << 6 | (byte(i + k) & 0x3F);
    }
    return {value, size};
}

/// Appends `c` to `out` as UTF-8.
inline void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/// The number of code points of `text`, counted as decode_utf8 counts them.
inline std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); i += decode_utf8(text, i).size) ++count;
    return count;
}

}  // namespace eduqb::detail
