// The Evaluator on sections built by hand (tests/section_rows.hpp), no file read: each group's
// coefficients, limits and verdicts, the composite, missing values, the scope rules, the
// per-school checks, the urban/rural values and the measures beside the CV, against arithmetic
// written out below. Every resource not named in a case is in proportion to the students, so
// its coefficient is 0.

#include "eduqb/evaluate.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "eduqb/report_sink.hpp"
#include "section_rows.hpp"

using namespace eduqb;
using test::evaluate_rows;
using test::uniform_section;

namespace {

// national-2017 indicators, in profile order.
constexpr std::size_t kBackbone = 1;
constexpr std::size_t kTeaching = 3;
constexpr std::size_t kSports = 4;
constexpr std::size_t kMultimedia = 6;

constexpr auto kPrimary = static_cast<std::size_t>(Stage::primary);

/// Two primary sections of 东区 2024: 100 students with 20 m² of sports ground and 4 m² of
/// teaching rooms each, 400 students with 7.5 m² and 6 m². Weights P_i/P are 0.2 and 0.8:
///   sports:   X̄ = (2000 + 3000)/500 = 10, S² = 0.2·(20 − 10)² + 0.8·(7.5 − 10)² = 20 + 5 = 25,
///             CV = 5/10 = 0.5
///   teaching: X̄ = (400 + 2400)/500 = 5.6, S² = 0.2·(4 − 5.6)² + 0.8·(6 − 5.6)² = 0.64,
///             CV = 0.8/5.6 = 1/7
/// Both meet the per-school rule: the first misses only the teaching standard 4.5, and 4 is above
/// its floor 0.85·4.5 = 3.825; the second has exactly the sports standard 7.5.
std::vector<SectionRow> two_sections() {
    SectionRow small = uniform_section("1", "东区", 2024, Stage::primary, 100, 2);
    small.value(Column::sports_area_m2) = 2000;
    small.value(Column::teaching_area_m2) = 400;
    SectionRow large = uniform_section("2", "东区", 2024, Stage::primary, 400, 3);
    large.value(Column::sports_area_m2) = 3000;
    large.value(Column::teaching_area_m2) = 2400;
    return {small, large};
}

}  // namespace

TEST_CASE("evaluate: a CV exactly at its limit passes ≤ 0.50 and fails < 0.50") {
    Profile profile = builtin_profile("national-2017");
    Report report = evaluate_rows(profile, two_sections());
    REQUIRE(report.groups.size() == 1);
    const IndicatorResult& sports = report.groups[0].indicators[kSports];
    CHECK(sports.dispersion.value.value == doctest::Approx(10.0).epsilon(1e-15));
    CHECK(sports.dispersion.cv.value == doctest::Approx(0.5).epsilon(1e-12));
    REQUIRE(sports.limit.has_value());
    CHECK(sports.limit->op == Op::less_equal);
    CHECK(sports.pass == true);
    CHECK(report.groups[0].schools_compliant == 2);
    CHECK(report.groups[0].pass);

    // The same numbers against the same limit held strictly: the operator decides.
    profile.indicators[kSports].cv_limit[kPrimary] = Limit{0.5, Op::less};
    report = evaluate_rows(profile, two_sections());
    CHECK(report.groups[0].indicators[kSports].pass == false);
    CHECK(report.groups[0].indicators[kTeaching].pass == true);  // 1/7 < 0.5
    CHECK_FALSE(report.groups[0].pass);
}

