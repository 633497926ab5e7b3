#pragma once
// The gap analysis behind `eduqb gaps` (问题清单 / 一校一案): what each school section lacks in
// natural units, the cheapest way to make it meet the per-school rule, the audit of every
// failing difference coefficient and the uniform floor that brings it within its limit.
// Pure computation on a school-level Report; docs/gaps.md states every rule.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/report.hpp"

namespace eduqb {

/// The natural unit a resource column is counted in: "teachers", "m²", "yuan", "rooms",
/// "computers", "books" (the column name for any other column).
std::string_view resource_unit(Column column);
/// The same unit in Chinese (名教师, 平方米, 元, 间, 台, 册).
std::string_view resource_unit_zh(Column column);

/// `amount` rounded up to whole units, ignoring floating noise: 0 when amount ≤ tol, else
/// ceil(amount − tol), with tol = kBoundaryTolerance·max(1, |scale|) and `scale` the size of
/// the terms that were subtracted (so 77.70000000000002 − 77.7 is 0, not 1).
/// InputError when the result would exceed kMaxGapAmount.
long long round_up_units(double amount, double scale);

/// The largest amount a gaps report holds, one school's or a total: 10^18 (yuan, m², books…),
/// far beyond any real district and below 2^63, so that no sum wraps. Inputs that need more
/// are refused rather than printed wrong.
inline constexpr long long kMaxGapAmount = 1'000'000'000'000'000'000;

/// Choices of the analysis that are not part of any standard.
struct GapOptions {
    /// The schools that drive a coefficient: the fewest largest contributors whose shares of
    /// the weighted variance reach this fraction.
    double driver_share = 0.8;
};

/// One standard a school section misses (value < standard), or cannot be judged on.
struct IndicatorGap {
    std::size_t indicator = 0;                        ///< index in Profile::indicators
    StandardStatus status = StandardStatus::missing;  ///< above_floor, below_floor or missing
    double value = kMissing;                          ///< X_i
    double standard = 0;
    double floor = 0;           ///< floor_fraction·standard (0 without a school rule)
    double resource = 0;        ///< R_i = X_i·P_i/m, in natural units
    long long to_standard = 0;  ///< units to add to reach the standard (rounded up)
    long long to_floor = 0;     ///< units to add to reach the floor (0 when already there)
    double cost_standard = 0;   ///< (standard − X_i)/standard
    double cost_floor = 0;      ///< max(0, floor − X_i)/standard
};

enum class PlanTarget { standard, floor };
std::string_view to_string(PlanTarget target);

/// One step of a school's plan: raise one indicator to its standard or to its floor.
struct GapAction {
    std::size_t indicator = 0;
    PlanTarget target = PlanTarget::standard;
    double level = 0;      ///< the value to reach
    long long amount = 0;  ///< natural units to add (rounded up)
    double cost = 0;       ///< relative shortfall closed: (level − X_i)/standard
};

/// Where a school section stands against the per-school rule.
enum class SchoolVerdict {
    passes,       ///< meets the rule now
    fixable,      ///< fails now; the plan's actions make it pass
    not_fixable,  ///< the stage sets fewer standards than the rule asks to reach
    not_judged,   ///< a value is missing, or the profile has no per-school rule
};
std::string_view to_string(SchoolVerdict verdict);

/// The unit of the amount that closes a per-school check: "classes" (classes to add at the
/// same students), "students" (students over the cap, whole school), or the column's unit.
std::string_view check_unit(const SchoolCheck& check);

/// A per-school check (class size, school size, music/art space) a section fails.
struct CheckGap {
    std::size_t check = 0;    ///< index in Profile::school_checks
    double value = kMissing;  ///< the check's measure now
    Limit limit;              ///< the limit for this section
    /// The smallest whole amount in check_unit() that meets the limit: classes to add, students
    /// above the cap, or resource to add.
    std::optional<long long> amount;
};

/// A school section with a gap or a failing check: its problem list and its plan.
struct SchoolGaps {
    std::string school_id;
    std::string school_name;
    SchoolType school_type = SchoolType::primary_school;
    double students = 0;
    SourceRef source;
    int reached = 0;  ///< standards reached now
    SchoolVerdict verdict = SchoolVerdict::not_judged;
    std::vector<IndicatorGap> gaps;  ///< in profile order
    std::vector<CheckGap> checks;    ///< failing per-school checks, profile order
    std::vector<GapAction> plan;     ///< the cheapest set of fixes; empty unless fixable
    double plan_cost = 0;            ///< Σ action costs
    bool rural_small = false;        ///< 乡村小规模学校
    bool township_boarding = false;  ///< 乡镇寄宿制学校

