#include "base/number_text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace eduqb {
namespace {

/// fmt's "{}" through fmt's own writer: the reference the fast path reproduces.
char* write_with_fmt(char* out, double value) {
    return fmt::format_to(out, FMT_COMPILE("{}"), value);
}

// The fast path relies on fmt's shortest-digits routine, an internal but exported API, and on
// fmt 9's layout rules; other fmt versions take fmt's own writer. Its digit words are built
// for little-endian memory, and it counts digits with a GCC/Clang builtin (compilers that
// define __BYTE_ORDER__).
#if FMT_VERSION >= 90000 && FMT_VERSION < 100000 && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define EDUQB_SHORTEST_FROM_DIGITS 1

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

#if defined(__SSE2__)

/// The sixteen decimal digits of `value` < 10^16, leading zeros included, as ASCII from
/// `out`. The divisions by 10^4, 10^2 and 10 are done in all lanes of one vector at once, as
/// multiplications by rounded-up reciprocals that are exact for these ranges.
void write_sixteen_digits(char* out, std::uint64_t value) {
    const std::uint64_t high = value / 100000000;
    const std::uint64_t low = value - high * 100000000;
    // Eight digits per 64-bit lane, the first eight in the lower lane (the lower address).
    __m128i lanes = _mm_set_epi64x(static_cast<long long>(low), static_cast<long long>(high));
    // Each into its first and last four digits, in the lower and upper 32 bits: x / 10^4 is
    // x * 109951163 >> 40.
    const __m128i fours = _mm_srli_epi64(_mm_mul_epu32(lanes, _mm_set1_epi64x(109951163)), 40);
    const __m128i last_fours = _mm_sub_epi64(lanes, _mm_mul_epu32(fours, _mm_set1_epi64x(10000)));
    lanes = _mm_or_si128(fours, _mm_slli_epi64(last_fours, 32));
    // Each four into two pairs, in 16-bit halves: x / 100 is x * 5243 >> 19.
    const __m128i twos = _mm_srli_epi16(_mm_mulhi_epu16(lanes, _mm_set1_epi32(5243)), 3);
    const __m128i last_twos = _mm_sub_epi16(lanes, _mm_mullo_epi16(twos, _mm_set1_epi32(100)));
    lanes = _mm_or_si128(twos, _mm_slli_epi32(last_twos, 16));
    // Each pair into two digits, in bytes: x / 10 is x * 6554 >> 16.
    const __m128i ones = _mm_mulhi_epu16(lanes, _mm_set1_epi16(6554));
    const __m128i last_ones = _mm_sub_epi16(lanes, _mm_mullo_epi16(ones, _mm_set1_epi16(10)));
    lanes = _mm_or_si128(ones, _mm_slli_epi16(last_ones, 8));
    lanes = _mm_add_epi8(lanes, _mm_set1_epi8('0'));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), lanes);
}

#else

/// The eight decimal digits of `value` < 10^8, leading zeros included, as ASCII in memory
/// order (first digit in the lowest byte): the scheme of the vector version above in the
/// lanes of one 64-bit word.
std::uint64_t eight_digits(std::uint64_t value) {
    const std::uint64_t fours = (value * 109951163) >> 40;  // value / 10^4
    std::uint64_t lanes = fours | ((value - fours * 10000) << 32);
    const std::uint64_t twos = ((lanes * 10486) >> 20) & 0x0000007F0000007FULL;  // lane / 100
    lanes = twos | ((lanes - twos * 100) << 16);
    const std::uint64_t ones = ((lanes * 103) >> 10) & 0x000F000F000F000FULL;  // lane / 10
    lanes = ones | ((lanes - ones * 10) << 8);
    return lanes + 0x3030303030303030ULL;  // '0' in every byte
}

void write_sixteen_digits(char* out, std::uint64_t value) {
    const std::uint64_t first = eight_digits(value / 100000000);
    const std::uint64_t last = eight_digits(value % 100000000);
    std::memcpy(out, &first, sizeof first);
    std::memcpy(out + 8, &last, sizeof last);
}

#endif

/// The digits of a significand (< 10^17, so at most 17 digits), followed by zeros. The layout
/// below copies them in fixed 16- and 24-byte blocks, which compile to a few vector moves:
/// copying exactly as many digits as needed took more instructions than making them.
class SignificandText {
  public:
    SignificandText(std::uint64_t digits, int size) : size_(size) {
        constexpr std::uint64_t kTenToTheSixteen = 10000000000000000;
        if (size > 16) {
            const std::uint64_t first = digits / kTenToTheSixteen;
            text_[kDigitsEnd - 17] = static_cast<char>('0' + first);
            digits -= first * kTenToTheSixteen;
        }
        write_sixteen_digits(text_ + kDigitsEnd - 16, digits);
        std::memset(text_ + kDigitsEnd, '0', sizeof text_ - kDigitsEnd);
    }
    /// The first digit; zeros follow the last one, enough for any block copy below.
    const char* begin() const { return text_ + kDigitsEnd - size_; }
    int size() const { return size_; }

  private:
    static constexpr int kDigitsEnd = 24;

    char text_[kDigitsEnd + 24];
    int size_;
};

/// `Size` bytes from `from`, a fixed size the compiler copies in a few moves.
template <std::size_t Size>
void copy_block(char* out, const char* from) {
    std::memcpy(out, from, Size);
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
    *out++ = static_cast<char>('0' + magnitude / 10);
    *out++ = static_cast<char>('0' + magnitude % 10);
    return out;
}

/// The significand's digits × 10^`exponent` (no trailing zeros) in fmt's general layout.
/// The 33 bytes from `out` may hold scratch digits past the returned end.
char* write_decimal(char* out, const SignificandText& digits, int exponent) {
    const int size = digits.size();
    // Decimal exponent of the first digit, the one fmt's notation choice looks at.
    const int first_digit_exponent = exponent + size - 1;
    if (first_digit_exponent < -4 || first_digit_exponent >= 16) {  // 1.234e+20
        out[0] = *digits.begin();
        out[1] = '.';
        copy_block<16>(out + 2, digits.begin() + 1);  // the other digits, 16 at most
        // "1e+20", not "1.e+20".
        return write_exponent(out + (size > 1 ? size + 1 : 1), first_digit_exponent);
    }
    if (exponent >= 0) {  // 1234e2 -> 123400: 16 characters at most, zeros after the digits
        copy_block<16>(out, digits.begin());
        return out + size + exponent;
    }
    const int integral_size = size + exponent;  // 16 at most, as is the fraction
    if (integral_size > 0) {                    // 1234e-2 -> 12.34
        copy_block<16>(out, digits.begin());
        out[integral_size] = '.';
        copy_block<16>(out + integral_size + 1, digits.begin() + integral_size);
        return out + size + 1;
    }
    // 1234e-6 -> 0.001234, at most three zeros after the point: 1e-5 takes an exponent.
    const int leading_zeros = -integral_size;
    copy_block<8>(out, "0.000000");
    copy_block<24>(out + 2 + leading_zeros, digits.begin());  // all 17 digits at most
    return out + 2 + leading_zeros + size;
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
    const SignificandText digits(decimal.significand, digit_count(decimal.significand));
    return write_decimal(out, digits, decimal.exponent);
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

std::string shortest_text(double value) {
    char buffer[kShortestTextCapacity];
    const char* end = write_shortest(buffer, value);
    return std::string(buffer, static_cast<std::size_t>(end - buffer));
}

}  // namespace eduqb
