// The gap analysis: amounts in natural units, the cheapest per-school plan, the audit of a
// failing coefficient and the floor plan, against hand calculations written out below.

#include "eduqb/gaps.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>

#include "compute/weighted_dispersion.hpp"
#include "test_support.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

/// tests/fixtures/gaps_example.csv, one primary group (测试区 2024), national-2017 standards
/// 4.2 / 1 / 0.9 / 4.5 / 7.5 / 2000 / 2.3, floor 85 %:
///
///   school  P    above  backbone  pe_art  teaching  sports  equipment  multimedia
///   甲      500  20     6         5       2500      3000    1 000 000  12
///   乙      400  20     3         4       1700      1200      720 000  10
///   丙      100   5     1         1        500      2500      250 000   3
///   丁      200   8     2         1       1000      5300      400 000   4
///
/// Values X = R·m/P:
///   甲  4.00 ▽  1.20     1.00   5.00    6.00 ✗  2000 (= standard)  2.40
///   乙  5.00    0.75 ✗   1.00   4.25 ▽  3.00 ✗  1800 ▽            2.50
///   丙  5.00    1.00     1.00   5.00   25.00    2500              3.00
///   丁  4.00 ▽  1.00     0.50 ✗ 5.00   26.50    2000              2.00 ▽
const char* kFixture = "tests/fixtures/gaps_example.csv";

Report school_report(const std::string& file, const std::string& profile) {
    EvaluationOptions options;
    options.keep_schools = true;
    return evaluate_files({file}, profile, options);
}

std::size_t index_of(const Profile& profile, const std::string& id) {
    for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
        if (profile.indicators[k].id == id) return k;
    }
    FAIL("no indicator " << id);
    return 0;
}

const SchoolGaps& school(const GroupGaps& group, const std::string& id) {
    for (const auto& s : group.gap_schools) {
        if (s.school_id == id) return s;
    }
    FAIL("no school " << id << " with gaps");
    throw;
}

const CvCheck& check_of(const GroupGaps& group, std::size_t indicator) {
    for (const auto& c : group.cv_checks) {
        if (c.indicator == indicator) return c;
    }
    FAIL("no check for indicator " << indicator);
    throw;
}

/// A primary school section of 1000 students with the given values (profile order).
SchoolResult section(std::vector<double> values, double students = 1000) {
    SchoolResult s;
    s.key = GroupKey{"测试区", 2024, Stage::primary};
    s.school_id = "x";
    s.students = students;
    s.values = std::move(values);
    return s;
}

/// Every national-2017 primary standard exactly: reached seven times.
const std::vector<double> kAtStandard = {4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3};

/// The coefficient of (P_i, X_i), computed directly from the definition (no Eigen).
double direct_cv(const std::vector<double>& students, const std::vector<double>& values) {
    double p = 0;
    double weighted = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        p += students[i];
        weighted += students[i] * values[i];
    }
    const double mean = weighted / p;
    double squares = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        squares += students[i] / p * (values[i] - mean) * (values[i] - mean);
    }
    return std::sqrt(squares) / mean;
}

/// The exact floor level for a known set of raised schools, from the quadratic that
/// CV(L) = q gives once the raised set is fixed (independent of the bisection):
///   W = Σ_raised P_i/P, c = Σ_other P_i X_i/P, d = Σ_other P_i X_i²/P
///   Var = W L² + d − (W L + c)² = q²(W L + c)²
///   ⇔ (W − (1+q²)W²) L² − 2(1+q²)W c L + d − (1+q²)c² = 0, the smaller root.
double closed_form_level(const std::vector<double>& students, const std::vector<double>& values,
                         const std::vector<bool>& raised, double q) {
    double p = 0;
    for (double s : students) p += s;
    double w = 0, c = 0, d = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (raised[i]) {
            w += students[i] / p;
        } else {
            c += students[i] * values[i] / p;
            d += students[i] * values[i] * values[i] / p;
        }
    }
    const double k = 1 + q * q;
    const double a = w - k * w * w;
    const double b = -2 * k * w * c;
    const double e = d - k * c * c;
    const double root = std::sqrt(b * b - 4 * a * e);
    const double r1 = (-b - root) / (2 * a);
    const double r2 = (-b + root) / (2 * a);
    return std::min(r1, r2) > 0 ? std::min(r1, r2) : std::max(r1, r2);
}

}  // namespace

TEST_CASE("gaps: rounding up to whole units ignores floating noise") {
    // 4.2·1850/100 − 77 = 0.7 (0.70000000000000284 in doubles): 1 teacher.
    CHECK(round_up_units(4.2 * 1850 / 100 - 77, 4.2 * 1850 / 100) == 1);
    // An exact 11 that doubles give as 11.000000000000002 is 11, not 12.
    CHECK(round_up_units(11.000000000000002, 26.0) == 11);
    CHECK(round_up_units(48795.00000000001, 100000.0) == 48795);
    // A real shortfall just above a whole unit still rounds up.
    CHECK(round_up_units(11.001, 26.0) == 12);
    CHECK(round_up_units(0.5, 1.0) == 1);
    // Nothing, or only noise, is nothing.
    CHECK(round_up_units(0.0, 10.0) == 0);
    CHECK(round_up_units(-3.0, 10.0) == 0);
    CHECK(round_up_units(1e-12, 10.0) == 0);
}

TEST_CASE("gaps: natural units come from the resource column") {
    CHECK(resource_unit(Column::teachers_above_degree) == "teachers");
    CHECK(resource_unit(Column::teachers) == "teachers");
    CHECK(resource_unit(Column::sports_area_m2) == "m²");
    CHECK(resource_unit(Column::equipment_value_yuan) == "yuan");
    CHECK(resource_unit(Column::multimedia_rooms) == "rooms");
    CHECK(resource_unit(Column::computers) == "computers");
    CHECK(resource_unit(Column::books) == "books");
    CHECK(resource_unit_zh(Column::teaching_area_m2) == "平方米");
}

