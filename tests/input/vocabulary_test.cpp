// The statistics system's area-type and school-type codes and names, in the forms its exports
// write them, and the reasons given for those eduqb refuses.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "eduqb/table.hpp"

using namespace eduqb;

namespace {

/// A code and a name written together as exports write them.
std::vector<std::string> combined_forms(std::string_view code, std::string_view name) {
    const std::vector<std::string_view> shapes = {
        "{0}{1}",     "{0} {1}",    "{0}-{1}",  "{0}_{1}",    "{0}:{1}",   "{0}.{1}",
        "{0}、{1}",   "{0}　{1}",   "{0}－{1}", "{0}：{1}",   "{0} - {1}", "{1}({0})",
        "{1}（{0}）", "{1} ({0})",  "({0}){1}", "（{0}）{1}", "[{0}]{1}",  "【{0}】{1}",
        "{0}({1})",   "{0}（{1}）", "{1} {0}",  "{1}{0}",     "{1}-{0}",
    };
    std::vector<std::string> forms;
    for (std::string_view shape : shapes) {
        forms.push_back(fmt::format(fmt::runtime(shape), code, name));
    }
    return forms;
}

/// "111" in full-width digits.
std::string full_width(std::string_view digits) {
    std::string out;
    for (char digit : digits) {
        out += "\xEF\xBC";
        out += static_cast<char>(0x90 + (digit - '0'));
    }
    return out;
}

template <typename Value, typename Parse>
void check_code(std::string_view code, std::string_view name, std::optional<Value> expected,
                Parse parse) {
    std::vector<std::string> forms = combined_forms(code, name);
    forms.push_back(std::string(code));
    forms.push_back(std::string(name));
    forms.push_back(full_width(code));
    forms.push_back(full_width(code) + std::string(name));
    for (const std::string& form : forms) {
        CAPTURE(form);
        CHECK(parse(form) == expected);
    }
}

std::optional<AreaType> area(std::string_view text) {
    return parse_area_type(text);
}
std::optional<SchoolType> school(std::string_view text) {
    return parse_school_type(text);
}

}  // namespace

TEST_CASE("vocabulary: the urban-rural codes, alone, by name and together") {
    const std::vector<std::tuple<std::string_view, std::string_view, AreaType>> codes = {
        {"111", "主城区", AreaType::urban},  {"112", "城乡结合区", AreaType::urban},
        {"121", "镇中心区", AreaType::town}, {"122", "镇乡结合区", AreaType::town},
        {"123", "特殊区域", AreaType::town}, {"210", "乡中心区", AreaType::rural},
        {"220", "村庄", AreaType::rural},
    };
    for (const auto& [code, name, value] : codes) {
        check_code<AreaType>(code, name, value, area);
        // The code with its group's name: 111 城区.
        check_code<AreaType>(code, to_chinese(value), value, area);
    }
    // The canonical spellings are unchanged.
    CHECK(area("") == AreaType::unknown);
    CHECK(area("urban") == AreaType::urban);
    CHECK(area("城区") == AreaType::urban);
    CHECK(area("town") == AreaType::town);
    CHECK(area("镇区") == AreaType::town);
    CHECK(area("rural") == AreaType::rural);
    CHECK(area("乡村") == AreaType::rural);
}

TEST_CASE("vocabulary: urban-rural cells that are not parsed") {
    for (std::string_view text :
         {"111 村庄", "村庄(111)",  "111 城乡结合区", "111 镇区",   "220 城区",    "11",
          "1111",     "211",        "0111",           "111 ",       " 111",        "主城区 ",
          " 主城区",  "111主城区2", "主城区(111",     "主城区111)", "(111",        "111)",
          "()主城区", "主城区()",   "111 222",        "城镇",       "主城",        "主 城区",
          "111//",    "-111",       "Urban",          "城区(11)",   "主城区(城区)"}) {
        CAPTURE(text);
        CHECK_FALSE(area(text).has_value());
    }
}

TEST_CASE("vocabulary: why an urban-rural cell was refused") {
    CHECK(why_not_area_type("111 村庄") == "code 111 is 主城区, not 村庄");
    CHECK(why_not_area_type("村庄（111）") == "code 111 is 主城区, not 村庄");
    CHECK(why_not_area_type("111 城乡结合区") == "code 111 is 主城区, not 城乡结合区");
    CHECK(why_not_area_type("220 城区") == "code 220 is 村庄, not 城区");
    CHECK(why_not_area_type("999") ==
          "999 is not an urban-rural code (111, 112, 121, 122, 123, 210 or 220)");
    CHECK(why_not_area_type("11 城区") ==
          "11 is not an urban-rural code (111, 112, 121, 122, 123, 210 or 220)");
    CHECK(why_not_area_type("城镇") ==
          "城镇 covers both 城区 and 镇区: give 城区, 镇区 or the three-digit code");
    // Nothing to say: accepted, or not the system's vocabulary at all.
    for (std::string_view text : {"111", "主城区", "111 主城区", "城区", "", "city", "城", " "}) {
        CAPTURE(text);
        CHECK(why_not_area_type(text) == "");
    }
}

