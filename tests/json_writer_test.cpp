// The JSON writer's escaping against the rule of RFC 8259 written out here byte by byte, and
// its block-wise output against the document assembled by hand.

#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>
#include <string>

#include "json_writer.hpp"

using eduqb::detail::JsonWriter;

namespace {

/// RFC 8259 §7 as the writer applies it: quote and backslash escaped, control characters
/// as their short escape or \u00XX, every other byte (UTF-8 included) as it is.
std::string expected_string(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
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
        } else if (c < 0x20) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", c);
            out += escape;
        } else {
            out += static_cast<char>(c);
        }
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
    all += std::string(1, '\0') + "学校 \"x\" \\ end";
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
