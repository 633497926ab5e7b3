// The Markdown report of the hand-made report (tests/hand_report.hpp), line by line: every
// expected line is written from the numbers chosen there and the rounding of
// docs/output-formats.md (district values 2 decimals, yuan 0, CVs 3, limits "≤ 0.50"), not
// from a run of the renderer.

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "eduqb/render.hpp"
#include "hand_report.hpp"
#include "report/render_common.hpp"

using namespace eduqb;

namespace {

std::string markdown(const Report& report, Level level, Language language = Language::en) {
    std::ostringstream out;
    render_markdown(report, level, out, ReportContext{language});
    return out.str();
}

/// True when `lines` follow each other, whole, somewhere in `text`.
bool has_lines(const std::string& text, const std::vector<std::string>& lines) {
    std::string block = "\n";
    for (const auto& line : lines) block += line + "\n";
    return ("\n" + text).find(block) != std::string::npos;
}

const std::string kTableHead =
    "|  | Teachers above the degree | Equipment | Composite difference coefficient |";
const std::string kRule4 = "|---|---:|---:|---:|";

}  // namespace

TEST_CASE("render_markdown: preamble with the profile, the result line and the exclusions") {
    const std::string text = markdown(test::hand_report(), Level::district);
    INFO(text);
    CHECK(text.rfind("# Compulsory-education balance evaluation report\n\n", 0) == 0);
    CHECK(has_lines(
        text, {"- **Profile:** `test-two` — Test profile; source: test source, 2024",
               std::string("- **Estimator:** ") + kEstimatorText, "- **Input files:** `a.csv`",
               // G0 passes, G1 fails, G2 could not be judged: counted apart, not as a failure.
               "- **Result:** 3 group(s): 1 pass, 1 fail, 1 not judged",
               "- **Excluded sections:** 1 (teaching point with fewer than 50 students: 1)",
               "- **eduqb version:** " + std::string(eduqb_version()), ""}));
}

TEST_CASE("render_markdown: a failing group, rounded as documented, its district escaped") {
    const std::string text = markdown(test::hand_report(), Level::district);
    INFO(text);
    // The district "东|区⏎北": the '|' escaped once, the line break a space, on every line.
    CHECK(text.find("\n北") == std::string::npos);
    CHECK(has_lines(
        text, {"## 东\\|区 北 2024 primary: FAIL", "",
               "4 school sections · 12,345 students · 1 excluded · per-school standards met by 2, "
               "not met by 1, not judged 1 (a value is missing)",
               "", kTableHead, kRule4,
               // 5.126 → 5.13; 3199.6 yuan → 3200; the composite has no district value.
               "| District value | 5.13 | 3200 |  |",
               // 0.12345 → 0.123, 0.6044 → 0.604, composite 0.363925 → 0.364.
               "| Difference coefficient | 0.123 | 0.604 | 0.364 |",
               "| Limit | ≤ 0.50 | ≤ 0.50 | < 0.45 |", "| Verdict | pass | fail | pass |", "",
               "Schools left out for empty cells: Equipment: 1.", "",
               "- FAIL: the difference coefficient of Equipment is 0.604, limit ≤ 0.50",
               "- FAIL: 1 school(s) do not meet the per-school standards", "",
               "Per-school checks: Average class size: 2 failing, 1 without data.", ""}));
    // 城乡比较: the town has no equipment value (NA); urban − rural = 5 − 4 and 3300 − 2640,
    // urban / rural = 1.25 both.
    CHECK(has_lines(text,
                    {"### Values by area type", "", "|  | Teachers above the degree | Equipment |",
                     "|---|---:|---:|", "| urban (2 schools) | 5.00 | 3300 |",
                     "| town (1 school) | 6.00 | NA |", "| rural (1 school) | 4.00 | 2640 |",
                     "| urban − rural | 1.00 | 660 |", "| urban / rural | 1.25 | 1.25 |", ""}));
    // G0's equipment CV, 0.5 at a limit of ≤ 0.50, passes: no FAIL line names it.
    CHECK(has_lines(text, {"## 东\\|区 北 2023 primary: PASS"}));
    CHECK(has_lines(text, {"| Difference coefficient | 0.200 | 0.500 | 0.350 |"}));
    CHECK(text.find("is 0.500") == std::string::npos);
}

TEST_CASE("render_markdown: a group not judged, its NA cells with their reasons") {
    const std::string text = markdown(test::hand_report(), Level::district);
    INFO(text);
    // No year: left out of the heading. No composite limit for junior: the CV cell is blank.
    CHECK(has_lines(
        text, {"## 西区 junior: NOT JUDGED", "",
               "No section could be judged by the per-school rule: each lacks a value it needs (an "
               "empty cell, --missing skip), and the difference coefficients alone do not make the "
               "group pass."}));
    CHECK(has_lines(
        text, {kTableHead, kRule4, "| District value | 5.00 | NA (no students with data) |  |",
               "| Difference coefficient | NA (fewer than 2 schools) | NA (no students "
               "with data) |  |",
               "| Limit | — | — | — |", "| Verdict | — | — | — |"}));
}

