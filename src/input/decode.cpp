#include "eduqb/decode.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>  // SSSE3 and AVX2, used behind a check of the processor
#endif

#include "base/byte_count.hpp"
#include "eduqb/error.hpp"
#include "input/text_buffer.hpp"

namespace eduqb {

std::optional<Encoding> parse_encoding(std::string_view text) {
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "auto" || lower == "automatic") return Encoding::automatic;
    if (lower == "utf-8" || lower == "utf8") return Encoding::utf8;
    if (lower == "gbk" || lower == "cp936" || lower == "gb2312") return Encoding::gbk;
    if (lower == "gb18030") return Encoding::gb18030;
    if (lower == "utf-16" || lower == "utf16") return Encoding::utf16;
    if (lower == "utf-16le" || lower == "utf16le") return Encoding::utf16le;
    if (lower == "utf-16be" || lower == "utf16be") return Encoding::utf16be;
    return std::nullopt;
}

std::string_view to_string(Encoding encoding) {
    switch (encoding) {
        case Encoding::automatic:
            return "ASCII";
        case Encoding::utf8:
            return "UTF-8";
        case Encoding::gbk:
            return "GBK";
        case Encoding::gb18030:
            return "GB18030";
        case Encoding::utf16le:
            return "UTF-16LE";
        case Encoding::utf16be:
            return "UTF-16BE";
        case Encoding::utf16:
            return "UTF-16";
    }
    return "";
}

