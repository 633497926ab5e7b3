// End-to-end through the library: the numbers of the independent reference calculator
// (tests/reference/eduqb_ref.py, exact fractions) must come out of the pipeline.

#include "eduqb/pipeline.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "eduqb/error.hpp"
#include "test_support.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

const GroupResult& find_group(const Report& report, const std::string& district,
                              const std::string& stage) {
    for (const auto& group : report.groups) {
        if (group.key.district == district && to_string(group.key.stage) == stage) return group;
    }
    FAIL("no group " << district << " " << stage);
    throw;
}

double relative_error(double a, double b) {
    return std::abs(a - b) / std::max(std::abs(b), 1e-300);
}

/// Compares every group, indicator, composite and compliance count with an expectation file.
void check_against_reference(const std::string& input, const std::string& profile_id) {
    const Report report = evaluate_files({input}, profile_id);
    std::string stem = input.substr(input.rfind('/') + 1);
    stem = stem.substr(0, stem.size() - 4);
    const auto expected =
        read_csv_rows(source_path("tests/fixtures/expected/" + stem + "." + profile_id + ".csv"));
    REQUIRE_FALSE(expected.empty());
    std::size_t checked = 0;
    for (const auto& row : expected) {
        CAPTURE(input);
        CAPTURE(profile_id);
        CAPTURE(row.at("district"));
        CAPTURE(row.at("stage"));
        CAPTURE(row.at("indicator"));
        const GroupResult& group = find_group(report, row.at("district"), row.at("stage"));
        CHECK(group.schools == std::stol(row.at("schools")));
        CHECK(group.students == std::stod(row.at("students")));
        const std::string& id = row.at("indicator");
        if (id == "schools_compliant") {
            CHECK(group.schools_compliant.value() == std::stol(row.at("value")));
        } else if (id == "schools_failing") {
            CHECK(group.schools_failing.value() == std::stol(row.at("value")));
        } else if (id == "composite") {
            if (row.at("cv").empty()) {
                CHECK_FALSE(group.composite.cv.defined());
            } else {
                CHECK(relative_error(group.composite.cv.value, std::stod(row.at("cv"))) < 1e-12);
            }
        } else {
            const IndicatorResult* found = nullptr;
            for (const auto& indicator : group.indicators) {
                if (indicator.id == id) found = &indicator;
            }
            REQUIRE(found);
            CHECK(relative_error(found->dispersion.value.value, std::stod(row.at("value"))) <
                  1e-12);
            if (row.at("cv").empty()) {
                CHECK_FALSE(found->dispersion.cv.defined());
            } else {
                CHECK(relative_error(found->dispersion.cv.value, std::stod(row.at("cv"))) < 1e-12);
            }
        }
        ++checked;
    }
    CHECK(checked == expected.size());
}

}  // namespace

TEST_CASE("pipeline: data samples agree with the independent reference to 1e-12") {
    for (const char* input :
         {"data-samples/district.csv", "data-samples/city.csv", "tests/fixtures/worked_example.csv",
          "tests/fixtures/cv_boundary.csv", "tests/fixtures/split_example.csv"}) {
        for (const char* profile : {"national-2017", "national-2012", "beijing"}) {
            check_against_reference(input, profile);
        }
    }
}

TEST_CASE("pipeline: worked example, books CV 0.5153 in a whole district") {
    const Report report = evaluate_files({"tests/fixtures/worked_example.csv"}, "national-2012");
    REQUIRE(report.groups.size() == 1);
    const auto& indicators = report.groups[0].indicators;
    const auto books = std::find_if(indicators.begin(), indicators.end(),
                                    [](const auto& i) { return i.id == "books_per_student"; });
    CHECK(books->dispersion.value.value == doctest::Approx(1913.0 / 302).epsilon(1e-15));
    CHECK(books->dispersion.cv.value == doctest::Approx(0.5153).epsilon(1e-4));
}

TEST_CASE("pipeline: CV exactly 0.5 passes ≤ 0.50 and fails Beijing's < 0.50") {
    const Report national = evaluate_files({"tests/fixtures/cv_boundary.csv"}, "national-2017");
    REQUIRE(national.groups.size() == 1);
    for (const auto& indicator : national.groups[0].indicators) {
        CHECK(indicator.dispersion.cv.value == doctest::Approx(0.5).epsilon(1e-15));
        CHECK(indicator.pass == true);
    }
    const Report beijing = evaluate_files({"tests/fixtures/cv_boundary.csv"}, "beijing");
    CHECK(beijing.groups[0].composite.cv.value == doctest::Approx(0.5).epsilon(1e-15));
    CHECK(beijing.groups[0].composite.pass == false);
    CHECK_FALSE(beijing.groups[0].pass);
}

