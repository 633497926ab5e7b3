// The gap analysis of a two-school district in its three formats (docs/gaps.md). The district,
// national-2017 primary standards 4.2 / 1 / 0.9 / 4.5 / 7.5 / 2000 / 2.3, floor 85 %:
//
//   section         P    above  backbone  PE/art  teaching  sports  equipment    rooms  classes
//   甲 4200000001  400   16      3         4       2000      3000     760 000     10     8
//   乙 4200000002  600   30      9         6       3000     24000   1 500 000     15    15
//
//   甲: 4.0 ▽ (≥ 3.57), 0.75 ✗ (< 0.85), 1.0, 5.0, 7.5, 1900 ▽ (≥ 1700), 2.5: 4 of 7 reached.
//       to the standard: 4.2·4 − 16 = 0.8 → 1 teacher; 1·4 − 3 = 1 teacher; 2000·400 − 760 000
//       = 40 000 yuan. To the floor: backbone 0.85·4 − 3 = 0.4 → 1 teacher, the others 0.
//       Plan (2 more standards, the floor for backbone): marginal costs above (4.2 − 4)/4.2 =
//       0.048, equipment 100/2000 = 0.05, backbone 0.25 − 0.10 = 0.15 → above and equipment to
//       their standards, backbone to its floor 0.85; cost 0.0476 + 0.05 + 0.1 = 19.8 %.
//       Class size 400/8 = 50 > 45: ⌈400/45⌉ − 8 = 1 class.
//   Sports: X̄ = 27 000/1000 = 27; terms 0.4·(7.5 − 27)² = 152.1 and 0.6·(40 − 27)² = 101.4
//       (shares 60 % and 40 %), S² = 253.5, CV = √253.5/27 = 0.5897 > 0.50: the one failing
//       coefficient (the others: 0.106, 0.306, 0, 0, 0.130, 0). Floor plan: raising 甲 to L,
//       √(0.4·0.6)·(40 − L) = 0.5·(0.4·L + 0.6·40) gives L = 40·(√0.24 − 0.3)/(√0.24 + 0.2)
//       = 11.0102; (L − 7.5)·400 = 1404.08 → 1405 m², after which 甲 has 4405/400 = 11.0125.

#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/gaps.hpp"
#include "eduqb/render_gaps.hpp"
#include "report_shape.hpp"
#include "section_rows.hpp"
#include "workbook_read_back.hpp"

using namespace eduqb;

namespace {

GapReport district_gaps() {
    SectionRow a = test::uniform_section("4200000001", "测试区", 2024, Stage::primary, 400, 2);
    a.school_name = "甲小学";
    a.area_type = AreaType::rural;
    a.value(Column::teachers_above_degree) = 16;
    a.value(Column::teachers_backbone) = 3;
    a.value(Column::teachers_pe_art) = 4;
    a.value(Column::teaching_area_m2) = 2000;
    a.value(Column::sports_area_m2) = 3000;
    a.value(Column::equipment_value_yuan) = 760000;
    a.value(Column::multimedia_rooms) = 10;
    a.value(Column::classes) = 8;
    SectionRow b = test::uniform_section("4200000002", "测试区", 2024, Stage::primary, 600, 3);
    b.school_name = "乙小学";
    b.area_type = AreaType::urban;
    b.value(Column::teachers_above_degree) = 30;
    b.value(Column::teachers_backbone) = 9;
    b.value(Column::teachers_pe_art) = 6;
    b.value(Column::teaching_area_m2) = 3000;
    b.value(Column::sports_area_m2) = 24000;
    b.value(Column::equipment_value_yuan) = 1500000;
    b.value(Column::multimedia_rooms) = 15;
    b.value(Column::classes) = 15;
    EvaluationOptions options;
    options.keep_schools = true;
    return compute_gaps(test::evaluate_rows(builtin_profile("national-2017"), {a, b}, options));
}

std::string rendered(const GapReport& gaps, Format format) {
    std::ostringstream out;
    render_gaps(gaps, format, out);
    return out.str();
}

bool has_lines(const std::string& text, const std::vector<std::string>& lines) {
    std::string block = "\n";
    for (const auto& line : lines) block += line + "\n";
    return ("\n" + text).find(block) != std::string::npos;
}

/// The JSON lines without indentation, as one text with a line break after each.
std::string unindented(const std::string& text) {
    std::istringstream in(text);
    std::string out = "\n";
    for (std::string line; std::getline(in, line);) {
        out += line.substr(std::min(line.find_first_not_of(' '), line.size())) + "\n";
    }
    return out;
}

using Rows = test::SheetRows;

/// The gaps workbook read back with eduqb's own reader: each sheet's name and rows (empty rows
/// left out by the reader).
std::vector<std::pair<std::string, Rows>> workbook_sheets(const GapReport& gaps,
                                                          Language language) {
    return test::read_back_workbook([&](const char* path) {
        render_gaps_xlsx(gaps, ReportContext{language, 1717113600}, path);
    });
}

/// One school of 2 100 students meeting every standard (test::uniform_section: 40 per class)
/// over the school-size cap of 2000: 100 students to move.
GapReport oversized_school_gaps() {
    SectionRow a = test::uniform_section("4200000003", "测试区", 2024, Stage::primary, 2100);
    a.school_name = "丙小学";
    EvaluationOptions options;
    options.keep_schools = true;
    return compute_gaps(test::evaluate_rows(builtin_profile("national-2017"), {a}, options));
}

const double kLevel = 40 * (std::sqrt(0.24) - 0.3) / (std::sqrt(0.24) + 0.2);

}  // namespace

