#pragma once
// Numbers as the reports write them (internal): the text of fmt's "{}", written straight into a
// caller's buffer.

#include <cstddef>
#include <string>

namespace eduqb {

/// Room write_shortest needs from `out`: its longest text, "-1.2345678901234567e-308".
inline constexpr std::size_t kShortestTextCapacity = 24;

/// Writes the bytes of fmt::format("{}", value) (the shortest text that reads back as `value`;
/// with fmt 9, fixed notation when the decimal exponent of the first digit is in [-4, 16), else
/// 1.5e-05 / 1e+16) from `out`, which has room for kShortestTextCapacity bytes; returns one
/// past the last.
char* write_shortest(char* out, double value);

/// write_shortest appended to `text`.
void append_shortest(std::string& text, double value);

/// write_shortest as a string: fmt::format("{}", value).
std::string shortest_text(double value);

/// The bytes of fmt::format("{:.{}f}", value, decimals): `value` rounded correctly to
/// `decimals` (≥ 0) places (ties to even, on the double's exact value), fixed notation.
std::string fixed_text(double value, int decimals);

/// fixed_text appended to `text`.
void append_fixed(std::string& text, double value, int decimals);

}  // namespace eduqb