TEST_CASE("pipeline: exclusions are listed with their rule and counted per group") {
    const Report report = evaluate_files({"data-samples/district.csv"}, "national-2017");
    std::map<std::string, int> by_rule;
    for (const auto& excluded : report.exclusions) ++by_rule[excluded.rule_id];
    CHECK(by_rule == std::map<std::string, int>{{"small_teaching_point", 2},
                                                {"special_education", 1},
                                                {"stage_not_evaluated", 2},
                                                {"vocational", 1}});
    CHECK(find_group(report, "城关区", "primary").excluded == 3);
    CHECK(report.excluded_by_rule == std::map<std::string, long>{{"small_teaching_point", 2},
                                                                 {"special_education", 1},
                                                                 {"stage_not_evaluated", 2},
                                                                 {"vocational", 1}});
    CHECK(report.excluded_total() == 6);

    // Without the list (the district summaries), the counts are the same.
    EvaluationOptions counts_only;
    counts_only.keep_exclusions = false;
    const Report counted =
        evaluate_files({"data-samples/district.csv"}, "national-2017", counts_only);
    CHECK(counted.exclusions.empty());
    CHECK(counted.excluded_by_rule == report.excluded_by_rule);
    CHECK(find_group(counted, "城关区", "primary").excluded == 3);

    const Report basic = evaluate_files({"data-samples/district.csv"}, "national-2012");
    by_rule.clear();
    for (const auto& excluded : basic.exclusions) ++by_rule[excluded.rule_id];
    CHECK(by_rule["teaching_point"] == 3);  // every teaching point, also the one with ≥ 50
}

TEST_CASE("pipeline: groups by district, year and stage") {
    std::string csv = kHeader;
    csv += "1,a,东区,2023,primary_school,primary,,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    csv += "2,b,东区,2024,primary_school,primary,,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    csv += "3,c,西区,2024,primary_school,primary,,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    csv += "4,d,西区,2024,junior_school,junior,,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    const Report report = evaluate_text(csv, "national-2017");
    REQUIRE(report.groups.size() == 4);
    CHECK(report.groups[0].key.district == "东区");
    CHECK(report.groups[0].key.year == 2023);
    CHECK(report.groups[3].key.stage == Stage::junior);
    CHECK(report.groups[3].indicators[0].dispersion.cv.na == NaReason::too_few_schools);
}

TEST_CASE("pipeline: input without district and year columns forms one group per stage") {
    const std::string csv =
        "school_id,school_type,stage,students,teachers,teachers_above_degree,teachers_backbone,"
        "teachers_pe_art,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n"
        "1,primary_school,primary,100,6,5,1,1,500,800,250000,3\n"
        "2,primary_school,primary,300,18,15,3,3,1500,2400,750000,9\n";
    const Report report = evaluate_text(csv, "national-2017");
    REQUIRE(report.groups.size() == 1);
    CHECK(report.groups[0].key.district.empty());
    CHECK_FALSE(report.groups[0].key.year);
    CHECK(report.groups[0].indicators[0].dispersion.cv.value == 0);
}

TEST_CASE("pipeline: a column the profile needs is an error naming it and its indicator") {
    const std::string csv =
        "school_id,school_type,stage,students,books\n1,primary_school,primary,5,1\n";
    CHECK_THROWS_WITH_AS(
        evaluate_text(csv, "national-2017"),
        "test.csv:1: column 'teachers_above_degree' (高于规定学历教师数) is "
        "missing; profile 'national-2017' needs it for indicator 'above_degree_per100' (Teachers "
        "above the required degree per 100 students)",
        InputError);
}