TEST_CASE("gaps: an exact whole shortfall survives the round trip through X") {
    // P = 2500, 57 above-degree teachers: X = 57·100/2500 = 2.28; the standard 4.2 needs
    // 4.2·2500/100 = 105 teachers, so exactly 48 more. R recovered as X·P/100 is
    // 56.99999999999999 in doubles, and a naive ceil(105 − R) would say 49.
    std::vector<double> values = kAtStandard;
    values[0] = 57.0 * 100 / 2500;
    const SchoolGaps result = school_gaps(section(values, 2500), builtin_profile("national-2017"));
    REQUIRE(result.gaps.size() == 1);
    CHECK(result.gaps[0].to_standard == 48);
    // Floor 0.85·4.2 = 3.57 per 100: 89.25 teachers, 32.25 more → 33.
    CHECK(result.gaps[0].to_floor == 33);
}

TEST_CASE("gaps: hand-computed problem list of a small district") {
    const GapReport gaps = compute_gaps(school_report(kFixture, "national-2017"));
    REQUIRE(gaps.groups.size() == 1);
    const GroupGaps& group = gaps.groups[0];
    CHECK(group.key.district == "测试区");
    CHECK(group.schools == 4);
    // 丙 reaches every standard and is not listed.
    REQUIRE(group.gap_schools.size() == 3);
    CHECK(group.gap_schools[0].school_id == "4100000001");
    CHECK(group.gap_schools[1].school_id == "4100000002");
    CHECK(group.gap_schools[2].school_id == "4100000004");

    SUBCASE("甲: above-degree teachers and sports ground") {
        const SchoolGaps& s = school(group, "4100000001");
        CHECK(s.reached == 5);  // equipment 1 000 000/500 = 2000 reaches 2000 exactly
        REQUIRE(s.gaps.size() == 2);
        // above_degree: X = 4.0 ▽ (95.2 %). To standard 4.2·500/100 − 20 = 21 − 20 = 1
        // teacher; the floor 3.57·5 = 17.85 ≤ 20, nothing.
        CHECK(s.gaps[0].indicator == 0);
        CHECK(s.gaps[0].status == StandardStatus::above_floor);
        CHECK(s.gaps[0].resource == doctest::Approx(20));
        CHECK(s.gaps[0].to_standard == 1);
        CHECK(s.gaps[0].to_floor == 0);
        CHECK(s.gaps[0].cost_standard == doctest::Approx(0.2 / 4.2));
        CHECK(s.gaps[0].cost_floor == 0);
        // sports: X = 6.0 ✗ (80 %). To standard 7.5·500 − 3000 = 750 m²; to the floor
        // 6.375·500 − 3000 = 187.5 → 188 m². Costs 1.5/7.5 = 0.2 and 0.375/7.5 = 0.05.
        CHECK(s.gaps[1].indicator == 4);
        CHECK(s.gaps[1].status == StandardStatus::below_floor);
        CHECK(s.gaps[1].floor == doctest::Approx(6.375));
        CHECK(s.gaps[1].to_standard == 750);
        CHECK(s.gaps[1].to_floor == 188);
        CHECK(s.gaps[1].cost_standard == doctest::Approx(0.2));
        CHECK(s.gaps[1].cost_floor == doctest::Approx(0.05));
    }
    SUBCASE("乙: four gaps") {
        const SchoolGaps& s = school(group, "4100000002");
        CHECK(s.reached == 3);
        REQUIRE(s.gaps.size() == 4);
        // backbone 0.75 ✗: to standard 1·400/100 − 3 = 1; floor 0.85·4 − 3 = 0.4 → 1.
        CHECK(s.gaps[0].indicator == 1);
        CHECK(s.gaps[0].to_standard == 1);
        CHECK(s.gaps[0].to_floor == 1);
        // teaching 4.25 ▽: 4.5·400 − 1700 = 100 m²; floor 3.825·400 = 1530 ≤ 1700.
        CHECK(s.gaps[1].indicator == 3);
        CHECK(s.gaps[1].to_standard == 100);
        CHECK(s.gaps[1].to_floor == 0);
        // sports 3.0 ✗: 7.5·400 − 1200 = 1800 m²; floor 6.375·400 − 1200 = 1350 m².
        CHECK(s.gaps[2].indicator == 4);
        CHECK(s.gaps[2].to_standard == 1800);
        CHECK(s.gaps[2].to_floor == 1350);
        // equipment 1800 ▽: 2000·400 − 720 000 = 80 000 yuan; floor 1700·400 = 680 000.
        CHECK(s.gaps[3].indicator == 5);
        CHECK(s.gaps[3].to_standard == 80000);
        CHECK(s.gaps[3].to_floor == 0);
    }
    SUBCASE("丁: above-degree, PE/art teachers, multimedia rooms") {
        const SchoolGaps& s = school(group, "4100000004");
        CHECK(s.reached == 4);
        REQUIRE(s.gaps.size() == 3);
        // above_degree 4.0 ▽: 4.2·2 − 8 = 0.4 → 1 teacher.
        CHECK(s.gaps[0].to_standard == 1);
        CHECK(s.gaps[0].to_floor == 0);
        // pe_art 0.5 ✗: 0.9·2 − 1 = 0.8 → 1; floor 0.765·2 − 1 = 0.53 → 1.
        CHECK(s.gaps[1].indicator == 2);
        CHECK(s.gaps[1].to_standard == 1);
        CHECK(s.gaps[1].to_floor == 1);
        // multimedia 2.0 ▽: 2.3·2 − 4 = 0.6 → 1 room; floor 1.955·2 = 3.91 ≤ 4.
        CHECK(s.gaps[2].indicator == 6);
        CHECK(s.gaps[2].to_standard == 1);
        CHECK(s.gaps[2].to_floor == 0);
    }
}

