#include "eduqb/scope.hpp"

namespace eduqb {

const ExclusionRule kStageNotEvaluated{
    "stage_not_evaluated", "section of a stage the profile does not evaluate (e.g. senior)",
    std::nullopt, std::nullopt, std::nullopt};
const ExclusionRule kNoStudents{"no_students", "section with no students", std::nullopt,
                                std::nullopt, std::nullopt};

namespace {

bool matches(const ExclusionRule& rule, const SectionRow& row) {
    if (rule.school_type && *rule.school_type != row.school_type) return false;
    if (rule.stage && *rule.stage != row.stage) return false;
    if (rule.students_below && !(row.students() < *rule.students_below)) return false;
    return true;
}

}  // namespace

const ExclusionRule* find_exclusion(const SectionRow& row, const Profile& profile) {
    for (const auto& rule : profile.exclusions) {
        if (matches(rule, row)) return &rule;
    }
    if (!profile.evaluates(row.stage)) return &kStageNotEvaluated;
    if (!(row.students() > 0)) return &kNoStudents;
    return nullptr;
}

}  // namespace eduqb
