// Output escaping (src/escape.hpp): each format's function on its own, then every hostile
// string through real reports in every format, whose structure must be that of the same
// report with plain names: the same Markdown lines and table cells, the same CSV records and
// fields with no formula at the start of a text cell, the same HTML tags, JSON that parses
// back to the names, XLSX string cells, and no control or bidirectional character anywhere.

#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/gaps.hpp"
#include "eduqb/render.hpp"
#include "eduqb/render_gaps.hpp"
#include "eduqb/workbook.hpp"
#include "escape.hpp"
#include "test_support.hpp"

using namespace eduqb;
using detail::append_json_string;
using detail::csv_text;
using detail::first_invisible;
using detail::markdown_code;
using detail::markdown_text;
using detail::terminal_text;
using detail::xlsx_text;
using detail::xml_escape;

namespace {

std::string repeat(const std::string& text, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += text;
    return out;
}

/// Every kind of text that has broken a report or a terminal somewhere.
const std::vector<std::string>& hostile_strings() {
    static const std::vector<std::string> strings = {
        "=1+2",
        "=HYPERLINK(\"http://example.com\",\"x\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+2",
        "\r=1+2",
        "x|y",
        "a\\|b",
        "|",
        "line1\nline2",
        "line1\r\nline2",
        "cr\ronly",
        "# 区: PASS",
        "\n# 区: PASS",
        "> quote",
        "- item",
        "* item",
        "1. item",
        "---",
        "```",
        "~~~",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "&#x202E;entity &lt;",
        "[click](javascript:alert(1))",
        "![image](http://example.com/x.png)",
        "\x1b[31mred\x1b[0m",
        "\x1b]0;title\x07",
        "bell\x07",
        "back\bspace",
        "\x7f del",
        "\xc2\x85next line",
        "\xc2\x9b"
        "31m csi",
        "\u202egnp.exe",
        "a\u2066b\u2069c",
        "\u200eltr\u200frtl\u061c",
        "ls\u2028ps\u2029",
        "\"quoted\" 'single'",
        "`code`",
        "\\",
        "trailing\\",
        "\xff\xfe not UTF-8",
        repeat("学", 40000),
    };
    return strings;
}

/// True when `text` holds a control character other than those `allowed`, a C1 control, a
/// bidirectional control or U+2028/U+2029.
bool has_hidden(const std::string& text, std::string_view allowed = "\n") {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && allowed.find(static_cast<char>(c)) == std::string_view::npos) ||
            c == 0x7F) {
            return true;
        }
        if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return true;
        }
        if (c == 0xD8 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x9C) {
            return true;  // U+061C
        }
        if (c == 0xE2 && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xA8 && b2 <= 0xAE))) {
                return true;  // U+200E, U+200F, U+2028–U+202E
            }
            if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return true;  // U+2066–U+2069
        }
    }
    return false;
}

// Markdown structure ---------------------------------------------------------------------------

/// The number of '|' not escaped by a backslash (as GitHub's table parser counts them).
std::size_t unescaped_pipes(const std::string& line) {
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;  // the next character is escaped
        } else if (line[i] == '|') {
            ++pipes;
        }
    }
    return pipes;
}

/// One word per line: what Markdown makes of it.
std::vector<std::string> markdown_shape(const std::string& text) {
    std::vector<std::string> shape;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) {
            shape.emplace_back("blank");
        } else if (line[0] == '|') {
            shape.push_back("row " + std::to_string(unescaped_pipes(line)));
        } else if (line[0] == '#') {
            shape.push_back("heading " + line.substr(0, line.find(' ')));
        } else if (line.compare(0, 2, "- ") == 0) {
            shape.emplace_back("item");
        } else {
            shape.emplace_back("text");
        }
    }
    return shape;
}

