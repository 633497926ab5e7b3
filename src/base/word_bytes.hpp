#pragma once
// Tests on the eight bytes of a 64-bit word at once (internal), for scans that rule out most
// of a text a word at a time and look at bytes only where a word might hold what they seek.

#include <cstdint>

namespace eduqb {

/// Whether some byte of `word` is below `bound` (1 to 128): subtracting `bound` from every byte
/// sets the high bit of those below it, and "& ~word" drops the bytes whose high bit was set
/// already (128 and above, none of them below `bound`). Exact as to whether there is one; a
/// borrow may also mark bytes above the first such byte.
constexpr bool has_byte_below(std::uint64_t word, unsigned bound) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
    return ((word - bound * kOnes) & ~word & kHighBits) != 0;
}

/// Whether every byte of `word` lies in [`lowest`, 0x7E] (`lowest` 1 to 128): printable ASCII
/// from 0x20 (space) or 0x21 ('!') up. 0x7F is the one byte below 0x80 above them: adding 1
/// carries it into the high bit.
constexpr bool all_ascii_from(std::uint64_t word, unsigned lowest) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
    return (word & kHighBits) == 0 && !has_byte_below(word, lowest) &&
           ((word + kOnes) & kHighBits) == 0;
}

/// Whether some byte of `word` is `byte`: those bytes become zero under the xor.
constexpr bool has_byte(std::uint64_t word, unsigned char byte) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    return has_byte_below(word ^ (byte * kOnes), 1);
}

}  // namespace eduqb
