// The XLSX workbook of the hand-made report (tests/hand_report.hpp), read back with eduqb's own
// workbook reader (src/input/workbook/): the sheets of docs/output-formats-reports.md, numbers
// stored as numbers (the reader gives their full precision, not the 3 decimals on display),
// school codes as text (a leading zero kept), NA as text with its reason.

#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "eduqb/render.hpp"
#include "hand_report.hpp"
#include "input/workbook/workbook.hpp"
#include "input/workbook/xlsx_reader_library.hpp"
#include "report/summary.hpp"

using namespace eduqb;

namespace {

using Rows = std::vector<std::vector<std::string>>;

/// The workbook render_xlsx writes for `report`, as its sheet names and each sheet's rows
/// (empty rows left out by the reader, so the header is row 0 here), and the XML of its
/// styles and of each sheet.
struct Written {
    std::vector<std::string> names;
    std::vector<Rows> sheets;
    std::string styles;
    std::vector<std::string> sheet_xml;

    const Rows& sheet(const std::string& name) const {
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (names[i] == name) return sheets[i];
        }
        FAIL("no sheet " << name);
        throw;
    }
};

/// One part of the package, decompressed with the libzip eduqb's reader loads.
std::string package_part(const std::string& path, const std::string& name) {
    const XlsxReaderLibrary& zip = xlsx_reader_library(path);
    int code = 0;
    zip_t* archive = zip.zip_open(path.c_str(), ZIP_RDONLY, &code);
    REQUIRE(archive != nullptr);
    const zip_int64_t index = zip.zip_name_locate(archive, name.c_str(), 0);
    std::string text;
    if (index >= 0) {
        zip_file_t* file = zip.zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0);
        REQUIRE(file != nullptr);
        char buffer[4096];
        for (zip_int64_t got = 0; (got = zip.zip_fread(file, buffer, sizeof buffer)) > 0;) {
            text.append(buffer, static_cast<std::size_t>(got));
        }
        zip.zip_fclose(file);
    }
    zip.zip_discard(archive);
    return text;
}

/// The XML of cell `ref` (<c r="C2" …>…</c>) in a sheet's XML; empty when not written.
std::string cell_xml(const std::string& sheet, const std::string& ref) {
    const auto at = sheet.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return "";
    return sheet.substr(at, sheet.find("</c>", at) + 4 - at);
}

/// The number format of a cell: its style (s="N", the Nth <xf> of <cellXfs>) and that
/// style's numFmtId, looked up among the <numFmt> of styles.xml (XML-escaped as written).
std::string format_code(const std::string& styles, const std::string& cell) {
    const auto s = cell.find(" s=\"");
    const std::size_t style = s == std::string::npos ? 0 : std::stoul(cell.substr(s + 4));
    auto at = styles.find("<cellXfs");
    for (std::size_t i = 0; i <= style && at != std::string::npos; ++i) {
        at = styles.find("<xf ", at + 1);
    }
    REQUIRE(at != std::string::npos);
    const auto id_at = styles.find("numFmtId=\"", at) + 10;
    const std::string id = styles.substr(id_at, styles.find('"', id_at) - id_at);
    const std::string key = "<numFmt numFmtId=\"" + id + "\" formatCode=\"";
    const auto code = styles.find(key);
    if (code == std::string::npos) return "built-in " + id;
    const auto from = code + key.size();
    return styles.substr(from, styles.find('"', from) - from);
}

/// The workbook read back; without the overview sheet unless `summary`, so that the tables'
/// sheets keep their places.
Written written(const Report& report, Language language = Language::zh, bool summary = false) {
    char path[] = "/tmp/eduqb-render-xlsx-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    render_xlsx(report, ReportContext{language, 1717113600, summary}, path);
    Written result;
    {
        auto workbook = Workbook::open_file(path, "report.xlsx");
        for (std::size_t s = 0; s < workbook->sheets().size(); ++s) {
            result.names.push_back(workbook->sheets()[s].name);
            Rows rows;
            auto reader = workbook->rows(s);
            long row = 0;
            std::vector<std::string> cells;
            while (reader->next(row, cells)) rows.push_back(cells);
            result.sheets.push_back(rows);
            result.sheet_xml.push_back(
                package_part(path, "xl/worksheets/sheet" + std::to_string(s + 1) + ".xml"));
        }
    }
    result.styles = package_part(path, "xl/styles.xml");
    std::remove(path);
    return result;
}

