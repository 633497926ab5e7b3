#pragma once
// The result of an evaluation, as a value. Renderers turn it into Markdown, CSV or JSON.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eduqb/dispersion.hpp"
#include "eduqb/judge.hpp"
#include "eduqb/measures.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/reading_notes.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Which group a section belongs to: every (district, year, stage) is evaluated on its own.
struct GroupKey {
    std::string district;
    std::optional<int> year;
    Stage stage = Stage::primary;

    friend bool operator<(const GroupKey& a, const GroupKey& b);
    friend bool operator==(const GroupKey& a, const GroupKey& b);
};

/// Evaluator reuses these from group to group and assigns every field: a field added here must
/// be set in its result_of as well.
struct IndicatorResult {
    std::string id;
    Dispersion dispersion;
    std::optional<Limit> limit;  ///< the CV limit, if the profile sets one
    std::optional<bool> pass;    ///< empty when there is no limit or the CV is NA
    long missing = 0;            ///< schools left out of this indicator for an empty cell
    long below_standard = 0;     ///< schools whose value is below the per-school standard
    /// Theil, Gini, McLoone and range ratio over the same sections, with the same weights.
    InequalityMeasures measures;
};

struct CompositeResult {
    Measure cv;
    std::optional<Limit> limit;
    std::optional<bool> pass;
};

/// Schools of a group failing one per-school check (class size, school size, ...).
struct CheckCount {
    std::string id;
    long failing = 0;
    long missing = 0;  ///< sections without the data to judge (e.g. no classes column)
};

/// One area type's share of a group: the district value of each indicator over its schools
/// only (城乡比较). Present only for area types that occur in the group.
struct AreaSummary {
    AreaType area = AreaType::unknown;
    long schools = 0;
    double students = 0;
    std::vector<Measure> values;  ///< m·ΣR/ΣP over the area's schools, profile order
};

struct GroupResult {
    GroupKey key;
    long schools = 0;
    double students = 0;
    long excluded = 0;
    std::vector<IndicatorResult> indicators;  ///< in profile order
    CompositeResult composite;
    std::optional<long> schools_compliant;  ///< empty when the profile has no school rule
    std::optional<long> schools_failing;
    std::vector<CheckCount> checks;    ///< one per profile school check, in profile order
    std::vector<AreaSummary> by_area;  ///< urban, town, rural, for those present
    long rural_small = 0;              ///< 乡村小规模学校 among the group's sections
    long township_boarding = 0;        ///< 乡镇寄宿制学校 among the group's sections
    /// Sections with an empty cell (--missing skip) that the per-school rule could not judge.
    long schools_not_judged = 0;
    /// False when no rule could be applied (no schools, or a single school and no per-school
    /// rule): such a group does not pass.
    bool judged = true;
    bool pass = true;  ///< judged, and no judged check failed
};

/// How many groups passed, failed and could not be judged: a report's result line, and what
/// --fail-on-noncompliance reads.
struct Verdicts {
    long groups = 0;
    long passed = 0;
    long not_judged = 0;

    void add(const GroupResult& group) {
        ++groups;
        passed += group.pass;
        not_judged += !group.judged;
    }
    void add(const Verdicts& other) {
        groups += other.groups;
        passed += other.passed;
        not_judged += other.not_judged;
    }
    long failed() const { return groups - passed - not_judged; }
    /// There is a group, and every group passed.
    bool all_pass() const { return groups > 0 && passed == groups; }
};

/// One school section against one per-school check.
enum class CheckStatus { pass, fail, missing, not_applicable };
std::string_view to_string(CheckStatus status);

/// One evaluated school section (a combined school's sections are separate rows).
struct SchoolResult {
    GroupKey key;
    std::string school_id;
    std::string school_name;
    SchoolType school_type = SchoolType::primary_school;
    AreaType area_type = AreaType::unknown;
    double students = 0;
    std::vector<double> values;  ///< X_ik in profile order, NaN where missing
    std::vector<StandardStatus> statuses;
    int reached = 0;
    std::optional<bool> compliant;     ///< empty when the profile has no school rule
    std::vector<double> check_values;  ///< the measure of each profile school check
    std::vector<CheckStatus> check_statuses;
    double school_students = 0;  ///< whole school (all sections of a combined school)
    std::optional<bool> boarding;
    bool rural_small = false;        ///< 乡村小规模学校
    bool township_boarding = false;  ///< 乡镇寄宿制学校
    SourceRef source;

    /// One of the "two types" of schools (两类学校) the policy texts single out.
    bool two_types() const { return rural_small || township_boarding; }
};

/// One section left out, and why.
struct Exclusion {
    GroupKey key;
    std::string school_id;
    std::string school_name;
    SchoolType school_type = SchoolType::primary_school;
    AreaType area_type = AreaType::unknown;
    double students = 0;
    std::string rule_id;
    std::string rule;
    SourceRef source;
};

struct Report {
    Profile profile;
    std::vector<std::string> inputs;
    /// How the inputs were read: where each table was found (titles skipped, header rows
    /// combined, a unit line, a column-number row) and which columns were derived.
    std::vector<ReadingNote> reading_notes;
    /// Totals rows and footers, in input order: never counted as schools.
    std::vector<RowNotRead> rows_not_read;
    std::vector<GroupResult> groups;    ///< sorted by district, year, stage
    std::vector<SchoolResult> schools;  ///< filled for school-level reports; group order
    /// In input order; empty unless EvaluationOptions::keep_exclusions.
    std::vector<Exclusion> exclusions;
    /// Sections left out, by rule id: always counted, whether or not the list is kept.
    std::map<std::string, long> excluded_by_rule;

    /// Sections left out, of all rules.
    long excluded_total() const;

    Verdicts verdicts() const;
    /// True when there are groups and every one of them passed.
    bool all_pass() const { return verdicts().all_pass(); }
};

/// The schools of each group, found in one pass: reports that list schools group by group
/// look them up here rather than scan every school once per group (a national year's
/// school-level Markdown took 34 s that way).
class SchoolsByGroup {
  public:
    explicit SchoolsByGroup(const std::vector<SchoolResult>& schools);
    /// The group's schools in the order of `schools`; empty for a group without any.
    const std::vector<const SchoolResult*>& of(const GroupKey& key) const;

  private:
    std::map<GroupKey, std::vector<const SchoolResult*>> groups_;
};

/// The estimator in one word, for table columns.
inline constexpr const char* kEstimatorId = "student_weighted_cv_divisor_p";

/// The estimator, stated in every report.
inline constexpr const char* kEstimatorText =
    "student-weighted difference coefficient: X̄ = m·ΣR/ΣP, S = sqrt(Σ (P_i/P)·(X_i − X̄)²), "
    "CV = S/X̄ (population form, divisor P)";

}  // namespace eduqb
