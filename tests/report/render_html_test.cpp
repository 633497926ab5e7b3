#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "eduqb/pipeline.hpp"
#include "eduqb/render.hpp"
#include "hand_report.hpp"
#include "report/svg_chart.hpp"

using namespace eduqb;

namespace {

/// `csv` evaluated as `eduqb compute` does for an HTML report: with the measures beside the CV
/// only when `measures` (--measures).
Report evaluate_text(const std::string& csv, const std::string& profile = "national-2017",
                     bool measures = false) {
    std::istringstream in(csv);
    Diagnostics diagnostics;
    EvaluationOptions options;
    options.keep_schools = true;
    options.measures = measures;
    return evaluate_inputs({{"in.csv", &in}}, builtin_profile(profile), ReadOptions{}, options,
                           diagnostics);
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string html_of(const Report& report, Language language, Level level = Level::district) {
    std::ostringstream out;
    render_html(report, level, ReportContext{language, 1717113600}, out);
    return out.str();
}

const char* kHeader =
    "school_id,school_name,district,year,school_type,stage,students,teachers_above_degree,"
    "teachers_backbone,teachers_pe_art,teaching_area_m2,sports_area_m2,equipment_value_yuan,"
    "multimedia_rooms\n";

}  // namespace

TEST_CASE("render_html: xml_escape escapes markup, drops control characters, repairs UTF-8") {
    using detail::xml_escape;
    CHECK(xml_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
    CHECK(xml_escape("城关区 ≤ 0.50") == "城关区 ≤ 0.50");
    CHECK(xml_escape(std::string("x\x01y\tz\n", 6)) == "xy\tz\n");
    CHECK(xml_escape("\xC3(") == "\xEF\xBF\xBD(");                // truncated sequence
    CHECK(xml_escape("\xE5\x9F") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // cut at the end
    CHECK(xml_escape("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
    CHECK(xml_escape("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // U+1F600 stays
}

TEST_CASE("render_html: axis ends are round numbers at or above the largest value") {
    using detail::nice_ceiling;
    CHECK(nice_ceiling(0.525) == doctest::Approx(0.6));
    CHECK(nice_ceiling(0.5) == doctest::Approx(0.5));
    CHECK(nice_ceiling(0.17) == doctest::Approx(0.2));
    CHECK(nice_ceiling(3264) == doctest::Approx(4000));
    CHECK(nice_ceiling(10.2) == doctest::Approx(12));
    CHECK(nice_ceiling(0) == 1);
}

TEST_CASE("render_html: report_date is the UTC date of SOURCE_DATE_EPOCH-style seconds") {
    CHECK(report_date(0) == "1970-01-01");
    CHECK(report_date(1717113600) == "2024-05-31");
    CHECK(report_date(951782400) == "2000-02-29");
    CHECK(report_date(951868799) == "2000-02-29");
    CHECK(report_date(-1) == "1969-12-31");
}

TEST_CASE("render_html: district sample, every published number, no URL, no script") {
    const std::string root = EDUQB_SOURCE_DIR;
    const Report report = evaluate_text(slurp(root + "/data-samples/district.csv"));
    const std::string html = html_of(report, Language::zh);

    CHECK(html.find("http") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("@page") != std::string::npos);
    CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(html.find("2024-05-31") != std::string::npos);
    CHECK(html.find("national-2017") != std::string::npos);
    CHECK(html.find("按学生数加权的差异系数") != std::string::npos);
    CHECK(html.find("<code>in.csv</code>") != std::string::npos);

    // Numbers of the reference calculator (tests/fixtures/expected/district.national-2017.csv),
    // rounded as printed: CVs to 3 decimals, district values to 2 (money to 0).
    for (const char* number :
         {"0.101", "0.169", "0.137", "0.116", "0.204", "0.168", "0.075", "0.139",  // primary
          "0.113", "0.189", "0.123", "0.069", "0.220", "0.041", "0.124",           // junior
          "5.18",  "1.46",  "1.13",  "5.42",  "9.23",  "3200",  "2.61"}) {
        CAPTURE(number);
        CHECK(html.find(">" + std::string(number) + "<") != std::string::npos);
    }
    // The standards and their 85 % floors (national-2017, primary).
    CHECK(html.find("标准 4.20") != std::string::npos);
    CHECK(html.find("标准的 85% = 3.57") != std::string::npos);
    // Per-school standards: 20 of 23 primary sections comply, 11 of 13 junior.
    CHECK(html.find("20 所达标，3 所未达标") != std::string::npos);
    CHECK(html.find("11 所达标，2 所未达标") != std::string::npos);
}

TEST_CASE("render_html: English labels, and text from the input is escaped") {
    std::string csv = kHeader;
    csv +=
        "1,\"<b>A&B</b> "
        "\"\"小学\"\"\",D<1>,2024,primary_school,primary,100,5,1,1,500,800,250000,3\n";
    csv += "2,B 'school',D<1>,2024,primary_school,primary,200,7,2,2,900,1500,300000,5\n";
    const Report report = evaluate_text(csv);
    const std::string html = html_of(report, Language::en, Level::school);
    CHECK(html.find("<html lang=\"en\">") != std::string::npos);
    CHECK(html.find("Difference coefficient") != std::string::npos);
    CHECK(html.find("<b>A&B</b>") == std::string::npos);
    CHECK(html.find("&lt;b&gt;A&amp;B&lt;/b&gt; &quot;小学&quot;") != std::string::npos);
    CHECK(html.find("B &#39;school&#39;") != std::string::npos);
    CHECK(html.find("D&lt;1&gt;") != std::string::npos);
    CHECK(html.find("D<1>") == std::string::npos);
}

TEST_CASE("render_html: schools below the floor are counted in the summary, both languages") {
    std::string csv = kHeader;
    csv += "1,甲,D,2024,primary_school,primary,100,5,1,1,500,800,250000,3\n";
    csv += "2,乙,D,2024,primary_school,primary,200,7,2,2,900,1500,300000,5\n";
    csv += "3,丙,D,2024,primary_school,primary,300,9,1,1,900,900,300000,5\n";
    const Report report = evaluate_text(csv);
    // Above-degree teachers per 100: 5.00, 3.50, 3.00 against 4.2 (floor 3.57): two below
    // the standard, both below the floor.
    CHECK(html_of(report, Language::en).find(">2 (2 below 85 % of it)<") != std::string::npos);
    CHECK(html_of(report, Language::zh).find(">2 (其中低于标准 85% 的 2 所)<") !=
          std::string::npos);
}

TEST_CASE("render_html: one school chart per indicator, every school in it") {
    std::string csv = kHeader;
    csv += "1,甲,D,2024,primary_school,primary,100,5,1,1,500,800,250000,3\n";
    csv += "2,乙,D,2024,primary_school,primary,200,7,2,2,900,1500,300000,5\n";
    csv += "3,丙,D,2024,primary_school,primary,300,9,1,1,900,900,300000,5\n";
    const Report report = evaluate_text(csv);
    const std::string html = html_of(report, Language::zh);
    auto count = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) {
            ++n;
        }
        return n;
    };
    CHECK(count("<svg ") == 1 + 7);  // the CV chart, then one chart per indicator
    CHECK(count("<title>甲: ") == 7);
    CHECK(count("<title>乙: ") == 7);
    CHECK(count("<title>丙: ") == 7);
    // 丙: above-degree teachers 3.00 per 100 (< 85 % of 4.2 = 3.57): a red bar.
    CHECK(html.find("fill=\"#d62728\"><title>丙: 3.00</title>") != std::string::npos);
}

TEST_CASE("render_html: past 50 groups, an overview of every group and no charts") {
    // Two schools per district (a coefficient each), n districts: n groups.
    const auto districts = [](int n) {
        std::string csv = kHeader;
        for (int d = 0; d < n; ++d) {
            for (int s = 0; s < 2; ++s) {
                csv += std::to_string(3000000000L + d * 10 + s) + ",学校" + std::to_string(s) +
                       ",区" + std::to_string(100 + d) +
                       ",2024,primary_school,primary,500,30,8,6,3000,4000,1600000,14\n";
            }
        }
        return evaluate_text(csv);
    };
    const Report fifty = districts(50);
    REQUIRE(fifty.groups.size() == 50);
    const std::string charted = html_of(fifty, Language::en);
    CHECK(charted.find("id=\"overview\"") == std::string::npos);
    CHECK(charted.find("<svg") != std::string::npos);

    const Report many = districts(51);
    REQUIRE(many.groups.size() == 51);
    for (Language language : {Language::en, Language::zh}) {
        const std::string html = html_of(many, language);
        CHECK(html.find("id=\"overview\"") != std::string::npos);
        CHECK(html.find("<svg") == std::string::npos);
        CHECK(html.find(language == Language::en
                            ? "This report holds 51 groups, more than 50"
                            : "本报告共 51 个评估组，超过 50 个") != std::string::npos);
        // Every group has a row in the overview that links to its section.
        for (int g = 1; g <= 51; ++g) {
            const std::string anchor = "id=\"group-" + std::to_string(g) + "\"";
            const std::string link = "href=\"#group-" + std::to_string(g) + "\"";
            CHECK(html.find(anchor) != std::string::npos);
            CHECK(html.find(link) != std::string::npos);
        }
    }
}

TEST_CASE("render_html: a file of several districts is titled by their number, not the first") {
    std::string csv = kHeader;
    for (const char* district : {"东区", "西区", "北区"}) {
        for (int s = 0; s < 2; ++s) {
            csv += std::string("311") + std::to_string(s) + "," + district + "学校" +
                   std::to_string(s) + "," + district +
                   ",2024,primary_school,primary,500,30,8,6,3000,4000,1600000,14\n";
        }
    }
    const Report report = evaluate_text(csv);
    REQUIRE(report.groups.size() == 3);
    CHECK(html_of(report, Language::zh).find("<h1>3 个区县 义务教育均衡发展评估报告</h1>") !=
          std::string::npos);
    CHECK(html_of(report, Language::en).find("<title>3 districts: ") != std::string::npos);
    CHECK(html_of(report, Language::en).find("<h1>东区") == std::string::npos);
}

TEST_CASE("render_html: an indicator without a CV limit reads '—', not 'not judged'") {
    // Beijing sets no CV limit on most indicators: nothing to judge is not a fault.
    const Report report =
        evaluate_text(slurp(EDUQB_SOURCE_DIR "/data-samples/district.csv"), "beijing");
    const std::string html = html_of(report, Language::en);
    CHECK(html.find("not judged") == std::string::npos);
    bool some_without_limit = false;
    for (const auto& indicator : report.groups.front().indicators) {
        some_without_limit |= !indicator.limit.has_value();
    }
    CHECK(some_without_limit);
}

TEST_CASE("render_html: under a profile without school standards, no floor or standard legend") {
    // national-2012 sets no per-school standard: 'below 0 % of it' and bars coloured as
    // reaching a standard that does not exist said what is not so.
    const Report report =
        evaluate_text(slurp(EDUQB_SOURCE_DIR "/data-samples/district.csv"), "national-2012");
    const std::string html = html_of(report, Language::en);
    CHECK(html.find("below 0 %") == std::string::npos);
    CHECK(html.find("reaches the standard") == std::string::npos);
    CHECK(html.find("no school standard set") != std::string::npos);
    CHECK(html.find("#8aa1b8") != std::string::npos);  // the bars' colour for no standard
}

TEST_CASE("render_html: the checks, the urban/rural comparison and the two types per group") {
    Report report = test::hand_report();
    report.profile.two_types = TwoTypesRules{};
    report.groups[1].township_boarding = 1;
    report.schools[1].township_boarding = true;
    const std::string html = html_of(report, Language::zh);
    // G1: class size, 2 failing and 1 without data.
    CHECK(html.find("<h3>班额、规模等学校其他指标</h3>") != std::string::npos);
    CHECK(html.find("<tr><th>平均班额</th><td class=\"num fail\">2</td><td class=\"num "
                    "warn\">1</td></tr>") != std::string::npos);
    CHECK(html.find("<p>乡村小规模学校 0 所，乡镇寄宿制学校 1 所</p>") != std::string::npos);
    // G1 by area: urban 5 and 3300, town 6 and NA, rural 4 and 2640; gaps 1 and 660, 1.25.
    CHECK(html.find("<h3>城乡比较</h3>") != std::string::npos);
    for (
        const char* row :
        {"<tr><th>城区（2 所学校）</th><td class=\"num\">5.00</td><td class=\"num\">3300</td></tr>",
         "<tr><th>镇区（1 所学校）</th><td class=\"num\">6.00</td><td class=\"num\">缺失</td></tr>",
         "<tr><th>乡村（1 所学校）</th><td class=\"num\">4.00</td><td class=\"num\">2640</td></tr>",
         "<tr><th>城乡差距（城区 − 乡村）</th><td class=\"num\">1.00</td><td "
         "class=\"num\">660</td></tr>",
         "<tr><th>城乡比（城区 ÷ 乡村）</th><td class=\"num\">1.25</td><td "
         "class=\"num\">1.25</td></tr>"}) {
        CAPTURE(row);
        CHECK(html.find(row) != std::string::npos);
    }
    // 乙小学: 3.8 below 4.2, no equipment value, so not judged by the per-school rule.
    CHECK(html.find("<tr><td>0110230018</td><td>乙小学</td><td>乡镇寄宿制学校</td><td "
                    "class=\"num\">500</td><td>高学历教师 3.80 &lt; 4.20；设备值 "
                    "缺失；未按学校标准评判</td></tr>") != std::string::npos);
    // One table each: only G1 has schools of two area types, and two-type schools.
    CHECK(html.find("<h3>城乡比较</h3>") == html.rfind("<h3>城乡比较</h3>"));
    CHECK(html.find("<h3>两类学校</h3>") == html.rfind("<h3>两类学校</h3>"));

    // The school table has the check's value: 45.12 fails (red), 乙小学 has no data (amber).
    const std::string schools = html_of(test::hand_report(), Language::zh, Level::school);
    CHECK(schools.find("<td class=\"num fail\">45.1</td>") != std::string::npos);
    CHECK(schools.find("<td class=\"warn\">缺失</td></tr>") != std::string::npos);
}

TEST_CASE("render_html: several profiles, the comparison first, then each report") {
    Report other = test::hand_report();
    other.profile.id = "other";
    std::ostringstream out;
    render_comparison({test::hand_report(), other}, Format::html, Level::district, out,
                      ReportContext{Language::en, 1717113600});
    const std::string html = out.str();
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<!DOCTYPE html>", 1) == std::string::npos);
    const auto table = html.find("<h1>Verdicts side by side</h1>");
    const auto first = html.find("<h1>Report under test-two</h1>");
    const auto second = html.find("<h1>Report under other</h1>");
    CHECK(table < first);
    CHECK(first < second);
    CHECK(second != std::string::npos);
    CHECK(html.find("<thead><tr><th></th><th>test-two</th><th>other</th></tr></thead>") !=
          std::string::npos);
    // G1 fails on a coefficient and a school under both; the anchors of each report differ.
    CHECK(html.find("<td class=\"fail\">FAIL: 1 difference coefficient(s) over the limit, 1 "
                    "school(s) not meeting the standards</td>") != std::string::npos);
    CHECK(html.find("id=\"profile-1-group-2\"") != std::string::npos);
    CHECK(html.find("id=\"profile-2-group-2\"") != std::string::npos);
    CHECK(html.find("id=\"group-2\"") == std::string::npos);
}

namespace {

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("render_html: the measures beside the CV, a table per group, NA across the row") {
    const std::string html = html_of(test::hand_report(), Language::en);
    CHECK(occurrences(html, "<h3>Inequality beside the difference coefficient</h3>") == 3);
    // G1, as in the Markdown report: Theil 4 decimals, the between share, Gini and McLoone 3.
    CHECK(html.find("<tr><th>Teachers above the degree</th><td class=\"num\">0.0100</td><td "
                    "class=\"num\">0.0040</td><td class=\"num\">0.0060</td><td "
                    "class=\"num\">60.0%</td><td class=\"num\">0.080</td><td "
                    "class=\"num\">0.950</td><td class=\"num\">1.50</td></tr>") !=
          std::string::npos);
    CHECK(html.find("<td class=\"num\">NA (the median value is 0)</td><td class=\"num\">NA (the "
                    "lowest value is 0)</td></tr>") != std::string::npos);
    // G2: every measure NA for one reason, said once across the row.
    CHECK(html.find("<tr><th>Teachers above the degree</th><td colspan=\"7\">NA (fewer than 2 "
                    "schools)</td></tr>") != std::string::npos);
}

TEST_CASE("render_html: a chart of the Theil split per group, within and between area types") {
    const std::string html = html_of(test::hand_report(), Language::en);
    CHECK(occurrences(html, "· Theil index: share within and between area types</title>") == 3);
    // G1: 0.004 and 0.006 of 0.01; 0.125 and 0.075 of 0.2.
    CHECK(html.find("<title>Teachers above the degree: within area types 40.0%</title>") !=
          std::string::npos);
    CHECK(html.find("<title>Teachers above the degree: between area types 60.0%</title>") !=
          std::string::npos);
    CHECK(html.find("<title>Equipment: between area types 37.5%</title>") != std::string::npos);
    // G2: no bar, the reason instead.
    CHECK(html.find(">NA (no students with data)</text>") != std::string::npos);
    // Each chart parses as XML: as many <svg as </svg>.
    CHECK(occurrences(html, "<svg ") == occurrences(html, "</svg>"));
}

TEST_CASE("render_html: the trends carry the Theil split, in a table and a chart per indicator") {
    const std::string html = html_of(test::hand_report(), Language::zh);
    CHECK(html.find("<h4>泰尔指数历年变化</h4>") != std::string::npos);
    CHECK(html.find("<tr><th rowspan=\"3\">高学历教师</th><td>泰尔指数</td><td "
                    "class=\"num\">0.0200</td><td class=\"num\">0.0100</td><td "
                    "class=\"num\">-0.0100</td></tr>") != std::string::npos);
    CHECK(html.find("<tr><td>城乡类型间差异</td><td class=\"num\">0.0050</td><td "
                    "class=\"num\">0.0060</td><td class=\"num\">+0.0010</td></tr>") !=
          std::string::npos);
    CHECK(html.find("<title>高学历教师：泰尔指数</title>") != std::string::npos);
    CHECK(html.find("<title>2024: 城乡类型内差异 0.0040</title>") != std::string::npos);
    CHECK(html.find("<title>2023: 城乡类型间差异 0.0100</title>") != std::string::npos);
}

TEST_CASE("render_html: the Theil index across districts, its table and chart") {
    const std::string html = html_of(test::two_district_report(), Language::en);
    CHECK(html.find("<section class=\"across\" id=\"across-districts\">\n<h2 "
                    "class=\"first\">Across districts</h2>") != std::string::npos);
    CHECK(html.find("<h3>2024 primary</h3>") != std::string::npos);
    // tests/hand_report.hpp: 0.04 + 0.130812…, 76.6 % between the districts.
    CHECK(html.find("<tr><th>Teachers above the degree</th><td class=\"num\">0.1708</td><td "
                    "class=\"num\">0.0400</td><td class=\"num\">0.1308</td><td "
                    "class=\"num\">76.6%</td></tr>") != std::string::npos);
    CHECK(html.find("<title>Teachers above the degree: between districts 76.6%</title>") !=
          std::string::npos);
    CHECK(html.find("<title>Equipment: within districts 14.8%</title>") != std::string::npos);
    // The groups follow; the first of them no longer opens the report.
    CHECK(html.find("<h2 class=\"first\">甲区") == std::string::npos);
}

TEST_CASE("render_html: without --measures, nothing of them") {
    for (Language language : {Language::en, Language::zh}) {
        const std::string plain =
            html_of(test::without_measures(test::hand_report()), language, Level::school);
        for (const char* word : {"Theil", "泰尔", "id=\"across-districts\"", "<h4>"}) {
            CHECK(plain.find(word) == std::string::npos);
        }
        const std::string with = html_of(test::hand_report(), language, Level::school);
        CHECK(occurrences(with, "<svg ") == occurrences(plain, "<svg ") + 3 + 2 + 3);
    }
}

TEST_CASE("render_html: past 50 groups, the chart across districts stays, no group's chart") {
    std::string csv = kHeader;
    for (int d = 0; d < 51; ++d) {
        for (int s = 0; s < 2; ++s) {
            csv += std::to_string(3000000000L + d * 10 + s) + ",学校" + std::to_string(s) + ",区" +
                   std::to_string(100 + d) + ",2024,primary_school,primary," +
                   std::to_string(400 + 200 * s) + ",30,8,6,3000,4000,1600000,14\n";
        }
    }
    const Report report = evaluate_text(csv, "national-2017", true);
    REQUIRE(report.groups.size() == 51);
    const std::string html = html_of(report, Language::en);
    CHECK(occurrences(html, "<svg ") == 1);
    CHECK(html.find("Theil index: share within and between districts</title>") !=
          std::string::npos);
    CHECK(occurrences(html, "<h3>Inequality beside the difference coefficient</h3>") == 51);
}