    /// True when the section misses a standard (or has no value for one) or fails a check.
    bool has_gaps() const { return !gaps.empty() || !checks.empty(); }
};

/// A section of the two types of schools (两类学校), listed whether or not it lacks anything.
struct TwoTypesSchool {
    std::string school_id;
    std::string school_name;
    double students = 0;
    bool rural_small = false;
    bool township_boarding = false;
    std::optional<std::size_t> gaps;  ///< its index in GroupGaps::gap_schools, if it has gaps
};

/// One school's line in the audit of a difference coefficient.
struct AuditRow {
    std::string school_id;
    std::string school_name;
    double students = 0;    ///< P_i
    double value = 0;       ///< X_i
    double term = 0;        ///< P_i/P·(X_i − X̄)²
    double share = 0;       ///< term / Σ terms
    double cumulative = 0;  ///< running share, largest contributors first
    bool driver = false;    ///< among the fewest contributors reaching GapOptions::driver_share
};

/// The hand calculation of one coefficient, largest contributions first.
struct Audit {
    double students = 0;      ///< P
    double mean = 0;          ///< X̄ = m·ΣR/P
    double sum_terms = 0;     ///< Σ P_i/P·(X_i − X̄)² = S²
    double sd = 0;            ///< S
    double cv = 0;            ///< S/X̄
    std::size_t drivers = 0;  ///< the first `drivers` rows drive the coefficient
    std::vector<AuditRow> rows;
};

/// A school raised by a floor plan.
struct FloorPlanRow {
    std::size_t index = 0;  ///< position in the vectors given to floor_plan()
    std::string school_id;
    std::string school_name;
    double students = 0;
    double value = 0;      ///< X_i now
    long long amount = 0;  ///< units to add to reach L (rounded up)
    double new_value = 0;  ///< X_i after adding `amount`
};

/// The smallest uniform floor L that brings a coefficient within its limit.
struct FloorPlan {
    bool reachable = false;    ///< false when no floor up to the largest value is enough
    double level = 0;          ///< L
    double cv_at_level = 0;    ///< CV with every school below L at exactly L
    double cv_just_below = 0;  ///< CV with the floor at L·(1 − 1e-6): must fail the limit
    double cv_after = 0;       ///< CV after the rounded amounts are added
    bool pass_after = false;   ///< cv_after within the limit
    std::vector<FloorPlanRow> schools;  ///< schools raised, lowest value first
    long long total = 0;                ///< Σ amounts
};

/// Where the limit an indicator's coefficient is held to comes from.
enum class LimitSource {
    indicator,  ///< the indicator's own CV limit
    composite,  ///< the profile judges only a composite: its limit, applied to each indicator
};
std::string_view to_string(LimitSource source);

/// One indicator's coefficient against its limit; audit and plan when it fails.
struct CvCheck {
    std::size_t indicator = 0;
    Measure cv;
    Limit limit;
    LimitSource source = LimitSource::indicator;
    std::optional<bool> pass;  ///< empty when the coefficient is NA
    long left_out = 0;         ///< schools without a value for this indicator
    std::optional<Audit> audit;
    std::optional<FloorPlan> plan;
};

/// Units needed, per indicator (profile order) and per unit.
struct UnitTotal {
    std::string unit;
    long long amount = 0;
};
struct Totals {
    std::vector<long long> by_indicator;
    std::vector<UnitTotal> by_unit;  ///< units in the order their first indicator appears
};

struct GroupTotals {
    Totals to_standard;             ///< every gap closed to its standard
    Totals to_floor;                ///< every gap closed to its floor
    Totals school_plans;            ///< the actions of every school's plan (一校一案)
    Totals floor_plans;             ///< the floor plans of the failing coefficients
    std::vector<long long> checks;  ///< per profile school check, Σ amounts (check_unit)
};

/// The gap analysis of one district/year/stage group.
struct GroupGaps {
    GroupKey key;
    long schools = 0;
    double students = 0;
    std::optional<long> schools_compliant;
    std::optional<long> schools_failing;
    std::vector<SchoolGaps> gap_schools;    ///< sections with a gap, in report order
    std::vector<CvCheck> cv_checks;         ///< indicators with a limit, in profile order
    std::vector<TwoTypesSchool> two_types;  ///< 两类学校 sections, in report order
    std::vector<long> checks_missing;       ///< per school check: sections without its data
    GroupTotals totals;
};

struct GapReport {
    Profile profile;
    std::vector<std::string> inputs;
    GapOptions options;
    std::size_t excluded = 0;  ///< sections left out by the scope rules
    std::vector<GroupGaps> groups;
};

/// The problem list and plan of one school section: value, status and amounts per standard,
/// the per-school checks it fails.
SchoolGaps school_gaps(const SchoolResult& school, const Profile& profile);

/// The smallest L such that raising every value below L to L brings the coefficient of
/// (students, values) within `limit`; see docs/gaps.md. Schools must have students > 0. A
/// lower-bound limit (>=, >) cannot be met by raising floors: the plan is unreachable.
FloorPlan floor_plan(const std::vector<double>& students, const std::vector<double>& values,
                     double multiplier, const Limit& limit);

/// UsageError unless the options can be used (a drivers' share in (0, 1]).
void check_gap_options(const GapOptions& options);

/// The gap analysis of one group, from its result and its schools (in report order).
GroupGaps group_gaps(const GroupResult& group, const std::vector<const SchoolResult*>& members,
                     const Profile& profile, const GapOptions& options);

/// The gap analysis of a school-level report (EvaluationOptions::keep_schools).
GapReport compute_gaps(const Report& report, const GapOptions& options = {});

/// What a gap analysis found over all its groups: its result line.
struct GapCounts {
    std::size_t groups = 0;
    std::size_t sections = 0;  ///< sections with a gap
    std::size_t failing = 0;   ///< coefficients over their limit

    void add(const GroupGaps& group) {
        ++groups;
        sections += group.gap_schools.size();
        for (const auto& check : group.cv_checks) failing += check.pass == false;
    }
    void add(const GapCounts& other) {
        groups += other.groups;
        sections += other.sections;
        failing += other.failing;
    }
};

}  // namespace eduqb
