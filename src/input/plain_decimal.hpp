#pragma once
// Plain decimals as statistics exports write nearly every cell (internal): "1234",
// "6909505.37". Anything else takes RowParser's general number path.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace eduqb {

inline constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                          1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                          1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/// Digits, optionally '.' and more digits, at most 2^53 as an integer mantissa. Then
/// mantissa / 10^k is one correctly rounded IEEE division of two exact doubles: bit for bit
/// what std::from_chars returns (Clinger's fast path), at a fraction of its cost. Anything else
/// (spaces, signs, separators, exponents, full-width digits, long mantissas) returns false.
inline bool parse_plain_decimal(std::string_view text, double& value) {
    constexpr std::uint64_t kExactMantissa = std::uint64_t{1} << 53;
    const std::size_t n = text.size();
    if (n - 1 >= 19) return false;  // empty (n - 1 wraps around), or too long to be exact
    const char* p = text.data();
    std::uint64_t mantissa = 0;
    std::size_t i = 0;
    // Each loop returns at the end of the text, so the bound is checked once per digit.
    for (unsigned digit; (digit = static_cast<unsigned char>(p[i]) - unsigned{'0'}) < 10;) {
        mantissa = mantissa * 10 + digit;
        if (++i == n) {
            value = static_cast<double>(mantissa);
            return mantissa <= kExactMantissa;
        }
    }
    if (i == 0 || p[i] != '.' || i + 1 == n) return false;
    const std::size_t point = ++i;
    for (unsigned digit; (digit = static_cast<unsigned char>(p[i]) - unsigned{'0'}) < 10;) {
        mantissa = mantissa * 10 + digit;
        if (++i == n) {
            value = static_cast<double>(mantissa) / kPowersOfTen[n - point];
            return mantissa <= kExactMantissa;
        }
    }
    return false;
}

/// The number whose eight decimal digits are the bytes of `digits` (values 0–9), the first
/// digit in the lowest byte.
inline std::uint64_t eight_digits_value(std::uint64_t digits) {
    digits = (digits * 10) + (digits >> 8);  // pairs
    digits = (((digits & 0x000000FF000000FF) * (100 + (1000000ULL << 32))) +
              (((digits >> 16) & 0x000000FF000000FF) * (1 + (10000ULL << 32)))) >>
             32;
    return digits;
}

inline constexpr bool kLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

/// Text of at most this many bytes is read by parse_short_decimal.
inline constexpr std::size_t kShortDecimalBytes = 8;

/// Whether parse_short_decimal may read `text`: 1 to 8 bytes on a little-endian machine, with
/// 8 bytes from its start before `readable_end` (null: nothing past the text may be read).
inline bool short_decimal_readable(std::string_view text, const char* readable_end) {
    return kLittleEndian && text.size() - 1 < kShortDecimalBytes && readable_end != nullptr &&
           readable_end - text.data() >= static_cast<std::ptrdiff_t>(kShortDecimalBytes);
}

/// parse_plain_decimal for a text of 1 to 8 bytes, whose first 8 bytes must be readable (the
/// text's own and those after it). The cell is taken in as one word: no branch on its length,
/// whose changes from cell to cell cost a mispredicted loop exit each in the byte-wise loop.
/// Little-endian only; parse_plain_decimal elsewhere.
inline bool parse_short_decimal(const char* text, std::size_t size, double& value) {
    std::uint64_t word = 0;
    std::memcpy(&word, text, sizeof word);
    const unsigned unused_bits = 8 * static_cast<unsigned>(kShortDecimalBytes - size);
    const std::uint64_t in_text = ~std::uint64_t{0} >> unused_bits;
    const std::uint64_t digits = (word ^ 0x3030303030303030) & in_text;
    // Bit 7 of each byte that is not a digit: a byte of `digits` at 10 or above.
    const std::uint64_t others =
        ((digits + 0x7676767676767676) | digits) & 0x8080808080808080 & in_text;
    if (others == 0) {
        value = static_cast<double>(eight_digits_value(digits << unused_bits));
        return true;
    }
    // One point, with digits on both sides.
    const auto point = static_cast<unsigned>(__builtin_ctzll(others)) / 8;
    if ((others & (others - 1)) != 0 || point == 0 || point + 1 >= size || text[point] != '.') {
        return false;
    }
    const unsigned fraction_digits = static_cast<unsigned>(size) - point - 1;
    const std::uint64_t whole = (digits << (8 * (8 - point)));
    const std::uint64_t fraction = (digits >> (8 * (point + 1))) << (8 * (8 - fraction_digits));
    static constexpr std::uint64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    const std::uint64_t mantissa =
        eight_digits_value(whole) * kScale[fraction_digits] + eight_digits_value(fraction);
    value = static_cast<double>(mantissa) / kPowersOfTen[fraction_digits];
    return true;
}

}  // namespace eduqb