/// `text` without its code spans, whose content Markdown shows as it is.
std::string without_code_spans(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '`') {
            out += text[i++];
            continue;
        }
        std::size_t run = 0;
        while (i + run < text.size() && text[i + run] == '`') ++run;
        const std::string fence(run, '`');
        std::size_t close = text.find(fence, i + run);
        while (close != std::string::npos && close + run < text.size() &&
               text[close + run] == '`') {
            close = text.find(fence, close + run + 1);
        }
        const std::size_t line_end = text.find('\n', i);
        if (close == std::string::npos || close > line_end) {
            out += fence;  // not a span: the backticks are text
            i += run;
        } else {
            i = close + run;
        }
    }
    return out;
}

void check_markdown(const std::string& plain, const std::string& hostile) {
    CHECK(markdown_shape(hostile) == markdown_shape(plain));
    CHECK_FALSE(has_hidden(hostile));
    const std::string text = without_code_spans(hostile);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : ' ';
        const bool escaped = i > 0 && text[i - 1] == '\\';
        const std::string around = text.substr(i < 30 ? 0 : i - 30, 60);
        INFO("at: ", around);
        // No raw HTML, no entity but the two the escaping writes, no link.
        if (c == '<') CHECK_FALSE((std::isalpha(static_cast<unsigned char>(next)) || next == '/'));
        if (c == '&') {
            CHECK((text.compare(i, 4, "&lt;") == 0 || text.compare(i, 5, "&amp;") == 0));
        }
        if (c == '[') CHECK(escaped);
    }
}

// CSV structure --------------------------------------------------------------------------------

using CsvRecords = std::vector<std::vector<std::string>>;

/// RFC 4180, as a spreadsheet reads it.
CsvRecords parse_csv(const std::string& text) {
    CsvRecords records(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            records.back().push_back(std::move(field));
            field.clear();
            records.emplace_back();
        } else {
            field += c;
        }
    }
    records.pop_back();  // after the last newline
    return records;
}

bool is_number(const std::string& text) {
    if (text.empty()) return false;
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
}

void check_csv(const std::string& plain, const std::string& hostile) {
    const CsvRecords expected = parse_csv(plain);
    const CsvRecords records = parse_csv(hostile);
    REQUIRE(records.size() == expected.size());
    CHECK_FALSE(has_hidden(hostile, "\t\r\n"));  // in quoted fields
    for (std::size_t r = 0; r < records.size(); ++r) {
        REQUIRE(records[r].size() == expected[r].size());
        for (std::size_t f = 0; f < records[r].size(); ++f) {
            const std::string& cell = records[r][f];
            // A number of the plain report is the same number here ("-0.5" stays a number).
            if (is_number(expected[r][f])) CHECK(cell == expected[r][f]);
            if (!cell.empty() && !is_number(cell)) {
                INFO("record ", r, " field ", f, ": ", cell.substr(0, 80));
                CHECK(std::string("=+-@\t\r").find(cell[0]) == std::string::npos);
            }
        }
    }
}

// JSON -----------------------------------------------------------------------------------------

/// A strict JSON parser (RFC 8259) that collects every string value, decoded.
class JsonReader {
  public:
    explicit JsonReader(const std::string& text) : text_(text) {}

    bool parse(std::vector<std::string>& strings) {
        strings_ = &strings;
        skip_space();
        if (!value()) return false;
        skip_space();
        return at_ == text_.size();
    }