TEST_CASE("render_gaps: Markdown problem list, plan, audit and totals in natural units") {
    const std::string text = rendered(district_gaps(), Format::markdown);
    INFO(text);
    CHECK(has_lines(text, {"- **Result:** 1 group(s); 1 section(s) miss a standard or fail a "
                           "check; 1 difference coefficient(s) over their limit"}));
    CHECK(has_lines(
        text, {"## 测试区 2024 primary", "",
               "2 schools · 1,000 students · per-school rule met by 1, not met by 1 · "
               "1 section(s) with gaps · 1 coefficient(s) over the limit",
               "",
               "**District totals.** To bring every section to the standards the district needs 2 "
               "teachers, 0 m², 40,000 yuan, 0 rooms; to the floors (85 %) 1 teacher, 0 m², 0 "
               "yuan, 0 rooms; for the per-school plans 2 teachers, 0 m², 40,000 yuan, 0 rooms; "
               "for the floor plans of the failing coefficients 0 teachers, 1,405 m², 0 yuan, 0 "
               "rooms; for the school checks Average class size 1 class."}));
    // Share of the standard: 4/4.2 = 95.2 %, 0.75/1 = 75 %, 1900/2000 = 95 %.
    CHECK(has_lines(
        text, {"| 4200000001 | 甲小学 | 400 | Teachers above the required degree per 100 students "
               "| 4.00 | 4.2 | 95.2 % | ▽ above floor | 1 teacher | 0 teachers |",
               "| 4200000001 | 甲小学 | 400 | County-level-or-higher backbone teachers per 100 "
               "students | 0.75 | 1 | 75.0 % | ✗ below floor | 1 teacher | 1 teacher |",
               "| 4200000001 | 甲小学 | 400 | Teaching equipment value per student | 1900 | 2000 | "
               "95.0 % | ▽ above floor | 40,000 yuan | 0 yuan |"}));
    CHECK(has_lines(
        text, {"| 4200000001 | 甲小学 | 400 | Average class size | 50.00 | ≤ 45 | +1 class |"}));
    CHECK(has_lines(
        text, {"| 4200000001 | 甲小学 | 4 of 7 | does not meet | Teachers above the required "
               "degree per 100 students → standard 4.2: +1 teacher; County-level-or-higher "
               "backbone teachers per 100 students → floor 0.85: +1 teacher; Teaching equipment "
               "value per student → standard 2000: +40,000 yuan | 2 teachers, 40,000 yuan |"}));
    CHECK(has_lines(text, {"| Sports ground area per student | 0.590 | ≤ 0.50 | fail |"}));
    CHECK(has_lines(
        text, {"### Audit: Sports ground area per student — CV 0.590, limit ≤ 0.50", "",
               "P = 1,000 students · X̄ = 27 m² per student · Σ P_i/P·(X_i − X̄)² = S² = 253.5 · "
               "S = 15.9217 · CV = S/X̄ = 0.589692",
               "",
               "★ drivers: the 2 largest contributor(s), 100.0 % of the sum (the fewest reaching "
               "80.0 %)."}));
    CHECK(has_lines(text, {"| 1 | 4200000001 | 甲小学 | 400 | 7.50 | -19.50 | 152.1 | 60.0 % | "
                           "60.0 % | ★ |",
                           "| 2 | 4200000002 | 乙小学 | 600 | 40.00 | +13.00 | 101.4 | 40.0 % | "
                           "100.0 % | ★ |"}));
    CHECK(has_lines(text, {"Raise every school below L = 11.0102 m² per student to L (the others "
                           "unchanged): 1 school(s), 1,405 m² in total."}));
    CHECK(has_lines(text, {"| 4200000001 | 甲小学 | 400 | 7.50 | +1,405 m² | 11.01 |"}));
    CHECK(has_lines(text, {"| **all teachers** | teachers | 2 | 1 | 2 | 0 |",
                           "| **all m²** | m² | 0 | 0 | 0 | 1,405 |",
                           "| **all yuan** | yuan | 40,000 | 0 | 40,000 | 0 |",
                           "| **all rooms** | rooms | 0 | 0 | 0 | 0 |"}));
}

