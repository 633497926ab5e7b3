#include "report/output_encoding.hpp"

#include <doctest/doctest.h>

#include "eduqb/error.hpp"

using namespace eduqb;

TEST_CASE("output_encoding: names") {
    CHECK(parse_output_encoding("GBK") == OutputEncoding::gbk);
    CHECK(parse_output_encoding("utf8") == OutputEncoding::utf8);
    CHECK(parse_output_encoding("UTF-8") == OutputEncoding::utf8);
    CHECK(parse_output_encoding("gb18030") == OutputEncoding::gb18030);
    CHECK_FALSE(parse_output_encoding("latin1"));
}

TEST_CASE("output_encoding: UTF-8 to GBK, byte for byte") {
    // 城 = B3 C7, 关 = B9 D8, ≤ = A1 DC in GBK.
    CHECK(encode_output("城关,≤\n", OutputEncoding::gbk) == "\xB3\xC7\xB9\xD8,\xA1\xDC\n");
    CHECK(encode_output("plain ascii", OutputEncoding::gbk) == "plain ascii");
    CHECK(encode_output("", OutputEncoding::gbk).empty());
    // Long text needs the output buffer to grow.
    std::string long_text;
    std::string expected;
    for (int i = 0; i < 5000; ++i) {
        long_text += "城";
        expected += "\xB3\xC7";
    }
    CHECK(encode_output(long_text, OutputEncoding::gbk) == expected);
}

TEST_CASE("output_encoding: a character GBK lacks is an error naming it and its line") {
    try {
        encode_output("a\nb\n学校😀\n", OutputEncoding::gbk);
        FAIL("expected an OutputError");
    } catch (const OutputError& error) {
        CHECK(std::string(error.what()) ==
              "the report cannot be written in GBK: character '😀' (U+1F600) on line 3 has no "
              "GBK code; use --output-encoding gb18030 or utf-8");
    }
    // GB18030 covers all of Unicode: 😀 = 94 39 FC 36.
    CHECK(encode_output("😀", OutputEncoding::gb18030) == "\x94\x39\xFC\x36");
}

TEST_CASE("output_encoding: invalid UTF-8 is reported, in every encoding") {
    CHECK_THROWS_WITH_AS(encode_output("ok\n\xFF", OutputEncoding::gbk),
                         "the report is not valid UTF-8: byte 0xFF on line 2", OutputError);
    CHECK_THROWS_WITH_AS(encode_output("\xE5\x9F", OutputEncoding::utf8),
                         "the report is not valid UTF-8: byte 0xE5 on line 1", OutputError);
    CHECK(encode_output("城关", OutputEncoding::utf8) == "城关");
}
