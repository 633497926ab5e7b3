// Several profiles side by side (docs/output-formats.md, "Several profiles"): the verdict table
// of Markdown, the one CSV table, the JSON document, and the formats refused. The reports are
// evaluated from sections built by hand whose verdicts follow from the profiles' standards:
// 3000 yuan of equipment per student meets national-2017 (2000 / 2500) but is below Beijing's
// floor (0.85·5000 = 4250 primary, 0.85·8000 junior), so every Beijing section fails the
// per-school rule while every coefficient is 0.

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "eduqb/error.hpp"
#include "eduqb/render.hpp"
#include "report_shape.hpp"
#include "section_rows.hpp"

using namespace eduqb;

namespace {

/// 东区 2024: primary sections of 200 and 300 students, a junior section of 400.
std::vector<SectionRow> sections() {
    return {test::uniform_section("1", "东区", 2024, Stage::primary, 200, 2),
            test::uniform_section("2", "东区", 2024, Stage::primary, 300, 3),
            test::uniform_section("3", "东区", 2024, Stage::junior, 400, 4)};
}

/// national-2017 evaluating the primary stage only: its junior sections are left out.
Profile primary_only() {
    Profile profile = builtin_profile("national-2017");
    profile.id = "primary-only";
    profile.stages = {Stage::primary};
    return profile;
}

std::vector<Report> reports(const std::vector<Profile>& profiles) {
    EvaluationOptions options;
    options.keep_schools = true;
    std::vector<Report> result;
    for (const auto& profile : profiles) {
        result.push_back(test::evaluate_rows(profile, sections(), options));
    }
    return result;
}

std::string compared(const std::vector<Report>& reports, Format format,
                     Level level = Level::district) {
    std::ostringstream out;
    render_comparison(reports, format, level, out);
    return out.str();
}

std::size_t count(const std::string& text, const std::string& piece) {
    std::size_t n = 0;
    for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++n;
    return n;
}

std::vector<Report> three() {
    return reports({builtin_profile("national-2017"), builtin_profile("beijing"), primary_only()});
}

}  // namespace

TEST_CASE("render_comparison: Markdown verdicts side by side, then each report in order") {
    const std::string text = compared(three(), Format::markdown);
    INFO(text);
    CHECK(text.rfind("# Verdicts side by side\n\n"
                     "|  | `national-2017` | `beijing` | `primary-only` |\n"
                     "|---|---|---|---|\n"
                     "| 东区 2024 primary | PASS | FAIL: 2 school(s) not meeting the "
                     "standards | PASS |\n"
                     "| 东区 2024 junior | PASS | FAIL: 1 school(s) not meeting the "
                     "standards | — |\n\n",
                     0) == 0);
    CHECK(count(text, "# Compulsory-education balance evaluation report\n") == 3);
    const auto national = text.find("- **Profile:** `national-2017`");
    const auto beijing = text.find("- **Profile:** `beijing`");
    const auto primary = text.find("- **Profile:** `primary-only`");
    CHECK(national < beijing);
    CHECK(beijing < primary);
    CHECK(primary != std::string::npos);
}

TEST_CASE("render_comparison: in Chinese, the table and every report") {
    std::ostringstream out;
    ReportContext context;
    context.language = Language::zh;
    render_comparison(three(), Format::markdown, Level::district, out, context);
    const std::string text = out.str();
    INFO(text);
    CHECK(text.rfind("# 多标准对照\n\n"
                     "|  | `national-2017` | `beijing` | `primary-only` |\n"
                     "|---|---|---|---|\n"
                     "| 东区 2024 小学 | 达到要求 | 未达到要求：2 所学校未达标 | 达到要求 |\n",
                     0) == 0);
    CHECK(count(text, "# 义务教育均衡发展评估报告\n") == 3);
}

TEST_CASE("render_comparison: one CSV table of every profile's rows under one header") {
    const std::string text = compared(three(), Format::csv);
    const auto records = shape::parse_csv(text);
    // Groups × (7 indicators + the composite): 2·8 + 2·8 + 1·8, under one header.
    REQUIRE(records.size() == 1 + 40);
    CHECK(records[0][0] == "profile");
    CHECK(count(text, "profile,district,") == 1);
    std::size_t at = 1;
    for (const auto& [profile, rows] : std::vector<std::pair<std::string, std::size_t>>{
             {"national-2017", 16}, {"beijing", 16}, {"primary-only", 8}}) {
        for (std::size_t r = 0; r < rows; ++r, ++at) {
            const std::string found = records[at][0];
            const std::string expected = profile;
            CAPTURE(at);
            CHECK(found == expected);
        }
    }
}

TEST_CASE("render_comparison: JSON with the profiles, the verdicts and every report") {
    const std::string text = compared(three(), Format::json);
    INFO(text);
    std::vector<std::string> strings;
    REQUIRE(shape::JsonReader(text).parse(strings));
    std::string flat;  // the document without its line breaks and indentation
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
        } else {
            flat += text[i];
        }
    }
    CHECK(flat.rfind("{\"profiles\": [\"national-2017\",\"beijing\",\"primary-only\"],"
                     "\"comparison\": [{\"district\": \"东区\",\"year\": 2024,"
                     "\"stage\": \"primary\",\"verdicts\": ["
                     "{\"profile\": \"national-2017\",\"pass\": true},"
                     "{\"profile\": \"beijing\",\"pass\": false},"
                     "{\"profile\": \"primary-only\",\"pass\": true}]},"
                     "{\"district\": \"东区\",\"year\": 2024,\"stage\": \"junior\",\"verdicts\": ["
                     "{\"profile\": \"national-2017\",\"pass\": true},"
                     "{\"profile\": \"beijing\",\"pass\": false},"
                     "{\"profile\": \"primary-only\",\"pass\": null}]}],"
                     "\"reports\": [{\"profile\": \"national-2017\",",
                     0) == 0);
    CHECK(count(flat, "{\"profile\": \"beijing\",\"profile_title\"") == 1);
    CHECK(count(flat, "{\"profile\": \"primary-only\",\"profile_title\"") == 1);
}

TEST_CASE("render_comparison: XLSX to a stream and school CSV of other columns are refused") {
    const std::vector<Report> pair =
        reports({builtin_profile("national-2017"), builtin_profile("beijing")});
    std::ostringstream out;
    // A workbook is written to a file (render_comparison_xlsx); HTML is render_html_test's.
    CHECK_THROWS_AS(render_comparison(pair, Format::xlsx, Level::district, out), UsageError);
    // national-2017 and beijing differ in their school checks: no one table holds both.
    CHECK_THROWS_AS(render_comparison(pair, Format::csv, Level::school, out), UsageError);
    CHECK_NOTHROW(render_comparison(pair, Format::csv, Level::district, out));

    // Profiles with the same indicators and checks share one school table: 3 sections under
    // national-2017, then 2 evaluated and the junior one excluded under primary-only.
    const std::string text = compared(reports({builtin_profile("national-2017"), primary_only()}),
                                      Format::csv, Level::school);
    const auto records = shape::parse_csv(text);
    REQUIRE(records.size() == 1 + 3 + 3);
    CHECK(count(text, "profile,district,") == 1);
    CHECK(records[6][0] == "primary-only");
    CHECK(records[6][9] == "excluded");
    CHECK(records[6][10] == "stage_not_evaluated");
}