  private:
    void skip_space() {
        while (at_ < text_.size() && std::string(" \t\r\n").find(text_[at_]) != std::string::npos)
            ++at_;
    }
    bool literal(const char* word) {
        const std::string w(word);
        if (text_.compare(at_, w.size(), w) != 0) return false;
        at_ += w.size();
        return true;
    }
    bool value() {
        if (at_ >= text_.size()) return false;
        const char c = text_[at_];
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') {
            std::string s;
            if (!string(s)) return false;
            strings_->push_back(std::move(s));
            return true;
        }
        if (c == 't') return literal("true");
        if (c == 'f') return literal("false");
        if (c == 'n') return literal("null");
        const std::size_t start = at_;
        while (at_ < text_.size() &&
               std::string("+-0123456789.eE").find(text_[at_]) != std::string::npos) {
            ++at_;
        }
        return at_ > start;
    }
    bool object() {
        ++at_;
        skip_space();
        if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
        for (;;) {
            skip_space();
            std::string key;
            if (at_ >= text_.size() || text_[at_] != '"' || !string(key)) return false;
            skip_space();
            if (at_ >= text_.size() || text_[at_++] != ':') return false;
            skip_space();
            if (!value()) return false;
            skip_space();
            if (at_ >= text_.size()) return false;
            if (text_[at_] == '}') return ++at_, true;
            if (text_[at_++] != ',') return false;
        }
    }
    bool array() {
        ++at_;
        skip_space();
        if (at_ < text_.size() && text_[at_] == ']') return ++at_, true;
        for (;;) {
            skip_space();
            if (!value()) return false;
            skip_space();
            if (at_ >= text_.size()) return false;
            if (text_[at_] == ']') return ++at_, true;
            if (text_[at_++] != ',') return false;
        }
    }
    bool string(std::string& out) {
        ++at_;
        while (at_ < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[at_++]);
            if (c == '"') return true;
            if (c < 0x20) return false;  // a raw control character is not JSON
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (at_ >= text_.size()) return false;
            const char e = text_[at_++];
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    out += e;
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'u': {
                    if (at_ + 4 > text_.size()) return false;
                    const unsigned long unit = std::stoul(text_.substr(at_, 4), nullptr, 16);
                    at_ += 4;
                    if (unit >= 0xD800 && unit <= 0xDFFF) return false;  // eduqb writes none
                    if (unit < 0x80) {
                        out += static_cast<char>(unit);
                    } else if (unit < 0x800) {
                        out += static_cast<char>(0xC0 | (unit >> 6));
                        out += static_cast<char>(0x80 | (unit & 0x3F));
                    } else {
                        out += static_cast<char>(0xE0 | (unit >> 12));
                        out += static_cast<char>(0x80 | ((unit >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (unit & 0x3F));
                    }
                    break;
                }
                default:
                    return false;
            }
        }
        return false;
    }

    const std::string& text_;
    std::size_t at_ = 0;
    std::vector<std::string>* strings_ = nullptr;
};

/// `text` with each byte that is not UTF-8 replaced by U+FFFD, as the JSON writer does.
std::string repaired(const std::string& text) {
    return text == "\xff\xfe not UTF-8" ? "\xEF\xBF\xBD\xEF\xBF\xBD not UTF-8" : text;
}

void check_json(const std::string& hostile_json, const std::string& name) {
    CHECK_FALSE(has_hidden(hostile_json));
    std::vector<std::string> strings;
    REQUIRE(JsonReader(hostile_json).parse(strings));
    // Lossless: the name reads back as it was (bytes that are not UTF-8 excepted).
    CHECK(std::find(strings.begin(), strings.end(), repaired(name)) != strings.end());
}

// HTML -----------------------------------------------------------------------------------------

void check_html(const std::string& plain, const std::string& hostile) {
    CHECK(std::count(hostile.begin(), hostile.end(), '<') ==
          std::count(plain.begin(), plain.end(), '<'));
    CHECK(std::count(hostile.begin(), hostile.end(), '>') ==
          std::count(plain.begin(), plain.end(), '>'));
    CHECK_FALSE(has_hidden(hostile, "\t\n"));
}

// XLSX -----------------------------------------------------------------------------------------

