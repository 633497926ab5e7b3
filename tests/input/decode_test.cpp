#include "eduqb/decode.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "eduqb/error.hpp"

using namespace eduqb;

namespace {

std::string decode(const std::string& bytes, Encoding encoding, Encoding* detected = nullptr) {
    std::istringstream in(bytes);
    Utf8Decoder decoder("t.csv", in, encoding);
    std::string out;
    char buffer[7];  // small, so characters are cut at block ends
    for (std::size_t n; (n = decoder.read(buffer, sizeof buffer)) > 0;) out.append(buffer, n);
    if (detected) *detected = decoder.detected();
    return out;
}

const std::string kText = "学校,在校生数\n城关第一小学,1850\n";

}  // namespace

TEST_CASE("decode: strict UTF-8 validation") {
    CHECK(valid_utf8_prefix("abc", false) == 3);
    CHECK(valid_utf8_prefix("\xE5\xAD\xA6", false) == 3);      // 学
    CHECK(valid_utf8_prefix("a\xE5\xAD", false) == 1);         // cut inside a character
    CHECK(valid_utf8_prefix("a\xE5\xAD", true) == 3);          // allowed at a block end
    CHECK(valid_utf8_prefix("a\xC0\xAF", true) == 1);          // overlong
    CHECK(valid_utf8_prefix("a\xED\xA0\x80", true) == 1);      // surrogate
    CHECK(valid_utf8_prefix("\xB3\xC7\xB9\xD8", false) == 0);  // GBK 城关: not UTF-8
    // GBK 学校 happens to be valid UTF-8 (two Cyrillic letters): why detection looks further.
    CHECK(valid_utf8_prefix("\xD1\xA7\xD0\xA3", false) == 4);
}

TEST_CASE("decode: detection order and transcoding") {
    Encoding detected{};
    CHECK(decode(kText, Encoding::automatic, &detected) == kText);
    CHECK(detected == Encoding::utf8);
    CHECK(decode("\xEF\xBB\xBF" + kText, Encoding::automatic, &detected) == kText);
    CHECK(detected == Encoding::utf8);

    // 学校,在校生数 in GBK, then ASCII.
    const std::string gbk = "\xD1\xA7\xD0\xA3,\xD4\xDA\xD0\xA3\xC9\xFA\xCA\xFD\n1850\n";
    CHECK(decode(gbk, Encoding::automatic, &detected) == "学校,在校生数\n1850\n");
    CHECK(detected == Encoding::gb18030);
    CHECK(decode(gbk, Encoding::gbk, &detected) == "学校,在校生数\n1850\n");
    CHECK(detected == Encoding::gbk);

    const std::string utf16le("\xFF\xFE\x66\x5B\x21\x68\x0A\x00", 8);  // BOM 学校\n
    CHECK(decode(utf16le, Encoding::automatic, &detected) == "学校\n");
    CHECK(detected == Encoding::utf16le);
    const std::string utf16be("\xFE\xFF\x5B\x66\x68\x21\x00\x0A", 8);
    CHECK(decode(utf16be, Encoding::automatic, &detected) == "学校\n");
    CHECK(detected == Encoding::utf16be);
    const std::string no_bom("a\0b\0\n\0", 6);  // UTF-16LE without a BOM
    CHECK(decode(no_bom, Encoding::automatic, &detected) == "ab\n");
    CHECK(detected == Encoding::utf16le);

    CHECK(decode("plain,ascii\n", Encoding::automatic, &detected) == "plain,ascii\n");
    CHECK(detected == Encoding::automatic);
}

