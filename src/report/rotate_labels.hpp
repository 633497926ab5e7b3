#pragma once
// The words of the teacher-exchange plan in Chinese and English, in one table
// (rotate_labels.cpp), for the Markdown and XLSX plans. Kept apart so that it can join a
// project-wide label table.

#include <string>
#include <string_view>

#include "eduqb/render.hpp"
#include "eduqb/rotate.hpp"

namespace eduqb::detail {

enum class RotateLabel {
    title,
    profile,
    input,
    share_line,   ///< "{share} of the full-time teachers …; categories: {categories}"
    result_line,  ///< "{groups} group(s); {moved} teacher(s) moved; {before} → {after} …"
    move_rule,
    group_line,  ///< "{sections} sections · {teachers} full-time teachers · at most …"
    fixed_sections,
    moves,
    no_moves,
    coefficients,
    from_id,
    from_name,
    to_id,
    to_name,
    category,
    teachers_moved,
    indicator,
    limit,
    cv_before,
    cv_after,
    verdict_before,
    verdict_after,
    pass,
    fail,
    not_judged,
    outcome,
    within_limits,
    brought_within,
    best_within_share,
    nothing_to_improve,
    no_limit,
    district,
    year,
    stage,
    sections,
    teachers,
    budget,
    moved,
    worst_before,
    worst_after,
    sheet_groups,
    sheet_moves,
    sheet_coefficients,
    backbone,
    above_degree,
    pe_art,
    count
};

/// The label in `language`; some hold {} fields the caller formats.
std::string_view label(RotateLabel id, Language language);
/// A category's name: 骨干教师 / backbone teachers.
std::string_view category_label(TeacherCategory category, Language language);
/// The sentence that says what a group's plan achieves, with its figures.
std::string outcome_sentence(const GroupRotation& group, Language language);

}  // namespace eduqb::detail
