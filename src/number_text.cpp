#include "number_text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace eduqb {
namespace {

/// fmt's "{}" through fmt's own writer: the reference the fast path reproduces.
char* write_with_fmt(char* out, double value) {
    return fmt::format_to(out, FMT_COMPILE("{}"), value);
}

// The fast path relies on fmt's shortest-digits routine, an internal but exported API, and on
// fmt 9's layout rules; other fmt versions take fmt's own writer.
#if FMT_VERSION >= 90000 && FMT_VERSION < 100000
#define EDUQB_SHORTEST_FROM_DIGITS 1

constexpr char kDigitPairs[] =
    "0001020304050607080910111213141516171819"
    "2021222324252627282930313233343536373839"
    "4041424344454647484950515253545556575859"
    "6061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

void write_pair(char* out, unsigned pair) {
    std::memcpy(out, &kDigitPairs[2 * pair], 2);
}

constexpr std::array<std::uint64_t, 20> powers_of_ten() {
    std::array<std::uint64_t, 20> powers{};
    std::uint64_t power = 1;
    for (auto& entry : powers) {
        entry = power;
        power *= 10;  // wraps after 10^19, which is never stored
    }
    return powers;
}

constexpr std::array<std::uint64_t, 20> kPowersOfTen = powers_of_ten();

/// Decimal digits of `value` (1 for 0). The bit length gives log10 to within one:
/// 1233 / 4096 is just above log10(2).
int digit_count(std::uint64_t value) {
    // Setting the lowest bit makes 0 count as 1 and changes no other count: a number just
    // below a power of ten is odd.
    value |= 1;
    const int bits = 64 - __builtin_clzll(value);
    const int guess = (bits * 1233) >> 12;
    return guess + (value >= kPowersOfTen[guess] ? 1 : 0);
}

/// Writes all digits of `value` so that the last one ends just before `end`.
void write_digits_before(char* end, std::uint64_t value) {
    while (value >= 100) {
        end -= 2;
        write_pair(end, static_cast<unsigned>(value % 100));
        value /= 100;
    }
    if (value >= 10) {
        write_pair(end - 2, static_cast<unsigned>(value));
    } else {
        end[-1] = static_cast<char>('0' + value);
    }
}

/// Writes the `size` digits of `digits` with a point after the first `integral_size` of them
/// (0 < integral_size < size); returns one past the last digit.
char* write_digits_with_point(char* out, std::uint64_t digits, int size, int integral_size) {
    char* const end = out + size + 1;
    char* cursor = end;
    const int fraction_size = size - integral_size;
    for (int pairs = fraction_size / 2; pairs > 0; --pairs) {
        cursor -= 2;
        write_pair(cursor, static_cast<unsigned>(digits % 100));
        digits /= 100;
    }
    if (fraction_size % 2 != 0) {
        *--cursor = static_cast<char>('0' + digits % 10);
        digits /= 10;
    }
    *--cursor = '.';
    write_digits_before(cursor, digits);
    return end;
}

/// "e+05", "e-308": a sign and at least two digits, as fmt writes exponents.
char* write_exponent(char* out, int exponent) {
    *out++ = 'e';
    *out++ = exponent < 0 ? '-' : '+';
    unsigned magnitude = static_cast<unsigned>(exponent < 0 ? -exponent : exponent);
    if (magnitude >= 100) {
        *out++ = static_cast<char>('0' + magnitude / 100);
        magnitude %= 100;
    }
    write_pair(out, magnitude);
    return out + 2;
}

/// `digits` × 10^`exponent` (`size` digits, no trailing zeros) in fmt's general layout.
char* write_decimal(char* out, std::uint64_t digits, int size, int exponent) {
    // Decimal exponent of the first digit, the one fmt's notation choice looks at.
    const int first_digit_exponent = exponent + size - 1;
    if (first_digit_exponent < -4 || first_digit_exponent >= 16) {
        if (size == 1) {
            *out++ = static_cast<char>('0' + digits);
        } else {
            out = write_digits_with_point(out, digits, size, 1);
        }
        return write_exponent(out, first_digit_exponent);
    }
    if (exponent >= 0) {  // 1234e2 -> 123400
        write_digits_before(out + size, digits);
        out += size;
        std::memset(out, '0', static_cast<std::size_t>(exponent));
        return out + exponent;
    }
    const int integral_size = size + exponent;
    if (integral_size > 0) {  // 1234e-2 -> 12.34
        return write_digits_with_point(out, digits, size, integral_size);
    }
    // 1234e-6 -> 0.001234, at most three zeros after the point: 1e-5 takes an exponent.
    const int leading_zeros = -integral_size;
    std::memcpy(out, "0.000", static_cast<std::size_t>(2 + leading_zeros));
    out += 2 + leading_zeros;
    write_digits_before(out + size, digits);
    return out + size;
}

#endif

}  // namespace

#ifdef EDUQB_SHORTEST_FROM_DIGITS

char* write_shortest(char* out, double value) {
    if (!std::isfinite(value)) return write_with_fmt(out, value);
    if (std::signbit(value)) {
        *out++ = '-';
        value = -value;
    }
    const auto decimal = fmt::detail::dragonbox::to_decimal(value);
    const std::uint64_t digits = decimal.significand;
    return write_decimal(out, digits, digit_count(digits), decimal.exponent);
}

#else

char* write_shortest(char* out, double value) {
    return write_with_fmt(out, value);
}

#endif

void append_shortest(std::string& text, double value) {
    char buffer[kShortestTextCapacity];
    const char* end = write_shortest(buffer, value);
    text.append(buffer, static_cast<std::size_t>(end - buffer));
}

}  // namespace eduqb