namespace {

/// The length of `text` (valid UTF-8 but for a sequence possibly cut at its end) without
/// that cut sequence.
std::size_t complete_utf8_length(std::string_view text) {
    const std::size_t n = text.size();
    for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
        const auto c = static_cast<unsigned char>(text[n - back]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
        const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        return length > back ? n - back : n;
    }
    return n;
}

#if defined(__x86_64__) || defined(__i386__)
#define EDUQB_UTF8_SSSE3 1

// The classification of Keiser and Lemire, "Validating UTF-8 in less than one instruction per
// byte" (2021): each byte pair is looked up by the high and low nibble of its first byte and
// the high nibble of its second, and the lookups must agree on which errors are possible;
// third and fourth bytes must be continuations.
constexpr std::uint8_t kTooShort = 1 << 0, kTooLong = 1 << 1, kOverlong3 = 1 << 2,
                       kTooLarge = 1 << 3, kSurrogate = 1 << 4, kOverlong2 = 1 << 5,
                       kTooLarge1000 = 1 << 6, kOverlong4 = 1 << 6, kTwoConts = 1 << 7,
                       kCarry = kTooShort | kTooLong | kTwoConts;
constexpr std::uint8_t kLarge = kCarry | kTooLarge | kTooLarge1000;
constexpr std::uint8_t kContinuation = kTooLong | kOverlong2 | kTwoConts;
alignas(16) constexpr std::uint8_t kByte1High[16] = {
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTwoConts,
    kTwoConts,
    kTwoConts,
    kTwoConts,
    kTooShort | kOverlong2,
    kTooShort,
    kTooShort | kOverlong3 | kSurrogate,
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4};
alignas(16) constexpr std::uint8_t kByte1Low[16] = {kCarry | kOverlong3 | kOverlong2 | kOverlong4,
                                                    kCarry | kOverlong2,
                                                    kCarry,
                                                    kCarry,
                                                    kCarry | kTooLarge,
                                                    kLarge,
                                                    kLarge,
                                                    kLarge,
                                                    kLarge,
                                                    kLarge,
                                                    kLarge,
                                                    kLarge,
                                                    kLarge,
                                                    kLarge | kSurrogate,
                                                    kLarge,
                                                    kLarge};
alignas(16) constexpr std::uint8_t kByte2High[16] = {
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kContinuation | kOverlong3 | kTooLarge1000 | kOverlong4,
    kContinuation | kOverlong3 | kTooLarge,
    kContinuation | kSurrogate | kTooLarge,
    kContinuation | kSurrogate | kTooLarge,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort};

/// Bytes [0, returned) of `bytes` hold only whole, valid UTF-8 sequences as far as the blocks
/// can tell, and the scalar check goes on from there: the start of the first 64 bytes with an
/// error, or of the bytes after the last 64, moved back to the first byte of the character it
/// falls in. Every block gets the full check, ASCII or not, and errors are tested once per 64
/// bytes: in a file of Chinese names between numbers, which blocks hold only ASCII is all but
/// random, and a branch that skipped them missed often enough to cost more than it saved.
__attribute__((target("ssse3"))) std::size_t valid_utf8_blocks(const unsigned char* bytes,
                                                               std::size_t n) {
    auto table = [](const std::uint8_t* entries) {
        return _mm_load_si128(reinterpret_cast<const __m128i*>(entries));
    };
    const __m128i byte1_high = table(kByte1High);
    const __m128i byte1_low = table(kByte1Low);
    const __m128i byte2_high = table(kByte2High);
    const __m128i low_nibble = _mm_set1_epi8(0x0F);
    constexpr std::size_t kGroupBytes = 64;
    __m128i previous = _mm_setzero_si128();
    std::size_t i = 0;
    for (; i + kGroupBytes <= n; i += kGroupBytes) {
        __m128i errors = _mm_setzero_si128();
        for (std::size_t block = 0; block < kGroupBytes; block += 16) {
            const __m128i input =
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i + block));
            const __m128i prev1 = _mm_alignr_epi8(input, previous, 15);
            const __m128i high1 = _mm_and_si128(_mm_srli_epi16(prev1, 4), low_nibble);
            const __m128i low1 = _mm_and_si128(prev1, low_nibble);
            const __m128i high2 = _mm_and_si128(_mm_srli_epi16(input, 4), low_nibble);
            const __m128i special = _mm_and_si128(_mm_and_si128(_mm_shuffle_epi8(byte1_high, high1),
                                                                _mm_shuffle_epi8(byte1_low, low1)),
                                                  _mm_shuffle_epi8(byte2_high, high2));
            const __m128i prev2 = _mm_alignr_epi8(input, previous, 14);
            const __m128i prev3 = _mm_alignr_epi8(input, previous, 13);
            const __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(static_cast<char>(0xE0 - 1)));
            const __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(static_cast<char>(0xF0 - 1)));
            // 0x80 where a byte must be the third or fourth of a sequence.
            const __m128i must_continue =
                _mm_and_si128(_mm_cmpgt_epi8(_mm_or_si128(third, fourth), _mm_setzero_si128()),
                              _mm_set1_epi8(static_cast<char>(0x80)));
            errors = _mm_or_si128(errors, _mm_xor_si128(must_continue, special));
            previous = input;
        }
        // The scalar check finds where in these 64 bytes.
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(errors, _mm_setzero_si128())) != 0xFFFF) break;
    }
    // A sequence that starts in the last three bytes before `i` and reaches past it has not
    // been checked whole: the scalar check starts at its first byte.
    return complete_utf8_length(std::string_view(reinterpret_cast<const char*>(bytes), i));
}

