#include "base/number_text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <dragonbox/dragonbox.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace eduqb {

namespace {

// significand_digits writes the digits of `significand` (< 10^17, as Dragonbox gives for a
// double) at the end of `buffer` and returns where they start.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__

/// Eight decimal digits of `value` < 10^8, leading zeros included, as ASCII bytes of a word
/// whose lowest byte holds the first digit: value / 10^4, each half / 100, each quarter / 10,
/// all as multiplications by reciprocals exact in these ranges, in the lanes of one word.
std::uint64_t eight_digits(std::uint64_t value) {
    const std::uint64_t fours = (value * 109951163) >> 40;  // value / 10^4
    std::uint64_t lanes = fours | ((value - fours * 10000) << 32);
    const std::uint64_t twos = ((lanes * 10486) >> 20) & 0x0000007F0000007FULL;  // lane / 100
    lanes = twos | ((lanes - twos * 100) << 16);
    const std::uint64_t ones = ((lanes * 103) >> 10) & 0x000F000F000F000FULL;  // lane / 10
    lanes = ones | ((lanes - ones * 10) << 8);
    return lanes + 0x3030303030303030ULL;  // '0' in every byte
}

const char* significand_digits(std::uint64_t significand, char (&buffer)[24]) {
    const std::uint64_t high = significand / 100000000;
    const std::uint64_t first = eight_digits(high % 100000000);
    const std::uint64_t last = eight_digits(significand % 100000000);
    buffer[7] = static_cast<char>('0' + high / 100000000);
    std::memcpy(buffer + 8, &first, sizeof first);  // little-endian: lowest byte first
    std::memcpy(buffer + 16, &last, sizeof last);
    const char* start = buffer + 7;
    while (*start == '0' && start != buffer + 23) ++start;
    return start;
}

#else

const char* significand_digits(std::uint64_t significand, char (&buffer)[24]) {
    char digits[20];
    const auto count = std::to_chars(digits, digits + sizeof digits, significand).ptr - digits;
    return std::copy(digits, digits + count, buffer + sizeof buffer - count) - count;
}

#endif

/// The decimal significand × 10^exponent laid out as fmt 9 lays out "{}": fixed notation when
/// the decimal exponent of the first digit is in [-4, 16), else d.ddde±XX (two exponent digits
/// at least).
char* write_decimal(char* out, std::uint64_t significand, int exponent, bool negative) {
    char buffer[24];
    const char* digits = significand_digits(significand, buffer);
    const int count = static_cast<int>(buffer + sizeof buffer - digits);
    const int first_exponent = count - 1 + exponent;
    if (negative) *out++ = '-';
    if (first_exponent < -4 || first_exponent >= 16) {
        *out++ = digits[0];
        if (count > 1) {
            *out++ = '.';
            out = std::copy(digits + 1, digits + count, out);
        }
        *out++ = 'e';
        *out++ = first_exponent < 0 ? '-' : '+';
        const int magnitude = first_exponent < 0 ? -first_exponent : first_exponent;
        if (magnitude < 10) *out++ = '0';
        return std::to_chars(out, out + 3, magnitude).ptr;
    }
    if (exponent >= 0) {  // a whole number: its digits, then zeros
        out = std::copy(digits, digits + count, out);
        return std::fill_n(out, exponent, '0');
    }
    const int whole_digits = count + exponent;  // before the point
    if (whole_digits > 0) {
        out = std::copy(digits, digits + whole_digits, out);
        *out++ = '.';
        return std::copy(digits + whole_digits, digits + count, out);
    }
    *out++ = '0';
    *out++ = '.';
    out = std::fill_n(out, -whole_digits, '0');
    return std::copy(digits, digits + count, out);
}

}  // namespace