TEST_CASE("render_markdown: trends of two years, changes from unrounded CVs") {
    const std::string text = markdown(test::hand_report(), Level::district);
    INFO(text);
    // 0.12345 − 0.2 = −0.07655 → -0.077; 0.6044 − 0.5 = 0.1044 → +0.104 (and ✗: over 0.50);
    // composite 0.363925 − 0.35 = 0.013925 → +0.014. Groups without a year take no part.
    CHECK(has_lines(
        text, {"## Trends: 东\\|区 北 primary", "",
               "| Difference coefficient | 2023 | 2024 | change 2023→2024 | Limit |",
               "|---|---:|---:|---:|---:|",
               "| Teachers above the degree | 0.200 | 0.123 | -0.077 | ≤ 0.50 |",
               "| Equipment | 0.500 | 0.604 ✗ | +0.104 | ≤ 0.50 |",
               "| Composite difference coefficient | 0.350 | 0.364 | +0.014 | < 0.45 |", ""}));
    CHECK(text.find("Trends: 西区") == std::string::npos);
    // At district level: no school table and no list of exclusions.
    CHECK(text.find("### Schools") == std::string::npos);
    CHECK(text.find("## Excluded sections") == std::string::npos);
}

TEST_CASE("render_markdown: the school level adds each group's sections and the exclusions") {
    const std::string text = markdown(test::hand_report(), Level::school);
    INFO(text);
    CHECK(has_lines(
        text,
        {"### Schools", "",
         "| School code | School name | School type | Students | Teachers above the degree | "
         "Equipment | Standards reached | Verdict | Average class size |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
         // 3734.87 yuan → 3735; class size 45.12 → 45.1, failing ≤ 45: ✗.
         "| 0110230017 | 甲\\|小学 | primary school | 1,850 | 5.19 | 3735 | 2 | meets | 45.1 ✗ |",
         // 3.8 ≥ 0.85·4.2 = 3.57: ▽; no equipment value: not judged, never "meets".
         "| 0110230018 | 乙小学 | primary school | 500 | 3.80 ▽ | NA | 0 | not judged | NA |",
         ""}));
    CHECK(has_lines(text, {"## Excluded sections", "",
                           "| School code | School name | District | Stage | Students | Rule | "
                           "Line |",
                           "|---|---:|---:|---:|---:|---:|---:|",
                           "| 0110260041 | 李家村教学点 | 东\\|区 北 | primary | 23 | "
                           "teaching point with fewer than 50 students | a.csv:39 |"}));
    // Each group is followed by its table, G0's and G2's empty here (the hand-made report
    // lists G1's sections only).
    std::size_t tables = 0;
    for (auto at = text.find("### Schools\n"); at != std::string::npos;
         at = text.find("### Schools\n", at + 1)) {
        ++tables;
    }
    CHECK(tables == 3);
}

TEST_CASE("render_markdown: in Chinese, every text is Chinese") {
    const std::string text = markdown(test::hand_report(), Level::school, Language::zh);
    INFO(text);
    CHECK(text.rfind("# 义务教育均衡发展评估报告\n\n", 0) == 0);
    CHECK(has_lines(text, {"- **评估标准：**`test-two` — 测试标准；依据：test source, 2024"}));
    CHECK(has_lines(text, {"- **结果：**共 3 个评估组：1 个达到要求，1 个未达到要求，1 个不评判",
                           "- **未纳入评估的学校（学段）：**1（不足50人的教学点 1 个）"}));
    CHECK(has_lines(
        text, {"## 东\\|区 北 2024 小学：未达到要求", "",
               "4 所学校（学段） · 12,345 名学生 · 1 个未纳入 · 学校达标：2 所达标，1 所未达标，1 "
               "所因数据缺失未评判",
               "", "|  | 高学历教师 | 设备值 | 综合差异系数 |", kRule4,
               "| 区县值 | 5.13 | 3200 |  |", "| 差异系数 | 0.123 | 0.604 | 0.364 |",
               "| 限值 | ≤ 0.50 | ≤ 0.50 | < 0.45 |", "| 结论 | 达到要求 | 未达到要求 | 达到要求 |",
               "", "因空白单元格未计入的学校：设备值 1 所。", "",
               "- 未达到要求：设备值 的差异系数为 0.604，限值 ≤ 0.50",
               "- 未达到要求：1 所学校未达到学校标准", "",
               "学校其他指标：平均班额 2 所未达到，1 所缺少数据。", ""}));
    CHECK(has_lines(text, {"| 镇区（1 所学校） | 6.00 | 缺失 |"}));
    CHECK(has_lines(
        text, {"| 差异系数 | 无法计算（不足 2 所学校） | 无法计算（没有有数据的学生） |  |"}));
    CHECK(has_lines(text,
                    {"| 0110230018 | 乙小学 | 小学 | 500 | 3.80 ▽ | 缺失 | 0 | 未评判 | 缺失 |"}));
    CHECK(has_lines(text,
                    {"| 0110260041 | 李家村教学点 | 东\\|区 北 | 小学 | 23 | 不足50人的教学点 | "
                     "a.csv:39 |"}));
}