TEST_CASE("evaluate: the composite is the weighted mean of the CVs, NA when a weighted CV is") {
    Profile profile = builtin_profile("national-2017");
    Report report = evaluate_rows(profile, two_sections());
    const GroupResult& group = report.groups.at(0);
    CHECK(group.indicators[kTeaching].dispersion.cv.value ==
          doctest::Approx(1.0 / 7).epsilon(1e-12));
    // Seven weights of 1: (0.5 + 1/7 + 0·5)/7 = 9/98. national-2017 sets no composite limit.
    CHECK(group.composite.cv.value == doctest::Approx(9.0 / 98).epsilon(1e-12));
    CHECK_FALSE(group.composite.limit.has_value());
    CHECK_FALSE(group.composite.pass.has_value());

    // Weight 3 on sports, 0 on multimedia: (3·0.5 + 1/7)/(5 + 3) = (23/14)/8 = 23/112.
    profile.indicators[kSports].weight = 3;
    profile.indicators[kMultimedia].weight = 0;
    report = evaluate_rows(profile, two_sections());
    CHECK(report.groups[0].composite.cv.value == doctest::Approx(23.0 / 112).epsilon(1e-12));

    // No backbone teacher anywhere: X̄ = 0, its CV is NA (zero_mean), and so is the composite…
    std::vector<SectionRow> rows = two_sections();
    for (auto& row : rows) row.value(Column::teachers_backbone) = 0;
    report = evaluate_rows(builtin_profile("national-2017"), rows);
    CHECK(report.groups[0].indicators[kBackbone].dispersion.cv.na == NaReason::zero_mean);
    CHECK(report.groups[0].composite.cv.na == NaReason::indicator_na);
    // …unless its weight is 0: (0.5 + 1/7)/6 = 3/28.
    profile = builtin_profile("national-2017");
    profile.indicators[kBackbone].weight = 0;
    report = evaluate_rows(profile, rows);
    CHECK(report.groups[0].composite.cv.value == doctest::Approx(3.0 / 28).epsilon(1e-12));

    // national-2012 judges the composite: 8 weights of 1, teaching 1/7, sports 0.5 → 9/112.
    report = evaluate_rows(builtin_profile("national-2012"), two_sections());
    CHECK(report.groups[0].composite.cv.value == doctest::Approx(9.0 / 112).epsilon(1e-12));
    REQUIRE(report.groups[0].composite.limit.has_value());
    CHECK(report.groups[0].composite.limit->value == 0.65);
    CHECK(report.groups[0].composite.pass == true);
}

TEST_CASE("evaluate: one school is judged by the per-school rule alone, or not at all") {
    const std::vector<SectionRow> one = {uniform_section("1", "东区", 2024, Stage::primary, 300)};
    const Report quality = evaluate_rows(builtin_profile("national-2017"), one);
    const GroupResult& judged = quality.groups.at(0);
    // 18 teachers above the degree for 300 students: 6 per 100, a value without a dispersion.
    CHECK(judged.indicators[0].dispersion.value.value == doctest::Approx(6.0).epsilon(1e-15));
    for (const auto& indicator : judged.indicators) {
        CHECK(indicator.dispersion.cv.na == NaReason::too_few_schools);
        CHECK_FALSE(indicator.pass.has_value());
    }
    CHECK(judged.schools_compliant == 1);
    CHECK(judged.schools_failing == 0);
    CHECK(judged.judged);
    CHECK(judged.pass);

    // national-2012 has no per-school rule, and one school has no dispersion: NOT JUDGED.
    const Report basic = evaluate_rows(builtin_profile("national-2012"), one);
    const GroupResult& unjudged = basic.groups.at(0);
    CHECK_FALSE(unjudged.schools_compliant.has_value());
    CHECK(unjudged.composite.cv.na == NaReason::indicator_na);
    CHECK_FALSE(unjudged.judged);
    CHECK_FALSE(unjudged.pass);
}

