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
