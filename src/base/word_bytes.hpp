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

}  // namespace eduqb
