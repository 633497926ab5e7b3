#include "input/normalise.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "base/short_text.hpp"
#include "eduqb/error.hpp"
#include "input/plain_decimal.hpp"
#include "input/read.hpp"
#include "input/validate.hpp"
#include "test_support.hpp"

using namespace eduqb;

TEST_CASE("normalise: numbers as Excel and WPS export them") {
    CHECK(parse_number("1234") == 1234);
    CHECK(parse_number("  1234.5 ") == 1234.5);
    CHECK(parse_number("1,234") == 1234);
    CHECK(parse_number("1,234,567.25") == 1234567.25);
    CHECK(parse_number("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93") == 123);  // full-width １２３
    CHECK(parse_number("\xE3\x80\x80"
                       "42"
                       "\xC2\xA0") == 42);  // ideographic/no-break space
    CHECK(parse_number("+7") == 7);
    CHECK_FALSE(parse_number("1,23,4"));
    CHECK_FALSE(parse_number("12,34"));
    CHECK_FALSE(parse_number(",123"));
    CHECK_FALSE(parse_number("1 234"));
    CHECK_FALSE(parse_number("abc"));
    CHECK_FALSE(parse_number(""));
    CHECK_FALSE(parse_number("nan"));
    CHECK_FALSE(parse_number("inf"));
}

TEST_CASE("normalise: units scale exactly by powers of ten") {
    // 690.9505 万元 is exactly 6 909 505 元: no binary rounding from multiplying by 10 000.
    CHECK(parse_number("690.9505", 4) == 6909505.0);
    CHECK(parse_number("0.1", 4) == 1000.0);
    CHECK(parse_number("1,234.5678", 4) == 12345678.0);
    CHECK(parse_number("12", 3) == 12000.0);
}

TEST_CASE("normalise: headers in English, Chinese, with units and full-width parentheses") {
    int exponent = -1;
    CHECK(column_for_header("students", exponent) == Column::students);
    CHECK(exponent == 0);
    CHECK(column_for_header(" School_ID ", exponent) == Column::school_id);
    CHECK(column_for_header("学校标识码", exponent) == Column::school_id);
    CHECK(column_for_header("学校代码", exponent) == Column::school_id);
    CHECK(column_for_header("在校学生数", exponent) == Column::students);
    CHECK(column_for_header("教学仪器设备值(万元)", exponent) == Column::equipment_value_yuan);
    CHECK(exponent == 4);
    CHECK(column_for_header("教学仪器设备资产值（万元）", exponent) ==
          Column::equipment_value_yuan);
    CHECK(exponent == 4);
    CHECK(column_for_header("教学仪器设备值(元)", exponent) == Column::equipment_value_yuan);
    CHECK(exponent == 0);
    CHECK(column_for_header("体育运动场馆面积(㎡)", exponent) == Column::sports_area_m2);
    CHECK(column_for_header("教学及辅助用房面积（平方米）", exponent) == Column::teaching_area_m2);
    CHECK(column_for_header("体育运动场(馆)面积", exponent) == Column::sports_area_m2);
    CHECK(column_for_header("teaching_area_m2 (m2)", exponent) == Column::teaching_area_m2);
    CHECK_FALSE(column_for_header("备注", exponent));
    std::string unit_error;
    CHECK(column_for_header("在校生数(万元)", exponent, &unit_error) == Column::students);
    CHECK(unit_error == "unit (万元) does not fit column students");
}

TEST_CASE("normalise: every canonical column has a Chinese header") {
    for (int c = 0; c < kColumnCount; ++c) {
        const auto column = static_cast<Column>(c);
        CAPTURE(column_name(column));
        REQUIRE_FALSE(chinese_headers(column).empty());
        int exponent = 0;
        CHECK(column_for_header(chinese_headers(column).front(), exponent) == column);
    }
}

