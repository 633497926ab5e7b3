#include "eduqb/decode.hpp"

#include <doctest/doctest.h>

#include <sstream>

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