/// valid_utf8_blocks 32 bytes at a time.
__attribute__((target("avx2"))) std::size_t valid_utf8_blocks_avx2(const unsigned char* bytes,
                                                                   std::size_t n) {
    // Each table in both 128-bit lanes (a lambda would not inherit this function's target).
    const __m256i byte1_high =
        _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte1High)));
    const __m256i byte1_low =
        _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte1Low)));
    const __m256i byte2_high =
        _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte2High)));
    const __m256i low_nibble = _mm256_set1_epi8(0x0F);
    constexpr std::size_t kGroupBytes = 64;
    __m256i previous = _mm256_setzero_si256();
    std::size_t i = 0;
    for (; i + kGroupBytes <= n; i += kGroupBytes) {
        __m256i errors = _mm256_setzero_si256();
        for (std::size_t block = 0; block < kGroupBytes; block += 32) {
            const __m256i input =
                _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i + block));
            // The bytes before each of `input`'s: alignr works within 128-bit lanes, so the
            // lower lane takes its predecessor from the previous block's upper one.
            const __m256i before = _mm256_permute2x128_si256(previous, input, 0x21);
            const __m256i prev1 = _mm256_alignr_epi8(input, before, 15);
            const __m256i high1 = _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low_nibble);
            const __m256i low1 = _mm256_and_si256(prev1, low_nibble);
            const __m256i high2 = _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibble);
            const __m256i special =
                _mm256_and_si256(_mm256_and_si256(_mm256_shuffle_epi8(byte1_high, high1),
                                                  _mm256_shuffle_epi8(byte1_low, low1)),
                                 _mm256_shuffle_epi8(byte2_high, high2));
            const __m256i prev2 = _mm256_alignr_epi8(input, before, 14);
            const __m256i prev3 = _mm256_alignr_epi8(input, before, 13);
            const __m256i third =
                _mm256_subs_epu8(prev2, _mm256_set1_epi8(static_cast<char>(0xE0 - 1)));
            const __m256i fourth =
                _mm256_subs_epu8(prev3, _mm256_set1_epi8(static_cast<char>(0xF0 - 1)));
            const __m256i must_continue = _mm256_and_si256(
                _mm256_cmpgt_epi8(_mm256_or_si256(third, fourth), _mm256_setzero_si256()),
                _mm256_set1_epi8(static_cast<char>(0x80)));
            errors = _mm256_or_si256(errors, _mm256_xor_si256(must_continue, special));
            previous = input;
        }
        if (!_mm256_testz_si256(errors, errors)) break;
    }
    return complete_utf8_length(std::string_view(reinterpret_cast<const char*>(bytes), i));
}

bool has_avx2() {
    static const bool supported = __builtin_cpu_supports("avx2");
    return supported;
}

bool has_ssse3() {
    static const bool supported = __builtin_cpu_supports("ssse3");
    return supported;
}
#endif

}  // namespace

std::size_t valid_utf8_prefix(std::string_view text, bool allow_truncated_tail) {
#ifdef EDUQB_UTF8_SSSE3
    const Utf8Blocks blocks = has_avx2()    ? Utf8Blocks::avx2
                              : has_ssse3() ? Utf8Blocks::ssse3
                                            : Utf8Blocks::none;
#else
    const Utf8Blocks blocks = Utf8Blocks::none;
#endif
    return valid_utf8_prefix(text, allow_truncated_tail, blocks);
}

namespace {

/// The end of the run of ASCII bytes from `i`, found sixteen or eight bytes at a time (most of
/// a statistics file); the bytes after the last whole word are left to the byte loop.
std::size_t ascii_words_end(const unsigned char* bytes, std::size_t i, std::size_t n) {
#ifdef __SSE2__
    while (i + 16 <= n) {
        const auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i))));
        if (mask != 0) return i + static_cast<unsigned>(__builtin_ctz(mask));
        i += 16;
    }
#endif
    for (std::uint64_t word = 0; i + 8 <= n; i += 8) {
        std::memcpy(&word, bytes + i, 8);
        if (word & 0x8080808080808080ULL) break;
    }
    return i;
}

/// The end of the run of Chinese characters from `i`: three-byte sequences whose lead byte
/// puts no extra bound on the second byte (E1..EC, EE, EF).
std::size_t common_three_byte_end(const unsigned char* bytes, std::size_t i, std::size_t n) {
    while (i + 2 < n) {
        const unsigned char c = bytes[i];
        if (c < 0xE1 || c > 0xEF || c == 0xED || (bytes[i + 1] & 0xC0) != 0x80 ||
            (bytes[i + 2] & 0xC0) != 0x80) {
            break;
        }
        i += 3;
    }
    return i;
}

constexpr std::size_t kInvalidSequence = 0;
constexpr std::size_t kCutSequence = ~std::size_t{0};

