#pragma once
// Stage 3b: which sections are evaluated. Every section left out carries the rule that did it.

#include <array>
#include <vector>

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

/// find_exclusion() for many rows of one profile: the rules that can match each school type
/// and stage are picked out once, so a row tries only those (most rows, none). Keeps
/// pointers into the profile's rules: the profile must outlive it, unchanged.
class ScopeRules {
  public:
    ScopeRules() = default;
    explicit ScopeRules(const Profile& profile);

    /// The same rule find_exclusion(row, profile) gives.
    const ExclusionRule* find_exclusion(const SectionRow& row) const;
    /// Profile::evaluates(stage), looked up.
    bool evaluates(Stage stage) const { return evaluated_[static_cast<std::size_t>(stage)]; }

  private:
    static constexpr std::size_t kSchoolTypes = 8;
    static_assert(static_cast<std::size_t>(SchoolType::vocational) + 1 == kSchoolTypes);

    /// The profile's rules that match one (school type, stage), in file order.
    struct Candidates {
        /// The rules with a bound on students, before the first rule without one.
        std::vector<const ExclusionRule*> below_students;
        /// The first rule without such a bound: it matches every row left.
        const ExclusionRule* every_row = nullptr;
    };
    std::array<Candidates, kSchoolTypes * 3> candidates_;
    std::array<bool, 3> evaluated_{};
};

}  // namespace eduqb