TEST_CASE("gaps: hand-computed per-school plans of a small district") {
    const GapReport gaps = compute_gaps(school_report(kFixture, "national-2017"));
    const GroupGaps& group = gaps.groups.at(0);

    // 甲: 5 reached, k = 6 − 5 = 1. Sports is below the floor: raised to 6.375 (+188 m²),
    // cost 0.05. Marginal costs to the standard: above_degree 0.2/4.2 = 0.0476, sports
    // 0.2 − 0.05 = 0.15 → above_degree to 4.2 (+1 teacher). Plan cost 0.047619 + 0.05.
    const SchoolGaps& a = school(group, "4100000001");
    CHECK(a.verdict == SchoolVerdict::fixable);
    REQUIRE(a.plan.size() == 2);
    CHECK(a.plan[0].indicator == 0);
    CHECK(a.plan[0].target == PlanTarget::standard);
    CHECK(a.plan[0].level == 4.2);
    CHECK(a.plan[0].amount == 1);
    CHECK(a.plan[1].indicator == 4);
    CHECK(a.plan[1].target == PlanTarget::floor);
    CHECK(a.plan[1].level == doctest::Approx(6.375));
    CHECK(a.plan[1].amount == 188);
    CHECK(a.plan_cost == doctest::Approx(0.2 / 4.2 + 0.05));

    // 乙: 3 reached, k = 3. Marginals: teaching 0.25/4.5 = 0.0556, equipment 0.1,
    // backbone 0.25 − 0.10 = 0.15, sports 0.6 − 0.45 = 0.15 (every indicator below its floor
    // has marginal 1 − 0.85). Teaching, equipment, then the tie goes to the profile order:
    // backbone. Sports to the floor. Cost 0.25 + 0.0556 + 0.1 + 0.45 = 0.85556.
    const SchoolGaps& b = school(group, "4100000002");
    CHECK(b.verdict == SchoolVerdict::fixable);
    REQUIRE(b.plan.size() == 4);
    CHECK(b.plan[0].indicator == 1);
    CHECK(b.plan[0].target == PlanTarget::standard);
    CHECK(b.plan[0].amount == 1);
    CHECK(b.plan[1].indicator == 3);
    CHECK(b.plan[1].target == PlanTarget::standard);
    CHECK(b.plan[1].amount == 100);
    CHECK(b.plan[2].indicator == 4);
    CHECK(b.plan[2].target == PlanTarget::floor);
    CHECK(b.plan[2].amount == 1350);
    CHECK(b.plan[3].indicator == 5);
    CHECK(b.plan[3].target == PlanTarget::standard);
    CHECK(b.plan[3].amount == 80000);
    CHECK(b.plan_cost == doctest::Approx(0.25 + 0.25 / 4.5 + 0.1 + 0.45));

    // 丁: 4 reached, k = 2. Marginals: above_degree 0.0476, multimedia 0.3/2.3 = 0.1304,
    // pe_art 0.15 → above_degree and multimedia to the standard; pe_art to its floor
    // 0.765 (+1 teacher, cost 0.265/0.9 = 0.29444). Cost 0.047619 + 0.130435 + 0.294444.
    const SchoolGaps& d = school(group, "4100000004");
    CHECK(d.verdict == SchoolVerdict::fixable);
    REQUIRE(d.plan.size() == 3);
    CHECK(d.plan[0].indicator == 0);
    CHECK(d.plan[0].target == PlanTarget::standard);
    CHECK(d.plan[1].indicator == 2);
    CHECK(d.plan[1].target == PlanTarget::floor);
    CHECK(d.plan[1].amount == 1);
    CHECK(d.plan[2].indicator == 6);
    CHECK(d.plan[2].target == PlanTarget::standard);
    CHECK(d.plan[2].amount == 1);
    CHECK(d.plan_cost == doctest::Approx(0.2 / 4.2 + 0.3 / 2.3 + 0.265 / 0.9));
}

TEST_CASE("gaps: hand-computed district totals") {
    const GapReport gaps = compute_gaps(school_report(kFixture, "national-2017"));
    const GroupTotals& totals = gaps.groups.at(0).totals;
    // To the standards, per indicator: above_degree 甲 1 + 丁 1; backbone 乙 1; pe_art 丁 1;
    // teaching 乙 100; sports 甲 750 + 乙 1800; equipment 乙 80 000; multimedia 丁 1.
    CHECK(totals.to_standard.by_indicator == std::vector<long long>{2, 1, 1, 100, 2550, 80000, 1});
    // To the floors: backbone 乙 1; pe_art 丁 1; sports 甲 188 + 乙 1350.
    CHECK(totals.to_floor.by_indicator == std::vector<long long>{0, 1, 1, 0, 1538, 0, 0});
    // The plans: 甲 1 teacher + 188 m²; 乙 1 teacher, 100 + 1350 m², 80 000 yuan;
    // 丁 1 + 1 teachers, 1 room.
    CHECK(totals.school_plans.by_indicator == std::vector<long long>{2, 1, 1, 100, 1538, 80000, 1});
    // Per unit: teachers 2 + 1 + 1 = 4, m² 100 + 2550 = 2650, 80 000 yuan, 1 room.
    REQUIRE(totals.to_standard.by_unit.size() == 4);
    CHECK(totals.to_standard.by_unit[0].unit == "teachers");
    CHECK(totals.to_standard.by_unit[0].amount == 4);
    CHECK(totals.to_standard.by_unit[1].unit == "m²");
    CHECK(totals.to_standard.by_unit[1].amount == 2650);
    CHECK(totals.to_standard.by_unit[2].unit == "yuan");
    CHECK(totals.to_standard.by_unit[2].amount == 80000);
    CHECK(totals.to_standard.by_unit[3].unit == "rooms");
    CHECK(totals.to_standard.by_unit[3].amount == 1);
    CHECK(totals.to_floor.by_unit[0].amount == 2);
    CHECK(totals.to_floor.by_unit[1].amount == 1538);
    // The floor plan of the sports coefficient (below): 1962 + 2769 m².
    CHECK(totals.floor_plans.by_indicator == std::vector<long long>{0, 0, 0, 0, 4731, 0, 0});
}