TEST_CASE("evaluate: a missing value leaves its school out of that indicator only") {
    // Sports ground: A (urban, 200) 11 m², C (rural, 500) and D (town, 100) empty, B (rural,
    // 300) 8 m². Over A and B: P = 500, X̄ = (2200 + 2400)/500 = 9.2,
    // S² = 0.4·(11 − 9.2)² + 0.6·(8 − 9.2)² = 1.296 + 0.864 = 2.16, CV = √2.16/9.2.
    // C comes second, so the group's sums part after one complete school.
    auto section = [](const char* id, double students, AreaType area, double sports, long line) {
        SectionRow row = uniform_section(id, "东区", 2024, Stage::primary, students, line);
        row.area_type = area;
        row.value(Column::sports_area_m2) = sports;
        return row;
    };
    const std::vector<SectionRow> rows = {section("A", 200, AreaType::urban, 2200, 2),
                                          section("C", 500, AreaType::rural, kMissing, 3),
                                          section("B", 300, AreaType::rural, 2400, 4),
                                          section("D", 100, AreaType::town, kMissing, 5)};
    EvaluationOptions options;
    options.missing = MissingPolicy::skip;
    options.keep_schools = true;
    const Report report = evaluate_rows(builtin_profile("national-2017"), rows, options);
    const GroupResult& group = report.groups.at(0);
    CHECK(group.schools == 4);
    CHECK(group.students == 1100);
    const IndicatorResult& sports = group.indicators[kSports];
    CHECK(sports.missing == 2);
    CHECK(sports.dispersion.schools == 2);
    CHECK(sports.dispersion.students == 500);
    CHECK(sports.dispersion.value.value == doctest::Approx(9.2).epsilon(1e-15));
    CHECK(sports.dispersion.cv.value == doctest::Approx(std::sqrt(2.16) / 9.2).epsilon(1e-12));
    // The other indicators keep every school: 6 teachers above the degree per 100, CV 0.
    CHECK(group.indicators[0].missing == 0);
    CHECK(group.indicators[0].dispersion.students == 1100);
    // A and B reach every standard; C and D cannot be judged.
    CHECK(group.schools_compliant == 2);
    CHECK(group.schools_failing == 0);
    CHECK(group.schools_not_judged == 2);
    CHECK(group.judged);
    CHECK(group.pass);
    REQUIRE(report.schools.size() == 4);
    CHECK(report.schools[1].school_id == "C");
    CHECK(is_missing(report.schools[1].values[kSports]));
    CHECK(report.schools[1].statuses[kSports] == StandardStatus::missing);
    CHECK_FALSE(report.schools[1].compliant.has_value());

    // 城乡比较, each area over its own schools with a value: urban A 11; town D none (NA);
    // rural B only, 2400/300 = 8, though the area has 800 students; above the degree 6 each.
    // (area, schools, students, above the degree, sports ground)
    std::vector<std::string> areas;
    for (const auto& area : group.by_area) {
        const Measure& sports_value = area.values[kSports];
        areas.push_back(
            fmt::format("{} {} {} {} {}", to_string(area.area), area.schools, area.students,
                        area.values[0].value,
                        sports_value.defined() ? fmt::format("{}", sports_value.value) : "NA"));
    }
    CHECK(areas ==
          std::vector<std::string>{"urban 1 200 6 11", "town 1 100 6 NA", "rural 2 800 6 8"});
    CHECK(group.by_area[1].values[kSports].na == NaReason::no_students);

    // Neither section has multimedia rooms: six CVs of 0 pass, but the per-school rule, part
    // of the verdict, judged no section, so the group is NOT JUDGED rather than PASS.
    std::vector<SectionRow> none = {uniform_section("E", "东区", 2024, Stage::primary, 200),
                                    uniform_section("F", "东区", 2024, Stage::primary, 300)};
    for (auto& row : none) row.value(Column::multimedia_rooms) = kMissing;
    const GroupResult unjudged =
        evaluate_rows(builtin_profile("national-2017"), none, options).groups.at(0);
    CHECK(unjudged.indicators[0].pass == true);
    CHECK(unjudged.indicators[kMultimedia].dispersion.value.na == NaReason::no_students);
    CHECK(unjudged.schools_not_judged == 2);
    CHECK_FALSE(unjudged.judged);
    CHECK_FALSE(unjudged.pass);
}

TEST_CASE("evaluate: the measures beside the CV, over the sections with a value") {
    // Sports ground as above: A (urban, 200) 11 m², B (rural, 300) 8 m², C and D empty; μ = 9.2.
    //   Theil = 0.4·(11/9.2) ln(11/9.2) + 0.6·(8/9.2) ln(8/9.2) = 0.012542015985879756, all of
    //   it between the area types (one school each);
    //   Gini = 2·0.4·0.6·|11 − 8| / (2·9.2) = 0.0782608695652174;
    //   McLoone: B, at 8, brings the cumulative share to 0.6: M = 8, and 8 / 8 = 1;
    //   range ratio 11/8.
    auto section = [](const char* id, double students, AreaType area, double sports) {
        SectionRow row = uniform_section(id, "东区", 2024, Stage::primary, students);
        row.area_type = area;
        row.value(Column::sports_area_m2) = sports;
        return row;
    };
    const std::vector<SectionRow> rows = {
        section("A", 200, AreaType::urban, 2200), section("C", 500, AreaType::rural, kMissing),
        section("B", 300, AreaType::rural, 2400), section("D", 100, AreaType::town, kMissing)};
    EvaluationOptions options;
    options.missing = MissingPolicy::skip;
    const GroupResult group =
        evaluate_rows(builtin_profile("national-2017"), rows, options).groups.at(0);
    const InequalityMeasures& sports = group.indicators[kSports].measures;
    CHECK(sports.theil.value == doctest::Approx(0.012542015985879756).epsilon(1e-13));
    CHECK(sports.theil_between_area.value == doctest::Approx(sports.theil.value).epsilon(1e-13));
    CHECK(sports.theil_within_area.value == doctest::Approx(0).epsilon(1e-13));
    CHECK(sports.gini.value == doctest::Approx(0.0782608695652174).epsilon(1e-13));
    CHECK(sports.mcloone.value == doctest::Approx(1).epsilon(1e-15));
    CHECK(sports.range_ratio.value == doctest::Approx(11.0 / 8).epsilon(1e-15));
    // Every school has 6 teachers above the degree per 100: no inequality at all.
    const InequalityMeasures& above = group.indicators[0].measures;
    CHECK(above.theil.value == 0);
    CHECK(above.gini.value == doctest::Approx(0).epsilon(1e-15));
    CHECK(above.range_ratio.value == doctest::Approx(1).epsilon(1e-15));

    options.measures = false;
    const GroupResult without =
        evaluate_rows(builtin_profile("national-2017"), rows, options).groups.at(0);
    CHECK(without.indicators[kSports].measures.gini.na == NaReason::not_computed);
    CHECK(without.indicators[kSports].dispersion.cv.value ==
          group.indicators[kSports].dispersion.cv.value);
}