TEST_CASE("normalise: school years are read as their first calendar year") {
    for (const char* year : {"2024", "2024学年", "2024-2025", "2024-2025学年", "2024年"}) {
        std::string csv = test::kHeader;
        csv += std::string("1,a,东区,") + year +
               ",primary_school,primary,,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
        CAPTURE(year);
        CHECK(test::evaluate_text(csv, "national-2017").groups.at(0).key.year == 2024);
    }
}

TEST_CASE("normalise: school codes stay text, leading zeros kept") {
    std::string csv = test::kHeader;
    csv +=
        "0110230017,a,东区,2024,primary_school,primary,,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    EvaluationOptions options;
    options.keep_schools = true;
    CHECK(test::evaluate_text(csv, "national-2017", options).schools.at(0).school_id ==
          "0110230017");
}

TEST_CASE("normalise: plain decimals read bit for bit as std::from_chars does") {
    // The fast path must agree with the general one on every plain decimal, and hand
    // everything it cannot read exactly (long mantissas, stray characters) to it.
    auto reference = [](const std::string& text) -> std::optional<double> {
        double value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
        return value;
    };
    std::vector<std::string> cases = {"0",
                                      "00012",
                                      "9007199254740992",   // 2^53: exact
                                      "9007199254740993",   // 2^53 + 1: rounds
                                      "900719925474099.3",  // the same mantissa with a point
                                      "1234567890123456789",
                                      "12345678901234567890",
                                      "0.1",
                                      "0.000000000000000001",
                                      "123456.7890123",
                                      "5.",
                                      ".5",
                                      "1..2",
                                      "1.2.3",
                                      "12a",
                                      "1e5"};
    std::mt19937_64 random(20241129);
    const std::string alphabet = "0123456789012345678901234567890123456789.";
    for (int round = 0; round < 200000; ++round) {
        std::string text(1 + random() % 22, '0');
        for (char& c : text) c = alphabet[random() % alphabet.size()];
        cases.push_back(text);
    }
    for (const std::string& text : cases) {
        CAPTURE(text);
        const auto expected = reference(text);
        const auto parsed = parse_number(text);
        REQUIRE(parsed.has_value() == expected.has_value());
        if (expected) CHECK(std::memcmp(&*parsed, &*expected, sizeof(double)) == 0);
    }
}

TEST_CASE("normalise: short cells read a word at a time as byte by byte") {
    // parse_short_decimal reads the 8 bytes from a cell's start whatever follows the cell;
    // it must agree with parse_plain_decimal (and so with std::from_chars) on the cell alone.
    std::vector<std::string> cells = {"0",   "7",        "12",       "00000000", "99999999",
                                      "1.5", "1234.567", "9.999999", "0.000001", "5.",
                                      ".5",  "1..2",     "1.2.3",    "12a",      "1e5",
                                      "-1",  "+1",       " 1",       "1 ",       "1,234"};
    std::mt19937_64 random(20261129);
    const std::string alphabet = "0123456789012345678901234567890123456789.,-+e \xA0\xEF/";
    for (int round = 0; round < 300000; ++round) {
        std::string text(1 + random() % kShortDecimalBytes, '0');
        for (char& c : text) c = alphabet[random() % alphabet.size()];
        // Mostly digits, with a point now and then, as real cells are.
        if (random() % 2 == 0) {
            for (char& c : text) c = static_cast<char>('0' + random() % 10);
            if (text.size() > 2 && random() % 3 == 0) text[1 + random() % (text.size() - 2)] = '.';
        }
        cells.push_back(text);
    }
    for (const std::string& cell : cells) {
        CAPTURE(cell);
        char bytes[2 * kShortDecimalBytes];
        for (const char after : {'0', '.', ',', '\n', '\0', '\xFF'}) {
            std::memset(bytes, after, sizeof bytes);
            std::memcpy(bytes, cell.data(), cell.size());
            double expected = -1, parsed = -2;
            const bool plain = parse_plain_decimal(cell, expected);
            REQUIRE(parse_short_decimal(bytes, cell.size(), parsed) == plain);
            if (plain) {
                CHECK(std::memcmp(&parsed, &expected, sizeof(double)) == 0);
                double reference = 0;
                std::from_chars(cell.data(), cell.data() + cell.size(), reference);
                CHECK(std::memcmp(&parsed, &reference, sizeof(double)) == 0);
            }
        }
    }
}