/// Characters of UTF-8 text, counted by their first bytes.
std::size_t code_points(const std::string& text) {
    std::size_t count = 0;
    for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

std::vector<std::string> xlsx_cells(const std::string& path) {
    auto workbook = Workbook::open_file(path, "report.xlsx");
    std::vector<std::string> cells;
    for (std::size_t sheet = 0; sheet < workbook->sheets().size(); ++sheet) {
        auto rows = workbook->rows(sheet);
        long row = 0;
        std::vector<std::string> values;
        while (rows->next(row, values)) cells.insert(cells.end(), values.begin(), values.end());
    }
    return cells;
}

void check_xlsx(const Report& report, const std::string& name) {
    char path[] = "/tmp/eduqb-escape-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    render_xlsx(report, ReportContext{}, path);
    const std::vector<std::string> cells = xlsx_cells(path);
    std::remove(path);
    // A formula cell would read back as its cached value, which eduqb never writes: the name
    // is found only if it was written as a string.
    CHECK(std::find(cells.begin(), cells.end(), xlsx_text(name)) != cells.end());
    for (const auto& cell : cells) {
        CHECK_FALSE(has_hidden(cell, "\t\n"));
        CHECK(code_points(cell) <= detail::kXlsxMaxCellChars);
    }
}

// Reports --------------------------------------------------------------------------------------

/// The sample district at school level, every text from outside eduqb replaced by `text`.
Report report_named(const std::string& text, const std::string& profile = "national-2017") {
    EvaluationOptions options;
    options.keep_schools = true;
    Report report = test::evaluate_files({"data-samples/district.csv"}, profile, options);
    report.inputs = {text};
    report.reading_notes = {text};
    report.rows_not_read = {RowNotRead{text, 3, "footer", text}};
    report.profile.id = text;
    report.profile.title = text;
    report.profile.title_en = text;
    report.profile.source = text;
    for (auto& def : report.profile.indicators) {
        def.label_zh = text;
        def.unit = text;
    }
    for (auto& check : report.profile.school_checks) check.label_zh = text;
    for (auto& group : report.groups) group.key.district = text;
    for (auto& school : report.schools) {
        school.key.district = text;
        school.school_name = text;
        school.school_id = text;
    }
    for (auto& excluded : report.exclusions) {
        excluded.key.district = text;
        excluded.school_name = text;
        excluded.school_id = text;
    }
    return report;
}

std::string rendered(const std::function<void(std::ostream&)>& render) {
    std::ostringstream out;
    render(out);
    return out.str();
}

}  // namespace

// Each format's function ------------------------------------------------------------------------