TEST_CASE("evaluate: sections left out are counted by rule, per group, kept when asked") {
    auto typed = [](const char* id, const char* district, SchoolType type, Stage stage,
                    double students) {
        SectionRow row = uniform_section(id, district, 2024, stage, students);
        row.school_type = type;
        return row;
    };
    const std::vector<SectionRow> rows = {
        uniform_section("1", "东区", 2024, Stage::primary, 200),
        uniform_section("2", "东区", 2024, Stage::primary, 300),
        typed("3", "东区", SchoolType::teaching_point, Stage::primary, 30),  // under 50 students
        typed("4", "东区", SchoolType::teaching_point, Stage::primary, 60),  // evaluated
        typed("5", "东区", SchoolType::special_education, Stage::primary, 80),
        typed("6", "东区", SchoolType::vocational, Stage::senior, 300),
        typed("7", "东区", SchoolType::complete_middle, Stage::senior, 500),
        typed("8", "东区", SchoolType::primary_school, Stage::primary, 0),
        typed("9", "北区", SchoolType::teaching_point, Stage::primary, 20)};  // 北区's only one
    EvaluationOptions keep;
    keep.keep_schools = true;
    const Report report = evaluate_rows(builtin_profile("national-2017"), rows, keep);
    CHECK(report.excluded_by_rule == std::map<std::string, long>{{"no_students", 1},
                                                                 {"small_teaching_point", 2},
                                                                 {"special_education", 1},
                                                                 {"stage_not_evaluated", 1},
                                                                 {"vocational", 1}});
    CHECK(report.excluded_total() == 6);
    std::vector<std::string> listed;
    for (const auto& excluded : report.exclusions)
        listed.push_back(excluded.school_id + ":" + excluded.rule_id);
    CHECK(listed == std::vector<std::string>{"3:small_teaching_point", "5:special_education",
                                             "6:vocational", "7:stage_not_evaluated",
                                             "8:no_students", "9:small_teaching_point"});
    CHECK(report.schools.size() == 3);
    // 东 (E4 B8 9C) sorts before 北 (E5 8C 97). Senior sections belong to no evaluated group.
    // (district, schools, students, excluded, judged, pass): 北区 has no section left, and
    // no rule could be applied to it.
    std::vector<std::string> groups;
    for (const auto& group : report.groups) {
        groups.push_back(fmt::format("{} {} {} {} {} {}", group.key.district, group.schools,
                                     group.students, group.excluded, group.judged, group.pass));
    }
    CHECK(groups == std::vector<std::string>{"东区 3 560 3 true true", "北区 0 0 1 false false"});

    EvaluationOptions counts_only;
    counts_only.keep_exclusions = false;
    const Report counted = evaluate_rows(builtin_profile("national-2017"), rows, counts_only);
    CHECK(counted.exclusions.empty());
    CHECK(counted.schools.empty());
    CHECK(counted.excluded_by_rule == report.excluded_by_rule);
    CHECK(counted.groups[0].excluded == 3);

    // national-2012 leaves out every teaching point, whatever its size.
    const Report basic = evaluate_rows(builtin_profile("national-2012"), rows);
    CHECK(basic.excluded_by_rule.at("teaching_point") == 3);
    CHECK(basic.groups[0].schools == 2);
    CHECK(basic.groups[0].excluded == 4);
}

