// The JSON writer's escaping against the rule of RFC 8259 and escape.hpp written out here
// character by character, and its block-wise output against the document assembled by hand.

#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>
#include <string>

#include "report/json_writer.hpp"
#include "report_shape.hpp"

using eduqb::detail::JsonWriter;

namespace {

using eduqb::shape::well_formed;

/// RFC 8259 §7 as the writer applies it: quote and backslash escaped; control characters
/// (C0, DEL, C1), bidirectional controls and U+2028/U+2029 as their short escape or \uXXXX;
/// a byte that is not part of well-formed UTF-8 as \ufffd; every other character as it is.
std::string expected_string(const std::string& text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t size = well_formed(text, i);
        if (size == 0) {
            out += "\\ufffd";
            ++i;
            continue;
        }
        char32_t c = static_cast<unsigned char>(text[i]);
        if (size > 1) {
            c &= 0x7F >> size;
            for (std::size_t k = 1; k < size; ++k) c = c << 6 | (text[i + k] & 0x3F);
        }
        const bool hidden = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E ||
                            c == 0x200F || (c >= 0x2028 && c <= 0x202E) ||
                            (c >= 0x2066 && c <= 0x2069);
        if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (hidden) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
            out += escape;
        } else {
            out += text.substr(i, size);
        }
        i += size;
    }
    return out + "\"";
}

/// i / 8 as its shortest text, written out by hand: 2.375, 3, 0.5.
std::string eighths(int i) {
    static const char* const kFractions[] = {"",   ".125", ".25", ".375",
                                             ".5", ".625", ".75", ".875"};
    return std::to_string(i / 8) + kFractions[i % 8];
}

}  // namespace

TEST_CASE("json writer: every byte escaped as RFC 8259 says") {
    std::string all;
    for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
    all += std::string(1, '\0') + "学校 \"x\" \\ end \u202e\u2066\u2028\u200b\xc2\x85\xed\xa0\x80";
    for (std::size_t start : {std::size_t{0}, std::size_t{31}, std::size_t{200}}) {
        const std::string text = all.substr(start);
        std::ostringstream out;
        JsonWriter(out).string(text);
        CHECK(out.str() == expected_string(text));
    }
    std::ostringstream empty;
    JsonWriter(empty).string("");
    CHECK(empty.str() == "\"\"");
}

TEST_CASE("json writer: a document larger than a block is written whole, and as it grows") {
    std::ostringstream out;
    JsonWriter json(out);
    std::string expected = "{\n  \"rows\": [";
    json.begin_object();
    json.key("rows").begin_array();
    bool written_before_the_end = false;
    for (int i = 0; i < 20000; ++i) {
        json.begin_object();
        json.key("id").string("学校" + std::to_string(i));
        json.key("value").number(i / 8.0);
        json.key("count").integer(-i);
        json.key("ok").boolean(i % 2 == 0);
        json.key("none").null();
        json.end_object();
        expected += std::string(i == 0 ? "" : ",") + "\n    {\n      \"id\": \"学校" +
                    std::to_string(i) + "\",\n      \"value\": " + eighths(i) +
                    ",\n      \"count\": " + std::to_string(-i) +
                    ",\n      \"ok\": " + (i % 2 == 0 ? "true" : "false") +
                    ",\n      \"none\": null\n    }";
        written_before_the_end = written_before_the_end || out.tellp() > 0;
    }
    json.end_array();
    json.end_object();
    expected += "\n  ]\n}\n";
    CHECK(written_before_the_end);  // the buffer is bounded, not the whole document
    CHECK(out.str().size() > JsonWriter::kFlushBytes);
    CHECK(out.str() == expected);
}