TEST_CASE("gaps: audit of the failing sports coefficient, by hand") {
    const Report report = school_report(kFixture, "national-2017");
    const GapReport gaps = compute_gaps(report);
    const GroupGaps& group = gaps.groups.at(0);
    // Only the sports coefficient fails (0.933 > 0.50); the others are audited by nobody.
    long failing = 0;
    for (const auto& c : group.cv_checks) failing += c.pass == false;
    CHECK(failing == 1);
    CHECK(group.cv_checks.size() == 7);
    const CvCheck& check = check_of(group, 4);
    CHECK(check.source == LimitSource::indicator);
    CHECK(check.limit.value == 0.5);
    REQUIRE(check.audit);
    const Audit& audit = *check.audit;
    // P = 1200, ΣR = 3000 + 1200 + 2500 + 5300 = 12 000, X̄ = 10.
    // Terms: 甲 500/1200·(6 − 10)² = 20/3; 乙 400/1200·(3 − 10)² = 49/3;
    //        丙 100/1200·(25 − 10)² = 18.75; 丁 200/1200·(26.5 − 10)² = 45.375.
    // Σ = 87.125 = S², S = 9.334077, CV = 0.9334077.
    CHECK(audit.students == 1200);
    CHECK(audit.mean == doctest::Approx(10).epsilon(1e-12));
    CHECK(audit.sum_terms == doctest::Approx(87.125).epsilon(1e-12));
    CHECK(audit.cv == doctest::Approx(std::sqrt(87.125) / 10).epsilon(1e-12));
    CHECK(audit.cv == doctest::Approx(check.cv.value).epsilon(1e-12));
    REQUIRE(audit.rows.size() == 4);
    // Largest first: 丁 45.375 (52.08 %), 丙 18.75 (21.52 %), 乙 16.333 (18.75 %),
    // 甲 6.667 (7.65 %). Cumulative 52.08, 73.60, 92.35: the first three reach 80 %.
    CHECK(audit.rows[0].school_name == "丁小学");
    CHECK(audit.rows[0].term == doctest::Approx(45.375));
    CHECK(audit.rows[0].share == doctest::Approx(45.375 / 87.125));
    CHECK(audit.rows[1].school_name == "丙小学");
    CHECK(audit.rows[1].term == doctest::Approx(18.75));
    CHECK(audit.rows[2].school_name == "乙小学");
    CHECK(audit.rows[2].term == doctest::Approx(49.0 / 3));
    CHECK(audit.rows[2].cumulative == doctest::Approx((45.375 + 18.75 + 49.0 / 3) / 87.125));
    CHECK(audit.rows[3].school_name == "甲小学");
    CHECK(audit.rows[3].term == doctest::Approx(20.0 / 3));
    CHECK(audit.rows[3].cumulative == doctest::Approx(1.0));
    CHECK(audit.drivers == 3);
    CHECK(audit.rows[2].driver);
    CHECK_FALSE(audit.rows[3].driver);

    // With a 50 % driver share, 丁 alone (52.08 %) drives it.
    GapOptions options;
    options.driver_share = 0.5;
    const GapReport half = compute_gaps(report, options);
    CHECK(check_of(half.groups.at(0), 4).audit->drivers == 1);
}

TEST_CASE("gaps: the floor plan is the smallest floor within the limit") {
    const GapReport gaps = compute_gaps(school_report(kFixture, "national-2017"));
    const CvCheck& check = check_of(gaps.groups.at(0), 4);
    REQUIRE(check.plan);
    const FloorPlan& plan = *check.plan;
    REQUIRE(plan.reachable);
    // At the breakpoint L = 6 (乙 raised): X̄ = 11, Σ terms = 75.125, CV = 0.788 > 0.5; at
    // L = 25 (甲, 乙 raised): CV = 0.022. So L lies in (6, 25) with 甲 and 乙 raised:
    // W = 900/1200 = 0.75, c = (2500 + 5300)/1200 = 6.5, d = (100·625 + 200·702.25)/1200
    // = 169.125; Var = 0.1875 L² − 9.75 L + 126.875 = 0.25·(0.75 L + 6.5)²
    // ⇔ 3 L² − 780 L + 7444 = 0, L = (780 − √519072)/6 = 9.922247.
    const double exact = (780 - std::sqrt(519072.0)) / 6;
    CHECK(plan.level == doctest::Approx(exact).epsilon(1e-8));
    CHECK(plan.level == doctest::Approx(closed_form_level({500, 400, 100, 200}, {6, 3, 25, 26.5},
                                                          {true, true, false, false}, 0.5))
                            .epsilon(1e-8));
    // Amounts: 甲 (9.922247 − 6)·500 = 1961.12 → 1962 m²; 乙 (9.922247 − 3)·400 = 2768.90
    // → 2769 m². Lowest value first.
    REQUIRE(plan.schools.size() == 2);
    CHECK(plan.schools[0].school_name == "乙小学");
    CHECK(plan.schools[0].amount == 2769);
    CHECK(plan.schools[1].school_name == "甲小学");
    CHECK(plan.schools[1].amount == 1962);
    CHECK(plan.total == 4731);

    // Recompute: new sports areas 4962, 3969, 2500, 5300 m² → CV 0.499937 ≤ 0.5.
    const Eigen::ArrayXd students = (Eigen::ArrayXd(4) << 500, 400, 100, 200).finished();
    const Eigen::ArrayXd areas = (Eigen::ArrayXd(4) << 4962, 3969, 2500, 5300).finished();
    const Dispersion after = weighted_dispersion(students, areas, 1);
    CHECK(after.cv.value == doctest::Approx(0.4999371129).epsilon(1e-9));
    CHECK(plan.cv_after == doctest::Approx(after.cv.value).epsilon(1e-12));
    CHECK(satisfies(after.cv.value, check.limit));
    CHECK(plan.pass_after);
    // At L the coefficient meets the limit; with the floor 1e-6·L lower it does not.
    const auto raised = [](double level) {
        return std::vector<double>{std::max(6.0, level), std::max(3.0, level), 25, 26.5};
    };
    CHECK(satisfies(direct_cv({500, 400, 100, 200}, raised(plan.level)), check.limit));
    CHECK_FALSE(
        satisfies(direct_cv({500, 400, 100, 200}, raised(plan.level * (1 - 1e-6))), check.limit));
    CHECK_FALSE(satisfies(plan.cv_just_below, check.limit));
}