TEST_CASE("pipeline: an empty cell is missing, never zero") {
    std::string csv = kHeader;
    csv += "1,a,东区,2024,primary_school,primary,,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    csv += "2,b,东区,2024,primary_school,primary,,300,6,5,1,1,2,,800,250000,3,10,3000,3\n";
    csv += "3,c,东区,2024,primary_school,primary,,200,6,5,1,1,2,1200,800,250000,3,10,3000,3\n";
    CHECK_THROWS_WITH_AS(
        evaluate_text(csv, "national-2017"),
        "test.csv:3:14: error: teaching_area_m2: empty for school 2 (primary), and "
        "indicator teaching_area_per_student needs it; an empty cell is missing, "
        "never zero (--missing skip leaves the school out of that indicator)",
        InputError);

    EvaluationOptions skip;
    skip.missing = MissingPolicy::skip;
    const Report report = evaluate_text(csv, "national-2017", skip);
    const auto& area = report.groups[0].indicators[3];
    CHECK(area.missing == 1);
    CHECK(area.dispersion.schools == 2);
    // Schools 1 and 3 only: X̄ = 1700/300; values 5 and 6 with weights 1/3, 2/3.
    CHECK(area.dispersion.value.value == doctest::Approx(1700.0 / 300).epsilon(1e-15));
    const double mean = 1700.0 / 300;
    const double s =
        std::sqrt((1.0 / 3) * (5 - mean) * (5 - mean) + (2.0 / 3) * (6 - mean) * (6 - mean));
    CHECK(area.dispersion.cv.value == doctest::Approx(s / mean).epsilon(1e-13));
    CHECK(report.groups[0].schools_compliant.value() + report.groups[0].schools_failing.value() ==
          2);
}

TEST_CASE("pipeline: bad cells name file, line, column and what was expected") {
    std::string csv = kHeader;
    csv += "1,a,东区,2024,primary_school,primary,,1o0,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    CHECK_THROWS_WITH_AS(evaluate_text(csv, "national-2017"),
                         "test.csv:2:8: error: students: '1o0' is not a number (expected a number "
                         "such as 1234 or 1234.5)",
                         InputError);
    csv = kHeader;
    csv += "1,a,东区,2024,primary_school,middle,,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    CHECK_THROWS_WITH_AS(evaluate_text(csv, "national-2017"),
                         "test.csv:2:6: error: stage: 'middle' is not a stage (expected primary, "
                         "junior, senior, 小学, 初中 or 高中)",
                         InputError);
    csv = kHeader;
    csv += "1,a,东区,2024,primary_school,primary,,100,6,-5,1,1,2,500,800,250000,3,10,3000,3\n";
    CHECK_THROWS_WITH_AS(
        evaluate_text(csv, "national-2017"),
        "test.csv:2:10: error: teachers_above_degree: '-5' is negative (expected a "
        "number ≥ 0)",
        InputError);
}

TEST_CASE("pipeline: Chinese category values are accepted") {
    std::string csv = kHeader;
    csv += "1,a,东区,2024,小学,小学,城区,100,6,5,1,1,2,500,800,250000,3,10,3000,3\n";
    csv += "2,b,东区,2024,九年一贯制学校,小学,乡村,100,6,5,1,1,2,1050,1680,525000,6,21,6300,3\n";
    csv += "2,b,东区,2024,九年一贯制学校,初中,乡村,100,6,5,1,1,2,1050,1680,525000,6,21,6300,3\n";
    EvaluationOptions keep_schools;
    keep_schools.keep_schools = true;
    const Report report = evaluate_text(csv, "national-2017", keep_schools);
    REQUIRE(report.groups.size() == 2);
    CHECK(report.schools.size() == 3);
    CHECK(report.schools[1].school_type == SchoolType::nine_year);
    CHECK(report.schools[1].area_type == AreaType::rural);
    // 1050 m² split 100 : 110 → primary 500, the same ratio as school 1: CV exactly 0.
    CHECK(report.groups[0].indicators[3].dispersion.cv.value == doctest::Approx(0).epsilon(1e-15));
}

