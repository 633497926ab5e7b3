#include "scope/scope.hpp"

namespace eduqb {

// Their names in reports are in the label tables (src/report/labels.cpp).
const ExclusionRule kStageNotEvaluated{
    "stage_not_evaluated",
    "section of a stage the profile does not evaluate (e.g. senior)",
    "",
    "",
    std::nullopt,
    std::nullopt,
    std::nullopt};
const ExclusionRule kNoStudents{
    "no_students", "section with no students", "", "", std::nullopt, std::nullopt, std::nullopt};

namespace {

bool matches(const ExclusionRule& rule, SchoolType type, Stage stage) {
    if (rule.school_type && *rule.school_type != type) return false;
    if (rule.stage && *rule.stage != stage) return false;
    return true;
}

bool matches(const ExclusionRule& rule, const SectionRow& row) {
    if (!matches(rule, row.school_type, row.stage)) return false;
    if (rule.students_below && !(row.students() < *rule.students_below)) return false;
    return true;
}

/// The built-in rules, after the profile's.
const ExclusionRule* built_in_exclusion(const SectionRow& row, bool stage_evaluated) {
    if (!stage_evaluated) return &kStageNotEvaluated;
    if (!(row.students() > 0)) return &kNoStudents;
    return nullptr;
}

}  // namespace

const ExclusionRule* find_exclusion(const SectionRow& row, const Profile& profile) {
    for (const auto& rule : profile.exclusions) {
        if (matches(rule, row)) return &rule;
    }
    return built_in_exclusion(row, profile.evaluates(row.stage));
}

ScopeRules::ScopeRules(const Profile& profile) {
    for (Stage stage : {Stage::primary, Stage::junior, Stage::senior}) {
        evaluated_[static_cast<std::size_t>(stage)] = profile.evaluates(stage);
        for (std::size_t type = 0; type < kSchoolTypes; ++type) {
            Candidates& candidates = candidates_[type * 3 + static_cast<std::size_t>(stage)];
            for (const auto& rule : profile.exclusions) {
                if (!matches(rule, static_cast<SchoolType>(type), stage)) continue;
                if (!rule.students_below) {
                    candidates.every_row = &rule;
                    break;
                }
                candidates.below_students.push_back(&rule);
            }
        }
    }
}

const ExclusionRule* ScopeRules::find_exclusion(const SectionRow& row) const {
    const Candidates& candidates = candidates_[static_cast<std::size_t>(row.school_type) * 3 +
                                               static_cast<std::size_t>(row.stage)];
    for (const ExclusionRule* rule : candidates.below_students) {
        if (row.students() < *rule->students_below) return rule;
    }
    if (candidates.every_row) return candidates.every_row;
    return built_in_exclusion(row, evaluates(row.stage));
}

}  // namespace eduqb
