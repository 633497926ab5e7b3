#pragma once
// A report written by hand for the renderer tests: every number in it is chosen here, so each
// rendered cell can be predicted from the documented rounding (docs/output-formats.md) alone.
//
// Profile `test-two`: two indicators, 高学历教师 (teachers above the degree per 100, standards
// 4.2 / 5.3) and 设备值 (yuan per student, standards 2000 / 2500), CV limits ≤ 0.50 for
// primary only, composite < 0.45 for primary only, a per-school rule (1 standard, floor 85 %)
// and one school check, 平均班额 ≤ 45 / ≤ 50.
//
// Groups, in report order:
//   G0 东|区⏎北 2023 primary  PASS        CVs 0.2, 0.5 (at the limit), composite 0.35
//   G1 东|区⏎北 2024 primary  FAIL        values 5.126, 3199.6; CVs 0.12345, 0.6044 (over);
//                                          composite 0.363925; 4 schools (2 urban, 1 town,
//                                          1 rural), 12 345 students, 1 excluded; 2 meet the
//                                          rule, 1 does not, 1 not judged; class size: 2
//                                          failing, 1 without data
//   G1 by area: urban 5 and 3300, town 6 and NA, rural 4 and 2640: urban − rural 1 and 660,
//               urban / rural 1.25 and 1.25
//   G2 西区 (no year) junior  NOT JUDGED  one school, every CV NA, no limit
// Schools (of G1): 0110230017 甲|小学 (meets; class size 45.12 fails) and 0110230018 乙小学
// (not judged: no equipment value). One exclusion: 0110260041 李家村教学点, 23 students.

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "eduqb/report.hpp"

