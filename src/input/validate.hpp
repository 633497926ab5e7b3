#pragma once
// Checks on parsed rows: values that cannot be right are errors, implausible ones warnings.
// `eduqb validate` and `eduqb compute` run the same checks.

#include <string>
#include <string_view>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/table.hpp"
#include "input/duplicates.hpp"
#include "input/normalise.hpp"

namespace eduqb {

/// Thresholds beyond which a ratio is reported as implausible (a warning, never an error).
struct PlausibilityLimits {
    double max_area_per_student = 200;          ///< m², teaching/sports/music-art area
    double max_equipment_per_student = 200000;  ///< yuan
    double min_equipment_per_student = 10;      ///< yuan; below looks like 万元 in a 元 column
    double max_class_size = 100;                ///< students per class
    double max_books_per_student = 1000;
    double max_rooms_per_100 = 50;  ///< multimedia rooms per 100 students
};

/// Whether `id` is a number as Excel shows a long code it took for one (3.10101E+09): digits
/// and points, an e or E, then signs and digits. The code's own digits are lost.
bool looks_like_excel_number(std::string_view id);

/// Whether a school of `type` can have a section of `stage`.
bool stage_allowed(SchoolType type, Stage stage);

/// Checks one row on its own (before combined schools are split). Returns false on errors.
bool check_row(const SectionRow& row, const RowParser& cells, Diagnostics& diagnostics);

/// Ratio checks that need the section's own share of shared facilities (after splitting).
/// Warnings name `file` and the row's line; the location is only built for a warning.
void check_ratios(const SectionRow& row, const std::string& file, Diagnostics& diagnostics,
                  const PlausibilityLimits& limits = {});

}  // namespace eduqb