TEST_CASE("render_gaps: Markdown in Chinese, money in 万元 with the exact yuan") {
    std::ostringstream out;
    render_gaps(district_gaps(), Format::markdown, out, ReportContext{Language::zh});
    const std::string text = out.str();
    INFO(text);
    CHECK(has_lines(
        text, {"**区县合计。** 各学校（学段）补足到标准共需 2 名教师，0 平方米，4.00 万元（40,000 "
               "元），0 间；补足到底线（85 %）需 1 名教师，0 平方米，0 元，0 间；一校一案需 2 "
               "名教师，0 平方米，4.00 万元（40,000 元），0 间；未达到的差异系数的补短板方案需 0 "
               "名教师，1,405 平方米，0 元，0 间；学校其他指标需 平均班额 1 个班。"}));
    CHECK(has_lines(text, {"| 4200000001 | 甲小学 | 400 | 生均教学仪器设备值 | 1900 | 2000 | "
                           "95.0 % | ▽ 高于底线 | 4.00 万元（40,000 元） | 0 元 |"}));
    CHECK(has_lines(text, {"| 4200000001 | 甲小学 | 400 | 平均班额 | 50.00 | ≤ 45 | +1 个班 |"}));
    CHECK(has_lines(text, {"把低于 L = 11.0102 平方米/生 的学校补至 L（其余不变）：1 所学校，共 "
                           "1,405 平方米。"}));
    CHECK(has_lines(text, {"| **合计（人）** | 人 | 2 | 1 | 2 | 0 |"}));
}

