#include "eduqb/gaps.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "compute/weighted_dispersion.hpp"
#include "eduqb/error.hpp"

namespace eduqb {

namespace {

/// The unit a resource column is counted in, in English and in Chinese.
struct ResourceUnit {
    std::string_view english;
    std::string_view chinese;
};

std::optional<ResourceUnit> unit_of(Column column) {
    switch (column) {
        case Column::teachers:
        case Column::teachers_above_degree:
        case Column::teachers_backbone:
        case Column::teachers_pe_art:
        case Column::teachers_senior_title:
            return ResourceUnit{"teachers", "名教师"};
        case Column::teaching_area_m2:
        case Column::sports_area_m2:
        case Column::music_art_area_m2:
            return ResourceUnit{"m²", "平方米"};
        case Column::equipment_value_yuan:
            return ResourceUnit{"yuan", "元"};
        case Column::multimedia_rooms:
            return ResourceUnit{"rooms", "间"};
        case Column::computers:
            return ResourceUnit{"computers", "台"};
        case Column::books:
            return ResourceUnit{"books", "册"};
        default:
            return std::nullopt;
    }
}

}  // namespace

std::string_view resource_unit(Column column) {
    const auto unit = unit_of(column);
    return unit ? unit->english : column_name(column);
}

std::string_view resource_unit_zh(Column column) {
    const auto unit = unit_of(column);
    return unit ? unit->chinese : column_name(column);
}

namespace {

[[noreturn]] void too_large() {
    throw InputError(
        "an amount in the gaps report would exceed 10^18 (eduqb's bound on one school's amount "
        "and on every total): the input's counts or amounts are far beyond any real district");
}

/// total += amount, refusing a total beyond kMaxGapAmount rather than wrapping it.
void add_checked(long long& total, long long amount) {
    if (amount > kMaxGapAmount - total) too_large();
    total += amount;
}

}  // namespace

long long round_up_units(double amount, double scale) {
    const double tolerance = boundary_tolerance(scale);
    if (!(amount > tolerance)) return 0;
    const double units = std::ceil(amount - tolerance);
    if (!(units <= static_cast<double>(kMaxGapAmount))) too_large();
    return static_cast<long long>(units);
}

std::string_view check_unit(const SchoolCheck& check) {
    switch (check.measure) {
        case CheckMeasure::class_size:
            return "classes";
        case CheckMeasure::school_students:
            return "students";
        case CheckMeasure::per_student:
            return resource_unit(check.column);
    }
    return "";
}

std::string_view to_string(PlanTarget target) {
    return target == PlanTarget::standard ? "standard" : "floor";
}

std::string_view to_string(SchoolVerdict verdict) {
    switch (verdict) {
        case SchoolVerdict::passes:
            return "passes";
        case SchoolVerdict::fixable:
            return "fixable";
        case SchoolVerdict::not_fixable:
            return "not_fixable";
        case SchoolVerdict::not_judged:
            return "not_judged";
    }
    return "";
}

std::string_view to_string(LimitSource source) {
    return source == LimitSource::indicator ? "indicator" : "composite";
}

namespace {

/// Units of a school's resource needed to bring X from `value` up to `level`.
long long units_to_reach(double level, double value, double students, double multiplier) {
    const double target = level * students / multiplier;
    const double resource = value * students / multiplier;
    return round_up_units(target - resource, target);
}

/// The marginal cost of raising a gap to its standard rather than to its floor, on a grid of
/// 1e-9 so that floating noise cannot break the tie between equal costs (every indicator below
/// its floor has the same marginal cost, 1 − floor_fraction).
long long marginal_key(const IndicatorGap& gap) {
    return std::llround((gap.cost_standard - gap.cost_floor) * 1e9);
}

/// The smallest whole amount that makes a failing check meet its limit, judged exactly as the
/// check is (satisfies() with the limit's operator): classes to add for a class-size cap,
/// students above a school-size cap, resource to add for a per-student minimum.
std::optional<long long> check_amount(const SchoolCheck& check, const Limit& limit, double value,
                                      const SchoolResult& school) {
    const double students = school.students;
    std::function<double(long long)> after;
    double estimate = 0;
    switch (check.measure) {
        case CheckMeasure::class_size: {
            if (!(value > 0)) return std::nullopt;
            const double classes = std::round(students / value);
            after = [=](long long add) { return students / (classes + static_cast<double>(add)); };
            estimate = students / limit.value - classes;
            break;
        }
        case CheckMeasure::school_students:
            after = [=](long long fewer) { return value - static_cast<double>(fewer); };
            estimate = value - limit.value;
            break;
        case CheckMeasure::per_student: {
            if (!(students > 0)) return std::nullopt;
            const double resource = value * students / check.multiplier;
            after = [=](long long add) {
                return (resource + static_cast<double>(add)) * check.multiplier / students;
            };
            estimate = limit.value * students / check.multiplier - resource;
            break;
        }
    }
    // The estimate is exact up to the operator's boundary; step to the smallest amount that
    // the judge accepts.
    long long amount = round_up_units(estimate, std::abs(estimate));
    for (int step = 0; step < 3 && !satisfies(after(amount), limit); ++step) ++amount;
    if (!satisfies(after(amount), limit)) return std::nullopt;
    while (amount > 0 && satisfies(after(amount - 1), limit)) --amount;
    return amount;
}

void make_plan(SchoolGaps& school, const SchoolRule& rule) {
    const long long needed = std::max(0, rule.min_reached - school.reached);
    std::vector<std::size_t> order(school.gaps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return marginal_key(school.gaps[a]) < marginal_key(school.gaps[b]);
    });
    std::vector<bool> to_standard(school.gaps.size(), false);
    for (std::size_t i = 0; i < order.size() && static_cast<long long>(i) < needed; ++i) {
        to_standard[order[i]] = true;
    }
    for (std::size_t g = 0; g < school.gaps.size(); ++g) {
        const IndicatorGap& gap = school.gaps[g];
        GapAction action;
        action.indicator = gap.indicator;
        if (to_standard[g]) {
            action.target = PlanTarget::standard;
            action.level = gap.standard;
            action.amount = gap.to_standard;
            action.cost = gap.cost_standard;
        } else if (gap.status == StandardStatus::below_floor) {
            action.target = PlanTarget::floor;
            action.level = gap.floor;
            action.amount = gap.to_floor;
            action.cost = gap.cost_floor;
        } else {
            continue;
        }
        school.plan_cost += action.cost;
        school.plan.push_back(action);
    }
}

Dispersion dispersion_of(const Eigen::ArrayXd& students, const Eigen::ArrayXd& values,
                         double multiplier) {
    return weighted_dispersion(students, values * students / multiplier, multiplier);
}

bool within(const Measure& cv, const Limit& limit) {
    return cv.defined() && satisfies(cv.value, limit);
}

Audit make_audit(const std::vector<const SchoolResult*>& schools, std::size_t k, double multiplier,
                 double driver_share) {
    Audit audit;
    double resources = 0;
    for (const auto* school : schools) {
        audit.students += school->students;
        resources += school->values[k] * school->students / multiplier;
    }
    audit.mean = multiplier * resources / audit.students;
    for (const auto* school : schools) {
        AuditRow row;
        row.school_id = school->school_id;
        row.school_name = school->school_name;
        row.students = school->students;
        row.value = school->values[k];
        const double deviation = row.value - audit.mean;
        row.term = row.students / audit.students * deviation * deviation;
        audit.sum_terms += row.term;
        audit.rows.push_back(std::move(row));
    }
    audit.sd = std::sqrt(audit.sum_terms);
    audit.cv = audit.sd / audit.mean;
    std::stable_sort(audit.rows.begin(), audit.rows.end(),
                     [](const AuditRow& a, const AuditRow& b) { return a.term > b.term; });
    double cumulative = 0;
    for (auto& row : audit.rows) {
        row.share = audit.sum_terms > 0 ? row.term / audit.sum_terms : 0;
        cumulative += row.share;
        row.cumulative = cumulative;
        if (audit.drivers == 0 ||
            !at_least(audit.rows[audit.drivers - 1].cumulative, driver_share)) {
            row.driver = true;
            ++audit.drivers;
        }
    }
    return audit;
}

void add(Totals& totals, std::size_t indicator, long long amount) {
    add_checked(totals.by_indicator.at(indicator), amount);
}

void finish_units(Totals& totals, const Profile& profile) {
    for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
        const std::string unit(resource_unit(profile.indicators[k].column));
        auto found = std::find_if(totals.by_unit.begin(), totals.by_unit.end(),
                                  [&](const UnitTotal& total) { return total.unit == unit; });
        if (found == totals.by_unit.end()) {
            totals.by_unit.push_back(UnitTotal{unit, 0});
            found = totals.by_unit.end() - 1;
        }
        add_checked(found->amount, totals.by_indicator[k]);
    }
}

}  // namespace

