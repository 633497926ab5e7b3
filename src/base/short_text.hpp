#pragma once
// Equality and hashes of short texts (internal): school types, district names, ids.

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

namespace detail {
/// MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output.
constexpr std::uint64_t mix_bits(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDULL;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ULL;
    return x ^ (x >> 33);
}
}  // namespace detail

/// A 64-bit hash of a text, inline (school ids and names, one per row): std::hash's call into
/// the library cost several times the hashing itself. Up to 16 bytes,
/// the first and last word and the length stand for the whole text, and two rounds of a
/// bijective mix make texts that differ collide as seldom as random numbers do.
inline std::uint64_t short_text_hash(std::string_view text) {
    const std::size_t n = text.size();
    const char* p = text.data();
    std::uint64_t first = 0, last = 0;
    if (n >= 8 && n <= 16) {
        std::memcpy(&first, p, 8);
        std::memcpy(&last, p + n - 8, 8);
    } else if (n >= 4 && n < 8) {
        std::uint32_t first_half = 0, last_half = 0;
        std::memcpy(&first_half, p, 4);
        std::memcpy(&last_half, p + n - 4, 4);
        first = first_half;
        last = last_half;
    } else if (n < 4) {
        for (std::size_t i = 0; i < n; ++i) first = first << 8 | static_cast<unsigned char>(p[i]);
    } else {
        // Longer texts (school names, one per row): each 8-byte word folded in by the full
        // mix, the last word overlapping the one before. (A multiply alone carries a change
        // only upwards: a bit flipped where the last word overlaps could cancel out.)
        std::uint64_t h = n * 0x9E3779B97F4A7C15ULL;
        std::uint64_t word = 0;
        for (std::size_t i = 0; i + 8 < n; i += 8) {
            std::memcpy(&word, p + i, 8);
            h = detail::mix_bits(h ^ word);
        }
        std::memcpy(&word, p + n - 8, 8);
        return detail::mix_bits(h ^ word);
    }
    return detail::mix_bits(first ^ detail::mix_bits(last ^ (n * 0x9E3779B97F4A7C15ULL)));
}

}  // namespace eduqb