TEST_CASE("render_markdown: no group at all") {
    Report report = test::hand_report();
    report.groups.clear();
    report.schools.clear();
    const std::string text = markdown(report, Level::district);
    CHECK(has_lines(text, {"- **Result:** 0 group(s): 0 pass, 0 fail"}));
    CHECK(has_lines(text, {"No school section was evaluated."}));
}

namespace {

const std::string kMeasuresHead =
    "|  | Theil index | within area types | between area types | between area types, share | "
    "Gini coefficient | McLoone index | range ratio |";
const std::string kRule8 = "|---|---:|---:|---:|---:|---:|---:|---:|";

}  // namespace

TEST_CASE("render_markdown: the measures beside the CV, each NA with its reason in words") {
    const std::string text = markdown(test::hand_report(), Level::district);
    INFO(text);
    // G1: Theil 4 decimals, the between share of 0.006 / 0.01 and 0.075 / 0.2, Gini and
    // McLoone 3, the range ratio 2; McLoone and the range ratio NA for their own reasons.
    CHECK(has_lines(text,
                    {"| urban / rural | 1.25 | 1.25 |", "",
                     "### Inequality beside the difference coefficient", "", kMeasuresHead, kRule8,
                     "| Teachers above the degree | 0.0100 | 0.0040 | 0.0060 | 60.0% | "
                     "0.080 | 0.950 | 1.50 |",
                     "| Equipment | 0.2000 | 0.1250 | 0.0750 | 37.5% | 0.300 | NA (the "
                     "median value is 0) | NA (the lowest value is 0) |",
                     ""}));
    // G0: 0.005 / 0.02 and 0.01 / 0.04 lie between the area types.
    CHECK(has_lines(text, {"| Teachers above the degree | 0.0200 | 0.0150 | 0.0050 | 25.0% | "
                           "0.110 | 0.930 | 1.80 |"}));
    // G2: one school, and no students with an equipment value: every measure NA.
    const std::string few = "NA (fewer than 2 schools)";
    const std::string none = "NA (no students with data)";
    CHECK(has_lines(text, {"| Teachers above the degree | " + few + " | " + few + " | " + few +
                           " | " + few + " | " + few + " | " + few + " | " + few + " |"}));
    CHECK(has_lines(text, {"| Equipment | " + none + " | " + none + " | " + none + " | " + none +
                           " | " + none + " | " + none + " | " + none + " |"}));
}

TEST_CASE("render_markdown: the split's share reads 'no inequality' at Theil 0, its NA reason") {
    Report report = test::hand_report();
    auto& measures = report.groups[1].indicators[0].measures;
    measures = {{0}, {0}, {0}, {0}, {1}, {1}};
    report.groups[1].indicators[1].measures.theil_within_area = {0, NaReason::no_area_type};
    report.groups[1].indicators[1].measures.theil_between_area = {0, NaReason::no_area_type};
    const std::string text = markdown(report, Level::district);
    INFO(text);
    CHECK(has_lines(text, {"| Teachers above the degree | 0.0000 | 0.0000 | 0.0000 | no "
                           "inequality (Theil index 0) | 0.000 | 1.000 | 1.00 |",
                           "| Equipment | 0.2000 | NA (a school has no area type) | NA (a school "
                           "has no area type) | NA (a school has no area type) | 0.300 | NA (the "
                           "median value is 0) | NA (the lowest value is 0) |"}));
}