namespace {

/// What a section lacks on indicator `k`, whose standard it did not reach (`status`).
IndicatorGap indicator_gap(const SchoolResult& school, const IndicatorDef& def, std::size_t k,
                           double standard, double floor_fraction, StandardStatus status) {
    IndicatorGap gap;
    gap.indicator = k;
    gap.status = status;
    gap.value = school.values.at(k);
    gap.standard = standard;
    gap.floor = floor_fraction * standard;
    if (status == StandardStatus::missing) return gap;
    const double m = def.multiplier;
    gap.resource = gap.value * school.students / m;
    gap.to_standard = units_to_reach(gap.standard, gap.value, school.students, m);
    gap.cost_standard = (gap.standard - gap.value) / gap.standard;
    if (status == StandardStatus::below_floor) {
        gap.to_floor = units_to_reach(gap.floor, gap.value, school.students, m);
        gap.cost_floor = (gap.floor - gap.value) / gap.standard;
    }
    return gap;
}

/// How the section stands on the per-school standards, counted for its verdict.
struct StandardsTally {
    int standards = 0;
    bool missing = false;
    bool below_floor = false;
};

StandardsTally add_indicator_gaps(const SchoolResult& school, const Profile& profile,
                                  SchoolGaps& result) {
    StandardsTally tally;
    const double floor_fraction = profile.school_rule ? profile.school_rule->floor_fraction : 0.0;
    for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
        const IndicatorDef& def = profile.indicators[k];
        const auto& standard = for_stage(def.standard, school.key.stage);
        if (!standard) continue;
        ++tally.standards;
        const StandardStatus status = judge_standard(school.values.at(k), standard, floor_fraction);
        if (status == StandardStatus::reached) {
            ++result.reached;
            continue;
        }
        tally.missing = tally.missing || status == StandardStatus::missing;
        tally.below_floor = tally.below_floor || status == StandardStatus::below_floor;
        result.gaps.push_back(indicator_gap(school, def, k, *standard, floor_fraction, status));
    }
    return tally;
}