TEST_CASE("gaps: a composite-only profile holds each indicator to the composite limit") {
    // national-2012 judges only the composite (≤ 0.65 primary, here 0.171: pass), but the
    // sports coefficient alone is 0.933 > 0.65 and is audited with that limit.
    const GapReport gaps = compute_gaps(school_report(kFixture, "national-2012"));
    const GroupGaps& group = gaps.groups.at(0);
    CHECK(group.gap_schools.empty());  // no per-school standards in this profile
    CHECK(group.cv_checks.size() == 8);
    const Profile& profile = gaps.profile;
    const CvCheck& sports = check_of(group, index_of(profile, "sports_area_per_student"));
    CHECK(sports.source == LimitSource::composite);
    CHECK(sports.limit.value == 0.65);
    CHECK(sports.pass == false);
    REQUIRE(sports.plan);
    // Same raised set (甲, 乙), q = 0.65: 0.05015625 L² + 13.869375 L − 109.024375 = 0,
    // L = 7.649207; amounts (7.649207 − 6)·500 = 824.6 → 825, (7.649207 − 3)·400 = 1859.7
    // → 1860 m²; the new areas 3825, 3060, 2500, 5300 give CV 0.649940 ≤ 0.65.
    CHECK(sports.plan->level == doctest::Approx(7.649206592324).epsilon(1e-8));
    CHECK(sports.plan->total == 825 + 1860);
    CHECK(sports.plan->cv_after == doctest::Approx(0.6499403471).epsilon(1e-9));
    for (const auto& c : group.cv_checks) {
        if (c.indicator != sports.indicator) CHECK(c.pass == true);
    }
}