TEST_CASE("render_markdown: the Theil split over the years, changes from unrounded values") {
    const std::string text = markdown(test::hand_report(), Level::district);
    INFO(text);
    // 0.01 − 0.02, 0.004 − 0.015, 0.006 − 0.005; 0.2 − 0.04, 0.125 − 0.03, 0.075 − 0.01.
    CHECK(has_lines(
        text,
        {"| Composite difference coefficient | 0.350 | 0.364 | +0.014 | < 0.45 |", "",
         "✗ above the limit. Changes are computed from unrounded coefficients.", "",
         "### Theil index over the years", "",
         "| Indicator | Measure | 2023 | 2024 | change 2023→2024 |", "|---|---|---:|---:|---:|",
         "| Teachers above the degree | Theil index | 0.0200 | 0.0100 | -0.0100 |",
         "|  | within area types | 0.0150 | 0.0040 | -0.0110 |",
         "|  | between area types | 0.0050 | 0.0060 | +0.0010 |",
         "| Equipment | Theil index | 0.0400 | 0.2000 | +0.1600 |",
         "|  | within area types | 0.0300 | 0.1250 | +0.0950 |",
         "|  | between area types | 0.0100 | 0.0750 | +0.0650 |", ""}));
}

TEST_CASE("render_markdown: the Theil index across districts, split within and between them") {
    const std::string text = markdown(test::two_district_report(), Level::district);
    INFO(text);
    // tests/hand_report.hpp: T = 0.04 + 0.130812… (between share 76.6 %) and
    // 0.025 + 0.143841… (85.2 %).
    CHECK(has_lines(text, {"## Across districts", ""}));
    CHECK(has_lines(text, {"### 2024 primary", "",
                           "|  | Theil index | within districts | between districts | between "
                           "districts, share |",
                           "|---|---:|---:|---:|---:|",
                           "| Teachers above the degree | 0.1708 | 0.0400 | 0.1308 | 76.6% |",
                           "| Equipment | 0.1688 | 0.0250 | 0.1438 | 85.2% |", ""}));
    // One district: no table across districts.
    Report one = test::two_district_report();
    one.groups.pop_back();
    CHECK(markdown(one, Level::district).find("## Across districts") == std::string::npos);
}

TEST_CASE("render_markdown: the measures in Chinese") {
    const std::string text = markdown(test::two_district_report(), Level::district, Language::zh);
    INFO(text);
    CHECK(has_lines(text, {"### 差异系数以外的差异测度", "",
                           "|  | 泰尔指数 | 城乡类型内差异 | 城乡类型间差异 | 城乡类型间贡献率 | "
                           "基尼系数 | 麦克卢恩指数 | 极差率 |",
                           kRule8}));
    CHECK(has_lines(text, {"## 区县间差异分解", ""}));
    CHECK(has_lines(
        text, {"### 2024年 小学", "", "|  | 泰尔指数 | 区县内差异 | 区县间差异 | 区县间贡献率 |",
               "|---|---:|---:|---:|---:|", "| 高学历教师 | 0.1708 | 0.0400 | 0.1308 | 76.6% |"}));
    const std::string hand = markdown(test::hand_report(), Level::district, Language::zh);
    CHECK(has_lines(hand, {"| 设备值 | 0.2000 | 0.1250 | 0.0750 | 37.5% | 0.300 | "
                           "无法计算（中位数为0） | 无法计算（最低值为0） |"}));
    CHECK(has_lines(
        hand, {"### 泰尔指数历年变化", "", "| 指标 | 测度 | 2023 | 2024 | 2023→2024 变化 |"}));
}

TEST_CASE("render_markdown: without --measures, nothing of them") {
    for (Level level : {Level::district, Level::school}) {
        for (Language language : {Language::en, Language::zh}) {
            const Report report = test::without_measures(test::hand_report());
            const std::string text = markdown(report, level, language);
            for (const char* word : {"Theil", "Across districts", "泰尔", "区县间", "基尼"}) {
                CHECK(text.find(word) == std::string::npos);
            }
            // The same report with the measures holds every line of this one, in order.
            const std::string with = markdown(test::hand_report(), level, language);
            std::size_t at = 0;
            std::istringstream lines(text);
            for (std::string line; std::getline(lines, line);) {
                at = with.find(line, at);
                REQUIRE(at != std::string::npos);
            }
        }
    }
}

TEST_CASE("markdown: rows built cell by cell are markdown_row's rows") {
    std::ostringstream built;
    detail::MarkdownRowWriter row(built);
    row.cell("区县 | 均值").fixed(0.125, 2).fixed(-0.001, 2).signed_fixed(-0.001, 2).end();
    row.signed_fixed(-0.5, 0).signed_fixed(-1.25, 1).cell("").cell("[link](x)").end();
    row.end();
    std::ostringstream expected;
    detail::markdown_row(expected, {"区县 | 均值", "0.12", "-0.00", "0.00"});
    detail::markdown_row(expected, {"0", "-1.2", "", "[link](x)"});
    detail::markdown_row(expected, {});
    CHECK(built.str() == expected.str());
    // The hand-written form of the first two, escapes and roundings included (ties to even).
    CHECK(built.str() ==
          "| 区县 \\| 均值 | 0.12 | -0.00 | 0.00 |\n"
          "| 0 | -1.2 |  | \\[link](x) |\n"
          "|\n");
}