TEST_CASE("decode: bytes that fit no encoding name their offset and line") {
    // Valid UTF-8 for 30 lines of 24 bytes (6 characters × 3 + ",1850\n"), then a GBK row.
    std::string mixed;
    for (int i = 0; i < 30; ++i) mixed += "城关第一小学,1850\n";
    mixed += "\xB3\xC7\xB9\xD8,1\n";  // 城关 in GBK
    CHECK_THROWS_WITH_AS(decode(mixed, Encoding::automatic),
                         "t.csv:31: byte offset 720: this byte is not valid UTF-8 (save the file "
                         "as UTF-8 or GBK, or name its encoding with --encoding)",
                         InputError);
    // 0x80 is the euro sign in GBK (code page 936); 0xFF is nothing.
    CHECK_THROWS_WITH_AS(decode("ok\n\x80\xFF", Encoding::gbk),
                         "t.csv:2: byte offset 4: these bytes are not valid GBK (save the file as "
                         "UTF-8 or GBK, or name its encoding with --encoding)",
                         InputError);
    CHECK_THROWS_WITH_AS(decode("ok\n\xE5\xAD", Encoding::utf8),
                         doctest::Contains("the file ends inside a UTF-8 character"), InputError);
}

TEST_CASE("decode: encoding names") {
    CHECK(parse_encoding("GBK") == Encoding::gbk);
    CHECK(parse_encoding("utf-8") == Encoding::utf8);
    CHECK(parse_encoding("UTF-16") == Encoding::utf16);
    CHECK(parse_encoding("gb18030") == Encoding::gb18030);
    CHECK(parse_encoding("auto") == Encoding::automatic);
    CHECK_FALSE(parse_encoding("latin1"));
}

TEST_CASE("decode: a character cut by the 1 MiB read block is joined, not reported") {
    // 1 MiB is not a multiple of 3: the block boundary falls inside a 3-byte character.
    std::string text;
    for (int i = 0; i < 400000; ++i) text += "学";
    text += "\n";
    Encoding detected{};
    CHECK(decode(text, Encoding::automatic, &detected) == text);
    CHECK(detected == Encoding::utf8);
    CHECK(decode(text, Encoding::utf8) == text);
}

namespace {

/// decode() with reads of `read_size` bytes: smaller and larger than the decoder's own
/// read-ahead, cutting characters and blocks anywhere.
std::string decode_in_reads(const std::string& bytes, Encoding encoding, std::size_t read_size) {
    std::istringstream in(bytes);
    Utf8Decoder decoder("t.csv", in, encoding);
    std::string out;
    std::vector<char> buffer(read_size);
    for (std::size_t n; (n = decoder.read(buffer.data(), buffer.size())) > 0;) {
        out.append(buffer.data(), n);
    }
    return out;
}

/// Over 1 MiB of lines mixing one- to four-byte characters, so that reads of any size cut
/// characters of every length.
std::string long_mixed_text() {
    std::string text;
    for (int i = 0; text.size() < (std::size_t{1} << 20) + 12345; ++i) {
        text += std::to_string(i) + ",城关第一小学,\xC3\xA9t\xC3\xA9,\xF0\x9F\x8F\xAB," +
                std::string(static_cast<std::size_t>(i % 5), 'x') + "\n";
    }
    return text;
}

/// The message of a problem at byte `offset` of `bytes`, its line counted here.
std::string problem_at(const std::string& bytes, std::size_t offset, const std::string& what) {
    const long line =
        1 + std::count(bytes.begin(), bytes.begin() + static_cast<long>(offset), '\n');
    return "t.csv:" + std::to_string(line) + ": byte offset " + std::to_string(offset) + ": " +
           what + " (save the file as UTF-8 or GBK, or name its encoding with --encoding)";
}

}  // namespace