TEST_CASE("gaps: cheapest set at and around the 85 % boundary") {
    const Profile profile = builtin_profile("national-2017");
    // Standards (primary): 4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3; floors 3.57, 0.85, 0.765,
    // 3.825, 6.375, 1700, 1.955. P = 1000 throughout.
    SUBCASE("six reached and the seventh exactly at the floor: passes") {
        std::vector<double> values = kAtStandard;
        values[3] = 3825.0 / 1000;  // teaching area 3825 m²: 85 % exactly
        const SchoolGaps s = school_gaps(section(values), profile);
        CHECK(s.reached == 6);
        REQUIRE(s.gaps.size() == 1);
        CHECK(s.gaps[0].status == StandardStatus::above_floor);
        CHECK(s.gaps[0].to_floor == 0);
        CHECK(s.gaps[0].to_standard == 675);  // 4500 − 3825
        CHECK(s.verdict == SchoolVerdict::passes);
        CHECK(s.plan.empty());
    }
    SUBCASE("six reached and the seventh 1 m² under the floor: raise it to the floor") {
        std::vector<double> values = kAtStandard;
        values[3] = 3824.0 / 1000;
        const SchoolGaps s = school_gaps(section(values), profile);
        CHECK(s.verdict == SchoolVerdict::fixable);
        REQUIRE(s.plan.size() == 1);
        CHECK(s.plan[0].target == PlanTarget::floor);
        CHECK(s.plan[0].amount == 1);  // 3825 − 3824
        CHECK(s.plan_cost == doctest::Approx(0.001 / 4.5));
    }
    SUBCASE("five reached, two above the floor: only the cheaper one to the standard") {
        std::vector<double> values = kAtStandard;
        values[0] = 4.0;  // marginal 0.2/4.2 = 0.0476
        values[6] = 2.0;  // marginal 0.3/2.3 = 0.1304
        const SchoolGaps s = school_gaps(section(values), profile);
        CHECK(s.reached == 5);
        REQUIRE(s.plan.size() == 1);
        CHECK(s.plan[0].indicator == 0);
        CHECK(s.plan[0].target == PlanTarget::standard);
        CHECK(s.plan[0].amount == 2);  // 4.2·10 − 40
    }
    SUBCASE("one below the floor, one above: floor is forced, the other is cheaper") {
        std::vector<double> values = kAtStandard;
        values[6] = 2.0;  // above the floor, marginal 0.1304
        values[4] = 6.0;  // below the floor: to 6.375 (cost 0.05), marginal 0.15
        const SchoolGaps s = school_gaps(section(values), profile);
        REQUIRE(s.plan.size() == 2);
        CHECK(s.plan[0].indicator == 4);
        CHECK(s.plan[0].target == PlanTarget::floor);
        CHECK(s.plan[0].amount == 375);  // 6375 − 6000
        CHECK(s.plan[1].indicator == 6);
        CHECK(s.plan[1].target == PlanTarget::standard);
        CHECK(s.plan[1].amount == 3);  // 23 − 20
        CHECK(s.plan_cost == doctest::Approx(0.05 + 0.3 / 2.3));
    }
    SUBCASE("just above the floor beats any indicator below it") {
        std::vector<double> values = kAtStandard;
        values[1] = 0.851;  // above the floor: marginal 0.149
        values[4] = 6.0;    // below: marginal 0.15
        const SchoolGaps s = school_gaps(section(values), profile);
        REQUIRE(s.plan.size() == 2);
        CHECK(s.plan[0].indicator == 1);
        CHECK(s.plan[0].target == PlanTarget::standard);
        CHECK(s.plan[0].amount == 2);  // 10 − 8.51 = 1.49 → 2
        CHECK(s.plan[1].indicator == 4);
        CHECK(s.plan[1].target == PlanTarget::floor);
    }
    SUBCASE("exactly at the floor ties with one below it: the profile order decides") {
        std::vector<double> values = kAtStandard;
        values[1] = 0.85;  // at the floor (not below): marginal 0.15
        values[4] = 6.0;   // below: marginal 0.2 − 0.05 = 0.15
        const SchoolGaps s = school_gaps(section(values), profile);
        CHECK(s.reached == 5);
        REQUIRE(s.plan.size() == 2);
        CHECK(s.plan[0].indicator == 1);
        CHECK(s.plan[0].target == PlanTarget::standard);
        CHECK(s.plan[1].indicator == 4);
        CHECK(s.plan[1].target == PlanTarget::floor);
        // Either choice costs 0.15 + 0.05 = 0.2 of a standard.
        CHECK(s.plan_cost == doctest::Approx(0.2));
    }
    SUBCASE("four reached: the two cheapest of three to the standard") {
        std::vector<double> values = kAtStandard;
        values[0] = 3.9;   // 0.3/4.2 = 0.0714
        values[3] = 4.0;   // 0.5/4.5 = 0.1111
        values[5] = 1750;  // 250/2000 = 0.125
        const SchoolGaps s = school_gaps(section(values), profile);
        CHECK(s.reached == 4);
        REQUIRE(s.plan.size() == 2);
        CHECK(s.plan[0].indicator == 0);
        CHECK(s.plan[1].indicator == 3);
        CHECK(s.plan[1].amount == 500);  // 4500 − 4000 m²
    }
    SUBCASE("a rule asking for more standards than the stage sets cannot be met") {
        Profile strict = profile;
        strict.school_rule->min_reached = 8;
        std::vector<double> values = kAtStandard;
        values[0] = 4.0;
        const SchoolGaps s = school_gaps(section(values), strict);
        CHECK(s.verdict == SchoolVerdict::not_fixable);
        CHECK(s.plan.empty());
    }
    SUBCASE("a missing value: listed, not judged") {
        std::vector<double> values = kAtStandard;
        values[6] = kMissing;
        const SchoolGaps s = school_gaps(section(values), profile);
        REQUIRE(s.gaps.size() == 1);
        CHECK(s.gaps[0].status == StandardStatus::missing);
        CHECK(s.verdict == SchoolVerdict::not_judged);
    }
    SUBCASE("standards without a per-school rule: gaps listed, no floor, not judged") {
        Profile no_rule = profile;
        no_rule.school_rule.reset();
        std::vector<double> values = kAtStandard;
        values[4] = 3.0;  // sports 3000 m² for 1000 students: 4500 m² short of 7.5
        const SchoolGaps s = school_gaps(section(values), no_rule);
        REQUIRE(s.gaps.size() == 1);
        CHECK(s.gaps[0].to_standard == 4500);
        CHECK(s.gaps[0].floor == 0);
        CHECK(s.gaps[0].to_floor == 0);
        CHECK(s.verdict == SchoolVerdict::not_judged);
        CHECK(s.plan.empty());
    }
    SUBCASE("every standard reached: no gap") {
        const SchoolGaps s = school_gaps(section(kAtStandard), profile);
        CHECK(s.gaps.empty());
        CHECK(s.verdict == SchoolVerdict::passes);
    }
}

TEST_CASE("gaps: floor_plan edge cases") {
    const Limit limit{0.5, Op::less_equal};
    // Already within the limit: the lowest value is the floor and nobody is raised.
    FloorPlan within = floor_plan({100, 100}, {10, 12}, 1, limit);
    CHECK(within.reachable);
    CHECK(within.level == 10);
    CHECK(within.schools.empty());
    // A lower bound on the coefficient is not met by raising floors.
    CHECK_FALSE(floor_plan({100, 100}, {1, 5}, 1, Limit{0.9, Op::greater_equal}).reachable);
    // A strict limit of 0 can never be met, not even with every school equal.
    FloorPlan never = floor_plan({100, 100}, {1, 5}, 1, Limit{0, Op::less});
    CHECK_FALSE(never.reachable);
    CHECK(never.schools.empty());
    // Strict operator: the plan lands strictly below the limit.
    FloorPlan strict = floor_plan({500, 400, 100, 200}, {6, 3, 25, 26.5}, 1, Limit{0.5, Op::less});
    CHECK(strict.reachable);
    CHECK(strict.cv_at_level < 0.5);
    CHECK(strict.level == doctest::Approx((780 - std::sqrt(519072.0)) / 6).epsilon(1e-8));
}

