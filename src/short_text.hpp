#pragma once
// Equality of short texts (internal): school types, district names, ids.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace eduqb {

namespace detail {
/// The first and the last sizeof(Word) bytes of two texts of `n` bytes (n ≥ sizeof(Word)) are
/// the same: the whole texts when n ≤ 2 · sizeof(Word).
template <typename Word>
inline bool same_ends(const char* a, const char* b, std::size_t n) {
    Word a_first = 0, b_first = 0, a_last = 0, b_last = 0;
    std::memcpy(&a_first, a, sizeof(Word));
    std::memcpy(&b_first, b, sizeof(Word));
    std::memcpy(&a_last, a + n - sizeof(Word), sizeof(Word));
    std::memcpy(&b_last, b + n - sizeof(Word), sizeof(Word));
    return ((a_first ^ b_first) | (a_last ^ b_last)) == 0;
}
}  // namespace detail

/// a == b, inline. The texts compared once per row are a few dozen bytes at most, and a call
/// to memcmp for each cost more than the comparison itself.
inline bool same_short_text(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8 && n <= 16) return detail::same_ends<std::uint64_t>(a.data(), b.data(), n);
    if (n >= 4 && n < 8) return detail::same_ends<std::uint32_t>(a.data(), b.data(), n);
    return a == b;
}

}  // namespace eduqb