namespace {

/// The first row of a CSV text read as the pipeline reads a file: one chunk, its header
/// mapped, the row parsed.
struct FirstRow {
    SectionRow row;
    Diagnostics diagnostics;
    bool parsed = false;                 ///< what RowParser::parse returned
    bool readable_to_chunk_end = false;  ///< the record may be read up to the chunk's end
};

/// A CSV text read as the pipeline reads a file: one chunk, its header mapped.
struct ReadText {
    ReadText(const std::string& text, Diagnostics& diagnostics) : in(text), reader("t.csv", in) {
        REQUIRE(reader.next(chunk));
        records = std::make_unique<ChunkRecords>("t.csv", chunk);
        REQUIRE(records->next(record));
        header = map_header(record, "t.csv", diagnostics);
    }
    /// The next record after the header; false after the last.
    bool next() { return records->next(record); }

    std::istringstream in;
    ChunkReader reader;
    Chunk chunk;
    std::unique_ptr<ChunkRecords> records;
    Record record;
    HeaderMap header;
};

FirstRow parse_first_row(const std::string& text) {
    FirstRow first;
    ReadText read(text, first.diagnostics);
    const HeaderMap& header_map = read.header;
    REQUIRE(read.next());
    const Record& record = read.record;
    first.readable_to_chunk_end =
        record.readable_end == read.chunk.text.data() + read.chunk.text.size();
    const RowParser parser(header_map, "t.csv", 0, false);
    first.parsed = parser.parse(record, first.row, first.diagnostics);
    return first;
}

}  // namespace

TEST_CASE("normalise: the last cells of a chunk are read without the bytes after it") {
    // The row's last numbers end within 8 bytes of the chunk's end: they take the byte-wise
    // path, and must read the same as the word-wise one.
    const std::string header =
        "school_id,district,year,school_type,stage,area_type,students,teachers,classes\n";
    for (const std::string last : {"7", "12", "1234.5", "99999999", "123456789"}) {
        CAPTURE(last);
        const FirstRow first = parse_first_row(
            header + "1,d,2024,primary_school,primary,urban,100,1.5," + last + "\n");
        REQUIRE(first.readable_to_chunk_end);
        REQUIRE(first.parsed);
        const SectionRow& row = first.row;
        CHECK(row.value(Column::students) == 100);
        CHECK(row.value(Column::teachers) == 1.5);
        CHECK(row.value(Column::classes) == std::stod(last));
    }
}