/// The length of the UTF-8 sequence that starts at `i` with a byte of 0x80 or more;
/// kInvalidSequence when it is not one, kCutSequence when the text ends inside it.
std::size_t sequence_length(const unsigned char* bytes, std::size_t i, std::size_t n) {
    const unsigned char c = bytes[i];
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0) low = 0xA0;
        if (c == 0xED) high = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0) low = 0x90;
        if (c == 0xF4) high = 0x8F;
    } else {
        return kInvalidSequence;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= n) return kCutSequence;
        const unsigned char next = bytes[i + k];
        if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) return kInvalidSequence;
    }
    return length;
}

}  // namespace

std::size_t valid_utf8_prefix(std::string_view text, bool allow_truncated_tail, Utf8Blocks blocks) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
#ifdef EDUQB_UTF8_SSSE3
    if (n >= 64 && blocks == Utf8Blocks::avx2) i = valid_utf8_blocks_avx2(bytes, n);
    if (n >= 64 && blocks == Utf8Blocks::ssse3) i = valid_utf8_blocks(bytes, n);
#else
    (void)blocks;
#endif
    while (i < n) {
        i = ascii_words_end(bytes, i, n);
        if (i >= n) break;
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        i = common_three_byte_end(bytes, i, n);
        if (i >= n) break;
        if (bytes[i] < 0x80) continue;
        const std::size_t length = sequence_length(bytes, i, n);
        if (length == kCutSequence) return allow_truncated_tail ? n : i;
        if (length == kInvalidSequence) return i;
        i += length;
    }
    return n;
}

struct Utf8Decoder::Impl {
    std::string name;
    std::istream& in;
    Encoding encoding;
    bool started = false;
    /// Read ahead of decoding; large enough that reads are few, small enough to stay in L2.
    TextBuffer raw = TextBuffer(std::size_t{256} << 10);
    std::size_t raw_begin = 0, raw_end = 0;  // undecoded bytes held in raw
    std::string decoded;                     // decoded bytes not yet handed out
    std::size_t decoded_pos = 0;
    /// UTF-8 input needs no conversion: this many bytes at raw_begin are handed out as they
    /// are, without a copy into `decoded`.
    std::size_t passthrough = 0;
    long long consumed = 0;  // input bytes decoded so far (for error offsets)
    long lines = 1;          // line of the next decoded byte
    iconv_t converter = reinterpret_cast<iconv_t>(-1);
    bool eof = false;

    Impl(std::string n, std::istream& i, Encoding e) : name(std::move(n)), in(i), encoding(e) {}
    ~Impl() {
        if (converter != reinterpret_cast<iconv_t>(-1)) iconv_close(converter);
    }

    /// Reads more input behind what is held; false when nothing more came.
    bool fill() {
        if (eof) return false;
        if (raw_begin > 0) {
            std::memmove(raw.data(), raw.data() + raw_begin, raw_end - raw_begin);
            raw_end -= raw_begin;
            raw_begin = 0;
        }
        in.read(raw.data() + raw_end, static_cast<std::streamsize>(raw.size() - raw_end));
        if (in.bad()) throw InputError(Location{name, 0, 0}, "read error");
        const auto got = static_cast<std::size_t>(in.gcount());
        raw_end += got;
        if (got == 0) eof = true;
        return got > 0;
    }

    std::string_view held() const { return {raw.data() + raw_begin, raw_end - raw_begin}; }

    [[noreturn]] void fail_at(std::size_t held_offset, const std::string& what) {
        // Count the lines in the valid part before the bad byte.
        long line = lines;
        for (char c : held().substr(0, held_offset)) line += c == '\n';
        fail(line, consumed + static_cast<long long>(held_offset), what);
    }

    [[noreturn]] void fail(long line, long long offset, const std::string& what) {
        throw InputError(
            Location{name, line, 0},
            fmt::format("byte offset {}: {} (save the file as UTF-8 or GBK, or name its encoding "
                        "with --encoding)",
                        offset, what));
    }

    void open_converter(const char* from) {
        converter = iconv_open("UTF-8", from);
        if (converter == reinterpret_cast<iconv_t>(-1)) {
            throw InputError(Location{name, 0, 0},
                             fmt::format("this system cannot convert from {}", from));
        }
    }