TEST_CASE("escape: CSV text cells that a spreadsheet would run get a leading quote") {
    for (const char* formula : {"=1+2", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"}) {
        CHECK(csv_text(formula) == std::string("'") + formula);
    }
    CHECK(csv_text("x|y") == "x|y");
    CHECK(csv_text("城关区") == "城关区");
    CHECK(csv_text("") == "");
    CHECK(csv_text(" =1") == " =1");  // not a formula: it starts with a space
    CHECK(csv_text("a=1") == "a=1");
    // Hidden controls are shown; tab, CR and LF stay, for quoting to carry.
    CHECK(csv_text("a\x1b[31m\x07") == "a\\x1b[31m\\x07");
    CHECK(csv_text("\u202egnp.exe") == "\\u202egnp.exe");
    CHECK(csv_text("\x1b=1") == "\\x1b=1");
    CHECK(csv_text("a\tb\r\nc") == "a\tb\r\nc");
    CHECK(csv_text("\xff") == "\\xff");
    std::string storage;
    const std::string plain = "3101010001";
    CHECK(csv_text(plain, storage).data() == plain.data());  // unchanged: no copy
    std::string field;
    detail::append_csv_field(field, "a \"b\", c");
    CHECK(field == "\"a \"\"b\"\", c\"");
}

TEST_CASE("escape: Markdown text stays inline text, escaped once") {
    CHECK(markdown_text("x|y") == "x\\|y");
    CHECK(markdown_text("a\\|b") == "a\\\\\\|b");
    CHECK(markdown_text("a\\b") == "a\\b");  // a backslash before a letter is a backslash
    CHECK(markdown_text("line1\nline2") == "line1 line2");
    CHECK(markdown_text("a\r\nb\rc\u2028d") == "a b c d");
    CHECK(markdown_text("# 区: PASS") == "\\# 区: PASS");
    CHECK(markdown_text("> q") == "\\> q");
    CHECK(markdown_text("- item") == "\\- item");
    CHECK(markdown_text("* item") == "\\* item");
    CHECK(markdown_text("1. item") == "1\\. item");
    CHECK(markdown_text("```") == "\\```");
    CHECK(markdown_text("<script>alert(1)</script>") == "&lt;script>alert(1)&lt;/script>");
    CHECK(markdown_text("&#x202E;") == "&amp;#x202E;");
    CHECK(markdown_text("[a](javascript:x)") == "\\[a](javascript:x)");
    CHECK(markdown_text("\x1b[31m") == "\\x1b\\[31m");
    CHECK(markdown_text("\u202egnp") == "\\u202egnp");
    // What eduqb's own cells hold is left as it is.
    for (const char* own : {"-0.59", "+0.012", "< 0.45", "≤ 0.50", "5.19 ▽", "—", "1,850", "NA",
                            "2024", "城关区 2024 小学 (primary)", "class_size"}) {
        CHECK(markdown_text(own) == own);
    }
    CHECK(markdown_code("national-2017") == "`national-2017`");
    CHECK(markdown_code("a`b") == "``a`b``");
    CHECK(markdown_code("`a") == "`` `a ``");
    CHECK(markdown_code("a|b\nc") == "`a|b c`");
    CHECK(markdown_code("a|b", true) == "`a\\|b`");
}

TEST_CASE("escape: HTML text, with controls dropped and bidirectional controls shown") {
    CHECK(xml_escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;");
    CHECK(xml_escape("a\x1b[31m\x7f\xc2\x85z") == "a[31mz");
    CHECK(xml_escape("\u202egnp") == "\\u202egnp");
    CHECK(xml_escape("\xef\xbf\xbe") == "\xEF\xBF\xBD");  // U+FFFE: not XML
}

TEST_CASE("escape: JSON strings escape every control, reading back as the same text") {
    std::string out;
    append_json_string(out, "a\"\\\n\r\t\x1b\x7f\xc2\x85\u202e\u2028z");
    CHECK(out == "\"a\\\"\\\\\\n\\r\\t\\u001b\\u007f\\u0085\\u202e\\u2028z\"");
    out.clear();
    append_json_string(out, "\xff学\xe5\x9f");
    CHECK(out == "\"\\ufffd学\\ufffd\\ufffd\"");
}

TEST_CASE("escape: XLSX text is shown, valid and at most 32 767 characters") {
    CHECK(xlsx_text("=1+2") == "=1+2");  // a string cell: never a formula
    CHECK(xlsx_text("a\r\nb\rc\td") == "a\nb\nc\td");
    CHECK(xlsx_text("\x1b\u202e") == "\\x1b\\u202e");
    CHECK(xlsx_text("\xff") == "\xEF\xBF\xBD");
    const std::string exact = repeat("学", detail::kXlsxMaxCellChars);
    CHECK(xlsx_text(exact) == exact);
    const std::string cut = xlsx_text(exact + "x");
    CHECK(code_points(cut) == detail::kXlsxMaxCellChars);
    CHECK(cut == repeat("学", detail::kXlsxMaxCellChars - 1) + "…");
    CHECK(code_points(xlsx_text(repeat("\x1b", 40000))) == detail::kXlsxMaxCellChars);
}

TEST_CASE("escape: terminal messages show every control, in sight") {
    CHECK(terminal_text("a\x1b[2J\x07\r\n\t\x7f\xc2\x9b\u202e\xff") ==
          "a\\x1b[2J\\x07\\x0d\\x0a\\x09\\x7f\\u009b\\u202e\\xff");
    CHECK(terminal_text("城关区 'x|y'") == "城关区 'x|y'");
    CHECK(terminal_text("31\u200b01\ufeff\u3000") == "31\\u200b01\\ufeff\u3000");
    const Problem problem{Severity::error, Location{"in\x1b.csv", 3, 2}, "school_name",
                          "'\x1b]0;owned\x07' is odd"};
    CHECK(format_problem(problem) ==
          "in\\x1b.csv:3:2: error: school_name: '\\x1b]0;owned\\x07' is odd");
}

TEST_CASE("escape: invisible characters in ids are found, visible text is not") {
    CHECK_FALSE(first_invisible("3101010001").has_value());
    CHECK_FALSE(first_invisible("城关 第一").has_value());
    for (char32_t c : {0x200B, 0x2060, 0xFEFF, 0x202E, 0x00A0, 0x3000, 0x00AD, 0xFE0F, 0x1}) {
        std::string text = "31";
        if (c < 0x80) {
            text += static_cast<char>(c);
        } else if (c < 0x800) {
            text += static_cast<char>(0xC0 | (c >> 6));
            text += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            text += static_cast<char>(0xE0 | (c >> 12));
            text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            text += static_cast<char>(0x80 | (c & 0x3F));
        }
        text += "01";
        CHECK(first_invisible(text) == c);
    }
    CHECK(first_invisible("31\xff") == char32_t{0xFFFD});
    CHECK(detail::code_point_name(0x200B) == "U+200B");
}

// Every hostile string through real reports ------------------------------------------------------

TEST_CASE("escape: every hostile string through every format keeps each report's structure") {
    const Report plain = report_named("plain");
    const GapReport plain_gaps = compute_gaps(plain);
    const auto md = [](const Report& r, Level level) {
        return rendered([&](std::ostream& out) { render_markdown(r, level, out); });
    };
    const auto csv = [](const Report& r, Level level) {
        return rendered([&](std::ostream& out) { render_csv(r, level, out); });
    };
    const auto html = [](const Report& r) {
        return rendered(
            [&](std::ostream& out) { render_html(r, Level::school, ReportContext{}, out); });
    };
    const auto gaps = [](const GapReport& g, Format format) {
        return rendered([&](std::ostream& out) { render_gaps(g, format, out); });
    };
    for (const std::string& name : hostile_strings()) {
        INFO("name: ", name.substr(0, 60));
        const Report report = report_named(name);
        for (Level level : {Level::district, Level::school}) {
            check_markdown(md(plain, level), md(report, level));
            check_csv(csv(plain, level), csv(report, level));
            check_json(rendered([&](std::ostream& out) { render_json(report, level, out); }), name);
        }
        check_html(html(plain), html(report));
        check_xlsx(report, name);
        const GapReport hostile_gaps = compute_gaps(report);
        check_markdown(gaps(plain_gaps, Format::markdown), gaps(hostile_gaps, Format::markdown));
        check_csv(gaps(plain_gaps, Format::csv), gaps(hostile_gaps, Format::csv));
        check_json(gaps(hostile_gaps, Format::json), name);
        // Several profiles side by side.
        const std::vector<Report> plain_pair = {plain, report_named("plain", "beijing")};
        const std::vector<Report> pair = {report, report_named(name, "beijing")};
        for (Format format : {Format::markdown, Format::csv, Format::json}) {
            const std::string expected = rendered([&](std::ostream& out) {
                render_comparison(plain_pair, format, Level::district, out);
            });
            const std::string got = rendered(
                [&](std::ostream& out) { render_comparison(pair, format, Level::district, out); });
            if (format == Format::markdown) check_markdown(expected, got);
            if (format == Format::csv) check_csv(expected, got);
            if (format == Format::json) check_json(got, name);
        }
    }
}

TEST_CASE("escape: a plain report is written as before, numbers and names unchanged") {
    const Report report = report_named("城关第一小学");
    std::ostringstream out;
    render_csv(report, Level::school, out);
    CHECK(out.str().find(",城关第一小学,城关第一小学,") != std::string::npos);
    const Report formula = report_named("-0.5");
    std::ostringstream neutralised;
    render_csv(formula, Level::school, neutralised);
    // The name is text: quoted for a spreadsheet; the numbers of the row are not.
    CHECK(neutralised.str().find(",'-0.5,'-0.5,primary_school,urban,1850,") != std::string::npos);
}