TEST_CASE("pipeline: per-school verdicts, 85 % floor both ways") {
    // School 1 reaches all 7 primary standards; school 2 misses multimedia by a little
    // (2.0 per 100 ≥ 85 % of 2.3 = 1.955) and complies; school 3 misses it by a lot
    // (1.9 < 1.955) and fails; school 4 misses two standards and fails.
    std::string csv = kHeader;
    csv += "1,a,东区,2024,primary_school,primary,,1000,60,50,10,9,0,4500,7500,2000000,23,0,0,20\n";
    csv += "2,b,东区,2024,primary_school,primary,,1000,60,50,10,9,0,4500,7500,2000000,20,0,0,20\n";
    csv += "3,c,东区,2024,primary_school,primary,,1000,60,50,10,9,0,4500,7500,2000000,19,0,0,20\n";
    csv += "4,d,东区,2024,primary_school,primary,,1000,60,50,10,9,0,4400,7400,2000000,23,0,0,20\n";
    EvaluationOptions keep_schools;
    keep_schools.keep_schools = true;
    const Report report = evaluate_text(csv, "national-2017", keep_schools);
    REQUIRE(report.schools.size() == 4);
    CHECK(report.schools[0].compliant == true);
    CHECK(report.schools[0].reached == 7);
    CHECK(report.schools[1].compliant == true);
    CHECK(report.schools[1].statuses[6] == StandardStatus::above_floor);
    CHECK(report.schools[2].compliant == false);
    CHECK(report.schools[2].statuses[6] == StandardStatus::below_floor);
    CHECK(report.schools[3].compliant == false);
    CHECK(report.schools[3].reached == 5);
    CHECK(report.groups[0].schools_compliant == 2);
    CHECK(report.groups[0].schools_failing == 2);
    CHECK_FALSE(report.groups[0].pass);
}

TEST_CASE("pipeline: a group the per-school rule judged no section of is NOT JUDGED") {
    // Both schools lack their multimedia rooms (--missing skip). Every other value is the same
    // per student in both (5 teachers above the degree, 2 backbone, 1 PE/art per 100; 5 m²,
    // 8 m², 2 500 yuan per student), so six CVs are 0 and pass, the seventh is NA; but the
    // per-school rule could judge neither school, so nothing shows the group passes.
    std::string csv = kHeader;
    csv += "1,a,东区,2024,primary_school,primary,,200,12,10,4,2,0,1000,1600,500000,,0,0,5\n";
    csv += "2,b,东区,2024,primary_school,primary,,300,18,15,6,3,0,1500,2400,750000,,0,0,8\n";
    EvaluationOptions skip;
    skip.missing = MissingPolicy::skip;
    skip.keep_schools = true;
    Report report = evaluate_text(csv, "national-2017", skip);
    REQUIRE(report.groups.size() == 1);
    const GroupResult& group = report.groups[0];
    for (std::size_t k = 0; k < 6; ++k) CHECK(group.indicators[k].pass == true);
    CHECK_FALSE(group.indicators[6].pass.has_value());
    CHECK(group.indicators[6].missing == 2);
    CHECK(group.schools_compliant == 0);
    CHECK(group.schools_failing == 0);
    CHECK(group.schools_not_judged == 2);
    CHECK_FALSE(group.judged);
    CHECK_FALSE(group.pass);
    CHECK_FALSE(report.all_pass());
    for (const auto& school : report.schools) {
        CHECK_FALSE(school.compliant.has_value());
        CHECK(school.reached == 6);
        CHECK(school.statuses[6] == StandardStatus::missing);
    }

    SUBCASE("a failing coefficient still makes it FAIL") {
        // Sports ground 200 m² for 200 students (1 per student) and 4 800 for 300 (16):
        // X̄ = 5 000 / 500 = 10, S² = 0.4 · 81 + 0.6 · 36 = 54, CV = √54 / 10 = 0.735 > 0.50.
        std::string failing = kHeader;
        failing += "1,a,东区,2024,primary_school,primary,,200,12,10,4,2,0,1000,200,500000,,0,0,5\n";
        failing +=
            "2,b,东区,2024,primary_school,primary,,300,18,15,6,3,0,1500,4800,750000,,0,0,8\n";
        report = evaluate_text(failing, "national-2017", skip);
        const GroupResult& failed = report.groups.at(0);
        CHECK(failed.indicators[4].dispersion.cv.value == doctest::Approx(std::sqrt(54.0) / 10));
        CHECK(failed.indicators[4].pass == false);
        CHECK(failed.schools_not_judged == 2);
        CHECK(failed.judged);
        CHECK_FALSE(failed.pass);
    }
    SUBCASE("one section judged and meeting the rule: PASS, the other counted as not judged") {
        std::string some = kHeader;
        some += "1,a,东区,2024,primary_school,primary,,200,12,10,4,2,0,1000,1600,500000,6,0,0,5\n";
        some += "2,b,东区,2024,primary_school,primary,,300,18,15,6,3,0,1500,2400,750000,,0,0,8\n";
        report = evaluate_text(some, "national-2017", skip);
        const GroupResult& passed = report.groups.at(0);
        CHECK(passed.schools_compliant == 1);
        CHECK(passed.schools_failing == 0);
        CHECK(passed.schools_not_judged == 1);
        CHECK(passed.judged);
        CHECK(passed.pass);
        CHECK(report.schools[0].compliant == true);
        CHECK_FALSE(report.schools[1].compliant.has_value());
    }
    SUBCASE("a profile without a per-school rule judges the coefficients alone") {
        // national-2012 does not need the multimedia rooms; its other three columns are again
        // the same per student in both schools: every CV and the composite are 0.
        std::string basic = kHeader;
        basic +=
            "1,a,东区,2024,primary_school,primary,,200,12,10,4,2,4,1000,1600,500000,,20,4000,5\n";
        basic +=
            "2,b,东区,2024,primary_school,primary,,300,18,15,6,3,6,1500,2400,750000,,30,6000,8\n";
        report = evaluate_text(basic, "national-2012", skip);
        const GroupResult& judged = report.groups.at(0);
        CHECK_FALSE(judged.schools_compliant.has_value());
        CHECK(judged.schools_not_judged == 0);
        CHECK(judged.composite.cv.value == doctest::Approx(0).epsilon(1e-12));
        CHECK(judged.composite.pass == true);
        CHECK(judged.judged);
        CHECK(judged.pass);
    }
}