    void start() {
        started = true;
        while (raw_end - raw_begin < 4 && fill()) {
        }
        std::string_view head = held();
        auto starts = [&](std::string_view bom) { return head.substr(0, bom.size()) == bom; };
        if (starts("\xEF\xBB\xBF") &&
            (encoding == Encoding::automatic || encoding == Encoding::utf8)) {
            raw_begin += 3;
            consumed += 3;
            encoding = Encoding::utf8;
        } else if (starts("\xFF\xFE") &&
                   (encoding == Encoding::automatic || encoding == Encoding::utf16 ||
                    encoding == Encoding::utf16le)) {
            raw_begin += 2;
            consumed += 2;
            encoding = Encoding::utf16le;
        } else if (starts("\xFE\xFF") &&
                   (encoding == Encoding::automatic || encoding == Encoding::utf16 ||
                    encoding == Encoding::utf16be)) {
            raw_begin += 2;
            consumed += 2;
            encoding = Encoding::utf16be;
        } else if (encoding == Encoding::utf16) {
            encoding = Encoding::utf16le;  // no BOM: Windows writes little-endian
        } else if (encoding == Encoding::automatic && head.size() >= 2 &&
                   (head[0] == '\0') != (head[1] == '\0')) {
            // No BOM, but an ASCII header with a zero byte beside every character: UTF-16.
            encoding = head[1] == '\0' ? Encoding::utf16le : Encoding::utf16be;
        }
        switch (encoding) {
            case Encoding::gbk:
                open_converter("GBK");
                break;
            case Encoding::gb18030:
                open_converter("GB18030");
                break;
            case Encoding::utf16le:
                open_converter("UTF-16LE");
                break;
            case Encoding::utf16be:
                open_converter("UTF-16BE");
                break;
            default:
                break;
        }
    }

    /// Decides between UTF-8 and GB18030 on the first non-ASCII bytes held. GBK text breaks
    /// UTF-8 within a few characters, so a long valid stretch means UTF-8; a later invalid
    /// byte is then reported as such (a file mixing encodings), not silently reinterpreted.
    void decide(std::size_t first_non_ascii) {
        constexpr std::size_t kEnough = 256;
        std::string_view rest = held().substr(first_non_ascii);
        const std::size_t valid = valid_utf8_prefix(rest, !eof);
        if (valid == rest.size() || valid >= kEnough) {
            encoding = Encoding::utf8;
        } else {
            encoding = Encoding::gb18030;
            open_converter("GB18030");
        }
    }

    /// The first `count` held bytes are valid UTF-8: hand them out as they are.
    void pass(std::size_t count) {
        lines += static_cast<long>(count_byte(raw.data() + raw_begin, count, '\n'));
        consumed += static_cast<long long>(count);
        passthrough = count;
    }

    void emit(std::string_view text) {
        lines += static_cast<long>(count_byte(text.data(), text.size(), '\n'));
        decoded.append(text);
    }

    /// No text holds a NUL, and the line reader would silently cut the line at one ("4\05"
    /// would read as 4 students): a NUL is an error, wherever it is.
    static constexpr const char* kNul = "a NUL byte, which is not text";