TEST_CASE("normalise: numeric cells of every form read, and bad ones reported in column order") {
    // Rows of cells drawn from forms read a word at a time (1-8 byte decimals) and forms read
    // otherwise (longer ones, spaces, thousands separators, full-width digits, units, empty
    // and bad cells), some rows quoted, some short, some ending near the chunk's end. The
    // values expected come from the table below; the problems must name the bad cells in
    // column order.
    struct Form {
        std::string text;
        double value;  ///< in the column's own unit; NaN: empty; -1: bad
    };
    const std::vector<Form> forms = {{"7", 7},
                                     {"12345678", 12345678},
                                     {"123456789", 123456789},
                                     {"1234.5", 1234.5},
                                     {"0.25", 0.25},
                                     {" 42 ", 42},
                                     {"", kMissing},
                                     {"\"1,234\"", 1234},
                                     {"１２", 12},
                                     {"abc", -1},
                                     {"-5", -1},
                                     {"1.2.3", -1},
                                     {"3e999", -1},
                                     {"99999999.5", 99999999.5},
                                     {"00000012", 12}};
    // students first (it must be positive), then the other numeric columns; equipment in 万元.
    const std::vector<std::pair<std::string, Column>> numeric = {
        {"students", Column::students},
        {"teachers", Column::teachers},
        {"books", Column::books},
        {"教学仪器设备值(万元)", Column::equipment_value_yuan},
        {"teaching_area_m2", Column::teaching_area_m2},
        {"classes", Column::classes},
        {"computers", Column::computers}};
    std::string header = "school_id,district,year,school_type,stage,area_type";
    for (const auto& [name, column] : numeric) header += "," + name;
    std::mt19937_64 random(2026);
    for (int trial = 0; trial < 3000; ++trial) {
        std::string line = "1,d,2024,primary_school,primary,urban";
        // Some rows end early: their last cells are not there at all.
        const std::size_t present =
            random() % 8 == 0 ? 1 + random() % (numeric.size() - 1) : numeric.size();
        const Form absent{"", kMissing};
        std::vector<const Form*> cells;
        for (std::size_t c = 0; c < numeric.size(); ++c) {
            const Form& form = c == 0        ? forms[0]
                               : c < present ? forms[random() % forms.size()]
                                             : absent;
            cells.push_back(&form);
            if (c < present) line += "," + form.text;
        }
        CAPTURE(line);
        // Up to 7 bytes after the row: its last cells then lie near the chunk's end.
        const std::string tail = random() % 2 ? "\n" : "\n" + std::string(random() % 8, '#');
        const FirstRow first = parse_first_row(header + "\n" + line + tail);
        const SectionRow& row = first.row;
        const bool parsed = first.parsed;
        std::vector<std::string> bad_columns;
        for (std::size_t c = 0; c < numeric.size(); ++c) {
            const Column column = numeric[c].second;
            const double scale = column == Column::equipment_value_yuan ? 10000 : 1;
            CAPTURE(column_name(column));
            if (cells[c]->value == -1) {
                bad_columns.push_back(std::string(column_name(column)));
            } else if (is_missing(cells[c]->value)) {
                CHECK(is_missing(row.value(column)));
            } else {
                CHECK(row.value(column) == cells[c]->value * scale);
            }
        }
        // Bad cells in the order of the Column enum, not the header's.
        std::vector<std::string> expected;
        for (int c = 0; c < kColumnCount; ++c) {
            const auto name = std::string(column_name(static_cast<Column>(c)));
            if (std::find(bad_columns.begin(), bad_columns.end(), name) != bad_columns.end()) {
                expected.push_back(name);
            }
        }
        std::vector<std::string> reported;
        for (const auto& problem : first.diagnostics.problems()) {
            if (problem.severity == Severity::error) reported.push_back(problem.field);
        }
        CHECK(reported == expected);
        CHECK(parsed == expected.empty());
    }
}

namespace {

/// Each spelling parses to its value, and each near miss to nothing.
template <typename Value, typename Parse>
void check_spellings(const std::vector<std::pair<std::string, Value>>& spellings,
                     const std::vector<std::string>& near_misses, Parse parse) {
    for (const auto& spelling : spellings) {
        const std::string& text = spelling.first;
        CAPTURE(text);
        CHECK(parse(text) == spelling.second);
    }
    for (const std::string& text : near_misses) {
        CAPTURE(text);
        CHECK_FALSE(parse(text).has_value());
    }
}

}  // namespace