/// The school checks (class size, school size, …) the section fails, with what would mend each.
void add_check_gaps(const SchoolResult& school, const Profile& profile, SchoolGaps& result) {
    for (std::size_t c = 0; c < profile.school_checks.size() && c < school.check_statuses.size();
         ++c) {
        if (school.check_statuses[c] != CheckStatus::fail) continue;
        const SchoolCheck& check = profile.school_checks[c];
        const auto limit = check.limit_for(school.school_type, school.key.stage);
        if (!limit) continue;
        CheckGap gap;
        gap.check = c;
        gap.value = school.check_values.at(c);
        gap.limit = *limit;
        gap.amount = check_amount(check, *limit, gap.value, school);
        result.checks.push_back(gap);
    }
}

}  // namespace

SchoolGaps school_gaps(const SchoolResult& school, const Profile& profile) {
    SchoolGaps result;
    result.school_id = school.school_id;
    result.school_name = school.school_name;
    result.school_type = school.school_type;
    result.students = school.students;
    result.source = school.source;
    const StandardsTally tally = add_indicator_gaps(school, profile, result);
    add_check_gaps(school, profile, result);
    result.rural_small = school.rural_small;
    result.township_boarding = school.township_boarding;

    if (!profile.school_rule || tally.missing || tally.standards == 0) {
        result.verdict = SchoolVerdict::not_judged;
    } else if (result.reached >= profile.school_rule->min_reached && !tally.below_floor) {
        result.verdict = SchoolVerdict::passes;
    } else if (tally.standards < profile.school_rule->min_reached) {
        result.verdict = SchoolVerdict::not_fixable;
    } else {
        result.verdict = SchoolVerdict::fixable;
        make_plan(result, *profile.school_rule);
    }
    return result;
}

