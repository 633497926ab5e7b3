// Output escaping (src/base/escape.hpp): each format's function on its own, then every hostile
// string through real reports in every format, whose structure must be that of the same
// report with plain names: the same Markdown lines and table cells, the same CSV records and
// fields with no formula at the start of a text cell, the same HTML tags, JSON that parses
// back to the names, XLSX string cells, and no control or bidirectional character anywhere
// (tests/report_shape.hpp, shared with fuzz/fuzz_render.cpp).

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/escape.hpp"
#include "eduqb/diagnostics.hpp"
#include "eduqb/gaps.hpp"
#include "eduqb/render.hpp"
#include "eduqb/render_gaps.hpp"
#include "input/workbook/workbook.hpp"
#include "report_shape.hpp"
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
        CHECK_FALSE(shape::has_hidden(cell, "\t\n"));
        CHECK(code_points(cell) <= detail::kXlsxMaxCellChars);
    }
}

// Reports --------------------------------------------------------------------------------------

/// The sample district at school level, every text from outside eduqb replaced by `text`.
Report report_named(const std::string& text, const std::string& profile = "national-2017") {
    EvaluationOptions options;
    options.keep_schools = true;
    Report report = test::evaluate_files({"data-samples/district.csv"}, profile, options);
    shape::rename_everything(report, {text});
    return report;
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
    CHECK(markdown_text("```") == "\\`\\`\\`");
    CHECK(markdown_text("~~~") == "\\~~~");
    CHECK(markdown_text("a `b` c") == "a \\`b\\` c");
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
    // Cells: the same escapes inside (no block marker), and eduqb's own cells as they are,
    // Chinese included; a character next to CJK text is still escaped.
    const auto cell = [](std::string_view text) {
        std::string out;
        detail::append_markdown_cell(out, text);
        return out;
    };
    CHECK(cell("# 区") == "# 区");
    CHECK(cell("区|县") == "区\\|县");
    CHECK(cell("甲\u202e乙") == "甲\\u202e乙");
    CHECK(cell("甲\u3000乙") == "甲\u3000乙");
    CHECK(cell("甲\n乙") == "甲 乙");
    CHECK(cell("甲<b>") == "甲&lt;b>");
    CHECK(cell(std::string("\xe5\xad", 2)) == "\\xe5\\xad");
    for (const char* own : {"-0.59", "≤ 0.50", "达到要求", "每百名学生拥有网络多媒体教室数",
                            "城区（12 所学校）", "1,850"}) {
        CHECK(cell(own) == own);
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

TEST_CASE("escape: an invisible byte is found at every place of an id, in or after a word") {
    // Printable ASCII is passed over 8 bytes at a time: each byte value at each place of ids
    // of 1 to 20 bytes, against what the byte alone makes of it.
    for (std::size_t length = 1; length <= 20; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            for (int byte = 0; byte < 256; ++byte) {
                std::string id(length, '7');
                id[at] = static_cast<char>(byte);
                std::optional<char32_t> expected;
                if (byte < 0x20 || byte == 0x7F) expected = static_cast<char32_t>(byte);
                if (byte >= 0x80) expected = 0xFFFD;  // not UTF-8 alone
                CAPTURE(length);
                CAPTURE(at);
                CAPTURE(byte);
                CHECK(first_invisible(id) == expected);
            }
        }
    }
}

// Every hostile string through real reports ------------------------------------------------------

TEST_CASE("escape: every hostile string through every format keeps each report's structure") {
    using shape::rendered;
    const Report plain = report_named("plain");
    const GapReport plain_gaps = compute_gaps(plain);
    const auto md = [](const Report& r, Level level) {
        return rendered([&](std::ostream& out) { render_markdown(r, level, out); });
    };
    const auto csv = [](const Report& r, Level level) {
        return rendered([&](std::ostream& out) { render_csv(r, level, out); });
    };
    const auto json = [](const Report& r, Level level) {
        return rendered([&](std::ostream& out) { render_json(r, level, out); });
    };
    const auto html = [](const Report& r) {
        return rendered(
            [&](std::ostream& out) { render_html(r, Level::school, ReportContext{}, out); });
    };
    const auto gaps = [](const GapReport& g, Format format) {
        return rendered([&](std::ostream& out) { render_gaps(g, format, out); });
    };
    const auto side_by_side = [](const std::vector<Report>& reports, Format format) {
        return rendered(
            [&](std::ostream& out) { render_comparison(reports, format, Level::district, out); });
    };
    const std::vector<Report> plain_pair = {plain, report_named("plain", "beijing")};
    for (const std::string& name : hostile_strings()) {
        INFO("name: ", name.substr(0, 60));
        const Report report = report_named(name);
        for (Level level : {Level::district, Level::school}) {
            CHECK(shape::markdown_problem(md(plain, level), md(report, level)) == "");
            CHECK(shape::csv_problem(csv(plain, level), csv(report, level)) == "");
            CHECK(shape::json_problem(json(report, level), {name}) == "");
        }
        CHECK(shape::html_problem(html(plain), html(report)) == "");
        check_xlsx(report, name);
        const GapReport hostile_gaps = compute_gaps(report);
        CHECK(shape::markdown_problem(gaps(plain_gaps, Format::markdown),
                                      gaps(hostile_gaps, Format::markdown)) == "");
        CHECK(shape::csv_problem(gaps(plain_gaps, Format::csv), gaps(hostile_gaps, Format::csv)) ==
              "");
        CHECK(shape::json_problem(gaps(hostile_gaps, Format::json), {name}) == "");
        const std::vector<Report> pair = {report, report_named(name, "beijing")};
        CHECK(shape::markdown_problem(side_by_side(plain_pair, Format::markdown),
                                      side_by_side(pair, Format::markdown)) == "");
        CHECK(shape::csv_problem(side_by_side(plain_pair, Format::csv),
                                 side_by_side(pair, Format::csv)) == "");
        CHECK(shape::json_problem(side_by_side(pair, Format::json), {name}) == "");
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
