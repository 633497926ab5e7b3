#include "base/number_text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace eduqb {

namespace {

/// "00" to "99".
constexpr char kPairs[] =
    "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546"
    "4748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293"
    "949596979899";

void write_pair(char* out, std::uint32_t pair) {
    std::memcpy(out, kPairs + 2 * pair, 2);
}

/// The eight digits of `value` < 10^8, leading zeros included.
void write_eight(char* out, std::uint32_t value) {
    const std::uint32_t high = value / 10000;
    const std::uint32_t low = value % 10000;
    write_pair(out, high / 100);
    write_pair(out + 2, high % 100);
    write_pair(out + 4, low / 100);
    write_pair(out + 6, low % 100);
}

/// A significand's digits: 17 with leading zeros (a double's shortest significand has at most
/// 17), and room after them so that 17 bytes can be copied from any of them.
struct SignificandDigits {
    explicit SignificandDigits(std::uint64_t significand) {
        const std::uint64_t high = significand / 100000000;
        write_eight(text + 9, static_cast<std::uint32_t>(significand % 100000000));
        write_eight(text + 1, static_cast<std::uint32_t>(high % 100000000));
        text[0] = static_cast<char>('0' + high / 100000000);
    }
    /// Copies 17 bytes from the first of the `digits` digits to `out`: the digits, then bytes
    /// the caller writes over or leaves past the end of its text.
    void copy(char* out, int digits) const { std::memcpy(out, text + 17 - digits, 17); }
    /// Copies 16 bytes from the last `digits` (1 to 16) digits to `out`, as copy() does.
    void copy_last(char* out, int digits) const { std::memcpy(out, text + 17 - digits, 16); }

    char text[34] = {};
};

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
    if (std::signbit(value)) *out++ = '-';
    // fmt's own digits (Dragonbox: the shortest significand, no trailing zeros) laid out as its
    // "{}" lays them out, without the general formatter's options, padding and locale, and
    // eight digits at a time rather than two. Each copy below writes its 16 or 17 bytes within
    // kShortestTextCapacity of the first `out`.
    const auto decimal = fmt::detail::dragonbox::to_decimal(magnitude);
    const int exponent = decimal.exponent;
    const int digits = fmt::detail::count_digits(decimal.significand);
    const int first = exponent + digits - 1;  // the decimal exponent of the first digit
    const SignificandDigits text(decimal.significand);
    if (first < -4 || first >= 16) {
        // 1.2345e+20, 5e-324: the point after the first digit, the exponent in two digits or
        // more.
        text.copy(out + 1, digits);
        char* end = out + 1 + digits;
        out[0] = out[1];
        if (digits > 1) {
            out[1] = '.';
        } else {
            end = out + 1;
        }
        *end++ = 'e';
        *end++ = first < 0 ? '-' : '+';
        auto power = static_cast<std::uint32_t>(first < 0 ? -first : first);
        if (power >= 100) {
            *end++ = static_cast<char>('0' + power / 100);
            power %= 100;
        }
        write_pair(end, power);
        return end + 2;
    }
    if (exponent >= 0) {
        // A whole number from 2^53 to 10^16: its digits and zeros.
        text.copy(out, digits);
        char* end = out + digits;
        for (int zero = 0; zero < exponent; ++zero) *end++ = '0';
        return end;
    }
    if (first >= 0) {
        // 12.34. Below 10^6 the digits, then those after the point again one byte on, in copies
        // of a fixed size (no call); above, the first first + 1 digits moved back one byte.
        if (first <= 5) {
            text.copy(out, digits);
            out[first + 1] = '.';
            text.copy_last(out + first + 2, digits - first - 1);
        } else {
            text.copy(out + 1, digits);
            for (int i = 0; i <= first; ++i) out[i] = out[i + 1];
            out[first + 1] = '.';
        }
        return out + 1 + digits;
    }
    // 0.0012: "0.", the zeros, the digits.
    *out++ = '0';
    *out++ = '.';
    for (int zero = 1; zero < -first; ++zero) *out++ = '0';
    text.copy(out, digits);
    return out + digits;
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

std::string fixed_text(double value, int decimals) {
    // std::to_chars rounds as fmt does, at about two thirds of its cost. The largest finite
    // double has 309 digits before the point.
    constexpr std::size_t kWhole = 1 + 309 + 1;
    constexpr std::size_t kMostPlacesOnStack = 40;
    const std::size_t places = decimals > 0 ? static_cast<std::size_t>(decimals) : 0;
    const auto write = [&](char* first, std::size_t size) {
        const auto result = std::to_chars(first, first + size, value, std::chars_format::fixed,
                                          static_cast<int>(places));
        return std::string(first, result.ptr);
    };
    if (places <= kMostPlacesOnStack) {
        char buffer[kWhole + kMostPlacesOnStack];
        return write(buffer, sizeof buffer);
    }
    std::string buffer(kWhole + places, '\0');
    return write(buffer.data(), buffer.size());
}

}  // namespace eduqb