TEST_CASE("normalise: school types, stages and area types by every spelling") {
    const std::vector<std::pair<std::string, SchoolType>> types = {
        {"primary_school", SchoolType::primary_school},
        {"小学", SchoolType::primary_school},
        {"普通小学", SchoolType::primary_school},
        {"junior_school", SchoolType::junior_school},
        {"初级中学", SchoolType::junior_school},
        {"初中", SchoolType::junior_school},
        {"nine_year", SchoolType::nine_year},
        {"九年一贯制学校", SchoolType::nine_year},
        {"九年一贯制", SchoolType::nine_year},
        {"complete_middle", SchoolType::complete_middle},
        {"完全中学", SchoolType::complete_middle},
        {"twelve_year", SchoolType::twelve_year},
        {"十二年一贯制学校", SchoolType::twelve_year},
        {"十二年一贯制", SchoolType::twelve_year},
        {"teaching_point", SchoolType::teaching_point},
        {"教学点", SchoolType::teaching_point},
        {"小学教学点", SchoolType::teaching_point},
        {"special_education", SchoolType::special_education},
        {"特殊教育学校", SchoolType::special_education},
        {"特殊教育", SchoolType::special_education},
        {"特教学校", SchoolType::special_education},
        {"vocational", SchoolType::vocational},
        {"职业学校", SchoolType::vocational},
        {"职业高中", SchoolType::vocational},
        {"中等职业学校", SchoolType::vocational},
    };
    check_spellings(types,
                    {"", "primary", "Primary_school", "primary_school ", "小", "小学x", "初级",
                     "junior", "urban", "高中"},
                    [](std::string_view text) { return parse_school_type(text); });
    for (const auto& [text, type] : types) {
        CHECK(to_string(*parse_school_type(to_string(type))) == to_string(type));
    }
    check_spellings<Stage>({{"primary", Stage::primary},
                            {"小学", Stage::primary},
                            {"junior", Stage::junior},
                            {"初中", Stage::junior},
                            {"初级中学", Stage::junior},
                            {"senior", Stage::senior},
                            {"高中", Stage::senior}},
                           {"", "Primary", "primary_school", "初", "中学", "rural"},
                           [](std::string_view text) { return parse_stage(text); });
    check_spellings<AreaType>({{"", AreaType::unknown},
                               {"urban", AreaType::urban},
                               {"城区", AreaType::urban},
                               {"town", AreaType::town},
                               {"镇区", AreaType::town},
                               {"rural", AreaType::rural},
                               {"乡村", AreaType::rural}},
                              {" ", "Urban", "city", "城", "primary"},
                              [](std::string_view text) { return parse_area_type(text); });
}

TEST_CASE("normalise: which stages each school type has") {
    using T = SchoolType;
    const std::vector<std::tuple<T, bool, bool, bool>> expected = {
        {T::primary_school, true, false, false},  {T::junior_school, false, true, false},
        {T::nine_year, true, true, false},        {T::complete_middle, false, true, true},
        {T::twelve_year, true, true, true},       {T::teaching_point, true, true, false},
        {T::special_education, true, true, true}, {T::vocational, false, true, true},
    };
    for (const auto& [type_, primary, junior, senior] : expected) {
        const auto type = type_;  // CAPTURE's lambda cannot take a structured binding (clang)
        CAPTURE(to_string(type));
        CHECK(stage_allowed(type, Stage::primary) == primary);
        CHECK(stage_allowed(type, Stage::junior) == junior);
        CHECK(stage_allowed(type, Stage::senior) == senior);
    }
}

TEST_CASE("normalise: ids Excel shortened to numbers are told by the pattern they follow") {
    // The pattern of Excel's scientific display, as a regular expression: the reference.
    const std::regex excel_number("[0-9.]+[eE][-+0-9]*");
    for (const char* id : {"3.10101E+09", "3E+09", "1.2e-5", "12e", "0100010001"}) {
        CAPTURE(id);
        CHECK(looks_like_excel_number(id) == std::regex_match(id, excel_number));
    }
    CHECK(looks_like_excel_number("3.10101E+09"));
    CHECK_FALSE(looks_like_excel_number("E+09"));
    CHECK_FALSE(looks_like_excel_number("0100010001"));
    // Random ids of 0-40 bytes from digits, points, signs, both e's, letters that are one bit
    // away from them (d, g, m, u, %, E with bit 7), and bytes of UTF-8 text; each long enough
    // ones with an e at every position of the 8-byte words the search reads.
    const std::string alphabet = "0123456789.+-eEdDgGmMuU%\xc5\xe5\xe4\xb8\x9c";
    std::mt19937_64 random(1130);
    int matches = 0;
    for (int n = 0; n < 200000; ++n) {
        std::string id(random() % 41, '0');
        const bool digits_only = random() % 2 == 0;
        for (auto& c : id) {
            c = digits_only ? static_cast<char>('0' + random() % 10)
                            : alphabet[random() % alphabet.size()];
        }
        if (!id.empty() && random() % 2 == 0) id[random() % id.size()] = random() % 2 ? 'e' : 'E';
        CAPTURE(id);
        const bool expected = std::regex_match(id, excel_number);
        matches += expected;
        REQUIRE(looks_like_excel_number(id) == expected);
    }
    CHECK(matches > 1000);
}