TEST_CASE("pipeline: one bad cell of a combined school is one error, not a cascade") {
    // The nine-year school's facilities are on its junior row only, and one of them is not a
    // number. Its primary row, whose facility cells are empty, cannot be split without it.
    std::string csv = kHeader;
    csv += "1,a,东区,2024,primary_school,primary,,200,12,10,4,2,0,1000,1600,500000,6,0,0,5\n";
    csv += "2,b,东区,2024,nine_year,primary,,600,36,30,7,6,20,,,,,,,14\n";
    csv += "2,b,东区,2024,nine_year,junior,,400,34,28,5,4,18,abc,11000,3300000,26,150,27000,9\n";
    CHECK(problems_in(csv) ==
          std::vector<std::string>{"test.csv:4:14: error: teaching_area_m2: 'abc' is not a "
                                   "number (expected a number such as 1234 or 1234.5)"});

    EvaluationOptions skip_invalid;
    skip_invalid.skip_invalid = true;
    skip_invalid.keep_exclusions = true;
    Diagnostics diagnostics;
    const Report report = evaluate_text(csv, "national-2017", skip_invalid, diagnostics);
    CHECK(diagnostics.errors() == 1);
    CHECK(diagnostics.problems().size() == 1);
    REQUIRE(report.exclusions.size() == 2);
    CHECK(report.exclusions[0].source.line == 3);
    CHECK(report.exclusions[0].rule_id == "invalid");
    CHECK(report.exclusions[1].source.line == 4);
    REQUIRE(report.groups.size() == 2);
    CHECK(report.groups[0].schools == 1);
    CHECK(report.groups[0].excluded == 1);
    CHECK(report.groups[1].schools == 0);
    CHECK(report.groups[1].excluded == 1);
}

TEST_CASE("pipeline: SchoolsByGroup finds each group's schools, in the report's order") {
    EvaluationOptions keep;
    keep.keep_schools = true;
    const Report report = evaluate_files({"data-samples/city.csv"}, "national-2017", keep);
    REQUIRE(report.groups.size() > 1);
    const SchoolsByGroup index(report.schools);
    std::size_t found = 0;
    for (const auto& group : report.groups) {
        std::vector<const SchoolResult*> expected;  // the scan the index replaces
        for (const auto& school : report.schools) {
            if (school.key == group.key) expected.push_back(&school);
        }
        CHECK(index.of(group.key) == expected);
        CHECK(static_cast<long>(expected.size()) == group.schools);
        found += expected.size();
    }
    CHECK(found == report.schools.size());

    // Schools out of order still come out by group, each group in its given order.
    std::vector<SchoolResult> shuffled(report.schools.rbegin(), report.schools.rend());
    const SchoolsByGroup reversed(shuffled);
    const GroupKey& first = report.groups.front().key;
    const auto& members = reversed.of(first);
    REQUIRE(!members.empty());
    for (std::size_t i = 1; i < members.size(); ++i) CHECK(members[i - 1] < members[i]);
    for (const SchoolResult* school : members) CHECK(school->key == first);
    CHECK(reversed.of(GroupKey{"no such district", 2024, Stage::primary}).empty());
}