    /// The first NUL character in undecoded bytes: a 0x00 byte (no GBK or GB18030 character
    /// contains one), or a zero code unit in UTF-16.
    std::size_t find_nul(std::string_view text) const {
        if (encoding != Encoding::utf16le && encoding != Encoding::utf16be) return text.find('\0');
        for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
            if (text[i] == '\0' && text[i + 1] == '\0') return i;
        }
        return std::string_view::npos;
    }

    /// Decodes what is held into `decoded`; false at end of input.
    bool decode_more() {
        if (!started) start();
        if (raw_end == raw_begin && !fill()) return false;
        std::string_view text = held();
        if (encoding == Encoding::automatic) {
            auto non_ascii = std::find_if(text.begin(), text.end(), [](char c) {
                return static_cast<unsigned char>(c) >= 0x80;
            });
            if (non_ascii == text.end()) {
                if (auto nul = find_nul(text); nul != std::string_view::npos) fail_at(nul, kNul);
                pass(text.size());
                return true;
            }
            decide(static_cast<std::size_t>(non_ascii - text.begin()));
        }
        if (encoding == Encoding::utf8) {
            std::size_t valid = valid_utf8_prefix(text, true);
            if (valid < text.size()) {
                // The first problem is the one reported, a NUL or an invalid byte, wherever
                // the reads happened to end.
                if (auto nul = find_nul(text.substr(0, valid)); nul != std::string_view::npos) {
                    fail_at(nul, kNul);
                }
                fail_at(valid, "this byte is not valid UTF-8");
            }
            // Keep a sequence cut at the end of the block for the next round. The text is valid,
            // so only its last three bytes can hold the start of a cut sequence.
            const std::size_t complete = complete_utf8_length(text);
            if (complete == 0 && eof) fail_at(0, "the file ends inside a UTF-8 character");
            if (complete == 0) {
                if (!fill()) fail_at(0, "the file ends inside a UTF-8 character");
                return true;
            }
            if (auto nul = find_nul(text.substr(0, complete)); nul != std::string_view::npos) {
                fail_at(nul, kNul);
            }
            pass(complete);
            return true;
        }
        return convert(text);
    }

    bool convert(std::string_view text) {
        // Only the bytes before a NUL are converted, so that its error names the right line.
        const std::size_t nul = find_nul(text);
        const std::string_view part = text.substr(0, nul);
        std::string out(part.size() * 2 + 16, '\0');
        char* in_ptr = const_cast<char*>(part.data());
        std::size_t in_left = part.size();
        char* out_ptr = out.data();
        std::size_t out_left = out.size();
        const std::size_t result = iconv(converter, &in_ptr, &in_left, &out_ptr, &out_left);
        const int error = result == static_cast<std::size_t>(-1) ? errno : 0;
        const std::size_t used = part.size() - in_left;
        out.resize(out.size() - out_left);
        emit(out);
        consumed += static_cast<long long>(used);
        raw_begin += used;
        if (error == EILSEQ) {
            fail_at(0, fmt::format("these bytes are not valid {}", to_string(encoding)));
        }
        if (nul != std::string_view::npos && (used == part.size() || error == EINVAL)) {
            fail(lines, consumed + static_cast<long long>(nul - used), kNul);
        }
        if (error == EINVAL && used == 0) {
            // An incomplete character at the end of the block: read on, or fail at the end.
            if (!fill())
                fail_at(0, fmt::format("the file ends inside a {} character", to_string(encoding)));
        }
        return true;
    }
};

Utf8Decoder::Utf8Decoder(std::string name, std::istream& in, Encoding requested)
    : impl_(std::make_unique<Impl>(std::move(name), in, requested)) {}

Utf8Decoder::~Utf8Decoder() = default;

std::size_t Utf8Decoder::read(char* out, std::size_t size) {
    Impl& d = *impl_;
    std::size_t filled = 0;
    while (filled < size) {  // the line reader takes a short read for the end of input
        if (d.passthrough > 0) {
            const std::size_t n = std::min(size - filled, d.passthrough);
            std::memcpy(out + filled, d.raw.data() + d.raw_begin, n);
            d.raw_begin += n;
            d.passthrough -= n;
            filled += n;
            continue;
        }
        if (d.decoded_pos == d.decoded.size()) {
            d.decoded.clear();
            d.decoded_pos = 0;
            if (!d.decode_more() && d.decoded.empty() && d.passthrough == 0) break;
            continue;
        }
        const std::size_t n = std::min(size - filled, d.decoded.size() - d.decoded_pos);
        std::memcpy(out + filled, d.decoded.data() + d.decoded_pos, n);
        d.decoded_pos += n;
        filled += n;
    }
    return filled;
}

Encoding Utf8Decoder::detected() const {
    return impl_->encoding;
}

}  // namespace eduqb