/// The hand-made report as a run without --measures makes it: the workbook it was before the
/// measures were added.
Report plain_report() {
    return test::without_measures(test::hand_report());
}

}  // namespace

TEST_CASE("render_xlsx: the overview sheet opens the workbook with the summary paragraph") {
    const Written book = written(plain_report(), Language::zh, true);
    REQUIRE(book.names.size() == 7);
    CHECK(book.names.front() == "概述");
    CHECK(book.names.at(1) == "汇总");
    REQUIRE(book.sheets.front().size() == 2);
    CHECK(book.sheets.front()[0].at(0) == "评估结论摘要");
    // The paragraph itself is summary_test's; here it must arrive whole.
    CHECK(book.sheets.front()[1].at(0) == report_summary(plain_report(), Language::zh));
    CHECK(written(plain_report(), Language::en, true).names.front() == "Overview");
}

TEST_CASE("render_xlsx: the sheets, in order") {
    const Written book = written(plain_report());
    CHECK(book.names ==
          std::vector<std::string>{"汇总", "小学", "城乡比较", "历年变化", "未纳入", "参数"});
    CHECK(written(plain_report(), Language::en).names ==
          std::vector<std::string>{"Summary", "primary", "Urban and rural", "Trends", "Exclusions",
                                   "Parameters"});
    // Without schools there is no stage sheet; with one year there are no trends; G1's
    // schools of three area types keep the urban and rural sheet.
    Report report = plain_report();
    report.schools.clear();
    report.groups.erase(report.groups.begin());
    CHECK(written(report).names == std::vector<std::string>{"汇总", "城乡比较", "未纳入", "参数"});
}

TEST_CASE("render_xlsx: the summary, four rows per group, numbers in full precision") {
    const Written book = written(plain_report());
    const Rows& summary = book.sheet("汇总");
    REQUIRE(summary.size() == 1 + 3 * 4);
    CHECK(summary[0] == std::vector<std::string>{"区县", "年份", "学段", "项目", "高学历教师",
                                                 "设备值", "综合差异系数", "学校数", "学生数",
                                                 "未纳入评估的学校（学段）", "学校达标",
                                                 "学校未达标", "结论"});
    // G1 (rows 5–8): the cells hold 5.126, 0.12345 …, shown with 2 and 3 decimals.
    const std::vector<std::string> g1 = {"东|区\n北", "2024", "小学"};
    const std::vector<std::string> counts = {"4", "12345", "1", "2", "1", "未达到要求"};
    auto row = [&](const std::vector<std::string>& key, std::vector<std::string> cells) {
        cells.insert(cells.begin(), key.begin(), key.end());
        cells.insert(cells.end(), counts.begin(), counts.end());
        return cells;
    };
    CHECK(summary[5] == row(g1, {"区县值", "5.126", "3199.6", ""}));
    CHECK(summary[6] == row(g1, {"差异系数", "0.12345", "0.6044", "0.363925"}));
    // Limits are numbers displayed with their operator.
    CHECK(summary[7] == row(g1, {"限值", "0.5", "0.5", "0.45"}));
    CHECK(summary[8] == row(g1, {"结论", "达到要求", "未达到要求", "达到要求"}));
    // G2 (rows 9–12): no year, NA with its reason, no limit, not judged.
    CHECK(summary[10] == std::vector<std::string>{
                             "西区", "", "初中", "差异系数", "无法计算（不足 2 所学校）",
                             "无法计算（没有有数据的学生）", "无法计算（有指标的差异系数无法计算）",
                             "1", "500", "0", "0", "0", "不评判"});
    CHECK(summary[11][4] == "—");
    // The formats that round the display (sheet rows count from 1, with the header: G1 is
    // rows 6–9): values 2 decimals, yuan none, CVs 3, limits their operator and 2 decimals.
    const std::string& xml = book.sheet_xml.at(0);
    CHECK(format_code(book.styles, cell_xml(xml, "E6")) == "0.00");
    CHECK(format_code(book.styles, cell_xml(xml, "F6")) == "#,##0");
    CHECK(format_code(book.styles, cell_xml(xml, "E7")) == "0.000");
    CHECK(format_code(book.styles, cell_xml(xml, "G7")) == "0.000");
    CHECK(format_code(book.styles, cell_xml(xml, "E8")) == "&quot;≤ &quot;0.00");
    CHECK(format_code(book.styles, cell_xml(xml, "G8")) == "&quot;&lt; &quot;0.00");
}

