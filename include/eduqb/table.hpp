#pragma once
// The vocabulary of the input: columns, categories, and one school-section row.

#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace eduqb {

/// Every canonical input column, in the order of docs/input-format.md.
enum class Column : int {
    school_id,
    school_name,
    district,
    year,
    school_type,
    stage,
    area_type,
    students,
    teachers,
    teachers_above_degree,
    teachers_backbone,
    teachers_pe_art,
    teachers_senior_title,
    teaching_area_m2,
    sports_area_m2,
    equipment_value_yuan,
    multimedia_rooms,
    computers,
    books,
    classes,
    music_art_area_m2,
    boarding,
    count
};
constexpr int kColumnCount = static_cast<int>(Column::count);

std::string_view column_name(Column column);
std::optional<Column> column_from_name(std::string_view name);
/// Numeric columns hold counts, areas or money; the others are identifiers, categories and
/// the boarding flag. The numeric columns are the run from `students` to `music_art_area_m2`.
inline constexpr bool is_numeric(Column column) {
    return column >= Column::students && column <= Column::music_art_area_m2;
}
inline constexpr int kNumericColumnCount =
    static_cast<int>(Column::music_art_area_m2) - static_cast<int>(Column::students) + 1;

enum class SchoolType {
    primary_school,
    junior_school,
    nine_year,
    complete_middle,
    twelve_year,
    teaching_point,
    special_education,
    vocational
};
enum class Stage { primary, junior, senior };
enum class AreaType { unknown, urban, town, rural };

std::string_view to_string(SchoolType type);
std::string_view to_string(Stage stage);
std::string_view to_string(AreaType area);
/// Chinese names as used in the statistics forms and in reports.
std::string_view to_chinese(SchoolType type);
std::string_view to_chinese(Stage stage);
std::string_view to_chinese(AreaType area);

namespace detail {
/// The value named by `text`, or -1. An int comes back in a register; an optional returned
/// by a call was built in memory and read back whole, a stalled load on every row.
int school_type_named(std::string_view text);
int stage_named(std::string_view text);
int area_type_named(std::string_view text);
}  // namespace detail

/// Accept the canonical English value or the Chinese one (小学, 九年一贯制学校, 城区, ...), or
/// the statistics system's code, name or both (211, 小学教学点, 111 主城区, 主城区(111)): see
/// docs/input-format.md. The canonical spellings are found in one probe.
inline std::optional<SchoolType> parse_school_type(std::string_view text) {
    const int value = detail::school_type_named(text);
    if (value < 0) return std::nullopt;
    return static_cast<SchoolType>(value);
}
inline std::optional<Stage> parse_stage(std::string_view text) {
    const int value = detail::stage_named(text);
    if (value < 0) return std::nullopt;
    return static_cast<Stage>(value);
}
/// Empty text is AreaType::unknown.
inline std::optional<AreaType> parse_area_type(std::string_view text) {
    const int value = detail::area_type_named(text);
    if (value < 0) return std::nullopt;
    return static_cast<AreaType>(value);
}
/// Why parse_area_type refused `text`, in a short English sentence naming the statistics
/// system's code and Chinese name ("code 111 is 主城区, not 村庄"), for the caller's error
/// message. Empty when the system's vocabulary has nothing to say about `text` and when
/// `text` is accepted.
std::string why_not_area_type(std::string_view text);
/// Why parse_school_type refused `text`, like why_not_area_type: "高级中学 (342) is not a
/// compulsory-education school type", "code 311 is 初级中学, not 小学".
std::string why_not_school_type(std::string_view text);

/// yes/no, true/false, 1/0, 是/否, Y/N.
std::optional<bool> parse_yes_no(std::string_view text);

/// Where a row came from: the index of its input file and its first physical line.
struct SourceRef {
    int file = 0;
    long line = 0;
};

/// A missing cell. Kept as NaN inside the pipeline only; reports print NA with a reason.
inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool is_missing(double value) {
    return std::isnan(value);
}

/// One school section (one input row), normalised: categories parsed, numbers in base units.
struct SectionRow {
    std::string school_id;
    std::string school_name;
    std::string district;
    std::optional<int> year;
    SchoolType school_type = SchoolType::primary_school;
    Stage stage = Stage::primary;
    AreaType area_type = AreaType::unknown;
    /// The numeric columns' values, in Column order from `students` (see value()); kMissing
    /// where the cell was empty. Only these: a row is copied between threads, and every byte
    /// of it costs there.
    std::array<double, kNumericColumnCount> values{};
    /// Students of the whole school: the sum over a combined school's sections.
    double school_students = kMissing;
    /// Students of the school's other sections, per stage: a combined school's, once split;
    /// zero for a school of one section. A school-size check counts the stages it names.
    std::array<double, 3> other_sections_students{};
    /// 寄宿制: empty when the file has no boarding column or the cell is empty.
    std::optional<bool> boarding;
    SourceRef source;

    /// Back to a row with nothing in it (every cell missing), keeping the strings' memory: a
    /// parser fills the same rows over and over. Every member is reset here.
    void clear() {
        school_id.clear();
        school_name.clear();
        district.clear();
        year.reset();
        school_type = SchoolType::primary_school;
        stage = Stage::primary;
        area_type = AreaType::unknown;
        values.fill(kMissing);
        school_students = kMissing;
        other_sections_students.fill(0);
        boarding.reset();
        source = SourceRef{};
    }

    double value(Column column) const { return values[numeric_index(column)]; }
    double& value(Column column) { return values[numeric_index(column)]; }
    double students() const { return value(Column::students); }

  private:
    static std::size_t numeric_index(Column column) {
        assert(is_numeric(column));
        // Unsigned, so that the offset folds into the load's address.
        return static_cast<std::size_t>(column) - static_cast<std::size_t>(Column::students);
    }
};

}  // namespace eduqb
