#include "eduqb/table.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "base/name_index.hpp"
#include "input/vocabulary.hpp"

namespace eduqb {
namespace {

using detail::NameIndex;

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "school_id",
    "school_name",
    "district",
    "year",
    "school_type",
    "stage",
    "area_type",
    "students",
    "teachers",
    "teachers_above_degree",
    "teachers_backbone",
    "teachers_pe_art",
    "teachers_senior_title",
    "teaching_area_m2",
    "sports_area_m2",
    "equipment_value_yuan",
    "multimedia_rooms",
    "computers",
    "books",
    "classes",
    "music_art_area_m2",
    "boarding",
};

struct Names {
    std::string_view english;
    std::string_view chinese;
};

constexpr std::array<Names, 8> kSchoolTypeNames = {{
    {"primary_school", "小学"},
    {"junior_school", "初级中学"},
    {"nine_year", "九年一贯制学校"},
    {"complete_middle", "完全中学"},
    {"twelve_year", "十二年一贯制学校"},
    {"teaching_point", "教学点"},
    {"special_education", "特殊教育学校"},
    {"vocational", "职业学校"},
}};
constexpr std::array<Names, 3> kStageNames = {{
    {"primary", "小学"},
    {"junior", "初中"},
    {"senior", "高中"},
}};
constexpr std::array<Names, 4> kAreaNames = {{
    {"", ""},
    {"urban", "城区"},
    {"town", "镇区"},
    {"rural", "乡村"},
}};

/// Common alternative spellings found in exports, mapped to the canonical English value.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kSchoolTypeAliases = {{
    {"初中", "junior_school"},
    {"九年一贯制", "nine_year"},
    {"十二年一贯制", "twelve_year"},
    {"特殊教育", "special_education"},
    {"特教学校", "special_education"},
    {"职业高中", "vocational"},
    {"中等职业学校", "vocational"},
    {"小学教学点", "teaching_point"},
    {"普通小学", "primary_school"},
}};

/// The English and Chinese names of `names` from index `first` on.
template <typename Enum, std::size_t N>
constexpr void add_names(NameIndex<Enum>& index, const std::array<Names, N>& names,
                         std::size_t first) {
    for (std::size_t i = first; i < N; ++i) {
        index.add(names[i].english, static_cast<Enum>(i));
        index.add(names[i].chinese, static_cast<Enum>(i));
    }
}

constexpr NameIndex<SchoolType> kSchoolTypeIndex = [] {
    NameIndex<SchoolType> names;
    add_names(names, kSchoolTypeNames, 0);
    for (const auto& [alias, english] : kSchoolTypeAliases) {
        std::size_t canonical = 0;
        while (kSchoolTypeNames[canonical].english != english) ++canonical;
        names.add(alias, static_cast<SchoolType>(canonical));
    }
    return names;
}();

constexpr NameIndex<Stage> kStageIndex = [] {
    NameIndex<Stage> names;
    names.add("初级中学", Stage::junior);
    add_names(names, kStageNames, 0);
    return names;
}();

constexpr NameIndex<AreaType> kAreaIndex = [] {
    NameIndex<AreaType> names;
    add_names(names, kAreaNames, 1);
    return names;
}();

}  // namespace

std::string_view column_name(Column column) {
    return kColumnNames[static_cast<int>(column)];
}

std::optional<Column> column_from_name(std::string_view name) {
    auto found = std::find(kColumnNames.begin(), kColumnNames.end(), name);
    if (found == kColumnNames.end()) return std::nullopt;
    return static_cast<Column>(found - kColumnNames.begin());
}

std::string_view to_string(SchoolType type) {
    return kSchoolTypeNames[static_cast<int>(type)].english;
}
std::string_view to_string(Stage stage) {
    return kStageNames[static_cast<int>(stage)].english;
}
std::string_view to_string(AreaType area) {
    return kAreaNames[static_cast<int>(area)].english;
}
std::string_view to_chinese(SchoolType type) {
    return kSchoolTypeNames[static_cast<int>(type)].chinese;
}
std::string_view to_chinese(Stage stage) {
    return kStageNames[static_cast<int>(stage)].chinese;
}
std::string_view to_chinese(AreaType area) {
    return kAreaNames[static_cast<int>(area)].chinese;
}

namespace detail {

int school_type_named(std::string_view text) {
    return kSchoolTypeIndex.find_or(text, school_type_coded);
}

int stage_named(std::string_view text) {
    return kStageIndex.find(text);
}

int area_type_named(std::string_view text) {
    if (text.empty()) return static_cast<int>(AreaType::unknown);
    return kAreaIndex.find_or(text, area_type_coded);
}

}  // namespace detail

std::optional<bool> parse_yes_no(std::string_view text) {
    std::string lower(text);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::string_view yes : {"yes", "true", "1", "是", "y"}) {
        if (lower == yes) return true;
    }
    for (std::string_view no : {"no", "false", "0", "否", "n"}) {
        if (lower == no) return false;
    }
    return std::nullopt;
}

}  // namespace eduqb