// A profile may give a CV or composite limit any of the four operators (docs/profiles.md,
// "Limit tables"); the limit format once knew only "<" and showed ≥ 0.30 as "≤ 0.30".
TEST_CASE("render_xlsx: a limit of another operator is displayed with it") {
    Report report = plain_report();
    const Limit at_least{0.3, Op::greater_equal};
    report.profile.indicators[0].cv_limit[0] = at_least;
    report.groups[1].indicators[0].limit = at_least;
    const Written book = written(report);
    CHECK(format_code(book.styles, cell_xml(book.sheet_xml.at(0), "E8")) == "&quot;≥ &quot;0.00");
}

TEST_CASE("render_xlsx: the school sheet keeps codes as text and values as numbers") {
    const Written book = written(plain_report());
    const Rows& schools = book.sheet("小学");
    REQUIRE(schools.size() == 3);
    CHECK(schools[0] == std::vector<std::string>{"区县", "年份", "学校代码", "学校名称", "学校类型",
                                                 "城乡", "学生数", "高学历教师（标准 4.20）",
                                                 "设备值（标准 2000）", "达标项数", "结论",
                                                 "平均班额", "平均班额结论", "文件", "行号"});
    CHECK(schools[1] == std::vector<std::string>{"东|区\n北", "2024", "0110230017", "甲|小学",
                                                 "小学", "城区", "1850", "5.19", "3734.87", "2",
                                                 "达标", "45.1219512195122", "未达标", "a.csv",
                                                 "2"});
    CHECK(schools[2] == std::vector<std::string>{"东|区\n北", "2024", "0110230018", "乙小学",
                                                 "小学", "镇区", "500", "3.8", "缺失", "0",
                                                 "未评判", "缺失", "未评判", "a.csv", "3"});

    // In the sheet's XML: the code an inline string with the text format "@", the values
    // numbers with fixed decimals (students with thousands separators).
    const std::string& xml = book.sheet_xml.at(1);
    CHECK(cell_xml(xml, "C2").find("t=\"inlineStr\"><is><t>0110230017</t>") != std::string::npos);
    CHECK(format_code(book.styles, cell_xml(xml, "C2")) == "@");
    CHECK(cell_xml(xml, "H2").find("<v>5.19</v>") != std::string::npos);
    CHECK(format_code(book.styles, cell_xml(xml, "H2")) == "0.00");
    CHECK(format_code(book.styles, cell_xml(xml, "I2")) == "#,##0");
    CHECK(format_code(book.styles, cell_xml(xml, "G2")) == "#,##0");

    const Rows& excluded = book.sheet("未纳入");
    REQUIRE(excluded.size() == 2);
    CHECK(excluded[1] == std::vector<std::string>{
                             "东|区\n北", "2024", "小学", "0110260041", "李家村教学点", "教学点",
                             "23", "small_teaching_point", "不足50人的教学点", "a.csv", "39"});
}