TEST_CASE("gaps: city.csv — failing coefficients, plans verified by recomputation") {
    const Report report = school_report("data-samples/city.csv", "national-2017");
    const GapReport gaps = compute_gaps(report);
    REQUIRE(gaps.groups.size() == 8);
    const Profile& profile = gaps.profile;
    const std::size_t sports = index_of(profile, "sports_area_per_student");
    const std::size_t equipment = index_of(profile, "equipment_per_student");

    std::vector<std::string> failing;
    for (const auto& group : gaps.groups) {
        for (const auto& check : group.cv_checks) {
            if (check.pass != false) continue;
            const IndicatorDef& def = profile.indicators[check.indicator];
            failing.push_back(group.key.district + " " + std::string(to_string(group.key.stage)) +
                              " " + def.id);
            CAPTURE(failing.back());
            REQUIRE(check.audit);
            REQUIRE(check.plan);
            const FloorPlan& plan = *check.plan;
            REQUIRE(plan.reachable);

            // The group's schools, and the resources after the plan's rounded amounts.
            std::vector<double> students, values, after;
            std::vector<std::string> ids;
            for (const auto& school : report.schools) {
                if (!(school.key == group.key)) continue;
                students.push_back(school.students);
                values.push_back(school.values[check.indicator]);
                ids.push_back(school.school_id);
            }
            std::vector<bool> raised(values.size(), false);
            after = values;
            long long total = 0;
            for (const auto& row : plan.schools) {
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    if (ids[i] != row.school_id) continue;
                    raised[i] = true;
                    after[i] = (values[i] * students[i] / def.multiplier +
                                static_cast<double>(row.amount)) *
                               def.multiplier / students[i];
                    // Each amount is the shortfall to L rounded up: short by less than 1 unit.
                    const double shortfall =
                        (plan.level - values[i]) * students[i] / def.multiplier;
                    CHECK(static_cast<double>(row.amount) >= shortfall - 1e-6);
                    CHECK(static_cast<double>(row.amount) < shortfall + 1);
                }
                total += row.amount;
            }
            CHECK(total == plan.total);
            // Exactly the schools below L are raised.
            for (std::size_t i = 0; i < values.size(); ++i)
                CHECK(raised[i] == (values[i] < plan.level));

            // The audit reproduces the report's coefficient.
            CHECK(check.audit->cv == doctest::Approx(check.cv.value).epsilon(1e-12));
            // Independent recomputation of the plan: within the limit after rounding...
            Eigen::ArrayXd p(static_cast<Eigen::Index>(students.size()));
            Eigen::ArrayXd r(p.size());
            for (Eigen::Index i = 0; i < p.size(); ++i) {
                p(i) = students[i];
                r(i) = after[i] * students[i] / def.multiplier;
            }
            const Dispersion recomputed = weighted_dispersion(p, r, def.multiplier);
            CHECK(recomputed.cv.value == doctest::Approx(plan.cv_after).epsilon(1e-12));
            CHECK(satisfies(direct_cv(students, after), check.limit));
            // ... L is minimal: a floor 1e-6·L lower is over the limit ...
            std::vector<double> lower = values;
            for (double& x : lower) x = std::max(x, plan.level * (1 - 1e-6));
            CHECK_FALSE(satisfies(direct_cv(students, lower), check.limit));
            // ... and L is the root of the quadratic for its raised set.
            CHECK(plan.level ==
                  doctest::Approx(closed_form_level(students, values, raised, check.limit.value))
                      .epsilon(1e-7));
        }
    }
    // The districts the sample was built to fail (data-samples/README.md).
    CHECK(failing == std::vector<std::string>{"河西区 primary equipment_per_student",
                                              "河西区 junior equipment_per_student",
                                              "白水县 primary sports_area_per_student",
                                              "白水县 junior sports_area_per_student"});

    // Regression values of the sample (checked above by recomputation), as docs/gaps.md shows.
    for (const auto& group : gaps.groups) {
        if (group.key.district == "白水县" && group.key.stage == Stage::primary) {
            const CvCheck& check = check_of(group, sports);
            CHECK(check.plan->level == doctest::Approx(7.0929).epsilon(1e-4));
            CHECK(check.plan->schools.size() == 8);
            CHECK(check.plan->total == 30113);
            CHECK(group.totals.floor_plans.by_unit[1].amount == 30113);
        }
        if (group.key.district == "河西区" && group.key.stage == Stage::primary) {
            const CvCheck& check = check_of(group, equipment);
            CHECK(check.plan->level == doctest::Approx(3062.4317).epsilon(1e-7));
            CHECK(check.plan->total == 4494954);
            CHECK(check.audit->drivers == 4);
            CHECK(check.audit->rows[0].school_name == "河西实验小学");
        }
    }
}

namespace {

/// A primary section that reaches every national-2017 standard comfortably (10 above-degree
/// and 2 backbone and 2 PE/art teachers per 100, 6 m² teaching area, 10 m² sports ground,
/// 3000 yuan, 5 rooms per 100), with the given students, classes and area type.
std::string roomy_row(const std::string& id, int students, int classes,
                      const std::string& area = "urban") {
    return fmt::format(
        "{},学校{},检查区,2024,primary_school,primary,{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
        id, id, area, students, students / 10, students / 10, students / 50, students / 50,
        students / 20, 6 * students, 10 * students, 3000 * students, students / 20, students / 10,
        30 * students, classes);
}

}  // namespace