TEST_CASE("vocabulary: the school-type codes of compulsory-education schools") {
    using T = SchoolType;
    const std::vector<std::tuple<std::string_view, std::string_view, T>> codes = {
        {"211", "小学", T::primary_school},
        {"211", "普通小学", T::primary_school},
        {"218", "小学教学点", T::teaching_point},
        {"218", "教学点", T::teaching_point},
        {"311", "初级中学", T::junior_school},
        {"311", "初中", T::junior_school},
        {"311", "普通初中", T::junior_school},
        {"312", "九年一贯制学校", T::nine_year},
        {"312", "九年一贯制", T::nine_year},
        {"321", "职业初中", T::vocational},
        {"341", "完全中学", T::complete_middle},
        {"345", "十二年一贯制学校", T::twelve_year},
        {"345", "十二年一贯制", T::twelve_year},
        {"361", "调整后中等职业学校", T::vocational},
        {"362", "中等技术学校", T::vocational},
        {"363", "中等师范学校", T::vocational},
        {"364", "成人中等专业学校", T::vocational},
        {"365", "职业高中学校", T::vocational},
        {"365", "职业高中", T::vocational},
        {"365", "中等职业学校", T::vocational},
        {"366", "技工学校", T::vocational},
        {"369", "其他中职机构", T::vocational},
        {"511", "盲人学校", T::special_education},
        {"512", "聋人学校", T::special_education},
        {"513", "培智学校", T::special_education},
        {"513", "弱智学校", T::special_education},
        {"514", "其他特教学校", T::special_education},
        {"514", "其他特殊教育学校", T::special_education},
        {"514", "特殊教育学校", T::special_education},
    };
    for (const auto& [code, name, value] : codes) {
        check_code<T>(code, name, value, school);
    }
    // The canonical spellings are unchanged.
    CHECK(school("primary_school") == T::primary_school);
    CHECK(school("九年一贯制学校") == T::nine_year);
    CHECK(school("特殊教育") == T::special_education);
}

TEST_CASE("vocabulary: school-type codes and names that are not parsed") {
    for (std::string_view code : {"111", "119", "219", "221", "222", "228", "229", "319", "329",
                                  "331", "332", "342", "349", "351", "352", "368", "371", "519"}) {
        CAPTURE(code);
        CHECK_FALSE(school(code).has_value());
    }
    for (std::string_view text :
         {"幼儿园",   "高级中学", "342 高级中学", "高级中学(342)", "附设小学班",
          "工读学校", "311 小学", "218 小学",     "211 教学点",    "312 初中",
          "342 高中", "411",      "21",           "3111",          "小学 ",
          " 211",     "211 ",     "211小学2",     "高中",          "普通高中"}) {
        CAPTURE(text);
        CHECK_FALSE(school(text).has_value());
    }
}

TEST_CASE("vocabulary: why a school type was refused") {
    const std::vector<std::pair<std::string_view, std::string_view>> reasons = {
        {"342", "高级中学 (342) is not a compulsory-education school type"},
        {"高级中学", "高级中学 (342) is not a compulsory-education school type"},
        {"342 高级中学", "高级中学 (342) is not a compulsory-education school type"},
        {"高级中学（342）", "高级中学 (342) is not a compulsory-education school type"},
        {"111", "幼儿园 (111) is not a compulsory-education school type"},
        {"幼儿园", "幼儿园 (111) is not a compulsory-education school type"},
        {"221 职工小学", "职工小学 (221) is not a compulsory-education school type"},
        {"扫盲班", "扫盲班 (229) is not a compulsory-education school type"},
        {"332", "成人农民初中 (332) is not a compulsory-education school type"},
        {"219", "附设小学班 (219) is a class attached to another school, not a school type"},
        {"附设特教班", "附设特教班 (519) is a class attached to another school, not a school type"},
        {"371 工读学校", "工读学校 (371) is not a school type the balance evaluation covers"},
        {"311 小学", "code 311 is 初级中学, not 小学"},
        {"218 小学", "code 218 is 小学教学点, not 小学"},
        {"342 高中", "code 342 is 高级中学, not 高中"},
        {"211 完全中学", "code 211 is 小学, not 完全中学"},
        {"411", "411 is not a school-type code (办学类型代码) eduqb knows"},
        {"21 小学", "21 is not a school-type code (办学类型代码) eduqb knows"},
    };
    for (const auto& text_and_reason : reasons) {
        CAPTURE(text_and_reason.first);
        CHECK(why_not_school_type(text_and_reason.first) == text_and_reason.second);
    }
    for (std::string_view text : {"211", "小学", "211 小学", "primary_school", "", "高中", "x"}) {
        CAPTURE(text);
        CHECK(why_not_school_type(text) == "");
    }
}