TEST_CASE("render_xlsx: trends, one row per indicator and year, and the parameters") {
    const Written book = written(plain_report());
    const Rows& trends = book.sheet("历年变化");
    REQUIRE(trends.size() == 1 + 3 * 2);
    const std::vector<std::string> key = {"东|区\n北", "小学"};
    auto row = [&](std::vector<std::string> cells) {
        cells.insert(cells.begin(), key.begin(), key.end());
        return cells;
    };
    // The first year has no change (an empty cell); 0.12345 − 0.2 = −0.07655.
    CHECK(trends[1] ==
          row({"above_degree_per100", "高学历教师", "2023", "0.2", "", "0.5", "达到要求"}));
    CHECK(trends[2] == row({"above_degree_per100", "高学历教师", "2024", "0.12345", "-0.07655",
                            "0.5", "达到要求"}));
    CHECK(trends[6][2] == "composite");
    CHECK(trends[6][7] == "0.45");

    const Rows& parameters = book.sheet("参数");
    REQUIRE(parameters.size() > 10);
    CHECK(parameters[0] == std::vector<std::string>{"评估标准", "test-two"});
    bool date = false;
    bool floor = false;
    for (const auto& cells : parameters) {
        date |= cells == std::vector<std::string>{"报告日期", "2024-05-31"};
        floor |= cells == std::vector<std::string>{"学校标准：其余指标不低于标准的比例", "0.85"};
    }
    CHECK(date);
    CHECK(floor);
}

namespace {

/// The hand report with the two types of schools: 乙小学 is a township boarding school.
Report with_two_types() {
    Report report = plain_report();
    report.profile.two_types = TwoTypesRules{};
    report.groups[1].township_boarding = 1;
    report.schools[1].township_boarding = true;
    return report;
}

}  // namespace

TEST_CASE("render_xlsx: a class size over its limit is a red number, its verdict beside it") {
    const Written book = written(plain_report());
    const std::string& xml = book.sheet_xml.at(1);
    // 甲|小学, 45.12 against ≤ 45 (columns L and M): shaded as failing, one decimal shown.
    CHECK(format_code(book.styles, cell_xml(xml, "L2")) == "0.0");
    CHECK(cell_xml(xml, "L2") != cell_xml(xml, "H2"));
    CHECK(cell_xml(xml, "L2").find("<v>45.1219512195122</v>") != std::string::npos);
}

TEST_CASE("render_xlsx: the urban and rural sheet, a row per area type, then the gaps") {
    const Written book = written(plain_report());
    const Rows& areas = book.sheet("城乡比较");
    REQUIRE(areas.size() == 1 + 3 + 2);
    CHECK(areas[0] == std::vector<std::string>{"区县", "年份", "学段", "城乡类型或差距", "学校数",
                                               "学生数", "高学历教师", "设备值"});
    const std::vector<std::string> g1 = {"东|区\n北", "2024", "小学"};
    auto row = [&](std::vector<std::string> cells) {
        cells.insert(cells.begin(), g1.begin(), g1.end());
        return cells;
    };
    CHECK(areas[1] == row({"城区", "2", "10000", "5", "3300"}));
    CHECK(areas[2] == row({"镇区", "1", "345", "6", "无法计算（没有有数据的学生）"}));
    CHECK(areas[3] == row({"乡村", "1", "2000", "4", "2640"}));
    CHECK(areas[4] == row({"城乡差距（城区 − 乡村）", "", "", "1", "660"}));
    CHECK(areas[5] == row({"城乡比（城区 ÷ 乡村）", "", "", "1.25", "1.25"}));
}

TEST_CASE("render_xlsx: the two types of schools, on the stage sheet and a sheet of their own") {
    const Written book = written(with_two_types());
    CHECK(book.names == std::vector<std::string>{"汇总", "小学", "城乡比较", "两类学校", "历年变化",
                                                 "未纳入", "参数"});
    const Rows& schools = book.sheet("小学");
    CHECK(schools[0].at(13) == "两类学校");
    CHECK(schools[1].at(13) == "");
    CHECK(schools[2].at(13) == "乡镇寄宿制学校");
    const Rows& two_types = book.sheet("两类学校");
    REQUIRE(two_types.size() == 2);
    CHECK(two_types[0] == std::vector<std::string>{"区县", "年份", "学段", "学校代码", "学校名称",
                                                   "类别", "学生数", "缺什么"});
    // 3.8 below 4.2, the equipment value empty, so the per-school rule could not judge it.
    CHECK(two_types[1] == std::vector<std::string>{
                              "东|区\n北", "2024", "小学", "0110230018", "乙小学", "乡镇寄宿制学校",
                              "500", "高学历教师 3.80 < 4.20；设备值 缺失；未按学校标准评判"});
}

