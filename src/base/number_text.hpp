#pragma once
// Numbers as the reports write them (internal): the text of fmt's "{}", written straight into a
// caller's buffer. Formatting doubles through fmt's general machinery (format specs, locale
// digit grouping, output iterators) dominated the district CSV of a national file.

#include <cstddef>
#include <string>

namespace eduqb {

/// Room write_shortest needs from `out`. Its text is 24 characters at most
/// ("-1.2345678901234567e-308"), but it writes its digits in fixed-size blocks that can reach
/// 34 bytes past `out`; what lies past the returned end is scratch.
inline constexpr std::size_t kShortestTextCapacity = 40;

/// Writes the bytes of fmt::format("{}", value) (fmt 9: the shortest text that reads back as
/// `value`, fixed notation when the decimal exponent of the first digit is in [-4, 16), else
/// 1.5e-05 / 1e+16) from `out`, which has room for kShortestTextCapacity bytes; returns one
/// past the last. Infinities and NaN, which the reports never write, go through fmt itself.
char* write_shortest(char* out, double value);

/// write_shortest appended to `text`.
void append_shortest(std::string& text, double value);

/// write_shortest as a string: fmt::format("{}", value).
std::string shortest_text(double value);

}  // namespace eduqb