FloorPlan floor_plan(const std::vector<double>& students, const std::vector<double>& values,
                     double multiplier, const Limit& limit) {
    if (students.size() != values.size()) {
        throw std::invalid_argument("floor_plan: students and values differ in length");
    }
    FloorPlan plan;
    // Raising floors only lowers a coefficient: a lower bound on it cannot be met this way.
    if (values.empty() || limit.op == Op::greater || limit.op == Op::greater_equal) return plan;
    const auto n = static_cast<Eigen::Index>(values.size());
    const Eigen::Map<const Eigen::ArrayXd> p(students.data(), n);
    const Eigen::Map<const Eigen::ArrayXd> x(values.data(), n);
    auto cv_at = [&](double level) { return dispersion_of(p, x.max(level), multiplier).cv; };
    // The search aims a hair inside the limit as written (CV ≤ limit, not merely within the
    // verdicts' 1e-9 tolerance above it; for "<", below limit − tolerance), so that the CV at
    // L recomputed with other rounding still meets the limit.
    const double inside = 1e-12 * std::max(1.0, std::abs(limit.value)) +
                          (limit.op == Op::less_equal ? boundary_tolerance(limit.value) : 0.0);
    auto ok = [&](double level) {
        const Measure cv = cv_at(level);
        return cv.defined() && satisfies(cv.value + inside, limit);
    };

    std::vector<double> breakpoints = values;
    std::sort(breakpoints.begin(), breakpoints.end());
    breakpoints.erase(std::unique(breakpoints.begin(), breakpoints.end()), breakpoints.end());

    // CV(L) never increases with L (docs/gaps.md), so the first breakpoint that is enough
    // brackets the smallest L with the one before it; bisection finds L inside.
    std::optional<double> level;
    if (ok(breakpoints.front())) {
        level = breakpoints.front();
    } else {
        for (std::size_t j = 1; j < breakpoints.size() && !level; ++j) {
            if (!ok(breakpoints[j])) continue;
            double lo = breakpoints[j - 1];
            double hi = breakpoints[j];
            for (int iteration = 0; iteration < 200; ++iteration) {
                const double mid = lo + (hi - lo) / 2;
                if (!(mid > lo && mid < hi)) break;
                (ok(mid) ? hi : lo) = mid;
            }
            level = hi;
        }
    }
    if (!level) {
        plan.level = breakpoints.back();
        const Measure cv = cv_at(plan.level);
        plan.cv_at_level = plan.cv_after = plan.cv_just_below = cv.defined() ? cv.value : kMissing;
        return plan;
    }

    plan.reachable = true;
    plan.level = *level;
    const Measure at_level = cv_at(plan.level);
    const Measure just_below = cv_at(plan.level * (1 - 1e-6));
    plan.cv_at_level = at_level.value;
    plan.cv_just_below = just_below.defined() ? just_below.value : kMissing;

    Eigen::ArrayXd resources = x * p / multiplier;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (!(x(i) < plan.level)) continue;
        const long long amount = units_to_reach(plan.level, x(i), p(i), multiplier);
        if (amount == 0) continue;
        resources(i) += static_cast<double>(amount);
        FloorPlanRow row;
        row.index = static_cast<std::size_t>(i);
        row.students = p(i);
        row.value = x(i);
        row.amount = amount;
        row.new_value = resources(i) * multiplier / p(i);
        add_checked(plan.total, amount);
        plan.schools.push_back(std::move(row));
    }
    std::stable_sort(
        plan.schools.begin(), plan.schools.end(),
        [](const FloorPlanRow& a, const FloorPlanRow& b) { return a.value < b.value; });
    const Measure after = weighted_dispersion(p, resources, multiplier).cv;
    plan.cv_after = after.value;
    plan.pass_after = within(after, limit);
    return plan;
}

