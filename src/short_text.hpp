#pragma once
// Equality of short texts (internal): school types, district names, ids.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace eduqb {

/// a == b, inline. The texts compared once per row are a few dozen bytes at most, and a call
/// to memcmp for each cost more than the comparison itself.
inline bool same_short_text(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8 && n <= 16) {  // the first 8 bytes and the last 8, which may overlap
        std::uint64_t a_first = 0, b_first = 0, a_last = 0, b_last = 0;
        std::memcpy(&a_first, a.data(), 8);
        std::memcpy(&b_first, b.data(), 8);
        std::memcpy(&a_last, a.data() + n - 8, 8);
        std::memcpy(&b_last, b.data() + n - 8, 8);
        return ((a_first ^ b_first) | (a_last ^ b_last)) == 0;
    }
    if (n >= 4 && n < 8) {
        std::uint32_t a_first = 0, b_first = 0, a_last = 0, b_last = 0;
        std::memcpy(&a_first, a.data(), 4);
        std::memcpy(&b_first, b.data(), 4);
        std::memcpy(&a_last, a.data() + n - 4, 4);
        std::memcpy(&b_last, b.data() + n - 4, 4);
        return ((a_first ^ b_first) | (a_last ^ b_last)) == 0;
    }
    return a == b;
}

}  // namespace eduqb