TEST_CASE("render_gaps: CSV, the documented columns, one row per fact") {
    const auto records = shape::parse_csv(rendered(district_gaps(), Format::csv));
    REQUIRE_FALSE(records.empty());
    CHECK(records[0] == std::vector<std::string>{
                            "profile",    "district",    "year",     "stage",        "part",
                            "school_id",  "school_name", "students", "indicator",    "unit",
                            "status",     "reached",     "value",    "standard",     "floor",
                            "target",     "level",       "amount",   "amount_floor", "value_after",
                            "cost",       "cost_floor",  "rank",     "term",         "share",
                            "cumulative", "driver",      "mean",     "cv",           "cv_below",
                            "cv_after",   "limit_op",    "limit",    "limit_source", "pass",
                            "left_out",   "two_types"});
    std::multimap<std::string, std::map<std::string, std::string>> parts;
    for (std::size_t r = 1; r < records.size(); ++r) {
        REQUIRE(records[r].size() == records[0].size());
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < records[0].size(); ++c) row[records[0][c]] = records[r][c];
        CHECK(row["profile"] == "national-2017");
        CHECK(row["year"] == "2024");
        parts.emplace(row["part"] + ":" + row["indicator"], row);
    }
    auto part = [&](const std::string& key) {
        REQUIRE(parts.count(key) == 1);
        return parts.find(key)->second;
    };
    auto gap = part("gap:backbone_per100");
    CHECK(gap["school_id"] == "4200000001");
    CHECK(gap["unit"] == "teachers");
    CHECK(gap["status"] == "below_floor");
    CHECK(gap["value"] == "0.75");
    CHECK(gap["standard"] == "1");
    CHECK(gap["floor"] == "0.85");
    CHECK(gap["amount"] == "1");
    CHECK(gap["amount_floor"] == "1");
    CHECK(std::stod(gap["cost"]) == doctest::Approx(0.25));
    CHECK(part("gap:equipment_per_student")["amount"] == "40000");
    CHECK(part("gap:above_degree_per100")["amount_floor"] == "0");
    auto school = part("school:");
    CHECK(school["status"] == "fixable");
    CHECK(school["reached"] == "4");
    CHECK(std::stod(school["cost"]) == doctest::Approx(0.2 / 4.2 + 0.1 + 0.05));
    auto check = part("school_check:class_size");
    CHECK(check["unit"] == "classes");
    CHECK(check["value"] == "50");
    CHECK(check["limit_op"] == "<=");
    CHECK(check["limit"] == "45");
    CHECK(check["amount"] == "1");
    auto action = part("action:backbone_per100");
    CHECK(action["target"] == "floor");
    CHECK(action["level"] == "0.85");
    CHECK(action["amount"] == "1");
    auto cv = part("cv:sports_area_per_student");
    CHECK(std::stod(cv["cv"]) == doctest::Approx(std::sqrt(253.5) / 27).epsilon(1e-12));
    CHECK(cv["mean"] == "27");
    CHECK(cv["limit_source"] == "indicator");
    CHECK(cv["pass"] == "fail");
    CHECK(parts.count("audit:sports_area_per_student") == 2);
    CHECK(parts.count("cv:above_degree_per100") == 1);
    auto level = part("floor_level:sports_area_per_student");
    CHECK(level["status"] == "reachable");
    CHECK(std::stod(level["level"]) == doctest::Approx(kLevel).epsilon(1e-9));
    CHECK(level["amount"] == "1405");
    CHECK(level["pass"] == "pass");
    auto plan = part("floor_plan:sports_area_per_student");
    CHECK(plan["school_id"] == "4200000001");
    CHECK(plan["amount"] == "1405");
    CHECK(plan["value_after"] == "11.0125");
    std::map<std::string, std::string> by_unit;  // target:unit → amount, per-unit totals
    for (const auto& [key, row] : parts) {
        if (key == "total:") by_unit[row.at("target") + ":" + row.at("unit")] = row.at("amount");
    }
    CHECK(by_unit["to_standard:teachers"] == "2");
    CHECK(by_unit["to_standard:yuan"] == "40000");
    CHECK(by_unit["to_floor:teachers"] == "1");
    CHECK(by_unit["school_plans:yuan"] == "40000");
    CHECK(by_unit["floor_plans:m²"] == "1405");
    CHECK(part("total:class_size")["amount"] == "1");
}