namespace {

/// Each member's problem list and plan, with the group's totals of them; 两类学校 noted.
void add_school_gaps(GroupGaps& out, const std::vector<const SchoolResult*>& members,
                     const Profile& profile) {
    out.totals.checks.assign(profile.school_checks.size(), 0);
    out.checks_missing.assign(profile.school_checks.size(), 0);
    for (const SchoolResult* school : members) {
        for (std::size_t c = 0; c < school->check_statuses.size() && c < out.checks_missing.size();
             ++c) {
            out.checks_missing[c] += school->check_statuses[c] == CheckStatus::missing;
        }
        SchoolGaps school_result = school_gaps(*school, profile);
        if (school->two_types()) {
            out.two_types.push_back(TwoTypesSchool{
                school->school_id, school->school_name, school->students, school->rural_small,
                school->township_boarding,
                school_result.has_gaps() ? std::optional<std::size_t>(out.gap_schools.size())
                                         : std::nullopt});
        }
        if (!school_result.has_gaps()) continue;
        for (const auto& check : school_result.checks) {
            if (check.amount) add_checked(out.totals.checks.at(check.check), *check.amount);
        }
        for (const auto& gap : school_result.gaps) {
            add(out.totals.to_standard, gap.indicator, gap.to_standard);
            add(out.totals.to_floor, gap.indicator, gap.to_floor);
        }
        for (const auto& action : school_result.plan) {
            add(out.totals.school_plans, action.indicator, action.amount);
        }
        out.gap_schools.push_back(std::move(school_result));
    }
}

/// Indicator k's coefficient against its limit (its own, else the composite's), with the
/// audit and floor plan when it fails; none when no limit applies.
std::optional<CvCheck> cv_check(const GroupResult& group,
                                const std::vector<const SchoolResult*>& members,
                                const Profile& profile, std::size_t k, const GapOptions& options) {
    const IndicatorDef& def = profile.indicators[k];
    CvCheck check;
    check.indicator = k;
    if (const auto& own = for_stage(def.cv_limit, group.key.stage)) {
        check.limit = *own;
        check.source = LimitSource::indicator;
    } else if (const auto& composite = for_stage(profile.composite_limit, group.key.stage)) {
        check.limit = *composite;
        check.source = LimitSource::composite;
    } else {
        return std::nullopt;
    }
    const IndicatorResult& result = group.indicators.at(k);
    check.cv = result.dispersion.cv;
    check.left_out = result.missing;
    if (check.cv.defined()) check.pass = satisfies(check.cv.value, check.limit);
    if (check.pass != false) return check;
    std::vector<const SchoolResult*> valued;
    std::vector<double> students;
    std::vector<double> values;
    for (const SchoolResult* school : members) {
        if (is_missing(school->values[k]) || !(school->students > 0)) continue;
        valued.push_back(school);
        students.push_back(school->students);
        values.push_back(school->values[k]);
    }
    check.audit = make_audit(valued, k, def.multiplier, options.driver_share);
    FloorPlan plan = floor_plan(students, values, def.multiplier, check.limit);
    for (auto& row : plan.schools) {
        const SchoolResult* school = valued.at(row.index);
        row.school_id = school->school_id;
        row.school_name = school->school_name;
    }
    check.plan = std::move(plan);
    return check;
}

}  // namespace

void check_gap_options(const GapOptions& options) {
    if (!(options.driver_share > 0 && options.driver_share <= 1)) {
        throw UsageError("the drivers' share of the variance must be above 0 and at most 1");
    }
}

GroupGaps group_gaps(const GroupResult& group, const std::vector<const SchoolResult*>& members,
                     const Profile& profile, const GapOptions& options) {
    GroupGaps out;
    out.key = group.key;
    out.schools = group.schools;
    out.students = group.students;
    out.schools_compliant = group.schools_compliant;
    out.schools_failing = group.schools_failing;
    const std::size_t indicators = profile.indicators.size();
    for (Totals* totals : {&out.totals.to_standard, &out.totals.to_floor, &out.totals.school_plans,
                           &out.totals.floor_plans}) {
        totals->by_indicator.assign(indicators, 0);
    }
    if (group.schools > 0 && members.empty()) {
        throw std::logic_error("the gap analysis needs the schools (keep_schools)");
    }
    add_school_gaps(out, members, profile);
    for (std::size_t k = 0; k < indicators; ++k) {
        if (auto check = cv_check(group, members, profile, k, options)) {
            if (check->plan) add(out.totals.floor_plans, k, check->plan->total);
            out.cv_checks.push_back(std::move(*check));
        }
    }
    for (Totals* totals : {&out.totals.to_standard, &out.totals.to_floor, &out.totals.school_plans,
                           &out.totals.floor_plans}) {
        finish_units(*totals, profile);
    }
    return out;
}

GapReport compute_gaps(const Report& report, const GapOptions& options) {
    check_gap_options(options);
    GapReport gaps;
    gaps.profile = report.profile;
    gaps.inputs = report.inputs;
    gaps.options = options;
    gaps.excluded = static_cast<std::size_t>(report.excluded_total());
    const SchoolsByGroup schools(report.schools);
    for (const GroupResult& group : report.groups) {
        gaps.groups.push_back(group_gaps(group, schools.of(group.key), report.profile, options));
    }
    return gaps;
}

}  // namespace eduqb
