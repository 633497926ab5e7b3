#include "input/table_start.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "input/normalise.hpp"

using namespace eduqb;

namespace {

std::vector<LeadingRecord> records(const std::vector<std::vector<std::string>>& rows) {
    std::vector<LeadingRecord> out;
    long line = 0;
    for (const auto& cells : rows) {
        std::vector<std::string_view> fields(cells.begin(), cells.end());
        out.push_back(leading_record(++line, fields.data(), fields.size(), kHeaderSearchColumns));
    }
    return out;
}

std::optional<Column> column_of(const std::string& name) {
    return header_meaning(name).column;
}

}  // namespace

TEST_CASE("table_start: a child 计 means its parent, 其中 and # are dropped, units kept") {
    CHECK(combine_header_cells({"专任教师", "计"}) == "专任教师");
    CHECK(combine_header_cells({"专任教师（人）", "合计"}) == "专任教师(人)");
    CHECK(combine_header_cells({"专任教师", "其中：县级及以上骨干教师"}) == "县级及以上骨干教师");
    CHECK(combine_header_cells({"专任教师", "#体育、艺术"}) == "专任教师体育、艺术");
    CHECK(combine_header_cells({"教学仪器设备资产值", "（万元）"}) == "教学仪器设备资产值(万元)");
    CHECK(combine_header_cells({"学校名称", "学校名称"}) == "学校名称");  // merged down
    CHECK(combine_header_cells({"校舍", "备注"}) == "校舍/备注");         // unknown: both named
    CHECK(column_of(combine_header_cells({"专任教师（人）", "计"})) == Column::teachers);
    CHECK(column_of(combine_header_cells({"专任教师", "#中级及以上职称"})) ==
          Column::teachers_senior_title);
    int exponent = 0;
    CHECK(column_for_header(combine_header_cells({"教学仪器设备资产值", "（万元）"}), exponent) ==
          Column::equipment_value_yuan);
    CHECK(exponent == 4);
}

TEST_CASE("table_start: titles, a unit line, two header rows and a column-number row") {
    const auto found = find_table_start(records({
        {"2024学年某市义务教育学校办学条件统计表", "", "", "", "", "", ""},
        {"单位：平方米、万元"},
        {},
        {"学校标识码", "学段", "办学类型", "在校学生数（人）", "专任教师（人）", "",
         "教学仪器设备值"},
        {"", "", "", "", "计", "其中：县级及以上骨干教师", ""},
        {"甲", "乙", "丙", "1", "2", "3", "4"},
        {"3205020101", "小学", "小学", "2073", "115", "34", "795.702"},
    }));
    REQUIRE(found);
    CHECK(found->header_first == 3);
    CHECK(found->header_rows == 2);
    CHECK(found->column_numbers);
    CHECK(found->data_first == 6);
    CHECK(found->skipped == std::vector<std::size_t>{0, 1, 2});
    REQUIRE(found->units);
    CHECK(found->units->money_exponent == 4);
    CHECK(found->units->area_exponent == 0);
    // The parent's unit is its children's.
    CHECK(found->names == std::vector<std::string>{"学校标识码", "学段", "办学类型",
                                                   "在校学生数(人)", "专任教师(人)",
                                                   "县级及以上骨干教师(人)", "教学仪器设备值"});
}

TEST_CASE("table_start: a one-row header under a title merged across the table") {
    // A workbook fills a merged title into every cell of its range.
    const auto found = find_table_start(records({
        {"统计表", "统计表", "统计表", "统计表"},
        {"school_id", "school_type", "stage", "students"},
        {"1", "primary_school", "primary", "100"},
    }));
    REQUIRE(found);
    CHECK(found->header_first == 1);
    CHECK(found->header_rows == 1);
    CHECK(found->data_first == 2);
    CHECK_FALSE(found->column_numbers);
}

TEST_CASE("table_start: --skip-rows fixes where the header starts; no header is nothing") {
    const auto rows = records({
        {"x", "y"},
        {"school_id", "school_type", "stage", "students"},
        {"1", "primary_school", "primary", "100"},
    });
    const auto found = find_table_start(rows, 1);
    REQUIRE(found);
    CHECK(found->header_first == 1);
    CHECK_FALSE(find_table_start(records({{"a", "b"}, {"1", "2"}}), 0));
    CHECK_FALSE(find_table_start(records({{"a", "b"}, {"1", "2"}})));
}

TEST_CASE("table_start: unit lines") {
    CHECK(table_units("单位：万元")->money_exponent == 4);
    CHECK_FALSE(table_units("单位：万元")->area_exponent);
    CHECK(table_units("（单位：平方米、万元）")->area_exponent == 0);
    CHECK(table_units("计量单位:千元")->money_exponent == 3);
    CHECK_FALSE(table_units("2024学年统计表"));
}