TEST_CASE("render_gaps: JSON keys and amounts, audit and floor plan for the failing one only") {
    const std::string text = rendered(district_gaps(), Format::json);
    std::vector<std::string> strings;
    REQUIRE(shape::JsonReader(text).parse(strings));
    const std::string lines = unindented(text);
    INFO(lines);
    auto has = [&](const std::string& block) { return lines.find(block) != std::string::npos; };
    CHECK(has("\n\"profile\": \"national-2017\",\n\"profile_title\": "));
    CHECK(
        has("\n\"inputs\": [\n\"t.csv\"\n],\n\"school_rule\": {\n\"min_reached\": 6,\n"
            "\"floor_fraction\": 0.85\n},\n\"driver_share\": 0.8,\n\"excluded\": 0,\n"
            "\"groups\": [\n{\n\"district\": \"测试区\",\n\"year\": 2024,\n\"stage\": "
            "\"primary\",\n\"schools\": 2,\n\"students\": 1000,\n\"schools_compliant\": 1,\n"
            "\"schools_failing\": 1,\n\"gap_schools\": [\n{\n\"school_id\": \"4200000001\",\n"));
    CHECK(has("\n\"reached\": 4,\n\"verdict\": \"fixable\",\n"));
    CHECK(
        has("\n\"indicator\": \"backbone_per100\",\n\"unit\": \"teachers\",\n\"status\": "
            "\"below_floor\",\n\"value\": 0.75,\n\"standard\": 1,\n\"floor\": 0.85,\n"
            "\"to_standard\": 1,\n\"to_floor\": 1,\n\"cost_standard\": 0.25,\n"));
    CHECK(
        has("\n\"check\": \"class_size\",\n\"unit\": \"classes\",\n\"value\": 50,\n"
            "\"limit\": 45,\n\"op\": \"<=\",\n\"amount\": 1\n"));
    CHECK(
        has("\n\"indicator\": \"equipment_per_student\",\n\"unit\": \"yuan\",\n\"target\": "
            "\"standard\",\n\"level\": 2000,\n\"amount\": 40000,\n"));
    // Only the failing coefficient has an audit and a floor plan.
    std::size_t audits = 0;
    for (auto at = lines.find("\"audit\": {"); at != std::string::npos;
         at = lines.find("\"audit\": {", at + 1)) {
        ++audits;
    }
    CHECK(audits == 1);
    CHECK(has("\n\"students\": 1000,\n\"mean\": 27,\n"));
    CHECK(
        has("\n\"pass_after\": true,\n\"total\": 1405,\n\"schools\": [\n{\n\"school_id\": "
            "\"4200000001\",\n\"school_name\": \"甲小学\",\n\"students\": 400,\n\"value\": 7.5,\n"
            "\"amount\": 1405,\n\"value_after\": 11.0125\n}"));
    CHECK(
        has("\n\"by_unit\": [\n{\n\"unit\": \"teachers\",\n\"amount\": 2\n},\n{\n\"unit\": "
            "\"m²\",\n\"amount\": 0\n},\n{\n\"unit\": \"yuan\",\n\"amount\": 40000\n},\n{\n"
            "\"unit\": \"rooms\",\n\"amount\": 0\n}\n]"));
    CHECK(
        has("\n\"school_checks\": [\n{\n\"check\": \"class_size\",\n\"unit\": \"classes\",\n"
            "\"amount\": 1,\n\"missing\": 0\n}"));
}

// The plan column adds up: 甲's plan is 1 + 1 teachers and 40 000 yuan.
TEST_CASE("render_gaps: Markdown plan amounts per unit instead of a mixed-unit cost") {
    const std::string text = rendered(district_gaps(), Format::markdown);
    INFO(text);
    CHECK(has_lines(text, {"| School code | School name | Reached | Now | Plan (cheapest) | Plan "
                           "amounts by unit |"}));
    CHECK(text.find("| 2 teachers, 40,000 yuan |") != std::string::npos);
    CHECK(text.find("19.8 %") == std::string::npos);
    std::ostringstream zh;
    render_gaps(district_gaps(), Format::markdown, zh, ReportContext{Language::zh});
    CHECK(zh.str().find("| 2 名教师，4.00 万元（40,000 元） |") != std::string::npos);
}