namespace eduqb::test {

inline Profile two_indicator_profile() {
    Profile profile;
    profile.id = "test-two";
    profile.title = "测试标准";
    profile.title_en = "Test profile";
    profile.source = "test source, 2024";
    profile.stages = {Stage::primary, Stage::junior};
    IndicatorDef above;
    above.id = "above_degree_per100";
    above.column = Column::teachers_above_degree;
    above.multiplier = 100;
    above.unit = "teachers per 100 students";
    above.label_zh = "高学历教师";
    above.label_en = "Teachers above the degree";
    above.standard = {4.2, 5.3, std::nullopt};
    above.cv_limit = {Limit{0.5, Op::less_equal}, std::nullopt, std::nullopt};
    IndicatorDef equipment;
    equipment.id = "equipment_per_student";
    equipment.column = Column::equipment_value_yuan;
    equipment.unit = "yuan per student";
    equipment.label_zh = "设备值";
    equipment.label_en = "Equipment";
    equipment.standard = {2000.0, 2500.0, std::nullopt};
    equipment.cv_limit = above.cv_limit;
    profile.indicators = {above, equipment};
    profile.composite_limit = {Limit{0.45, Op::less}, std::nullopt, std::nullopt};
    profile.school_rule = SchoolRule{1, 0.85};
    SchoolCheck classes;
    classes.id = "class_size";
    classes.label_zh = "平均班额";
    classes.label_en = "Average class size";
    classes.measure = CheckMeasure::class_size;
    classes.limit = {Limit{45, Op::less_equal}, Limit{50, Op::less_equal}, std::nullopt};
    profile.school_checks = {classes};
    profile.exclusions = {
        ExclusionRule{"small_teaching_point", "teaching point with fewer than 50 students",
                      "不足50人的教学点", "teaching point with fewer than 50 students",
                      SchoolType::teaching_point, std::nullopt, 50.0}};
    return profile;
}

inline IndicatorResult hand_indicator(const std::string& id, Measure value, Measure cv,
                                      std::optional<Limit> limit, std::optional<bool> pass,
                                      long schools, long missing = 0) {
    IndicatorResult result;
    result.id = id;
    result.dispersion.schools = schools;
    result.dispersion.value = value;
    result.dispersion.cv = cv;
    result.limit = limit;
    result.pass = pass;
    result.missing = missing;
    return result;
}

inline Report hand_report() {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    const std::string district = "东|区\n北";
    const Limit at_most{0.5, Op::less_equal};
    const Limit below{0.45, Op::less};
    Report report;
    report.profile = two_indicator_profile();
    report.inputs = {"a.csv"};

    GroupResult g0;
    g0.key = {district, 2023, Stage::primary};
    g0.schools = 2;
    g0.students = 900;
    g0.indicators = {hand_indicator("above_degree_per100", {5}, {0.2}, at_most, true, 2),
                     hand_indicator("equipment_per_student", {2600}, {0.5}, at_most, true, 2)};
    g0.indicators[0].measures = {{0.02}, {0.015}, {0.005}, {0.11}, {0.93}, {1.8}};
    g0.indicators[1].measures = {{0.04}, {0.03}, {0.01}, {0.16}, {0.88}, {2.5}};
    g0.composite = {{0.35}, below, true};
    g0.schools_compliant = 2;
    g0.schools_failing = 0;
    g0.checks = {CheckCount{"class_size", 0, 0}};

    GroupResult g1;
    g1.key = {district, 2024, Stage::primary};
    g1.schools = 4;
    g1.students = 12345;
    g1.excluded = 1;
    g1.indicators = {
        hand_indicator("above_degree_per100", {5.126}, {0.12345}, at_most, true, 4),
        hand_indicator("equipment_per_student", {3199.6}, {0.6044}, at_most, false, 3, 1)};
    g1.indicators[0].measures = {{0.01}, {0.004}, {0.006}, {0.08}, {0.95}, {1.5}};
    g1.indicators[1].measures = {
        {0.2}, {0.125}, {0.075}, {0.3}, {0, NaReason::zero_median}, {0, NaReason::zero_minimum}};
    g1.composite = {{0.363925}, below, true};
    g1.schools_compliant = 2;
    g1.schools_failing = 1;
    g1.schools_not_judged = 1;
    g1.checks = {CheckCount{"class_size", 2, 1}};
    g1.by_area = {AreaSummary{AreaType::urban, 2, 10000, {{5}, {3300}}},
                  AreaSummary{AreaType::town, 1, 345, {{6}, {0, NaReason::no_students}}},
                  AreaSummary{AreaType::rural, 1, 2000, {{4}, {2640}}}};
    g1.pass = false;

    GroupResult g2;
    g2.key = {"西区", std::nullopt, Stage::junior};
    g2.schools = 1;
    g2.students = 500;
    g2.indicators = {hand_indicator("above_degree_per100", {5}, {0, NaReason::too_few_schools},
                                    std::nullopt, std::nullopt, 1),
                     hand_indicator("equipment_per_student", {0, NaReason::no_students},
                                    {0, NaReason::no_students}, std::nullopt, std::nullopt, 0, 1)};
    g2.indicators[0].measures = InequalityMeasures::undefined(NaReason::too_few_schools);
    g2.indicators[1].measures = InequalityMeasures::undefined(NaReason::no_students);
    g2.composite = {{0, NaReason::indicator_na}, std::nullopt, std::nullopt};
    g2.schools_compliant = 0;
    g2.schools_failing = 0;
    g2.schools_not_judged = 1;
    g2.checks = {CheckCount{"class_size", 0, 0}};
    g2.judged = false;
    g2.pass = false;
    report.groups = {g0, g1, g2};

    SchoolResult meets;
    meets.key = g1.key;
    meets.school_id = "0110230017";
    meets.school_name = "甲|小学";
    meets.area_type = AreaType::urban;
    meets.students = 1850;
    meets.values = {5.19, 3734.87};
    meets.statuses = {StandardStatus::reached, StandardStatus::reached};
    meets.reached = 2;
    meets.compliant = true;
    meets.check_values = {45.1219512195122};
    meets.check_statuses = {CheckStatus::fail};
    meets.school_students = 1850;
    meets.source = {0, 2};
    SchoolResult unjudged = meets;
    unjudged.school_id = "0110230018";
    unjudged.school_name = "乙小学";
    unjudged.area_type = AreaType::town;
    unjudged.students = 500;
    unjudged.values = {3.8, kNaN};
    unjudged.statuses = {StandardStatus::above_floor, StandardStatus::missing};
    unjudged.reached = 0;
    unjudged.compliant = std::nullopt;
    unjudged.check_values = {kNaN};
    unjudged.check_statuses = {CheckStatus::missing};
    unjudged.school_students = 500;
    unjudged.source = {0, 3};
    report.schools = {meets, unjudged};

    report.exclusions = {Exclusion{g1.key, "0110260041", "李家村教学点", SchoolType::teaching_point,
                                   AreaType::rural, 23, "small_teaching_point",
                                   "teaching point with fewer than 50 students", SourceRef{0, 39}}};
    report.excluded_by_rule = {{"small_teaching_point", 1}};
    return report;
}

/// The report as a run without --measures makes it: every measure beside the CV not computed.
inline Report without_measures(Report report) {
    for (GroupResult& group : report.groups) {
        for (IndicatorResult& indicator : group.indicators) indicator.measures = {};
    }
    return report;
}

/// Two districts of one year and stage, made for the Theil index across districts. Per
/// indicator (2 sections each district):
///   above_degree_per100:   A 100 students, value 2, T 0.1;  B 100 students, value 6, T 0.02
///   equipment_per_student: A 300 students, value 1000, T 0; B 100 students, value 3000, T 0.05
/// μ = (200 + 600) / 200 = 4 and (300 000 + 300 000) / 400 = 1500, so for teachers s_A = 0.25,
/// s_B = 0.75: within = 0.25·0.1 + 0.75·0.02 = 0.04, between = 0.25 ln 0.5 + 0.75 ln 1.5 =
/// 0.130812…; for equipment s_A = s_B = 0.5: within = 0.5·0.05 = 0.025, between =
/// 0.5 ln(2/3) + 0.5 ln 2 = 0.5 ln(4/3) = 0.143841….
inline Report two_district_report() {
    Report report;
    report.profile = two_indicator_profile();
    report.inputs = {"city.csv"};
    const Limit at_most{0.5, Op::less_equal};
    auto group = [&](const std::string& district, double students[2], double values[2],
                     double theils[2]) {
        GroupResult result;
        result.key = {district, 2024, Stage::primary};
        result.schools = 2;
        result.students = students[0];
        const char* ids[] = {"above_degree_per100", "equipment_per_student"};
        for (int k = 0; k < 2; ++k) {
            IndicatorResult indicator =
                hand_indicator(ids[k], {values[k]}, {0.1}, at_most, true, 2);
            indicator.dispersion.students = students[k];
            indicator.measures = {{theils[k]}, {theils[k]}, {0}, {0.1}, {0.9}, {1.5}};
            result.indicators.push_back(indicator);
        }
        result.composite = {{0.1}, Limit{0.45, Op::less}, true};
        return result;
    };
    double a_students[] = {100, 300}, a_values[] = {2, 1000}, a_theils[] = {0.1, 0};
    double b_students[] = {100, 100}, b_values[] = {6, 3000}, b_theils[] = {0.02, 0.05};
    report.groups = {group("甲区", a_students, a_values, a_theils),
                     group("乙县", b_students, b_values, b_theils)};
    return report;
}

}  // namespace eduqb::test