TEST_CASE("render_xlsx: several profiles, the comparison first, each profile's sheets named") {
    Report other = plain_report();
    other.profile.id = std::string(40, 'x') + "1";
    Report twin = other;
    twin.profile.id = std::string(40, 'x') + "2";
    char path[] = "/tmp/eduqb-render-xlsx-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    render_comparison_xlsx({plain_report(), other, twin},
                           ReportContext{Language::zh, 1717113600, false}, path);
    auto workbook = Workbook::open_file(path, "report.xlsx");
    std::vector<std::string> names;
    for (const auto& sheet : workbook->sheets()) names.push_back(sheet.name);
    REQUIRE(names.size() == 1 + 3 * 6);
    CHECK(names[0] == "评估标准对比");
    CHECK(names[1] == "汇总 test-two");
    CHECK(names[6] == "参数 test-two");
    // 31 characters at most, and unique: an id too long is cut, a name cut the same is numbered.
    CHECK(names[7] == "汇总 " + std::string(28, 'x'));
    CHECK(names[13] == "汇总 " + std::string(26, 'x') + "~2");
    for (std::size_t i = 0; i < names.size(); ++i) {
        for (std::size_t j = i + 1; j < names.size(); ++j) CHECK(names[i] != names[j]);
    }
    Rows rows;
    auto reader = workbook->rows(0);
    long row = 0;
    std::vector<std::string> cells;
    while (reader->next(row, cells)) rows.push_back(cells);
    REQUIRE(rows.size() == 1 + 3);
    CHECK(rows[0] == std::vector<std::string>{"区县", "年份", "学段", "test-two", other.profile.id,
                                              twin.profile.id});
    CHECK(rows[2].at(3) == "未达到要求：1 项差异系数超过限值，1 所学校未达标");
    std::remove(path);
}

TEST_CASE("render_xlsx: with the measures, their sheets after the urban and rural one") {
    CHECK(written(test::hand_report()).names ==
          std::vector<std::string>{"汇总", "小学", "城乡比较", "差异测度", "区县间差异", "历年变化",
                                   "未纳入", "参数"});
    CHECK(written(test::hand_report(), Language::en).names ==
          std::vector<std::string>{"Summary", "primary", "Urban and rural", "Measures",
                                   "Across districts", "Trends", "Exclusions", "Parameters"});
    // One district: nothing across districts.
    Report one = test::hand_report();
    one.groups.pop_back();
    CHECK(written(one).names == std::vector<std::string>{"汇总", "小学", "城乡比较", "差异测度",
                                                         "历年变化", "未纳入", "参数"});
}

