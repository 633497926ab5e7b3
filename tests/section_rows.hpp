#pragma once
// School sections built by hand for the tests that drive the Evaluator directly, without
// reading a file: every resource in proportion to the students, so that each indicator has the
// same value in every section (every coefficient 0) until a test changes a cell.

#include <optional>
#include <string>
#include <vector>

#include "eduqb/evaluate.hpp"
#include "eduqb/table.hpp"

namespace eduqb::test {

/// A section of `students` students (a multiple of 100 keeps every cell whole) with, per 100
/// students, 8 teachers, 6 above the required degree, 2 backbone, 1 PE/art, 4 with a senior
/// title, 3 multimedia rooms and 15 computers; per student 6 m² of teaching rooms, 11 m² of
/// sports ground, 3000 yuan of equipment, 30 books and 2.5 m² of music/art rooms; 40 students
/// per class. That is every national-2017 standard of both stages reached (5.3, 1, 0.9, 5.8,
/// 10.2, 2500, 2.4 at most), and the class size within 40. A primary_school for primary, a
/// junior_school for junior; the whole school is the section.
inline SectionRow uniform_section(const std::string& id, const std::string& district,
                                  std::optional<int> year, Stage stage, double students,
                                  long line = 0) {
    SectionRow row;
    row.clear();
    row.school_id = id;
    row.school_name = "school " + id;
    row.district = district;
    row.year = year;
    row.stage = stage;
    row.school_type =
        stage == Stage::primary ? SchoolType::primary_school : SchoolType::junior_school;
    row.value(Column::students) = students;
    row.value(Column::teachers) = students * 8 / 100;
    row.value(Column::teachers_above_degree) = students * 6 / 100;
    row.value(Column::teachers_backbone) = students * 2 / 100;
    row.value(Column::teachers_pe_art) = students / 100;
    row.value(Column::teachers_senior_title) = students * 4 / 100;
    row.value(Column::teaching_area_m2) = 6 * students;
    row.value(Column::sports_area_m2) = 11 * students;
    row.value(Column::equipment_value_yuan) = 3000 * students;
    row.value(Column::multimedia_rooms) = students * 3 / 100;
    row.value(Column::computers) = students * 15 / 100;
    row.value(Column::books) = 30 * students;
    row.value(Column::classes) = students / 40;
    row.value(Column::music_art_area_m2) = 2.5 * students;
    row.school_students = students;
    row.source = SourceRef{0, line};
    return row;
}

/// The report of `profile` over `rows`, added in one batch.
inline Report evaluate_rows(const Profile& profile, std::vector<SectionRow> rows,
                            EvaluationOptions options = {}) {
    Evaluator evaluator(profile, {"t.csv"}, options);
    evaluator.add(rows);
    return evaluator.finish();
}

}  // namespace eduqb::test