// The paragraph, read off the fixture above: one group of 2 schools and 1 000 students; the
// sports coefficient 0.5897 over 0.50 by 0.0897, which a floor of 11.0102 brings within;
// 甲 fails the rule (4 of 7) missing above, backbone and equipment, one school each; its entry
// adds 1 + 1 teachers, 40 000 yuan and 1 class.
TEST_CASE("render_gaps: the summary paragraph opens Markdown, HTML and XLSX") {
    const std::string en = rendered(district_gaps(), Format::markdown);
    INFO(en);
    CHECK(has_lines(
        en,
        {"## Summary", "",
         "This report evaluates 测试区 2024 primary: 2 schools and 1,000 students. Over their "
         "limits (1): Sports ground area per student 0.590, limit ≤ 0.50, over by 0.090. "
         "Raising the lowest schools to a uniform floor brings 1 of the coefficients over their "
         "limits within them. "
         "Schools that do not meet the per-school rule: 1 of 2 schools (at least 6 of the "
         "standards reached, the others at 85 % or more); the standards most often not "
         "reached: Teachers above the required degree per 100 students (1 school), "
         "County-level-or-higher backbone teachers per 100 students (1 school), Teaching "
         "equipment value per student (1 school). 1 school needs action (一校一案): 1 can "
         "meet the per-school rule with what the entries add. The entries add up to 2 "
         "teachers, 40,000 yuan, 1 class."}));
    std::ostringstream zh;
    render_gaps(district_gaps(), Format::markdown, zh, ReportContext{Language::zh});
    const std::string zh_paragraph =
        "本报告评估测试区2024年小学，共2所学校、1,000名学生。1项差异系数超过限值：生均体育运动场"
        "馆面积为0.590，限值≤0.50，超出0."
        "090。将低值学校统一提高到同一底线，可使超限的差异系数中1项降"
        "至限值以内。2所学校中有1所未达到校际达标要求（至少6项达到标准，其余不低于标准的85%"
        "）；未达到次数"
        "最多的标准：每百名学生拥有高于规定学历教师数（1所学校）、每百名学生拥有县级以上骨干教师数"
        "（1所学校）、生均教学仪器设备值（1所学校）。1所学校需采取措施（一校一案），其中1所按所列措"
        "施补足后可达到校际均衡要求。所列措施合计需增加2 名教师、4.00 万元（40,000 元）、1 个班。";
    CHECK(has_lines(zh.str(), {"## 评估结论摘要", "", zh_paragraph}));
    // --no-summary leaves it out; the rest is the same.
    std::ostringstream none;
    render_gaps(district_gaps(), Format::markdown, none, ReportContext{Language::zh, 0, false});
    CHECK(none.str().find("评估结论摘要") == std::string::npos);
    CHECK(none.str().size() + zh_paragraph.size() + std::string("## 评估结论摘要\n\n\n\n").size() ==
          zh.str().size());

    std::ostringstream html;
    render_gaps_html(district_gaps(), html, ReportContext{Language::zh});
    CHECK(
        html.str().find("<section class=\"summary\">\n<h2 class=\"first\">评估结论摘要</h2>\n<p>" +
                        zh_paragraph + "</p>") != std::string::npos);
    const auto sheets = workbook_sheets(district_gaps(), Language::zh);
    REQUIRE(sheets.size() == 3);
    CHECK(sheets[0].first == "概述");
    CHECK(sheets[0].second == Rows{{"评估结论摘要"}, {zh_paragraph}});
}

// The summary: 2 schools, 甲 the one that needs action, failing the rule and fixable; its
// plan and class check give 2 teachers, 40 000 yuan (4 万元) and 1 class. The units are
// national-2017's: teachers, m², yuan, rooms, then the checks' classes and students.
TEST_CASE("render_gaps: XLSX district summary and the block of each school, read back") {
    const auto sheets = workbook_sheets(district_gaps(), Language::zh);
    REQUIRE(sheets.size() == 3);
    CHECK(sheets[1].first == "区县汇总");
    CHECK(sheets[2].first == "一校一案");
    const Rows& summary = sheets[1].second;
    REQUIRE(summary.size() == 8);
    CHECK(summary[0] == std::vector<std::string>{"差距分析：区县汇总与一校一案"});
    CHECK(summary[1].at(0) == "评估标准");
    CHECK(summary[3].at(0) == "输入文件");
    CHECK(summary[6] == std::vector<std::string>{"区县", "年份", "学段", "学校", "需要补充的学校",
                                                 "未达到学校标准的学校", "可补足", "无法补足",
                                                 "需补（人）", "需补（平方米）", "需补（万元）",
                                                 "需补（元）", "需补（间）", "需补（个班）",
                                                 "需补（名学生）"});
    CHECK(summary[7] == std::vector<std::string>{"测试区", "2024", "小学", "2", "1", "1", "1", "0",
                                                 "2", "0", "4", "40000", "0", "1", "0"});
    const Rows& plans = sheets[2].second;
    REQUIRE(plans.size() == 7);
    CHECK(plans[0] == std::vector<std::string>{"项目", "现值", "目标", "补充数量", "单位",
                                               "补充（说明）", "学校代码", "学校名称", "评估组"});
    const std::vector<std::string> keys = {"4200000001", "甲小学", "测试区 2024 小学"};
    auto row = [&](std::vector<std::string> cells) {
        cells.insert(cells.end(), keys.begin(), keys.end());
        return cells;
    };
    CHECK(plans[1] ==
          row({"4200000001 甲小学 · 测试区 2024 小学 · 400 名学生", "", "", "", "", ""}));
    CHECK(plans[2] ==
          row({"达到 4/7 项标准；未达到学校标准，按下列各项补充后可达到", "", "", "", "", ""}));
    CHECK(plans[3] ==
          row({"每百名学生拥有高于规定学历教师数", "4", "标准 4.2", "1", "人", "+1 名教师"}));
    CHECK(plans[4] ==
          row({"每百名学生拥有县级以上骨干教师数", "0.75", "底线 0.85", "1", "人", "+1 名教师"}));
    CHECK(plans[5] == row({"生均教学仪器设备值", "1900", "标准 2000", "40000", "元",
                           "+4.00 万元（40,000 元）"}));
    CHECK(plans[6] == row({"平均班额", "50", "≤ 45", "1", "个班", "+1 个班"}));
}

