#include "input/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>

#include "base/number_text.hpp"
#include "base/word_bytes.hpp"

namespace eduqb {

bool stage_allowed(SchoolType type, Stage stage) {
    // A table, not a switch: the school type changes from row to row, and the switch's jump
    // was mispredicted on most rows.
    constexpr unsigned kPrimary = 1U << static_cast<int>(Stage::primary);
    constexpr unsigned kJunior = 1U << static_cast<int>(Stage::junior);
    constexpr unsigned kSenior = 1U << static_cast<int>(Stage::senior);
    constexpr unsigned kAllowed[] = {
        kPrimary,                      // primary_school
        kJunior,                       // junior_school
        kPrimary | kJunior,            // nine_year
        kJunior | kSenior,             // complete_middle
        kPrimary | kJunior | kSenior,  // twelve_year
        kPrimary | kJunior,            // teaching_point
        kPrimary | kJunior | kSenior,  // special_education
        kJunior | kSenior,             // vocational
    };
    static_assert(std::size(kAllowed) == static_cast<std::size_t>(SchoolType::vocational) + 1);
    const auto index = static_cast<std::size_t>(type);
    return index >= std::size(kAllowed) || ((kAllowed[index] >> static_cast<int>(stage)) & 1U);
}

namespace {

/// Whether any byte of `word` is 'e' or 'E': setting bit 5 maps exactly those two bytes to
/// 'e', and the 'e's to zero bytes.
bool has_letter_e(std::uint64_t word) {
    return has_byte_below((word | 0x2020202020202020ULL) ^ 0x6565656565656565ULL, 1);
}

/// Whether the text around the e at `e` (not the first byte of `id`) is a number's.
/// Apart, so that the search for an e, nearly always in vain, runs without its register
/// saves.
[[gnu::noinline]] bool excel_number_around(std::string_view id, std::size_t e) {
    return id.substr(0, e).find_first_not_of("0123456789.") == std::string_view::npos &&
           id.substr(e + 1).find_first_not_of("+-0123456789") == std::string_view::npos;
}

}  // namespace

bool looks_like_excel_number(std::string_view id) {
    // Nearly every id has no e at all: that is decided eight bytes at a time (a loop over
    // the bytes was a good part of check_row's time).
    std::size_t e = 0;
    for (; e + 8 <= id.size(); e += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, id.data() + e, sizeof word);
        if (has_letter_e(word)) break;
    }
    while (e < id.size() && (id[e] | 0x20) != 'e') ++e;
    if (e == id.size() || e == 0) return false;
    return excel_number_around(id, e);
}

bool check_row(const SectionRow& row, const RowParser& cells, Diagnostics& diagnostics) {
    bool ok = true;
    auto error = [&](Column column, std::string message) {
        ok = false;
        diagnostics.error(cells.locate(row, column), std::string(column_name(column)),
                          std::move(message));
    };
    auto value = [&](Column column) { return row.value(column); };

    if (looks_like_excel_number(row.school_id)) {
        error(Column::school_id,
              fmt::format("'{}' is a code Excel turned into a number and shortened; format the "
                          "column as text and export again",
                          row.school_id));
    }
    if (!stage_allowed(row.school_type, row.stage)) {
        error(Column::stage, fmt::format("a {} ({}) has no {} ({}) section",
                                         to_string(row.school_type), to_chinese(row.school_type),
                                         to_string(row.stage), to_chinese(row.stage)));
    }
    const double students = row.students();
    if (students == 0) {
        error(Column::students, "0 students; leave closed or empty sections out of the file");
    } else if (students != std::floor(students)) {
        error(Column::students,
              fmt::format("'{}' is not a whole number of students", shortest_text(students)));
    }
    const double teachers = value(Column::teachers);
    if (!is_missing(teachers) && students > 0 && teachers > students) {
        error(Column::teachers, fmt::format("{} teachers is more than the {} students",
                                            shortest_text(teachers), shortest_text(students)));
    }
    for (Column part : {Column::teachers_above_degree, Column::teachers_backbone,
                        Column::teachers_pe_art, Column::teachers_senior_title}) {
        const double count = value(part);
        if (!is_missing(count) && !is_missing(teachers) && count > teachers) {
            error(part, fmt::format("{} is more than the {} full-time teachers (teachers)",
                                    shortest_text(count), shortest_text(teachers)));
        }
    }
    const double classes = value(Column::classes);
    if (!is_missing(classes) && students > 0 && classes > students) {
        error(Column::classes, fmt::format("{} classes for {} students", shortest_text(classes),
                                           shortest_text(students)));
    }
    return ok;
}

void check_ratios(const SectionRow& row, const std::string& file, Diagnostics& diagnostics,
                  const PlausibilityLimits& limits) {
    const double students = row.students();
    if (!(students > 0)) return;
    auto warn = [&](Column column, std::string message) {
        diagnostics.warning(Location{file, row.source.line, 0}, std::string(column_name(column)),
                            std::move(message));
    };
    for (Column area :
         {Column::teaching_area_m2, Column::sports_area_m2, Column::music_art_area_m2}) {
        const double per_student = row.value(area) / students;
        if (per_student > limits.max_area_per_student) {
            warn(area, fmt::format("{:.1f} m² per student is implausible (more than {:g}); check "
                                   "the unit and the students",
                                   per_student, limits.max_area_per_student));
        }
    }
    const double equipment = row.value(Column::equipment_value_yuan) / students;
    if (equipment > limits.max_equipment_per_student) {
        warn(Column::equipment_value_yuan,
             fmt::format("{:.0f} yuan per student is implausible (more than {:g})", equipment,
                         limits.max_equipment_per_student));
    } else if (equipment > 0 && equipment < limits.min_equipment_per_student) {
        warn(Column::equipment_value_yuan,
             fmt::format("{:.2f} yuan per student is implausibly low; is the column in 万元? "
                         "Write the header as 教学仪器设备值(万元)",
                         equipment));
    }
    const double class_size = students / row.value(Column::classes);
    if (row.value(Column::classes) > 0 && class_size > limits.max_class_size) {
        warn(Column::classes, fmt::format("{:.0f} students per class is implausible", class_size));
    }
    const double books = row.value(Column::books) / students;
    if (books > limits.max_books_per_student) {
        warn(Column::books, fmt::format("{:.0f} books per student is implausible", books));
    }
    const double rooms = 100 * row.value(Column::multimedia_rooms) / students;
    if (rooms > limits.max_rooms_per_100) {
        warn(Column::multimedia_rooms,
             fmt::format("{:.1f} multimedia rooms per 100 students is implausible", rooms));
    }
}

}  // namespace eduqb
