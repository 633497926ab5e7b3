#include "base/number_text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>

namespace eduqb {

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
    return fmt::format_to(out, FMT_COMPILE("{}"), value);
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

/// append_fixed for the common case, or false (and nothing appended): the value times
/// 10^decimals, rounded, when that product is far enough from a tie that the rounding error of
/// the multiplication cannot change which way it goes (the exact value's rounding is then the
/// same).
bool fast_append_fixed(std::string& text, double value, int decimals) {
    static constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals < 0 || decimals > 9 || !std::isfinite(value)) return false;
    const double scaled = std::fabs(value) * kPowers[decimals];  // 10^d is exact
    if (!(scaled < 0x1p52)) return false;  // whole part and fraction both exact below 2^52
    const double whole = std::floor(scaled);
    const double fraction = scaled - whole;
    // The product is within scaled·2^-53 of the exact one; twice that is kept clear of 0.5.
    if (std::fabs(fraction - 0.5) <= scaled * 0x1p-52) return false;
    const auto units = static_cast<std::uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
    char digits[24];
    const auto places = static_cast<std::size_t>(decimals);
    // At least one digit before the point: 0.05 is "0.05", from the units 5.
    char* end = std::to_chars(digits, digits + sizeof digits, units).ptr;
    std::size_t count = static_cast<std::size_t>(end - digits);
    if (std::signbit(value)) text += '-';  // -0.001 is "-0.00", as fmt writes it
    if (count <= places) {
        text += '0';
        if (places > 0) text += '.';
        text.append(places - count, '0');
        text.append(digits, count);
        return true;
    }
    text.append(digits, count - places);
    if (places > 0) {
        text += '.';
        text.append(digits + count - places, places);
    }
    return true;
}

}  // namespace

void append_fixed(std::string& text, double value, int decimals) {
    if (fast_append_fixed(text, value, decimals)) return;
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