// A school over the size cap meets every standard and the rule, and still gets its entry.
TEST_CASE("render_gaps: XLSX and HTML, a school over the size cap has an entry of its own") {
    const auto sheets = workbook_sheets(oversized_school_gaps(), Language::en);
    REQUIRE(sheets.size() == 3);
    CHECK(sheets[0].first == "Overview");
    CHECK(sheets[1].first == "District summary");
    const Rows& plans = sheets[2].second;
    REQUIRE(plans.size() == 4);
    CHECK(plans[1].at(0) == "4200000003 丙小学 · 测试区 2024 primary · 2,100 students");
    CHECK(plans[2].at(0) == "meets the per-school rule; fails a school check");
    CHECK(plans[3] == std::vector<std::string>{
                          "School size (compulsory-stage students of the school)", "2100", "≤ 2000",
                          "100", "students", "100 students to move to other schools", "4200000003",
                          "丙小学", "测试区 2024 primary"});
    const std::string html = rendered(oversized_school_gaps(), Format::html);
    CHECK(html.find("<tr><td>School size (compulsory-stage students of the school)</td><td "
                    "class=\"num\">2100</td><td class=\"num\">≤ 2000</td><td class=\"num\">100 "
                    "students to move to other schools</td></tr>") != std::string::npos);
}

// The page: the head, the summary row of the group (the sums of 甲's lines), then 甲's section.
TEST_CASE("render_gaps: HTML summary table, then a section per school that needs action") {
    std::ostringstream out;
    render_gaps_html(district_gaps(), out, ReportContext{Language::zh});
    const std::string html = out.str();
    INFO(html);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0) == 0);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<tr><td>测试区 2024 小学</td><td class=\"num\">2</td><td "
                    "class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">1</td><td "
                    "class=\"num\">0</td><td class=\"num\">2 名教师</td><td class=\"num\">0 "
                    "平方米</td><td class=\"num\">4.00 万元（40,000 元）</td><td class=\"num\">0 "
                    "间</td><td class=\"num\">1 个班</td><td class=\"num\">0 名学生</td></tr>") !=
          std::string::npos);
    const auto summary = html.find("<h2 class=\"first\">区县汇总</h2>");
    const auto section = html.find("<h3>4200000001 甲小学</h3>");
    REQUIRE(summary != std::string::npos);
    REQUIRE(section != std::string::npos);
    CHECK(summary < section);
    CHECK(html.find("<h3>4200000002") == std::string::npos);
    CHECK(html.find("<tr><td>生均教学仪器设备值</td><td class=\"num\">1900</td><td "
                    "class=\"num\">标准 2000</td><td class=\"num\">+4.00 万元（40,000 "
                    "元）</td></tr>") != std::string::npos);
}