TEST_CASE("evaluate: per-school checks and the two types counted per group") {
    auto section = [](const char* id, double students, double classes,
                      AreaType area = AreaType::unknown, bool boarding = false) {
        SectionRow row = uniform_section(id, "东区", 2024, Stage::primary, students);
        row.value(Column::classes) = classes;
        row.area_type = area;
        row.boarding = boarding;
        return row;
    };
    const std::vector<SectionRow> rows = {
        section("1", 460, 10),        // 46 a class: over 45, under 56
        section("2", 560, 10),        // 56: over 45, and not under 56
        section("3", 200, kMissing),  // no classes: neither check can be judged
        section("4", 2100, 60),       // 35 a class; 2100 students, over the 2000 of a school
        section("5", 90, 3, AreaType::rural, true),     // 90 students: both types
        section("6", 300, 10, AreaType::town, true),    // 乡镇寄宿制学校
        section("7", 300, 10, AreaType::urban, true)};  // boarding in a city: neither
    Profile profile = builtin_profile("national-2017");
    Report report = evaluate_rows(profile, rows);
    const GroupResult& group = report.groups.at(0);
    std::vector<std::string> counts;  // id, sections failing, sections without data
    for (const auto& count : group.checks) {
        counts.push_back(fmt::format("{} {} {}", count.id, count.failing, count.missing));
    }
    CHECK(counts ==
          std::vector<std::string>{"class_size 2 1", "large_classes 1 1", "school_size 1 0"});
    CHECK(group.rural_small == 1);
    CHECK(group.township_boarding == 2);
    CHECK(group.schools_compliant == 7);
    CHECK(group.pass);  // the built-in checks are reported, not judged

    profile.school_checks[0].affects_verdict = true;  // class_size
    report = evaluate_rows(profile, rows);
    CHECK_FALSE(report.groups.at(0).pass);
}

TEST_CASE("evaluate: the same groups in district order on 0 and 3 threads, verdicts counted") {
    // 150 districts (more than two blocks of 64 groups), added in reverse order. Each has a
    // primary group of two complying schools (CVs 0: PASS) and a junior group of one school
    // without backbone teachers (below the floor: FAIL).
    std::vector<SectionRow> rows;
    for (int d = 149; d >= 0; --d) {
        const std::string district = "区" + std::to_string(100 + d);
        rows.push_back(
            uniform_section("p" + std::to_string(d), district, 2024, Stage::primary, 200));
        rows.push_back(
            uniform_section("q" + std::to_string(d), district, 2024, Stage::primary, 300));
        SectionRow junior =
            uniform_section("j" + std::to_string(d), district, 2024, Stage::junior, 400);
        junior.value(Column::teachers_backbone) = 0;
        rows.push_back(junior);
    }
    std::vector<std::vector<std::string>> results;  // per thread count, one line per group
    for (int threads : {0, 3}) {
        std::vector<SectionRow> copy = rows;
        Evaluator evaluator(builtin_profile("national-2017"), {"t.csv"}, {});
        evaluator.add(copy);
        ReportCollector collector;
        const Verdicts verdicts = evaluator.finish(collector, threads);
        CHECK(verdicts.groups == 300);
        CHECK(verdicts.passed == 150);
        CHECK(verdicts.not_judged == 0);
        std::vector<std::string> lines;
        const Report report = collector.take();
        for (const GroupResult& group : report.groups) {
            // Every number in its shortest round-trip form: equal lines, equal doubles.
            std::string line =
                fmt::format("{} {} {} {} {} {}", group.key.district, to_string(group.key.stage),
                            group.schools, group.students, group.pass, group.composite.cv.value);
            for (const auto& indicator : group.indicators) {
                line += fmt::format(" {}/{}/{}", indicator.dispersion.value.value,
                                    indicator.dispersion.cv.value,
                                    static_cast<int>(indicator.dispersion.cv.na));
            }
            lines.push_back(line);
        }
        results.push_back(lines);
    }
    REQUIRE(results[0].size() == 300);
    CHECK(results[1] == results[0]);
    // Sorted by district, then stage; the primary groups pass, the junior ones fail.
    CHECK(results[0][0].rfind("区100 primary 2 500 true ", 0) == 0);
    CHECK(results[0][1].rfind("区100 junior 1 400 false ", 0) == 0);
    CHECK(results[0][299].rfind("区249 junior 1 400 false ", 0) == 0);
}

TEST_CASE("evaluate: schools below each per-school standard, counted per indicator") {
    // two_sections(): the small school's 4 m² of teaching rooms are below the standard 4.5 (above
    // its floor), the large school's 7.5 m² of sports ground is the standard exactly. A third
    // school with 5 m² of sports ground per student is below that standard (and its floor).
    std::vector<SectionRow> rows = two_sections();
    SectionRow third = uniform_section("3", "东区", 2024, Stage::primary, 100, 4);
    third.value(Column::sports_area_m2) = 500;
    rows.push_back(third);
    const Report report = evaluate_rows(builtin_profile("national-2017"), rows);
    const GroupResult& group = report.groups.at(0);
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        CAPTURE(k);
        const long expected = k == kTeaching ? 1 : k == kSports ? 1 : 0;
        CHECK(group.indicators[k].below_standard == expected);
    }
}
