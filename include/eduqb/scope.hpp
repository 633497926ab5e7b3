#pragma once
// Stage 3b: which sections are evaluated. Every section left out carries the rule that did it.

#include "eduqb/profile.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Sections of a stage the profile does not evaluate (senior sections of combined schools,
/// after their share of the facilities has been split off).
extern const ExclusionRule kStageNotEvaluated;
/// Sections with no students: their ratios are undefined and they weigh nothing.
extern const ExclusionRule kNoStudents;

/// The rule that leaves `row` out of the evaluation, or nullptr when it is evaluated.
/// The profile's rules come first, in file order, then the two built-in ones.
const ExclusionRule* find_exclusion(const SectionRow& row, const Profile& profile);

}  // namespace eduqb