char* write_shortest(char* out, double value) {
    // Whole numbers below 2^53 are exact, and their shortest text is their digits: fmt writes
    // 12766.0 as "12766". Written here without the digits search of "{}".
    const double magnitude = std::fabs(value);
    if (magnitude < 9007199254740992.0) {
        const auto integer = static_cast<std::uint64_t>(magnitude);
        if (static_cast<double>(integer) == magnitude) {
            if (std::signbit(value)) *out++ = '-';  // -0 stays "-0", as fmt writes it
            return std::to_chars(out, out + 16, integer).ptr;
        }
    }
    if (!std::isfinite(value)) return fmt::format_to(out, FMT_COMPILE("{}"), value);
    // The shortest digits by Dragonbox, the algorithm fmt runs, through its own library's API
    // (fmt's copy is internal); fmt's public "{}" adds its general layout machinery on top.
    const auto decimal = jkj::dragonbox::to_decimal(value);
    return write_decimal(out, decimal.significand, decimal.exponent, decimal.is_negative);
}

void append_shortest(std::string& text, double value) {
    char buffer[kShortestTextCapacity];
    const char* end = write_shortest(buffer, value);
    text.append(buffer, static_cast<std::size_t>(end - buffer));
}

std::string shortest_text(double value) {
    char buffer[kShortestTextCapacity];
    const char* end = write_shortest(buffer, value);
    return std::string(buffer, static_cast<std::size_t>(end - buffer));
}

namespace {

/// fixed_text for the common case, written from `out` (room for 32 bytes), or nullptr: the
/// value times 10^decimals, rounded, when that product is far enough from a tie that the
/// rounding error of the multiplication cannot change which way it goes (the exact value's
/// rounding is then the same).
char* write_fixed_fast(char* out, double value, int decimals) {
    static constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals < 0 || decimals > 9 || !std::isfinite(value)) return nullptr;
    const double scaled = std::fabs(value) * kPowers[decimals];  // 10^d is exact
    if (!(scaled < 0x1p52)) return nullptr;  // whole part and fraction both exact below 2^52
    const double whole = std::floor(scaled);
    const double fraction = scaled - whole;
    // The product is within scaled·2^-53 of the exact one; twice that is kept clear of 0.5.
    if (std::fabs(fraction - 0.5) <= scaled * 0x1p-52) return nullptr;
    const auto units = static_cast<std::uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
    char digits[24];
    const auto places = static_cast<std::size_t>(decimals);
    // At least one digit before the point: 0.05 is "0.05", from the units 5.
    const char* end = std::to_chars(digits, digits + sizeof digits, units).ptr;
    const auto count = static_cast<std::size_t>(end - digits);
    if (std::signbit(value)) *out++ = '-';  // -0.001 is "-0.00", as fmt writes it
    if (count <= places) {
        *out++ = '0';
        *out++ = '.';  // places > 0 here: count ≥ 1
        out = std::fill_n(out, places - count, '0');
        return std::copy(digits, digits + count, out);
    }
    out = std::copy(digits, digits + count - places, out);
    if (places > 0) {
        *out++ = '.';
        out = std::copy(digits + count - places, digits + count, out);
    }
    return out;
}

}  // namespace

void append_fixed(std::string& text, double value, int decimals) {
    char fast[32];
    if (const char* end = write_fixed_fast(fast, value, decimals)) {
        text.append(fast, static_cast<std::size_t>(end - fast));
        return;
    }
    // std::to_chars rounds as fmt does, at about two thirds of its cost. The largest finite
    // double has 309 digits before the point.
    constexpr std::size_t kWhole = 1 + 309 + 1;
    constexpr std::size_t kMostPlacesOnStack = 40;
    const std::size_t places = decimals > 0 ? static_cast<std::size_t>(decimals) : 0;
    const auto write = [&](char* first, std::size_t size) {
        const auto result = std::to_chars(first, first + size, value, std::chars_format::fixed,
                                          static_cast<int>(places));
        text.append(first, result.ptr);
    };
    if (places <= kMostPlacesOnStack) {
        char buffer[kWhole + kMostPlacesOnStack];
        write(buffer, sizeof buffer);
        return;
    }
    std::string buffer(kWhole + places, '\0');
    write(buffer.data(), buffer.size());
}

std::string fixed_text(double value, int decimals) {
    std::string text;
    append_fixed(text, value, decimals);
    return text;
}

}  // namespace eduqb