TEST_CASE("gaps: per-school checks, with what closes each") {
    // national-2017 checks: average class ≤ 45 (primary), average < 56 (large classes),
    // whole school ≤ 2000 students.
    //   A 500 students, 10 classes: 50 > 45; 500/11 = 45.45 still over, 500/12 = 41.67
    //     → +2 classes. 50 < 56 passes the large-class check.
    //   B 560 students, 10 classes: 56 > 45 → ⌈560/45⌉ = 13 classes, +3; 56 is not < 56
    //     → 560/11 = 50.9 → +1 class.
    //   C 450 students, 10 classes: 45 ≤ 45 exactly → passes, not listed.
    //   D 2200 students, 50 classes: 44 passes; 2200 > 2000 → 200 students over the cap.
    //   E rural, 80 students, 4 classes: a rural small school (乡村小规模学校), lacks nothing.
    const std::string csv = std::string(kHeader) + roomy_row("5100000001", 500, 10) +
                            roomy_row("5100000002", 560, 10) + roomy_row("5100000003", 450, 10) +
                            roomy_row("5100000004", 2200, 50) +
                            roomy_row("5100000005", 80, 4, "rural");
    EvaluationOptions options;
    options.keep_schools = true;
    const GapReport gaps = compute_gaps(evaluate_text(csv, "national-2017", options));
    REQUIRE(gaps.groups.size() == 1);
    const GroupGaps& group = gaps.groups[0];
    const Profile& profile = gaps.profile;
    auto check_index = [&](const std::string& id) {
        for (std::size_t c = 0; c < profile.school_checks.size(); ++c) {
            if (profile.school_checks[c].id == id) return c;
        }
        FAIL("no check " << id);
        return std::size_t{0};
    };
    const std::size_t class_size = check_index("class_size");
    const std::size_t large = check_index("large_classes");
    const std::size_t size = check_index("school_size");
    CHECK(check_unit(profile.school_checks[class_size]) == "classes");
    CHECK(check_unit(profile.school_checks[size]) == "students");

    REQUIRE(group.gap_schools.size() == 3);
    const SchoolGaps& a = school(group, "5100000001");
    CHECK(a.gaps.empty());
    CHECK(a.verdict == SchoolVerdict::passes);
    REQUIRE(a.checks.size() == 1);
    CHECK(a.checks[0].check == class_size);
    CHECK(a.checks[0].value == 50);
    CHECK(a.checks[0].amount == 2);

    const SchoolGaps& b = school(group, "5100000002");
    REQUIRE(b.checks.size() == 2);
    CHECK(b.checks[0].check == class_size);
    CHECK(b.checks[0].amount == 3);
    CHECK(b.checks[1].check == large);
    CHECK(b.checks[1].limit.op == Op::less);
    CHECK(b.checks[1].amount == 1);

    const SchoolGaps& d = school(group, "5100000004");
    REQUIRE(d.checks.size() == 1);
    CHECK(d.checks[0].check == size);
    CHECK(d.checks[0].amount == 200);

    CHECK(group.totals.checks[class_size] == 5);
    CHECK(group.totals.checks[large] == 1);
    CHECK(group.totals.checks[size] == 200);

    // The two types: E is listed with nothing lacking.
    REQUIRE(group.two_types.size() == 1);
    CHECK(group.two_types[0].school_id == "5100000005");
    CHECK(group.two_types[0].rural_small);
    CHECK_FALSE(group.two_types[0].gaps);
}

TEST_CASE("gaps: Beijing music/art space, a per-student minimum") {
    // Beijing: at least 2 m² of music/art space per student, average class ≤ 40.
    //   F 500 students, 900 m² → 1.8 < 2: 2·500 − 900 = 100 m².
    //   G 400 students, 800 m² → 2.0 exactly: passes.
    std::string header = kHeader;
    header.insert(header.size() - 1, ",music_art_area_m2");
    auto row = [](const std::string& id, int students, int music) {
        std::string text = roomy_row(id, students, (students + 39) / 40);  // classes ≤ 40
        text.insert(text.size() - 1, "," + std::to_string(music));
        // Beijing's equipment standard is 5000 yuan: raise it so only the check is missed.
        const std::string from = "," + std::to_string(3000 * students) + ",";
        text.replace(text.find(from), from.size(), "," + std::to_string(6000 * students) + ",");
        return text;
    };
    const std::string csv = header + row("6100000001", 500, 900) + row("6100000002", 400, 800);
    EvaluationOptions options;
    options.keep_schools = true;
    const GapReport gaps = compute_gaps(evaluate_text(csv, "beijing", options));
    const GroupGaps& group = gaps.groups.at(0);
    REQUIRE(group.gap_schools.size() == 1);
    const SchoolGaps& f = school(group, "6100000001");
    CHECK(f.gaps.empty());
    REQUIRE(f.checks.size() == 1);
    const SchoolCheck& check = gaps.profile.school_checks[f.checks[0].check];
    CHECK(check.id == "music_art_area");
    CHECK(check_unit(check) == "m²");
    CHECK(f.checks[0].value == doctest::Approx(1.8));
    CHECK(f.checks[0].amount == 100);
}

TEST_CASE("gaps: amounts beyond 10^18 are refused, never wrapped") {
    // Five sections of 10^15 students with nothing: each needs 2000 yuan of equipment per
    // student, 2·10^18 yuan a school; summed in 64 bits this wrapped to a negative figure.
    std::string csv = test::kHeader;
    for (int i = 1; i <= 5; ++i) {
        csv += fmt::format(
            "{},s{},东区,2024,primary_school,primary,,1e15,1e13,1e13,1e12,1e12,1e12,"
            "1e15,1e15,0,1e13,1e13,1e15,2e13\n",
            i, i);
    }
    EvaluationOptions options;
    options.keep_schools = true;
    const Report report = test::evaluate_text(csv, "national-2017", options);
    CHECK_THROWS_WITH_AS(compute_gaps(report),
                         "an amount in the gaps report would exceed 10^18 (eduqb's bound on one "
                         "school's amount and on every total): the input's counts or amounts are "
                         "far beyond any real district",
                         InputError);
    CHECK(round_up_units(1e18, 1.0) == kMaxGapAmount);
    CHECK_THROWS_AS(round_up_units(1.5e18, 1.0), InputError);
    CHECK_THROWS_AS(round_up_units(1e300, 1e300), InputError);
}