TEST_CASE("normalise: short texts compare as std::string_view does") {
    // Every length up to past the word-wise cases, a difference at every byte.
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string a(n, 'x');
        for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>('A' + (i * 7) % 50);
        CAPTURE(n);
        CHECK(same_short_text(a, std::string(a)));
        CHECK_FALSE(same_short_text(a, a + "x"));
        for (std::size_t i = 0; i < n; ++i) {
            std::string b = a;
            b[i] = static_cast<char>(b[i] ^ 0x80);
            CAPTURE(i);
            CHECK_FALSE(same_short_text(a, b));
        }
    }
    CHECK(same_short_text("东东区", std::string("东东区")));
    CHECK_FALSE(same_short_text("东东区", "东西区"));
}

TEST_CASE("normalise: short text hashes depend on every byte and the length") {
    // Texts that differ in one byte or one length, and runs of ids as exports number them:
    // no two hash alike (a collision would report a duplicate section).
    std::set<std::string> texts;
    std::set<std::uint64_t> hashes;
    auto add = [&](const std::string& text) {
        REQUIRE(short_text_hash(text) == short_text_hash(std::string(text)));  // content only
        texts.insert(text);
        hashes.insert(short_text_hash(text));
    };
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string a(n, '\0');
        for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>('0' + (i * 7) % 10);
        add(a);
        for (std::size_t i = 0; i < n; ++i) {
            for (int bit = 0; bit < 8; ++bit) {
                std::string b = a;
                b[i] = static_cast<char>(b[i] ^ (1 << bit));
                add(b);
            }
        }
    }
    for (std::uint64_t id = 0; id < 60000; ++id) {
        add(std::to_string(id));                                    // 1 to 6 bytes
        add(fmt::format("{:010}", 3101010000ULL + id));             // 10-digit codes
        add(fmt::format("{:016}", 1101080000000000ULL + id * 37));  // 16 bytes: both words
        add(fmt::format("S{:04}-{:02}", id % 10000, id / 10000));   // 8 bytes
    }
    CHECK(texts.size() > 240000);
    CHECK(hashes.size() == texts.size());
}

TEST_CASE("normalise: a short cell is read a word at a time only where 8 bytes may be read") {
    const char bytes[17] = "12345678,9012345";  // 16 bytes and the terminator
    const std::string_view cell(bytes, 4);
    CHECK(short_decimal_readable(cell, bytes + 8) == kLittleEndian);
    CHECK(short_decimal_readable(cell, bytes + 16) == kLittleEndian);
    CHECK_FALSE(short_decimal_readable(cell, bytes + 7));  // the chunk ends within 8 bytes
    CHECK_FALSE(short_decimal_readable(cell, nullptr));    // a quoted record's copy
    CHECK_FALSE(short_decimal_readable(std::string_view(bytes, 0), bytes + 16));
    CHECK_FALSE(short_decimal_readable(std::string_view(bytes, 9), bytes + 16));
    CHECK(short_decimal_readable(std::string_view(bytes, 8), bytes + 16) == kLittleEndian);
}

namespace {

/// The data rows of a CSV text after its header, parsed (filling down `fill_down`).
std::vector<SectionRow> parse_rows(const std::string& text, Diagnostics& diagnostics,
                                   const std::vector<Column>& fill_down = {}) {
    ReadText read(text, diagnostics);
    RowParser parser(read.header, "t.csv", 0, true);
    parser.fill_down(fill_down);
    std::vector<SectionRow> rows;
    while (read.next()) {
        if (parser.classify(read.record) != RowKind::data) continue;
        rows.emplace_back();
        parser.parse(read.record, rows.back(), diagnostics);
    }
    return rows;
}

}  // namespace

