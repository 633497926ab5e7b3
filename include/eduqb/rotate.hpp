#pragma once
// The teacher-exchange plan behind `eduqb rotate` (交流轮岗): whole teachers moved between the
// evaluated sections of one district, year and stage so that the teacher indicators'
// difference coefficients come within their limits with the fewest moves, within the share of
// teachers the profile lets move and without any section losing a standard it reached.
// Pure computation on a school-level Report; docs/gaps.md ("Teacher exchange") states the
// rules and the algorithm.

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/gaps.hpp"
#include "eduqb/report.hpp"

namespace eduqb {

/// The teacher categories a move can carry. A moved teacher counts in one category: the data
/// does not say which other categories the same person belongs to.
enum class TeacherCategory { backbone, above_degree, pe_art };
inline constexpr std::array<TeacherCategory, 3> kTeacherCategories = {
    TeacherCategory::backbone, TeacherCategory::above_degree, TeacherCategory::pe_art};
/// "backbone", "above_degree", "pe_art"
std::string_view to_string(TeacherCategory category);
std::optional<TeacherCategory> parse_teacher_category(std::string_view text);
/// The input column that counts the category's teachers.
Column category_column(TeacherCategory category);

/// Full-time teachers and the four columns that count some of them: a move changes the first
/// and one category, and no category may exceed the full-time teachers.
inline constexpr std::array<Column, 5> kTeacherColumns = {
    Column::teachers, Column::teachers_above_degree, Column::teachers_backbone,
    Column::teachers_pe_art, Column::teachers_senior_title};
/// The position of `column` in kTeacherColumns, or nothing.
std::optional<std::size_t> teacher_slot(Column column);

/// A section's teacher counts as its input row gives them.
struct TeacherCounts {
    /// Per kTeacherColumns: the count, empty where the cell is empty or not a whole number.
    std::array<std::optional<long long>, 5> count;
    /// Per kTeacherColumns: the count is one cell of one input row that can be rewritten (not
    /// a sum of parts, nor split between a combined school's sections).
    std::array<bool, 5> editable{};
};

/// An evaluated section and its counts.
struct RotateMember {
    const SchoolResult* school = nullptr;
    TeacherCounts counts;
};

struct RotateOptions {
    /// The most that may move per district, year and stage, as a share of the full-time
    /// teachers of its evaluated sections; empty: the profile's (ExchangeRules::share).
    std::optional<double> share;
    std::vector<TeacherCategory> categories{kTeacherCategories.begin(), kTeacherCategories.end()};
};

/// Teachers of one category moved from one section to another.
struct TeacherMove {
    std::size_t from = 0;  ///< index among the group's members
    std::size_t to = 0;
    TeacherCategory category = TeacherCategory::backbone;
    long long count = 0;
};

/// One cell of the input the plan changes.
struct CountChange {
    SourceRef source;  ///< the section's input row
    Column column = Column::teachers;
    long long before = 0;
    long long after = 0;
};

/// An indicator whose coefficient the plan can change, before and after.
struct CvChange {
    std::size_t indicator = 0;  ///< index in Profile::indicators
    Limit limit;
    LimitSource source = LimitSource::indicator;
    Measure before;   ///< as compute reports it on the input
    Measure planned;  ///< as the planner computed it after the moves
    Measure after;    ///< as compute reports it on the adjusted input (filled by caller)
    std::optional<bool> pass_before;
    std::optional<bool> pass_after;
};

enum class RotateOutcome {
    within_limits,       ///< every coefficient was within its limit already: no moves
    brought_within,      ///< the moves bring every coefficient within its limit
    best_within_share,   ///< not all can be brought within: the moves lower the worst CV/limit
    nothing_to_improve,  ///< coefficients fail, but no allowed move lowers the worst CV/limit
    no_limit,            ///< no teacher indicator the moves change has a limit (or a value)
};
std::string_view to_string(RotateOutcome outcome);

struct GroupRotation {
    GroupKey key;
    std::vector<const SchoolResult*> members;
    long long teachers = 0;   ///< full-time teachers of the evaluated sections
    long long budget = 0;     ///< the most that may move: ⌊share·teachers⌋
    long long moved = 0;      ///< Σ move counts
    long fixed_sections = 0;  ///< sections that can neither give nor take (counts unreadable)
    RotateOutcome outcome = RotateOutcome::no_limit;
    double worst_before = 0;  ///< max CV/limit over the changed coefficients (planned arithmetic)
    double worst_after = 0;
    std::vector<TeacherMove> moves;    ///< by category, then source, then destination
    std::vector<CvChange> cvs;         ///< profile order
    std::vector<CountChange> changes;  ///< in member order, then kTeacherColumns order
};

struct RotateReport {
    Profile profile;
    std::vector<std::string> inputs;
    double share = 0;
    std::vector<TeacherCategory> categories;
    std::vector<GroupRotation> groups;
};

/// UsageError unless the options can be used: a share in (0, 1], at least one category.
void check_rotate_options(const RotateOptions& options);

/// The plan of one group; `group` is its evaluated result, `members` its sections in report
/// order. CvChange::after is left for the caller to fill from the adjusted input.
GroupRotation plan_group_rotation(const GroupResult& group,
                                  const std::vector<RotateMember>& members, const Profile& profile,
                                  const RotateOptions& options);

/// Gives a section's teacher counts (read from its input row).
using CountsOf = std::function<TeacherCounts(const SchoolResult&)>;

/// The plan of every group of a school-level report (EvaluationOptions::keep_schools).
RotateReport plan_rotation(const Report& report, const CountsOf& counts,
                           const RotateOptions& options);

/// Fills every coefficient's `after` and `pass_after` from the report of the adjusted input.
void add_after(RotateReport& plan, const Report& after);

/// The sections the plan made stop meeting the per-school rule, found in the report of the
/// adjusted input: none unless something is wrong.
long sections_made_non_compliant(const Report& before, const Report& after);

}  // namespace eduqb