TEST_CASE("render_xlsx: the measures sheet, a row per group and indicator, NA as its reason") {
    const Written book = written(test::hand_report());
    const Rows& measures = book.sheet("差异测度");
    REQUIRE(measures.size() == 1 + 3 * 2);
    CHECK(measures[0] == std::vector<std::string>{"区县", "年份", "学段", "指标代码", "指标名称",
                                                  "泰尔指数", "城乡类型内差异", "城乡类型间差异",
                                                  "城乡类型间贡献率", "基尼系数", "麦克卢恩指数",
                                                  "极差率"});
    const std::vector<std::string> g1 = {"东|区\n北", "2024", "小学"};
    auto row = [&](std::vector<std::string> cells) {
        cells.insert(cells.begin(), g1.begin(), g1.end());
        return cells;
    };
    // G1 (rows 3 and 4): the numbers of tests/hand_report.hpp in full; the share a fraction.
    Rows rows = {measures[3], measures[4]};
    REQUIRE(rows[0].size() == 12);
    CHECK(std::stod(rows[0][8]) == doctest::Approx(0.6).epsilon(1e-12));
    CHECK(std::stod(rows[1][8]) == doctest::Approx(0.375).epsilon(1e-12));
    rows[0][8] = rows[1][8] = "share";
    CHECK(rows[0] == row({"above_degree_per100", "高学历教师", "0.01", "0.004", "0.006", "share",
                          "0.08", "0.95", "1.5"}));
    CHECK(rows[1] == row({"equipment_per_student", "设备值", "0.2", "0.125", "0.075", "share",
                          "0.3", "无法计算（中位数为0）", "无法计算（最低值为0）"}));
    // G2: one school; no students with an equipment value.
    CHECK(measures[5].at(5) == "无法计算（不足 2 所学校）");
    CHECK(measures[5].at(8) == "无法计算（不足 2 所学校）");
    CHECK(measures[6].at(11) == "无法计算（没有有数据的学生）");
    // Displayed as documented: Theil 4 decimals, the share a percentage, Gini 3, range ratio 2.
    const std::string& xml = book.sheet_xml.at(3);
    CHECK(format_code(book.styles, cell_xml(xml, "F4")) == "0.0000");
    CHECK(format_code(book.styles, cell_xml(xml, "H4")) == "0.0000");
    CHECK(format_code(book.styles, cell_xml(xml, "I4")) == "0.0%");
    CHECK(format_code(book.styles, cell_xml(xml, "J4")) == "0.000");
    CHECK(format_code(book.styles, cell_xml(xml, "L4")) == "0.00");
}

TEST_CASE("render_xlsx: the Theil index across districts, on a sheet of its own") {
    const Written book = written(test::two_district_report(), Language::en);
    const Rows& across = book.sheet("Across districts");
    REQUIRE(across.size() == 1 + 2);
    CHECK(across[0] == std::vector<std::string>{"Year", "Stage", "Indicator code", "Indicator",
                                                "Theil index", "within districts",
                                                "between districts", "between districts, share"});
    // tests/hand_report.hpp: 0.04 + 0.25 ln 0.5 + 0.75 ln 1.5, and 0.025 + 0.5 ln(4/3).
    const double between = 0.25 * std::log(0.5) + 0.75 * std::log(1.5);
    CHECK(std::vector<std::string>(across[1].begin(), across[1].begin() + 4) ==
          std::vector<std::string>{"2024", "primary", "above_degree_per100",
                                   "Teachers above the degree"});
    CHECK(std::stod(across[1][4]) == doctest::Approx(0.04 + between).epsilon(1e-12));
    CHECK(std::stod(across[1][5]) == doctest::Approx(0.04).epsilon(1e-12));
    CHECK(std::stod(across[1][6]) == doctest::Approx(between).epsilon(1e-12));
    CHECK(std::stod(across[1][7]) == doctest::Approx(between / (0.04 + between)).epsilon(1e-12));
    CHECK(std::stod(across[2][6]) == doctest::Approx(0.5 * std::log(4.0 / 3)).epsilon(1e-12));
}

TEST_CASE("render_xlsx: with the measures, the trends carry the Theil split of each year") {
    const Written book = written(test::hand_report());
    const Rows& trends = book.sheet("历年变化");
    REQUIRE(trends.size() == 1 + 3 * 2);
    CHECK(std::vector<std::string>(trends[0].begin() + 9, trends[0].end()) ==
          std::vector<std::string>{"泰尔指数", "城乡类型内差异", "城乡类型间差异"});
    CHECK(std::vector<std::string>(trends[1].begin() + 9, trends[1].end()) ==
          std::vector<std::string>{"0.02", "0.015", "0.005"});
    CHECK(std::vector<std::string>(trends[4].begin() + 9, trends[4].end()) ==
          std::vector<std::string>{"0.2", "0.125", "0.075"});
    // The composite has no Theil index: blank.
    CHECK(trends[6][2] == "composite");
    CHECK(trends[6].size() <= 9);
}