TEST_CASE("normalise: above-degree teachers derived from the degree breakdown by stage") {
    // 教师法 第十一条: above the required degree is 专科 and up for primary, 本科 and up for
    // junior.
    Diagnostics diagnostics;
    const auto rows = parse_rows(
        "school_id,school_type,stage,students,研究生毕业,本科毕业,专科毕业,高中阶段毕业\n"
        "1,nine_year,primary,100,1,10,5,2\n"
        "1,nine_year,junior,80,2,9,4,0\n"
        "2,primary_school,primary,50,0,3,,1\n",
        diagnostics);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].value(Column::teachers_above_degree) == 16);
    CHECK(rows[1].value(Column::teachers_above_degree) == 11);
    CHECK(is_missing(rows[2].value(Column::teachers_above_degree)));  // 专科 empty: missing
    CHECK(diagnostics.errors() == 0);
}

TEST_CASE("normalise: PE and art teachers and the sports area from their parts") {
    Diagnostics diagnostics;
    const auto rows = parse_rows(
        "school_id,school_type,stage,students,体育教师数,音乐教师数,美术教师数,运动场地面积,"
        "室内体育用房面积\n"
        "1,primary_school,primary,100,3,2,1,5000,800.5\n",
        diagnostics);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].value(Column::teachers_pe_art) == 6);
    CHECK(rows[0].value(Column::sports_area_m2) == 5800.5);
}

TEST_CASE("normalise: a degree breakdown without 专科 is refused, naming the part") {
    Diagnostics diagnostics;
    try {
        parse_rows("school_id,school_type,stage,students,研究生毕业,本科毕业\n", diagnostics);
        FAIL("no error");
    } catch (const InputError& error) {
        CHECK(std::string(error.what()) ==
              "t.csv:1: the teachers' degree breakdown lacks 专科毕业: teachers_above_degree "
              "(高于规定学历教师数) is 研究生 + 本科 + 专科 for primary teachers and 研究生 + 本科 "
              "for junior teachers; add the column or a teachers_above_degree column");
    }
}

TEST_CASE("normalise: totals rows and footers are told from schools") {
    const std::string text(
        "school_id,school_name,school_type,stage,students\n"
        "1,城关小学,小学,小学,100\n"
        ",合计,,,100\n"
        ",城关区合　计,,小学,100\n"
        "合计,,,,100\n"
        "2,合计小学,小学,小学,100\n"
        "填表人：张三,,审核人：李四,,\n"
        ",,,,\n");
    Diagnostics diagnostics;
    ReadText read(text, diagnostics);
    const RowParser parser(read.header, "t.csv", 0);
    std::vector<RowKind> kinds;
    while (read.next()) kinds.push_back(parser.classify(read.record));
    // 合计小学 has a school type: a school that happens to be named so.
    CHECK(kinds == std::vector<RowKind>{RowKind::data, RowKind::totals, RowKind::totals,
                                        RowKind::totals, RowKind::data, RowKind::footer,
                                        RowKind::blank});
}

TEST_CASE("normalise: --fill-down fills blank key cells from the row above, else they are errors") {
    const std::string text =
        "school_id,district,school_type,stage,students\n"
        "1,城关区,primary_school,primary,100\n"
        "2,,primary_school,primary,100\n"
        "3,河西区,primary_school,primary,100\n"
        "4,,primary_school,primary,100\n";
    Diagnostics refused;
    parse_rows(text, refused);
    REQUIRE(refused.errors() == 2);
    CHECK(format_problem(refused.problems()[0]) ==
          "t.csv:3:2: error: district: empty; a blank district is not a value of its own (a CSV "
          "saved from merged cells leaves them blank: --fill-down district fills each from the "
          "row above)");
    Diagnostics filled;
    const auto rows = parse_rows(text, filled, {Column::district});
    CHECK(filled.errors() == 0);
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].district == "城关区");
    CHECK(rows[3].district == "河西区");
}