TEST_CASE("decode: reads of any size give the same text and the same first problem") {
    const std::string text = long_mixed_text();
    const std::vector<std::size_t> sizes = {3, 4, 7, 4096, 65536, 100003, 1 << 20, 3 << 20};
    for (std::size_t size : sizes) {
        CAPTURE(size);
        CHECK(decode_in_reads(text, Encoding::automatic, size) == text);
        CHECK(decode_in_reads(text, Encoding::utf8, size) == text);
    }
    // A problem far past the first read-ahead: an invalid byte, a NUL, a NUL before an invalid
    // byte (the NUL is the first problem), and a character cut by the end of the file.
    const std::size_t at = text.size() - 70001;
    std::string invalid = text;
    invalid[at] = '\xFF';
    std::string nul = text;
    nul[at] = '\0';
    std::string both = nul;
    both[at + 5000] = '\xFF';
    const std::string cut = text + "\xE5\xAD";
    for (std::size_t size : sizes) {
        CAPTURE(size);
        CHECK_THROWS_WITH_AS(decode_in_reads(invalid, Encoding::automatic, size),
                             problem_at(invalid, at, "this byte is not valid UTF-8").c_str(),
                             InputError);
        CHECK_THROWS_WITH_AS(decode_in_reads(nul, Encoding::automatic, size),
                             problem_at(nul, at, "a NUL byte, which is not text").c_str(),
                             InputError);
        CHECK_THROWS_WITH_AS(decode_in_reads(both, Encoding::utf8, size),
                             problem_at(both, at, "a NUL byte, which is not text").c_str(),
                             InputError);
        CHECK_THROWS_WITH_AS(
            decode_in_reads(cut, Encoding::automatic, size),
            problem_at(cut, text.size(), "the file ends inside a UTF-8 character").c_str(),
            InputError);
    }
}

namespace {

/// Table 3-7 of the Unicode standard, one sequence at a time: the reference for the
/// validator's fast paths (sixteen ASCII bytes at once, runs of three-byte characters).
std::size_t reference_valid_prefix(const std::string& text, bool allow_truncated_tail) {
    const auto* b = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned c = b[i];
        std::size_t length = 0;
        unsigned low = 0x80, high = 0xBF;
        if (c < 0x80) {
            length = 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c == 0xE0) {
            length = 3, low = 0xA0;
        } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
            length = 3;
        } else if (c == 0xED) {
            length = 3, high = 0x9F;
        } else if (c == 0xF0) {
            length = 4, low = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            length = 4;
        } else if (c == 0xF4) {
            length = 4, high = 0x8F;
        } else {
            return i;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if (i + k >= n) return allow_truncated_tail ? n : i;
            const unsigned next = b[i + k];
            if (next < (k == 1 ? low : 0x80u) || next > (k == 1 ? high : 0xBFu)) return i;
        }
        i += length;
    }
    return n;
}

}  // namespace

TEST_CASE("decode: the UTF-8 validator agrees with Table 3-7 on random mixtures") {
    const std::vector<std::string> pieces = {
        "a",        "2024,",    std::string(17, 'x'), "学",           "校",
        "é",        "😀",        "\xE0\xA0\x80",       "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF",
        "\x80",     "\xC0\xAF", "\xED\xA0\x80",       "\xE0\x80\x80", "\xF5\x80\x80\x80",
        "\xE5\xAD", "\xE5",     "\xF0\x9F\x98",       "\xFF",         "\xEF\xBC\x91"};
    std::uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>(state >> 33);
    };
    const std::vector<std::pair<Utf8Blocks, bool>> block_checks = {
        {Utf8Blocks::none, true},
#if defined(__x86_64__) || defined(__i386__)
        {Utf8Blocks::ssse3, __builtin_cpu_supports("ssse3") != 0},
        {Utf8Blocks::avx2, __builtin_cpu_supports("avx2") != 0},
#endif
    };
    for (int round = 0; round < 40000; ++round) {
        std::string text;
        // Up to 96 pieces: long enough that the 64-byte groups of 16-byte blocks of the fast
        // path meet the errors at every offset, and sequences cut at block boundaries.
        const std::size_t count = next() % 96;
        for (std::size_t p = 0; p < count; ++p) {
            // Valid pieces far more often than broken ones, so that long valid runs occur.
            const std::size_t pick = next() % 4 == 0 ? next() % pieces.size() : next() % 7;
            text += pieces[pick];
        }
        for (bool tail : {false, true}) {
            INFO("text bytes: " << text.size() << ", round " << round);
            const std::size_t expected = reference_valid_prefix(text, tail);
            REQUIRE(valid_utf8_prefix(text, tail) == expected);
            // Each block check the processor has, not only the widest.
            for (const auto& check : block_checks) {
                if (!check.second) continue;
                const auto blocks = check.first;
                CAPTURE(static_cast<int>(blocks));
                REQUIRE(valid_utf8_prefix(text, tail, blocks) == expected);
            }
        }
    }
}
